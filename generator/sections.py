"""One question's blocks -> its sections (question, answer, example, explanation, extras).

The reader decides where a question starts and ends; this module decides which label
each block falls under, keeping every section as the Markdown source it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import labels
from .blocks import Block, BlockKind, SectionPart, SectionTokens, fence_language, is_navigation
from .model import CodeBlock, ExtraSection, Question

_LEADING_BOLD = re.compile(r"^\s{0,3}(\*\*|__)(.*?)\1\s*[：:]?[ \t]*")


def heading_text(block: Block) -> str:
    return labels.strip_leading_tags(block.content).strip()


def is_label_heading(block: Block) -> bool:
    """``#### 答案：D`` or ``### 解析``: a heading that names a section, not a question."""
    return bool(labels.split_label(block.content) or labels.section_kind(block.content))


def opens_main_section(block: Block) -> bool:
    """A question or answer label, or a folded ``<details>`` answer."""
    if block.kind is BlockKind.DETAILS_OPEN:
        return True
    if block.kind is BlockKind.PARAGRAPH and block.bold is not None:
        label = labels.bold_label(*block.bold)
        return bool(label) and labels.section_kind(label[0]) in ("question", "answer")
    return block.kind is BlockKind.HEADING and labels.split_label(block.content) is not None


def join_parts(parts: list[str]) -> str:
    """Blocks joined by one blank line; "" when nothing is left. The reader has already
    dropped trailing spaces from every line."""
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


@dataclass
class _Part:
    """A piece of a section: a whole block (``block`` set) or text cut from one."""

    text: str
    block: Block | None = None


@dataclass
class _Sections:
    """Collects sections in document order as blocks arrive. Blocks before the first label
    are "leading": their section is decided once the whole question has been seen."""

    main: dict[str, list[_Part]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    extras: list[tuple[str, list[_Part], int]] = field(default_factory=list)
    leading: list[_Part] = field(default_factory=list)
    leading_line: int = 0
    current: list[_Part] | None = None
    name: str | None = None  # the section blocks now go to; None while leading

    def open(self, kind: str | None, label: str, first_text: str, line: int) -> None:
        if kind is None:
            self.current = []
            self.extras.append((label, self.current, line))
        else:
            self.current = self.main.setdefault(kind, [])
            self.lines.setdefault(kind, line)
        if first_text:
            self.current.append(_Part(first_text))
        self.name = kind or label

    def add(self, part: _Part, line: int) -> None:
        if self.current is None:
            self.leading.append(part)
            self.leading_line = self.leading_line or line
        else:
            self.current.append(part)

    def leading_kind(self) -> str:
        """Leading text is the question's body when a question or answer is labelled; with
        no labels at all the heading is the question and the body the answer."""
        return "question" if ("answer" in self.main or "question" in self.main) else "answer"


class QuestionCutter:
    """Cuts the blocks of one question into sections; ``section_headings`` are the
    sub-headings that recur across the bank and so name sections ("Good to hear")."""

    def __init__(self, source: str, lines: list[str], tokens, section_headings: set[str],
                 section_tokens: SectionTokens | None = None):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.section_headings = section_headings
        self.section_tokens = section_tokens
        self._html_tokens = [index for index, token in enumerate(tokens) if token.type == "html_block"]

    def cut(self, opening: Block, body: list[Block], number: int | None, title: str) -> Question:
        sections = _Sections()
        code: list[tuple[str, str, int, str | None]] = []
        if opening.kind is BlockKind.PARAGRAPH:  # a bold marker; the rest of its paragraph
            sections.add(_Part(self._after_bold(opening)), opening.start + 1)
        labelled = any(opens_main_section(block) for block in body)
        for block in body:
            label = self._label_of(block, labelled)
            if label:
                name, first_text = label
                kind = labels.section_kind(name)
                if block.kind is BlockKind.DETAILS_OPEN and kind is None and "answer" not in sections.main:
                    kind = "answer"
                sections.open(kind, name, first_text, block.start + 1)
            elif not self._is_noise(block):
                sections.add(_Part(self._markdown(block), block), block.start + 1)
                code.extend(self._code_in(block, sections.name))

        leading_kind = sections.leading_kind()
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

    def _joined(self, parts: list[_Part]) -> str:
        """A section's Markdown; its parts' tokens are kept for rendering when they are
        what parsing that Markdown would give."""
        parts = [part for part in parts if part.text.strip()]
        text = join_parts([part.text for part in parts])
        if self.section_tokens is not None and text and self._parses_apart(parts):
            self.section_tokens.add(text, [
                SectionPart(part.text, None if part.block is None else
                            self.tokens[part.block.first:part.block.last + 1]) for part in parts])
        return text

    def _parses_apart(self, parts: list[_Part]) -> bool:
        """Whether each block of the section parses alone as it did in the file: it holds no
        raw HTML (the reader reads HTML blocks that rendering escapes), and no block was left
        out between two of them (a separator between two lists keeps them apart)."""
        previous = None
        for part in parts:
            if part.block is not None:
                if previous is not None and previous.block is not None and part.block.first != previous.block.last + 1:
                    return False
                after = bisect.bisect_left(self._html_tokens, part.block.first)
                if after < len(self._html_tokens) and self._html_tokens[after] <= part.block.last:
                    return False
            previous = part
        return True

    def _label_of(self, block: Block, labelled: bool) -> tuple[str, str] | None:
        """The (label, first text) a block opens a section with, or None for content.

        In a question with no question or answer label (the heading is the question, the
        body the answer), a one-off ``**优点：**`` is part of the answer, not a section."""
        if block.kind is BlockKind.PARAGRAPH and block.bold is not None:
            label = labels.bold_label(*block.bold)
            if label and (labelled or labels.section_kind(label[0])):
                return label[0], self._after_bold(block)
        elif block.kind is BlockKind.HEADING:
            split = labels.split_label(block.content)
            if split:
                return split
            text = heading_text(block)
            if labels.section_kind(text) or text in self.section_headings:
                return text, ""
        elif block.kind is BlockKind.DETAILS_OPEN:
            return block.summary or "answer", block.inline_text
        return None

    def _after_bold(self, block: Block) -> str:
        """The paragraph's Markdown with its leading bold label or marker removed."""
        first, *rest = self.lines[block.start:block.end]
        first = _LEADING_BOLD.sub("", first, count=1)
        return join_parts([first, *rest] if first.strip() else rest)

    @staticmethod
    def _is_noise(block: Block) -> bool:
        """Separators, bare tags and 'back to top' links carry nothing for a card."""
        if block.kind in (BlockKind.HR, BlockKind.DETAILS_CLOSE) or block.is_tag_only:
            return True
        return block.kind is BlockKind.PARAGRAPH and is_navigation([block])

    def _markdown(self, block: Block) -> str:
        return "\n".join(self.lines[block.start:block.end])

    def _code_in(self, block: Block, section: str | None):
        """(lang, text, line, section) of each fence in a block; section None = leading."""
        for token in self.tokens[block.first:block.last + 1]:
            if token.type in ("fence", "code_block") and token.map:
                yield fence_language(token.info), token.content, token.map[0] + 1, section
