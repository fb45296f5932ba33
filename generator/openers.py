"""The paragraphs that open questions, where a bank does not (only) use headings: bold
question lines (``**题目1：** …``, ``**什么是进程？**`` over an answer label) and question and
answer label pairs repeated under one heading (``**题目：** 什么是 TCP？`` then ``**答案：** …``;
``问：…`` over ``答：…``; ``Q: …`` over ``A: …``).
"""

from __future__ import annotations

from . import labels
from .blocks import Block, BlockKind
from .sections import opens_main_section

Openers = dict[int, labels.Marker]  # block index -> what the paragraph says of its question


def bold_questions(blocks: list[Block]) -> tuple[Openers, Openers]:
    """The bold lines that open questions, and the bold questions that no label follows
    (questions only in a bank made of them)."""
    found, lone = {}, {}
    for index, block in enumerate(blocks):
        if block.in_details or block.kind is not BlockKind.PARAGRAPH or block.bold is None:
            continue
        marker = labels.bold_marker(*block.bold)
        if marker is None:
            marker = labels.bold_question(*block.bold)
            if marker is None:
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or not opens_main_section(following):
                lone[index] = marker
                continue
        found[index] = marker
    return found, lone


def label_pairs(blocks: list[Block], headings: Openers, taken: Openers) -> Openers:
    """Paragraphs that open with a question label and have an answer label after them, when
    two or more lie under one of the ``headings``: each is a question, not the question
    section of the heading above them (which would merge them into one)."""
    groups: dict[int | None, list[tuple[int, str]]] = {}
    heading = None
    for index, block in enumerate(blocks):
        if index in headings:
            heading = index
        elif block.kind is BlockKind.PARAGRAPH and not block.in_details and index not in taken:
            label = labels.line_label(block.content.split("\n", 1)[0])
            if label and label[1] and labels.section_kind(label[0]) == "question":
                groups.setdefault(heading, []).append((index, label[1]))
    found = {}
    for openers in groups.values():
        limits = [index for index, _ in openers[1:]] + [len(blocks)]
        answered = [(index, title) for (index, title), limit in zip(openers, limits)
                    if _answered(blocks, headings, index, limit)]
        if len(answered) >= 2:
            found.update((index, labels.Marker("keyword", None, title)) for index, title in answered)
    return found


def _answered(blocks: list[Block], headings: Openers, index: int, limit: int) -> bool:
    """Whether an answer label follows the question label at ``index`` (in its own
    paragraph or a block after it) before ``limit`` or the next heading."""
    if _answers(blocks[index].content.split("\n")[1:]):
        return True
    for position in range(index + 1, limit):
        block = blocks[position]
        if position in headings:
            return False
        if block.kind is BlockKind.DETAILS_OPEN or (
                block.kind is BlockKind.PARAGRAPH and _answers(block.content.split("\n"))):
            return True
        if block.kind is BlockKind.HEADING and "answer" in (
                labels.section_kind(block.content), labels.line_kind(block.content)):
            return True
    return False


def _answers(lines: list[str]) -> bool:
    """Whether one of the lines opens with an answer label (a bare ``A: …`` too, the question
    being open)."""
    return any(labels.line_kind(line) == "answer" or labels.bare_answer(line, following)
               for line, following in zip(lines, [*lines[1:], None]))
