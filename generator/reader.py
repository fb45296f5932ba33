"""Markdown -> Bank: a walk over markdown-it-py's block tokens.

Structure comes from the token stream (headings, paragraphs, fences, HTML blocks), so a
``### 题目 9：`` or ``# comment`` inside a fenced block is code, never a question. Section
bodies are sliced from the source lines the tokens cover: they stay Markdown.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from . import labels
from .block_parse import parse_blocks
from .blocks import Block, BlockKind, SectionTokens, html_heading, is_navigation, split_blocks
from .errors import SourceError
from .ids import assign_ids, split_explicit_id
from .model import Bank, Finding, Question
from .sections import QuestionCutter, heading_text, is_label_heading, join_parts, opens_main_section
from .sources import SourceErrors, decode_bank, display_path, find_sources

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def read_banks(paths: list[str] | None, cache=None, section_tokens: SectionTokens | None = None,
               jobs: int = 1) -> list[Bank]:
    """Every bank under ``paths`` (default ``source/``); all unreadable files are reported
    together in one SourceErrors. With a BuildCache, a file read before is not parsed again;
    with SectionTokens, the tokens of each section parsed now are kept for rendering. A long
    file is parsed by up to ``jobs`` processes."""
    banks, problems = [], []
    with _collector_paused():
        for path in find_sources(paths):
            try:
                banks.append(read_bank_file(path, cache, section_tokens, jobs))
            except SourceError as error:
                problems.append(error)
    if problems:
        raise SourceErrors(problems)
    return banks


@contextmanager
def _collector_paused():
    """Reading makes millions of objects that live on (tokens, blocks, records) and no
    garbage cycles; the cyclic collector would only walk them again and again as they grow
    (a quarter of a long read's time, a tenth even with cli's raised thresholds). Frozen
    afterwards, they are not walked later either, here or in a forked worker (where the walk
    would also copy every page it touches); reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def read_bank_file(path: Path, cache=None, section_tokens: SectionTokens | None = None, jobs: int = 1) -> Bank:
    """Read one bank file; raises SourceError when it is not a readable bank."""
    source = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", source) from None
    key = cache.bank_key(source, data) if cache else None
    bank = cache.load_bank(key) if cache else None
    if bank is None:
        bank = read_bank_text(decode_bank(data, source), source, section_tokens, jobs)
        if cache:
            cache.store_bank(key, bank)
    return bank


def read_bank_text(text: str, source: str, section_tokens: SectionTokens | None = None, jobs: int = 1) -> Bank:
    """Read a bank from its text (already decoded, ``\\n`` line endings)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Sections keep no trailing spaces; parsing the text they are cut from gives the
    # tokens of exactly that Markdown, which rendering can then reuse.
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    env: dict = {}
    try:
        tokens = parse_blocks(text, env, jobs)
    except RecursionError:
        raise SourceError("the Markdown nests too deeply to read", source) from None
    meta, body_start = _front_matter(tokens, source)
    blocks = split_blocks(tokens, lines, body_start)
    walk = _BankWalk(source, lines, tokens, blocks, section_tokens)
    tags = _tags(meta.get("tags"))
    questions = walk.questions(tags)
    if not questions:
        raise SourceError("no questions found (see README: input format)", source)
    preface_end = walk.first_question_block()
    preface_blocks = [b for b in blocks[:preface_end] if b.kind is not BlockKind.FRONT_MATTER]
    return Bank(
        source=source,
        title=_bank_title(meta, preface_blocks, source),
        language=str(meta.get("language") or _guess_language(text)),
        tags=tags,
        preface=walk.markdown_of(preface_blocks),
        questions=tuple(questions),
        findings=tuple(walk.findings),
        link_definitions=tuple((label, ref["href"], ref["title"]) for label, ref in env.get("references", {}).items()),
    )


def _front_matter(tokens, source: str) -> tuple[dict, int]:
    if not tokens or tokens[0].type != "front_matter":
        return {}, 0
    token = tokens[0]
    try:
        meta = yaml.safe_load(token.content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = token.map[0] + 2 + mark.line if mark else token.map[0] + 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SourceError(f"front matter is not valid YAML: {problem}", source, line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a YAML mapping (key: value)", source, token.map[0] + 1)
    return meta, token.map[1]


def _tags(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        value = [value]
    return tuple(str(tag).strip() for tag in value if str(tag).strip())


def _bank_title(meta: dict, preface: list[Block], source: str) -> str:
    """Front matter's title, else the preface's first level-1 heading (Markdown or an HTML
    ``<h1>``), else a level-2 heading that opens the file, else the file's name."""
    if meta.get("title"):
        return str(meta["title"]).strip()
    for block in preface:
        if block.kind is BlockKind.HEADING and block.level == 1 and block.content.strip():
            return labels.strip_leading_tags(block.content).strip()
        if block.kind is BlockKind.HTML and html_heading(block.content):
            return html_heading(block.content)
    if preface and preface[0].kind is BlockKind.HEADING and preface[0].level == 2:
        return labels.strip_leading_tags(preface[0].content).strip()
    return Path(source).stem


