"""One question's blocks -> its sections (question, answer, example, explanation, extras).

The reader decides where a question starts and ends; this module decides which label
each block falls under, keeping every section as the Markdown source it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import labels
from .blocks import Block, BlockKind, fence_language, is_navigation
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
    """Blocks joined by one blank line, trailing spaces dropped; "" when nothing is left."""
    text = "\n\n".join(part.strip("\n") for part in parts if part.strip())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


@dataclass
class _Sections:
    """Collects sections in document order as blocks arrive. Blocks before the first label
    are "leading": their section is decided once the whole question has been seen."""

    main: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    extras: list[tuple[str, list[str], int]] = field(default_factory=list)
    leading: list[str] = field(default_factory=list)
    leading_line: int = 0
    current: list[str] | None = None
    name: str | None = None  # the section blocks now go to; None while leading

    def open(self, kind: str | None, label: str, first_text: str, line: int) -> None:
        if kind is None:
            self.current = []
            self.extras.append((label, self.current, line))
        else:
            self.current = self.main.setdefault(kind, [])
            self.lines.setdefault(kind, line)
        if first_text:
            self.current.append(first_text)
        self.name = kind or label

    def add(self, text: str, line: int) -> None:
        if self.current is None:
            self.leading.append(text)
            self.leading_line = self.leading_line or line
        else:
            self.current.append(text)

    def leading_kind(self) -> str:
        """Leading text is the question's body when a question or answer is labelled; with
        no labels at all the heading is the question and the body the answer."""
        return "question" if ("answer" in self.main or "question" in self.main) else "answer"


class QuestionCutter:
    """Cuts the blocks of one question into sections; ``section_headings`` are the
    sub-headings that recur across the bank and so name sections ("Good to hear")."""

    def __init__(self, source: str, lines: list[str], tokens, section_headings: set[str]):
        self.source = source
        self.lines = lines
        self.tokens = tokens
        self.section_headings = section_headings

    def cut(self, opening: Block, body: list[Block], number: int | None, title: str) -> Question:
        sections = _Sections()
        code: list[tuple[str, str, int, str | None]] = []
        if opening.kind is BlockKind.PARAGRAPH:  # a bold marker; the rest of its paragraph
            sections.add(self._after_bold(opening), opening.start + 1)
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
                sections.add(self._markdown(block), block.start + 1)
                code.extend(self._code_in(block, sections.name))

        leading_kind = sections.leading_kind()
        if sections.leading:
            sections.main.setdefault(leading_kind, [])[:0] = sections.leading
            sections.lines.setdefault(leading_kind, sections.leading_line or opening.start + 1)
        values = {kind: join_parts(parts) for kind, parts in sections.main.items()}
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
            extra=tuple(ExtraSection(label, join_parts(parts), line) for label, parts, line in sections.extras),
            code=tuple(sorted((CodeBlock(lang, text, name or leading_kind, line)
                               for lang, text, line, name in code), key=lambda block: block.line)),
            section_lines=tuple(sorted(sections.lines.items(), key=lambda item: item[1])),
        )

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
        return "\n".join(line.rstrip() for line in self.lines[block.start:block.end])

    def _code_in(self, block: Block, section: str | None):
        """(lang, text, line, section) of each fence in a block; section None = leading."""
        for token in self.tokens[block.first:block.last + 1]:
            if token.type in ("fence", "code_block") and token.map:
                text = "\n".join(line.rstrip() for line in token.content.split("\n"))
                yield fence_language(token.info), text, token.map[0] + 1, section
