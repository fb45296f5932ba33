"""Markdown -> Bank: a walk over markdown-it-py's block tokens.

Structure comes from the token stream (headings, paragraphs, fences, HTML blocks), so a
``### 题目 9：`` or ``# comment`` inside a fenced block is code, never a question. The
outline decides which blocks are questions, parts, navigation or text left out; every line
of the file lands in one span, and text no output uses is a finding with its line. Section
bodies are sliced from the source lines the tokens cover: they stay Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .blocks import Block, BlockKind
from .choices import read_choice
from .errors import NotABank, SourceError, SourceErrors
from .front_matter import bank_id, bank_title, read_front_matter
from .languages import canonical_tag, guess_language
from .attributes import (AttributeProblem, difficulty_legend, settings, split_attributes,
                         split_difficulty_mark, split_frequency_mark)
from .ids import assign_ids, slugify
from .flashcards import note_data_lines, property_lines
from .itemized import prompts_nested
from .markers import heading_text
from .model import Bank, Finding, Part, Point, Question
from .preface import long_preface, questions_in_preface
from .outline import Outline
from .points import followups_of, points_of
from .sections import QuestionCutter, join_parts
from .sources import decode_bank, display_path, find_sources
from .spans import account_for_lines
from .structure import parsed, read_structure
from .whole_file import asked_by_file



@dataclass
class Library:
    """The banks of a build, and a note for each file found in a folder that holds no
    question (a README beside the banks) and so was left out."""

    banks: list[Bank]
    notes: list[Finding]


def read_banks(paths: list[str] | None, cache=None, exclude: tuple[str, ...] = ()) -> Library:
    """Every bank under ``paths`` (default ``source/``); all unreadable files are reported
    together in one SourceErrors. With a BuildCache, a file read before is not parsed again.
    A file named on its own that holds no question is an error; one found in a folder is
    left out with a note, as is any file matching an ``exclude`` glob."""
    banks, notes, problems, roots = [], [], [], []
    for path, root in find_sources(paths, exclude):
        try:
            banks.append(read_bank_file(path, cache))
            roots.append(root)
        except NotABank as error:
            if root is None:
                problems.append(error)
            else:
                hint = error.message.partition("; ")[2]  # what the file may be read as, if anything
                notes.append(Finding(error.path, None, "note", "not-a-bank",
                                     "no questions in this file; it is left out" + (f"; {hint}" if hint else "")))
        except SourceError as error:
            problems.append(error)
    if problems:
        raise SourceErrors(problems)
    return Library(_with_unique_keys(banks, roots), notes)


def _with_unique_keys(banks: list[Bank], roots: list[Path | None]) -> list[Bank]:
    """A bank keeps its file's slug as its key unless another bank of the build has the
    same one; then each of them is keyed by its path below the folder it was found in
    (``js/questions``), so that no two notes share a GUID. Front matter ``id:`` wins."""
    counts = Counter(bank.key for bank in banks)
    keyed = []
    for bank, root in zip(banks, roots):
        if counts[bank.key] > 1 and bank.key == bank.slug:
            path = Path(bank.source)
            try:
                relative = path.resolve().relative_to(root.resolve()) if root else path
            except ValueError:
                relative = path
            parts = [slugify(part) or "bank" for part in relative.with_suffix("").parts if part not in ("/", "..")]
            bank = replace(bank, key="/".join(parts))
        keyed.append(bank)
    return keyed


def read_bank_file(path: Path, cache=None) -> Bank:
    """Read one bank file; raises SourceError when it is not a readable bank."""
    source = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", source) from None
    key = cache.bank_key(source, data) if cache else None
    bank = cache.load_bank(key) if cache else None
    if bank is None:
        try:
            text = decode_bank(data, source)
        except NotABank:
            if asked_by_file({}, source) is None:
                raise
            text = ""  # ``11.3.1 什么是复制？.md`` with nothing in it yet: a question with no answer
        bank = read_bank_text(text, source)
        if cache:
            cache.store_bank(key, bank)
    return bank


def read_bank_text(text: str, source: str) -> Bank:
    """Read a bank from its text (already decoded, ``\\n`` line endings)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
    lines = [line.rstrip() for line in text.split("\n")]  # sections keep no trailing spaces
    text = "\n".join(lines)
    env: dict = {}
    tokens = parsed(text, env, source)
    meta, body_start = read_front_matter(tokens, source)
    structure = read_structure(tokens, lines, env, body_start, asked_by_file(meta, source), line_count, source)
    tokens, lines, blocks, outline = structure.tokens, structure.lines, structure.blocks, structure.outline
    walk = _BankWalk(source, lines, tokens, blocks, outline)
    preface = [b for b, region in zip(blocks, outline.regions) if region[0] == "preface"]
    preface_text = walk.markdown_of(preface)
    questions = walk.questions(meta, difficulty_legend(preface_text))
    spans, questions, skipped = account_for_lines(source, blocks, outline, questions, line_count)
    walk.findings.extend(skipped)
    first = outline.units[0]
    in_preface = questions_in_preface(preface, source, blocks[first.start], first.marker.number)
    # Notes with questions in quotes after them are a long preface by design.
    walk.findings.extend(in_preface or ([] if structure.from_quotes else long_preface(spans, preface, source)))
    walk.findings.extend(Finding(source, blocks[index].start + 1, "warning", "heading-level",
                                 f"“{heading_text(blocks[index])}” is a level-{level} heading between questions of "
                                 f"level {blocks[index].level}; it is read as one of them")
                         for index, level in outline.relevelled)
    return Bank(
        source=source,
        title=bank_title(meta, preface, source),
        language=canonical_tag(str(meta.get("language") or guess_language(text))),
        tags=meta.get("tags") or (),
        preface=preface_text,
        questions=tuple(questions),
        findings=tuple(walk.findings),
        link_definitions=tuple((label, ref["href"], ref["title"]) for label, ref in env.get("references", {}).items()),
        footnotes=tuple((block.content, "\n".join(lines[block.start:block.end]))
                        for block in blocks if block.kind is BlockKind.FOOTNOTE),
        parts=tuple(walk.parts()),
        spans=tuple(spans),
        key=bank_id(meta, source),
    )


