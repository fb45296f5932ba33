"""Markdown -> Bank: a walk over markdown-it-py's block tokens.

Structure comes from the token stream (headings, paragraphs, fences, HTML blocks), so a
``### 题目 9：`` or ``# comment`` inside a fenced block is code, never a question. Section
bodies are sliced from the source lines the tokens cover: they stay Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from . import labels
from .blocks import Block, BlockKind, inline_tokens, is_navigation, split_blocks
from .errors import SourceError
from .ids import assign_ids, split_explicit_id
from .model import Bank, CodeBlock, ExtraSection, Finding, Question
from .sources import SourceErrors, decode_bank, display_path, find_sources

# Inline parsing is the costly half of markdown-it; the reader needs it only for the few
# headings and bold lines it inspects, so the block parser skips it.
_BLOCK_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_BLOCK_PARSER.disable(["inline", "text_join"])

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def read_banks(paths: list[str] | None) -> list[Bank]:
    """Every bank under ``paths`` (default ``source/``); all unreadable files are reported
    together in one SourceErrors."""
    banks, problems = [], []
    for path in find_sources(paths):
        try:
            banks.append(read_bank_file(path))
        except SourceError as error:
            problems.append(error)
    if problems:
        raise SourceErrors(problems)
    return banks


def read_bank_file(path: Path) -> Bank:
    """Read one bank file; raises SourceError when it is not a readable bank."""
    source = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", source) from None
    return read_bank_text(decode_bank(data, source), source)


def read_bank_text(text: str, source: str) -> Bank:
    """Read a bank from its text (already decoded, ``\\n`` line endings)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        tokens = _BLOCK_PARSER.parse(text)
    except RecursionError:
        raise SourceError("the Markdown nests too deeply to read", source) from None
    lines = text.split("\n")
    meta, body_start = _front_matter(tokens, source)
    blocks = split_blocks(tokens, lines, body_start)
    walk = _BankWalk(source, lines, tokens, blocks)
    questions = walk.questions()
    if not questions:
        raise SourceError("no questions found (see README: input format)", source)
    preface_end = walk.first_question_block()
    preface_blocks = [b for b in blocks[:preface_end] if b.kind is not BlockKind.FRONT_MATTER]
    tags = _tags(meta.get("tags"))
    return Bank(
        source=source,
        title=_bank_title(meta, preface_blocks, source),
        language=str(meta.get("language") or _guess_language(text)),
        tags=tags,
        preface=walk.markdown_of(preface_blocks),
        questions=tuple(replace(question, tags=tags) for question in questions),
        findings=tuple(walk.findings),
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
    if meta.get("title"):
        return str(meta["title"]).strip()
    headings = [b for b in preface if b.kind is BlockKind.HEADING and b.content.strip()]
    for wanted in (1, 2):
        for block in headings:
            if block.level == wanted:
                return labels.strip_leading_tags(block.content).strip()
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
    bold_rest: str | None = None  # text after a bold marker, on its own paragraph
    sections: list[tuple[str, str, list[str], int]] = field(default_factory=list)


class _BankWalk:
    """Decides which blocks open questions and cuts the document into sections."""

    def __init__(self, source, lines, tokens, blocks):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.blocks = blocks
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
                elif labels.split_label(block.content) or labels.section_kind(block.content):
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

    def _direct_body(self, index: int, keyword) -> list[Block]:
        """The blocks after a heading, up to the next heading or question marker."""
        body = []
        for next_index in range(index + 1, len(self.blocks)):
            block = self.blocks[next_index]
            if next_index in keyword or (block.kind is BlockKind.HEADING and not block.in_details):
                break
            body.append(block)
        return body

    def _has_answer_evidence(self, index: int, keyword) -> bool:
        """A question or answer label, or a folded answer, right under the heading."""
        for block in self._direct_body(index, keyword):
            if block.kind is BlockKind.DETAILS_OPEN and not is_navigation(self._details_body(block)):
                return True
            if block.kind is BlockKind.PARAGRAPH and block.bold is not None:
                label = labels.bold_label(*block.bold)
                if label and labels.section_kind(label[0]) in ("question", "answer"):
                    return True
        return False

    def _details_body(self, opening: Block) -> list[Block]:
        start = self.blocks.index(opening)
        body = []
        for block in self.blocks[start + 1:]:
            if block.kind is BlockKind.DETAILS_CLOSE and block.depth == opening.depth:
                break
            body.append(block)
        return body

    def _markers_by_level(self, weak, keyword) -> dict[int, labels.Marker]:
        """No labels anywhere: the questions are the headings of the level that holds the
        most headings with a body of their own (a table of contents is not a body)."""
        with_body: dict[int, list[int]] = {}
        for index in weak:
            body = self._direct_body(index, keyword)
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

    def questions(self) -> list[Question]:
        units = self._units()
        self._section_headings = self._recurring_headings(units)
        explicit = []
        titles = []
        for unit in units:
            title, given = split_explicit_id(unit.title)
            unit.title = title
            titles.append(title)
            explicit.append(given)
        drafts = [self._question(unit, "") for unit in units]
        ids = assign_ids(titles, explicit, [draft.question or "" for draft in drafts])
        self._check_fences()
        return [replace(draft, id=question_id) for draft, question_id in zip(drafts, ids)]

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
            texts = {_heading_text(block) for block in self.blocks[unit.marker_index + 1:unit.end]
                     if block.kind is BlockKind.HEADING}
            for text in texts:
                counts[text] = counts.get(text, 0) + 1
        needed = max(2, len(units) // 10)
        return {text for text, count in counts.items() if count >= needed}

    def _ends_question(self, opening: Block, block: Block) -> bool:
        if block.kind is not BlockKind.HEADING or block.in_details:
            return False
        if labels.split_label(block.content) or labels.section_kind(block.content):
            return False
        if opening.kind is BlockKind.HEADING:
            return block.level <= opening.level
        return True

    def _question(self, unit: _Unit, question_id: str) -> Question:
        opening = self.blocks[unit.marker_index]
        sections: dict[str, list[str]] = {}
        section_lines: dict[str, int] = {}
        extras: list[tuple[str, list[str], int]] = []
        code: list[CodeBlock] = []
        current: list[str] | None = None
        leading: list[str] = []
        leading_line = 0
        leading_code: list[tuple] = []
        current_name = None

        def start(kind_or_label: str, is_extra: bool, first_text: str, line: int):
            nonlocal current, current_name
            if is_extra:
                current = [first_text] if first_text else []
                extras.append((kind_or_label, current, line))
                current_name = kind_or_label
            elif kind_or_label in sections:
                current = sections[kind_or_label]
                if first_text:
                    current.append(first_text)
                current_name = kind_or_label
            else:
                current = [first_text] if first_text else []
                sections[kind_or_label] = current
                section_lines[kind_or_label] = line
                current_name = kind_or_label

        if opening.kind is BlockKind.PARAGRAPH:
            rest = self._paragraph_after_bold(opening)
            if rest:
                leading.append(rest)

        body = self.blocks[unit.marker_index + 1:unit.end]
        labelled = any(self._opens_main_section(block) for block in body)
        for block in body:
            label = self._label_of(block, labelled)
            if label:
                name, first_text = label
                kind = labels.section_kind(name)
                if block.kind is BlockKind.DETAILS_OPEN and kind is None:
                    kind = "answer" if "answer" not in sections else None
                start(kind or name, kind is None, first_text, block.start + 1)
                self._collect_code(block, current_name, code, leading_code, current is None)
                continue
            if self._is_noise(block):
                continue
            text = self.markdown_of([block])
            if current is None:
                leading.append(text)
                leading_line = leading_line or block.start + 1
            else:
                current.append(text)
            self._collect_code(block, current_name, code, leading_code, current is None)

        # Text before the first label is the question's body when an answer or question is
        # labelled; with no labels at all the heading is the question and the body the answer.
        leading_kind = "question" if ("answer" in sections or "question" in sections) else "answer"
        if leading:
            if leading_kind in sections:
                sections[leading_kind][:0] = leading
            else:
                sections[leading_kind] = leading
                section_lines[leading_kind] = leading_line or opening.start + 1
        for lang, text, line in leading_code:
            code.append(CodeBlock(lang, text, leading_kind, line))
        code.sort(key=lambda block: block.line)

        values = {kind: _join(parts) for kind, parts in sections.items()}
        if values.get("question") is None:
            values["question"] = unit.title
        return Question(
            id=question_id,
            number=unit.number,
            title=unit.title,
            line=opening.start + 1,
            source=self.source,
            question=values.get("question"),
            answer=values.get("answer"),
            example=values.get("example"),
            explanation=values.get("explanation"),
            extra=tuple(ExtraSection(label, _join(parts), line) for label, parts, line in extras),
            code=tuple(code),
            section_lines=tuple(sorted(section_lines.items(), key=lambda item: item[1])),
        )

    def _label_of(self, block: Block, labelled: bool) -> tuple[str, str] | None:
        """The (label, first text) a block opens a section with, or None for content.

        In a question with no question or answer label (the heading is the question, the
        body the answer), a one-off ``**优点：**`` is part of the answer, not a section."""
        if block.kind is BlockKind.PARAGRAPH and block.bold is not None:
            label = labels.bold_label(*block.bold)
            if label and (labelled or labels.section_kind(label[0])):
                return label[0], self._paragraph_after_bold(block)
        elif block.kind is BlockKind.HEADING:
            split = labels.split_label(block.content)
            if split:
                return split
            text = _heading_text(block)
            if labels.section_kind(text) or text in self._section_headings:
                return text, ""
        elif block.kind is BlockKind.DETAILS_OPEN:
            return block.summary or "answer", block.inline_text
        return None

    def _opens_main_section(self, block: Block) -> bool:
        if block.kind is BlockKind.DETAILS_OPEN:
            return True
        if block.kind is BlockKind.PARAGRAPH and block.bold is not None:
            label = labels.bold_label(*block.bold)
            return bool(label) and labels.section_kind(label[0]) in ("question", "answer")
        return block.kind is BlockKind.HEADING and labels.split_label(block.content) is not None

    def _paragraph_after_bold(self, block: Block) -> str:
        """The paragraph's Markdown with its leading bold label or marker removed."""
        first, *rest = self.lines[block.start:block.end]
        first = re.sub(r"^\s{0,3}(\*\*|__)(.*?)\1\s*[：:]?[ \t]*", "", first, count=1)
        return _join([first, *rest] if first.strip() else rest) or ""

    def _is_noise(self, block: Block) -> bool:
        """Separators, bare tags and 'back to top' links carry nothing for a card."""
        if block.kind in (BlockKind.HR, BlockKind.DETAILS_CLOSE) or block.is_tag_only:
            return True
        return block.kind is BlockKind.PARAGRAPH and is_navigation([block])

    def _collect_code(self, block: Block, section, code, leading_code, is_leading):
        for token in self.tokens[block.first:block.last + 1]:
            if token.type in ("fence", "code_block") and token.map:
                lang = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
                lang = lang.strip("{}.")
                text = "\n".join(line.rstrip() for line in token.content.split("\n"))
                entry = (lang, text, token.map[0] + 1)
                if is_leading or section is None:
                    leading_code.append(entry)
                else:
                    code.append(CodeBlock(lang, text, section, token.map[0] + 1))

    def markdown_of(self, blocks: list[Block]) -> str:
        parts = []
        for block in blocks:
            if block.kind is BlockKind.DETAILS_OPEN:
                if block.inline_text:
                    parts.append(block.inline_text)
            elif block.kind is not BlockKind.DETAILS_CLOSE:
                parts.append("\n".join(line.rstrip() for line in self.lines[block.start:block.end]))
        return _join(parts) or ""

    def _check_fences(self) -> None:
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


def _heading_text(block: Block) -> str:
    return labels.strip_leading_tags(block.content).strip()


def _join(parts: list[str]) -> str:
    """Blocks joined by one blank line, trailing spaces dropped; "" for a labelled but empty section."""
    if not parts:
        return ""
    text = "\n\n".join(part.strip("\n") for part in parts if part.strip())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
