"""One question's blocks -> its sections (question, answer, example, explanation, extras).

The reader decides where a question starts and ends; this module decides which label each
piece of text falls under, keeping every section as the Markdown source it came from. A label
may open any line of a paragraph (``【答案】B`` on the line after ``【题目】…``) or of a blockquote
(``> **答案**：…``), be a heading below the question's (``#### 答案``), or a fold's ``<summary>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from . import labels, markers
from .attributes import without_attributes
from .blocks import Block, BlockKind, fence_language
from .itemized import item_sections, row_sections
from .model import CodeBlock, ExtraSection, Question
from .markers import heading_text, is_label_heading, opens_main_section
from .navigation import is_navigation, is_toggle
from .points import items_of_tokens
from .quotes import QUOTE_MARK

# The bold that opens a paragraph and the colon or full stop right after it (``**2) Factorial**. …``).
_LEADING_BOLD = re.compile(r"^\s{0,3}(\*\*|__)(.*?)\1\s*[：:.．]?[ \t]*")
# Lines of closing tags alone (``</b></details>``) that end a folded answer's last paragraph.
_CLOSING_TAGS = re.compile(r"(?m)^[ \t]*(?:</(?:b|strong|p|div|details)>[ \t]*)+$\n?", re.I)
_LETTER = re.compile(r"[^\W\d_]")
def join_parts(parts: list[str]) -> str:
    """Blocks joined by one blank line; "" when nothing is left. The reader has already
    dropped trailing spaces from every line."""
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


def _is_plain(text: str) -> bool:
    """Whether every line opens with a letter: one paragraph that, joined before other blocks,
    changes none of them (no list, fence, HTML or table opens)."""
    return all(_LETTER.match(line) for line in text.split("\n"))


@dataclass
class _Piece:
    """Text of one section from one block: a whole block, or the lines of a paragraph or
    quote from one label to the next. ``label`` is None for text under no label."""

    label: str | None
    text: str
    line: int


# A section's text from one block: the block itself when the text is that whole block.
_Part = tuple[str, Optional[Block]]


@dataclass
class _Sections:
    """Collects sections in document order as pieces arrive. Pieces before the first label
    are "leading": their section is decided once the whole question has been seen."""

    main: dict[str, list[_Part]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    extras: list[tuple[str, list[_Part], int]] = field(default_factory=list)
    leading: list[_Part] = field(default_factory=list)
    leading_line: int = 0
    current: list[_Part] | None = None
    name: str | None = None  # the section text now goes to; None while leading
    left_out: bool = False  # a block was left out since the last part

    def open(self, label: str, kind: str | None, line: int) -> None:
        self.left_out = False
        if kind is None:
            self.current = []
            self.extras.append((label, self.current, line))
        else:
            self.current = self.main.setdefault(kind, [])
            self.lines.setdefault(kind, line)
        self.name = kind or label

    def add(self, text: str, line: int, block: Block | None = None) -> None:
        target = self.leading if self.current is None else self.current
        if self.left_out and target:
            # The parts around a block left out (a bare ``<div>``) are joined as if they
            # stood together, and may read otherwise (a list then absorbs an indented one):
            # an empty part, no whole block, says that the section is read from its text.
            target.append(("", None))
        self.left_out = False
        target.append((text, block))
        if self.current is None:
            self.leading_line = self.leading_line or line

    def leading_kind(self) -> str:
        """Leading text is the question's body when a question or answer is labelled; with
        no labels at all the heading is the question and the body the answer."""
        return "question" if ("answer" in self.main or "question" in self.main) else "answer"


def _named_folds(body: list[Block]) -> dict[int, _Piece]:
    """A sub-heading right over a fold that only says "展开" (``##### 为什么要主从复制？``
    over ``<summary>展开</summary>``) names the section the fold holds: by ``id`` of each
    block, the piece it is read as (the heading opens the section, the fold fills it)."""
    found = {}
    for block, following in zip(body, body[1:]):
        if (block.kind is BlockKind.HEADING and following.kind is BlockKind.DETAILS_OPEN
                and is_toggle(following.summary) and not is_label_heading(block)):
            found[id(block)] = _Piece(heading_text(block), "", block.start + 1)
            found[id(following)] = _Piece(None, following.inline_text, following.start + 1)
    return found


class QuestionCutter:
    """Cuts the blocks of one question into sections; ``section_headings`` are the
    sub-headings that recur across the bank and so name sections ("Good to hear")."""

    def __init__(self, source: str, lines: list[str], tokens, section_headings: set[str],
                 prompts_nested: bool = False):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.section_headings = section_headings
        self.prompts_nested = prompts_nested  # the lists under question items are prompts to follow up with
        self.items: dict[str, list[str]] = {}  # section text -> its list items, known from the tokens

    def cut(self, opening: Block, body: list[Block], number: int | None, title: str,
            leading_kind: str | None = None, answer_from: Block | None = None) -> Question:
        sections = _Sections()
        code: list[tuple[str, str, int, str | None]] = []
        labelled = self._open(opening, body, sections, code, any(opens_main_section(block) for block in body))
        folded = markers.opens_with_fold(opening)
        asked = opening.kind is BlockKind.PARAGRAPH or labels.line_kind(opening.content) == "question"  # ``A3：…`` answers
        named_folds = _named_folds(body)  # ``##### 为什么要主从复制？`` over ``<summary>展开</summary>``
        keyed = labels.bold_option_keys({id(b): self.lines[b.start] for b in body if b.kind is BlockKind.PARAGRAPH})
        for block in body:
            if self._is_noise(block):
                sections.left_out = True
                continue
            if block is answer_from:  # ``## 02、题目分析`` of a worked problem: its solution, heading and all
                sections.open("answer", "answer", block.start + 1)
            after_question = sections.name == "question" or (asked and sections.name is None and not sections.leading)
            pieces = ([named_folds[id(block)]] if id(block) in named_folds else None
                      if id(block) in keyed or block is answer_from else self._pieces(block, labelled, after_question))
            if pieces is None:
                markdown = "\n".join(self.lines[block.start:block.end])
                if folded and _CLOSING_TAGS.search(markdown):  # ``</b></details>`` after the answer
                    sections.add(_CLOSING_TAGS.sub("", markdown), block.start + 1)
                else:
                    sections.add(markdown, block.start + 1, block)
                code.extend(self._code_in(block, sections.name))
                continue
            starts = self.add_pieces(sections, pieces)
            code.extend(self._code_in(block, None, starts))

        leading_kind = leading_kind or sections.leading_kind()
        if sections.leading:
            sections.main.setdefault(leading_kind, [])[:0] = sections.leading
            sections.lines.setdefault(leading_kind, sections.leading_line or opening.start + 1)
        values = {kind: self._joined(parts) for kind, parts in sections.main.items()}
        return Question(
            id="",
            number=number,
            title=title,
            line=opening.start + 1,
            source=self.source,
            question=values.get("question", title),
            answer=values.get("answer"),
            example=values.get("example"),
            explanation=values.get("explanation"),
            extra=tuple(ExtraSection(label, self._joined(parts), line) for label, parts, line in sections.extras),
            code=tuple(sorted((CodeBlock(lang, text, name or leading_kind, line)
                               for lang, text, line, name in code), key=lambda block: block.line)),
            section_lines=tuple(sorted(sections.lines.items(), key=lambda item: item[1])),
        )

    def _open(self, opening: Block, body: list[Block], sections: _Sections, code: list, labelled: bool) -> bool:
        """The sections the question's opening block holds itself (a heading holds none);
        whether the question is labelled, which the rest of a bold line's paragraph may say."""
        if opening.kind is BlockKind.PARAGRAPH:  # a bold or numbered marker; the rest of its paragraph
            first, *rest = self.lines[opening.start:opening.end]
            leading = _LEADING_BOLD if opening.bold is not None else markers.LEADING_PLAIN_NUMBER
            lines = [without_attributes(leading.sub("", first, count=1)), *rest]  # ``{#id}`` is the title's
            labelled = labelled or any(markers.is_main_label(line) for line in rest)
            pieces = self.segments(lines, opening.start + 1, labelled, after_question=True)
            if not labelled and pieces[0].label is None and pieces[0].text.strip():
                # Nothing is labelled: the bold line asks (``**1) FizzBuzz.** Print the numbers…``), what
                # follows answers, as do the lines under a numbered line that asks (``1:你先自我介绍一下？``).
                asks = opening.bold is None and rest and markers.ends_with_question_mark(lines[0])
                sections.open("question", "question", opening.start + 1)
                self.add_pieces(sections, [_Piece(None, lines[0], opening.start + 1),
                                           _Piece("answer", "\n".join(rest), opening.start + 2)] if asks else pieces)
                if body and sections.name == "question":
                    sections.open("answer", "answer", body[0].start + 1)
            else:
                self.add_pieces(sections, pieces)
        elif opening.kind is BlockKind.ITEM:
            ends_in = item_sections(self, sections, opening)
            code.extend(self._code_in(opening, ends_in))
            if opening.level and ends_in == "question" and body:  # what follows a heading answers it
                sections.open("answer", "answer", body[0].start + 1)
        elif opening.kind is BlockKind.ROW:
            row_sections(sections, opening)
            if body and sections.name == "question":  # a card's front alone: the rest is its back
                sections.open("answer", "answer", body[0].start + 1)
        elif markers.opens_with_fold(opening):  # its summary asks; what it folds answers
            sections.open("answer", "answer", opening.start + 1)
            if opening.inline_text:
                sections.add(opening.inline_text, opening.start + 1)
        return labelled

    def _joined(self, parts: list[_Part]) -> str:
        """A section's Markdown. When it is made of whole blocks and plain lines of text (an
        answer's first sentence after its label), the items of its lists are read from the
        file's tokens now (``list_items``), not parsed again from the text."""
        text = join_parts([part for part, _ in parts])
        if parts and all(block is not None or _is_plain(part) for part, block in parts):
            self.items[text] = [item for _, block in parts
                                if block is not None
                                for item in items_of_tokens(self.tokens[block.first:block.last + 1])]
        return text

    @staticmethod
    def add_pieces(sections: _Sections, pieces: list[_Piece]) -> list[tuple[int, str | None]]:
        """Adds pieces in order; returns (line, section) where each starts, for code."""
        starts = []
        for piece in pieces:
            if piece.label is not None:
                sections.open(piece.label, labels.section_kind(piece.label), piece.line)
            if piece.text.strip():
                sections.add(piece.text, piece.line)
            starts.append((piece.line, sections.name))
        return starts

    def _pieces(self, block: Block, labelled: bool, after_question: bool = False) -> list[_Piece] | None:
        """The labelled pieces a block holds, or None when the whole block is content of
        the section already open. In a question with no question or answer label (the
        heading is the question, the body the answer), a one-off ``**优点：**`` is part of
        the answer, not a section. ``after_question``: the open section is the question, which
        a bare ``A: …`` line answers."""
        line = block.start + 1
        if block.kind is BlockKind.PARAGRAPH:
            pieces = self.segments(self.lines[block.start:block.end], line, labelled, after_question)
            return pieces if any(piece.label is not None for piece in pieces) else None
        if block.kind is BlockKind.QUOTE:
            lines = [QUOTE_MARK.sub("", text, count=1) for text in self.lines[block.start:block.end]]
            if not self._accepts(labels.line_label(lines[0]), labelled):
                return None
            return self.segments(lines, line, labelled)
        if block.kind is BlockKind.HEADING:
            split = labels.split_label(block.content) or markers.heading_bold_label(block.content)
            if split:
                return [_Piece(split[0], split[1], line)]
            text = heading_text(block)
            if labels.section_kind(text) or text in self.section_headings:
                return [_Piece(text, "", line)]
        elif block.kind is BlockKind.DETAILS_OPEN:
            return [_Piece(block.summary or "answer", block.inline_text, line)]
        return None

    def segments(self, lines: list[str], first_line: int, labelled: bool,
                  after_question: bool = False) -> list[_Piece]:
        """Lines cut where a label opens one; soft line breaks inside a piece stay."""
        pieces: list[_Piece] = []
        current = _Piece(None, "", first_line)
        texts: list[str] = []
        for offset, text in enumerate(lines):
            label = labels.line_label(text)
            if label is None and after_question:
                label = labels.bare_answer(text, lines[offset + 1] if offset + 1 < len(lines) else None)
            if self._accepts(label, labelled):
                after_question = labels.section_kind(label[0]) == "question"
                if current.label is not None or texts:
                    current.text = "\n".join(texts)
                    pieces.append(current)
                current = _Piece(label[0], "", first_line + offset)
                texts = [label[1]] if label[1] else []
            else:
                texts.append(text)
        current.text = "\n".join(texts)
        return [*pieces, current]

    @staticmethod
    def _accepts(label: tuple[str, str] | None, labelled: bool) -> bool:
        return bool(label) and (labelled or labels.section_kind(label[0]) is not None)

    @staticmethod
    def _is_noise(block: Block) -> bool:
        """Separators (a flashcard's ``?`` too), bare tags and 'back to top' links carry nothing
        for a card; a footnote's definition is shown wherever it is referred to."""
        return (block.kind in (BlockKind.HR, BlockKind.DETAILS_CLOSE, BlockKind.FOOTNOTE) or block.is_tag_only
                or block.kind is BlockKind.PARAGRAPH and block.content.strip() in ("?", "??")
                or block.kind in (BlockKind.PARAGRAPH, BlockKind.HTML) and is_navigation([block]))

    def _code_in(self, block: Block, section: str | None, starts: list[tuple[int, str | None]] | None = None):
        """(lang, text, line, section) of each fence in a block; section None = leading.
        With ``starts``, a fence belongs to the piece of the block it lies in."""
        for token in self.tokens[block.first:block.last + 1]:
            if token.type in ("fence", "code_block") and token.map:
                line = token.map[0] + 1
                if starts:
                    section = next((name for start, name in reversed(starts) if start <= line), starts[0][1])
                yield fence_language(token.info), token.content, line, section