class _BankWalk:
    """Cuts the outline's questions into sections, with their parts and settings."""

    def __init__(self, source: str, lines: list[str], tokens, blocks: list[Block], outline: Outline):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.blocks = blocks
        self.outline = outline
        self.findings: list[Finding] = []

    def questions(self, meta: dict, legend: dict[str, str]) -> list[Question]:
        """The questions, each with its part and its settings: those written after its
        title (``{#id minutes=5 difficulty=hard tags=rag}``), then its marks (``【高频】``, a
        symbol the preface's ``legend`` gives a difficulty), over the bank's front matter;
        its tags are the bank's and its own; its points, follow-ups and choices, read from
        its sections (the cutter knows the list items of the sections it read whole)."""
        units = self.outline.units
        titles, explicit, own = [], [], []
        for unit in units:
            title, given, pairs = split_attributes(unit.marker.title)
            title, frequency = split_frequency_mark(title)
            title, difficulty = split_difficulty_mark(title, legend)
            marks = {"frequency": frequency, "difficulty": difficulty}
            try:
                own.append({**{key: value for key, value in marks.items() if value}, **settings(pairs)})
            except AttributeProblem as problem:
                raise SourceError(str(problem), self.source, self.blocks[unit.start].start + 1) from None
            titles.append(title)
            explicit.append(given)
        self._check_fences()
        items = [self.blocks[unit.start] for unit in units if self.blocks[unit.start].kind is BlockKind.ITEM]
        cutter = QuestionCutter(self.source, self.lines, self.tokens, self._recurring_headings(),
                                prompts_nested(self.tokens, items))
        parts = self.outline.parts
        drafts = [replace(cutter.cut(self.blocks[unit.start], self.blocks[unit.start + 1:unit.end],
                                     unit.marker.number, title, unit.leading_kind,
                                     None if unit.answer_from is None else self.blocks[unit.answer_from]),
                          part=None if unit.part is None else parts[unit.part].title)
                  for unit, title in zip(units, titles)]
        # ``#### 问题1`` over ``**问题**：什么是动态规划？``: the question's first line is its title.
        titles = [title or _first_line(draft.question) for title, draft in zip(titles, drafts)]
        drafts = [draft if draft.title == title else replace(draft, title=title) for draft, title in zip(drafts, titles)]
        self.findings.extend(self._properties_left_out(units))
        ids = assign_ids(titles, explicit, [draft.question or "" for draft in drafts])
        bank_tags = meta.get("tags") or ()
        choices = [read_choice(draft) for draft in drafts]
        return [replace(draft, id=question_id, tags=bank_tags + tuple(t for t in mine.get("tags", ()) if t not in bank_tags),
                        minutes=mine.get("minutes", meta.get("minutes")),
                        difficulty=mine.get("difficulty", meta.get("difficulty")),
                        frequency=mine.get("frequency", meta.get("frequency")),
                        points=_points(draft, choice, cutter.items), followups=followups_of(draft, cutter.items),
                        **choice)
                for draft, question_id, mine, choice in zip(drafts, ids, own, choices)]

    def _properties_left_out(self, units) -> list[Finding]:
        """Logseq's block properties under the question items (``card-repeats:: 1``) and the
        data lines of Obsidian_to_Anki's notes (``Basic``, ``<!--ID: …-->``): what the cards
        leave out, said once for each tool with its first line."""
        findings = []
        for tool, lines in (
                ("Logseq block properties", [line for unit in units if self.blocks[unit.start].kind is BlockKind.ITEM
                                             for line in property_lines(self.blocks[unit.start], self.lines)]),
                ("Obsidian_to_Anki note data", [line for unit in units
                                                for line in note_data_lines(self.blocks[unit.start], self.lines)])):
            if lines:
                findings.append(Finding(self.source, lines[0], "note", "outliner-data",
                                        f"{len(lines)} line{'s' * (len(lines) > 1)} of {tool} "
                                        f"(“{self.lines[lines[0] - 1].strip()}”) left out of the cards: the tool's data"))
        return findings

    def _recurring_headings(self) -> set[str]:
        """Sub-headings that recur across questions ("Good to hear", "参考") name sections;
        a one-off sub-heading ("优点", "var") is structure inside the answer."""
        counts: dict[str, int] = {}
        units = self.outline.units
        for unit in units:
            texts = {heading_text(block) for block in self.blocks[unit.start + 1:unit.end]
                     if block.kind is BlockKind.HEADING}
            for text in texts:
                counts[text] = counts.get(text, 0) + 1
        needed = max(2, len(units) // 10)
        return {text for text, count in counts.items() if count >= needed}

    def parts(self) -> list[Part]:
        """Each part with the text between its heading and its first question."""
        heading_of = {index for part in self.outline.parts for index in (part.index, *part.groups)}
        texts: dict[int, list[Block]] = {}
        first: dict[int, int] = {}  # its first block: a heading that groups it, else its own
        for index, (kind, ref) in enumerate(self.outline.regions):
            if kind == "part":
                first.setdefault(ref, index)
                if index not in heading_of:
                    texts.setdefault(ref, []).append(self.blocks[index])
        return [Part(part.title, self.blocks[first.get(number, part.index)].start + 1,
                     self.markdown_of(texts.get(number, [])))
                for number, part in enumerate(self.outline.parts)]

    def markdown_of(self, blocks: list[Block]) -> str:
        parts = []
        for block in blocks:
            if block.kind is BlockKind.DETAILS_OPEN:
                if block.inline_text:
                    parts.append(block.inline_text)
            elif block.kind is not BlockKind.DETAILS_CLOSE:
                parts.append("\n".join(self.lines[block.start:block.end]))
        return join_parts(parts)

    def _check_fences(self) -> None:
        """Report each fence that is never closed: an error when the rest of the file is
        read as code, a warning when the list item or quote around it ends it."""
        for token in self.tokens:
            if token.type != "fence" or not token.map:
                continue
            start, end = token.map
            closing = re.sub(r"^[\s>]*", "", self.lines[end - 1]) if end - 1 > start else ""
            fence_char, length = token.markup[0], len(token.markup)
            if re.fullmatch(re.escape(fence_char) + "{%d,}\\s*" % length, closing):
                continue
            if any(line.strip() for line in self.lines[end:]):
                self.findings.append(Finding(
                    self.source, start + 1, "warning", "unclosed-fence",
                    f"code fence {token.markup} opened here is not closed: the code ends with the list item "
                    f"or quote around it, at line {end}"))
            else:
                self.findings.append(Finding(
                    self.source, start + 1, "error", "unclosed-fence",
                    f"code fence {token.markup} opened here is never closed; the rest of the file is read as code",
                ))


def _points(draft: Question, choice: dict, known: dict[str, list[str]]) -> tuple[Point, ...]:
    """A choice question is marked on its reason (its options, ticked or not, are no points)."""
    if choice.get("options"):
        return points_of(replace(draft, answer=choice.get("reason")), known)
    return points_of(draft, known)


def _first_line(markdown: str | None) -> str:
    return next((line.strip() for line in (markdown or "").split("\n") if line.strip()), "")
