"""Questions kept in quotes and callouts: ``> **Q: …**`` over ``> A: …``, or Obsidian's
``> [!interview] 面试要点`` over its pairs at the end of a note. Such a file is read again as
if those quotes' marks were not there, each line keeping its number, so that findings and
spans still point at the file as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import labels, markers
from .attributes import without_attributes
from .blocks import Block, BlockKind, leading_bold

QUOTE_MARK = re.compile(r"^ {0,3}> ?")
# ``[!question]- Interview questions``: a callout's type, whether it folds, its title.
_CALLOUT = re.compile(r"^\[!([A-Za-z][\w-]*)\][+-]?(?:[ \t]+(.*))?$")


@dataclass
class Unquoted:
    """A file as read with the marks of its quotes of questions taken off."""

    text: str  # to parse; a callout's first line stays ``[!type] title`` (``split_callouts``)
    lines: list[str]  # to take sections from; a callout's first line is its title
    questions: int  # the quotes' lines that open a question


def questions_in_quotes(lines: list[str], tokens) -> Unquoted | None:
    """The file with the marks of every top-level quote that holds a question line
    (``Q: …``, ``**问：…？**``) taken off, or None when no quote holds one."""
    parsed, content = list(lines), list(lines)
    questions = 0
    for token in tokens:
        if token.type != "blockquote_open" or token.level != 0 or not token.map:
            continue
        start, end = token.map
        inner = [QUOTE_MARK.sub("", line, count=1) for line in lines[start:end]]
        kinds = [_kind(line, following) for line, following in zip(inner, [*inner[1:], None])]
        if "question" not in kinds:
            continue
        questions += kinds.count("question")
        parsed[start:end] = content[start:end] = inner
        title = callout_title(inner[0])
        if title is not None:
            content[start] = title
    return Unquoted("\n".join(parsed), content, questions) if questions else None


def _kind(line: str, following: str | None) -> str | None:
    """"question" or "answer" for a line that opens with such a label, bold or not
    (``**Q: …？**``, ``A: …``), "question" for a callout's title that asks; else None."""
    title = callout_title(line)
    if title is not None:
        return "question" if markers.ends_with_question_mark(title) else None
    line = markers.unbolded(without_attributes(line).strip())  # ``**Q: …？** {#id}``: an id pinned after it
    label = labels.line_label(line) or labels.bare_answer(line, following)
    kind = labels.section_kind(label[0]) if label else None
    if kind == "question" and label[1]:
        return kind
    return "answer" if kind == "answer" else None


def callout(line: str) -> tuple[str, str] | None:
    """(type, title) of a callout's first line (``[!Tip] 提示`` -> ("tip", "提示"); Obsidian
    shows the type's name when there is no title), or None for any other line."""
    match = _CALLOUT.match(line.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip() or match.group(1).capitalize()


def callout_title(line: str) -> str | None:
    found = callout(line)
    return found[1] if found else None


def split_callouts(blocks: list[Block]) -> list[Block]:
    """Each paragraph that opens with a callout's first line as two paragraphs, the title
    then the rest (the callout's first question). A title that asks (``[!question]- What is
    a closure?``, Obsidian's folded flashcard) reads as a bold question line."""
    split = []
    for block in blocks:
        first, _, rest = block.content.partition("\n") if block.content.startswith("[!") else ("", "", "")
        title = callout_title(first) if block.kind is BlockKind.PARAGRAPH else None
        if title is None:
            split.append(block)
            continue
        bold = (title, "") if markers.ends_with_question_mark(title) else None
        split.append(replace(block, end=block.start + 1, content=title, inline_contents=[title], bold=bold))
        if rest.strip():
            split.append(replace(block, start=block.start + 1, content=rest, inline_contents=[rest],
                                 bold=leading_bold(rest)))
    return split