def _guess_language(text: str) -> str:
    sample = text[:200_000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk * 4 >= latin and cjk else "en"


@dataclass
class _Unit:
    """The blocks of one question, from its marker to the block before the next boundary."""

    marker_index: int
    end: int
    number: int | None
    title: str


class _BankWalk:
    """Decides which blocks open questions and cuts the document into sections."""

    def __init__(self, source, lines, tokens, blocks, section_tokens=None):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.blocks = blocks
        self.section_tokens = section_tokens
        self.findings: list[Finding] = []
        self._markers = self._find_markers()

    # -- which blocks open a question ---------------------------------------------------

    def _find_markers(self) -> dict[int, labels.Marker]:
        keyword, weak = {}, {}
        for index, block in enumerate(self.blocks):
            if block.in_details:
                continue
            if block.kind is BlockKind.HEADING:
                marker = labels.heading_marker(block.content)
                if marker.strength == "keyword":
                    keyword[index] = marker
                elif is_label_heading(block):
                    continue
                elif block.level >= 2:
                    weak[index] = marker
            elif block.kind is BlockKind.PARAGRAPH and block.bold is not None:
                marker = labels.bold_marker(*block.bold)
                if marker:
                    keyword[index] = marker
        evidenced = {i: m for i, m in weak.items() if self._has_answer_evidence(i, keyword)}
        if keyword or evidenced:
            return dict(sorted({**keyword, **evidenced}.items()))
        return self._markers_by_level(weak, keyword)

    def _direct_body(self, index: int, keyword) -> range:
        """Indexes of the blocks after a heading, up to the next heading or question marker."""
        end = index + 1
        while end < len(self.blocks):
            block = self.blocks[end]
            if end in keyword or (block.kind is BlockKind.HEADING and not block.in_details):
                break
            end += 1
        return range(index + 1, end)

    def _has_answer_evidence(self, index: int, keyword) -> bool:
        """A question or answer label, or a folded answer, right under the heading."""
        for position in self._direct_body(index, keyword):
            block = self.blocks[position]
            if block.kind is BlockKind.DETAILS_OPEN and not is_navigation(self._details_body(position)):
                return True
            if opens_main_section(block) and block.kind is BlockKind.PARAGRAPH:
                return True
        return False

    def _details_body(self, opening: int) -> list[Block]:
        depth = self.blocks[opening].depth
        body = []
        for block in self.blocks[opening + 1:]:
            if block.kind is BlockKind.DETAILS_CLOSE and block.depth == depth:
                break
            body.append(block)
        return body

    def _markers_by_level(self, weak, keyword) -> dict[int, labels.Marker]:
        """No labels anywhere: the questions are the headings of the level that holds the
        most headings with a body of their own (a table of contents is not a body)."""
        with_body: dict[int, list[int]] = {}
        for index in weak:
            body = [self.blocks[i] for i in self._direct_body(index, keyword)]
            if self._has_content(body) and not is_navigation(body):
                with_body.setdefault(self.blocks[index].level, []).append(index)
        if not with_body:
            return {}
        level = max(with_body, key=lambda lvl: (len(with_body[lvl]), -lvl))
        return {i: weak[i] for i in with_body[level]}

    @staticmethod
    def _has_content(body: list[Block]) -> bool:
        return any(b.kind not in (BlockKind.HR, BlockKind.DETAILS_CLOSE) and not b.is_tag_only for b in body)

    def first_question_block(self) -> int:
        return next(iter(self._markers), len(self.blocks))

    # -- cutting questions into sections -------------------------------------------------

    def questions(self, tags: tuple[str, ...]) -> list[Question]:
        """The questions, each with the bank's ``tags``."""
        units = self._units()
        explicit = []
        titles = []
        for unit in units:
            title, given = split_explicit_id(unit.title)
            unit.title = title
            titles.append(title)
            explicit.append(given)
        # An unclosed fence keeps the file's trailing blank lines, which a section's text
        # drops: its tokens are not that text's (and the error stops the build anyway).
        unclosed = self._check_fences()
        cutter = QuestionCutter(self.source, self.lines, self.tokens, self._recurring_headings(units),
                                None if unclosed else self.section_tokens)
        drafts = [cutter.cut(self.blocks[unit.marker_index], self.blocks[unit.marker_index + 1:unit.end],
                             unit.number, unit.title) for unit in units]
        ids = assign_ids(titles, explicit, [draft.question or "" for draft in drafts])
        return [replace(draft, id=question_id, tags=tags) for draft, question_id in zip(drafts, ids)]

    def _units(self) -> list[_Unit]:
        starts = list(self._markers)
        units = []
        for position, start in enumerate(starts):
            limit = starts[position + 1] if position + 1 < len(starts) else len(self.blocks)
            opening = self.blocks[start]
            end = start + 1
            while end < limit and not self._ends_question(opening, self.blocks[end]):
                end += 1
            marker = self._markers[start]
            units.append(_Unit(start, end, marker.number, marker.title))
        return units

    def _recurring_headings(self, units: list[_Unit]) -> set[str]:
        """Sub-headings that recur across questions ("Good to hear", "参考") name sections;
        a one-off sub-heading ("优点", "var") is structure inside the answer."""
        counts: dict[str, int] = {}
        for unit in units:
            texts = {heading_text(block) for block in self.blocks[unit.marker_index + 1:unit.end]
                     if block.kind is BlockKind.HEADING}
            for text in texts:
                counts[text] = counts.get(text, 0) + 1
        needed = max(2, len(units) // 10)
        return {text for text, count in counts.items() if count >= needed}

    def _ends_question(self, opening: Block, block: Block) -> bool:
        if block.kind is not BlockKind.HEADING or block.in_details or is_label_heading(block):
            return False
        if opening.kind is BlockKind.HEADING:
            return block.level <= opening.level
        return True

    def markdown_of(self, blocks: list[Block]) -> str:
        parts = []
        for block in blocks:
            if block.kind is BlockKind.DETAILS_OPEN:
                if block.inline_text:
                    parts.append(block.inline_text)
            elif block.kind is not BlockKind.DETAILS_CLOSE:
                parts.append("\n".join(self.lines[block.start:block.end]))
        return join_parts(parts)

    def _check_fences(self) -> bool:
        """Report each fence that is never closed; True when there is one."""
        unclosed = False
        for token in self.tokens:
            if token.type != "fence" or not token.map:
                continue
            start, end = token.map
            closing = re.sub(r"^[\s>]*", "", self.lines[end - 1]) if end - 1 > start else ""
            fence_char, length = token.markup[0], len(token.markup)
            if not re.fullmatch(re.escape(fence_char) + "{%d,}\\s*" % length, closing):
                self.findings.append(Finding(
                    self.source, start + 1, "error", "unclosed-fence",
                    f"code fence {token.markup} opened here is never closed; the rest of the file is read as code",
                ))
                unclosed = True
        return unclosed
