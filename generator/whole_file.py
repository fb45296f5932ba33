"""Banks kept one question a file: the file's name (``11.3.1 什么是复制？.md``), its front
matter's ``title:`` or its title heading (``# 什么是复制？``) asks the question, and everything
under it answers it.

The reader turns to this only when nothing in the file opens a question. The question's
opening is a heading of no lines before the body, so that the cutter, the regions and the
spans treat the file exactly as a heading question followed by its answer.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import labels, markers
from .blocks import Block, BlockKind
from .markers import heading_text
from .outline import Outline, Unit
from .regions import Regions

# ``11.3.1 什么是复制？`` -> ``什么是复制？``: the number that orders the files is not the title.
_ORDERING_NUMBER = re.compile(r"^\d+(?:\.\d+)*[.、]?\s+")
_SENTENCE_ENDS = (".", "。")  # ``title: Describe floats and how they work.``


def asked_by_file(meta: dict, source: str) -> str | None:
    """The question a file asks as a whole: its front matter's title when it is a question
    or a sentence (a task), else its name when that ends with a question mark."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        title = title.strip()
        return title if markers.ends_with_question_mark(title) or title.endswith(_SENTENCE_ENDS) else None
    name = _ORDERING_NUMBER.sub("", Path(source).stem).strip()
    return name if markers.ends_with_question_mark(name) else None


def one_question_outline(blocks: list[Block], title: str, line_count: int) -> tuple[list[Block], Outline]:
    """The file's blocks with the question's opening put before its body, and the outline of
    that one question."""
    body = next((i for i, block in enumerate(blocks) if block.kind is not BlockKind.FRONT_MATTER), len(blocks))
    start = blocks[body].start if body < len(blocks) else max((b.end for b in blocks), default=0)
    # An empty file (or front matter alone) is a question with no answer: its lines are the question's.
    end = start if body < len(blocks) else line_count
    opening = Block(BlockKind.HEADING, start, end, 0, -1, level=1, content=title)
    blocks = [*blocks[:body], opening, *blocks[body:]]
    outline = Outline([Unit(body, len(blocks), markers.Marker("keyword", None, title))], [])
    Regions(blocks, {}, lambda index: range(0)).assign(outline)
    return blocks, outline


def title_question(blocks: list[Block]) -> int | None:
    """The file's title heading (the first heading, the only one of its level or above)
    when it asks (``# 设计一个关注场景，怎么查询更快？``) or when a line under it opens with
    an explanation label (``# 实现阻塞读的map``, the task, then ``**解析：**``): the
    question the file answers."""
    headings = [index for index, block in enumerate(blocks) if block.kind is BlockKind.HEADING]
    if not headings:
        return None
    title = headings[0]
    if any(blocks[index].level <= blocks[title].level for index in headings[1:]):
        return None
    asked = markers.heading_marker(heading_text(blocks[title])).title
    return title if markers.ends_with_question_mark(asked) or _explained(blocks[title + 1:]) else None


def worked_problem(blocks: list[Block]) -> tuple[int, int | None] | None:
    """A worked problem, one a file (``# 合并两个排序的链表`` over ``## 描述``, ``## 示例1``,
    ``## 代码示例``; ``# 最接近的三数之和`` over ``## 02、题目分析``, ``## 03、代码展示``): its
    title heading, when two or more of the headings right under it, and most of them, name
    a problem's sections, one of them its solution; and the first heading of the solution
    when it is to begin the answer (an answer label does that itself)."""
    headings = [index for index, block in enumerate(blocks) if block.kind is BlockKind.HEADING]
    if len(headings) < 3 or any(blocks[index].level <= blocks[headings[0]].level for index in headings[1:]):
        return None
    level = min(blocks[index].level for index in headings[1:])
    below = [index for index in headings[1:] if blocks[index].level == level]
    kinds = [labels.problem_section(heading_text(blocks[index])) for index in below]
    if sum(kind is not None for kind in kinds) * 2 <= len(below) or "solution" not in kinds:
        return None
    solution = next((index for index, kind in zip(below, kinds) if kind == "solution"), None)
    # ``## 解法`` opens the answer as any answer label does; ``## 代码示例`` and ``## 解题思路``,
    # labels of other sections elsewhere, begin a worked problem's answer.
    if solution is None or labels.section_kind(heading_text(blocks[solution])) == "answer":
        return headings[0], None
    return headings[0], solution


def _explained(blocks: list[Block]) -> bool:
    return any(block.kind is BlockKind.PARAGRAPH and not block.in_details and labels.line_kind(line) == "explanation"
               for block in blocks for line in block.content.split("\n"))


def title_question_outline(blocks: list[Block], index: int, answer_from: int | None = None) -> Outline:
    """The outline of the one question a title heading asks, every block after it answering
    it; or of the task it names, the text up to the explanation (or the heading of its
    solution, ``answer_from``) then being the task's."""
    marker = markers.heading_marker(heading_text(blocks[index]))
    leading = None if markers.ends_with_question_mark(marker.title) and answer_from is None else "question"
    outline = Outline([Unit(index, len(blocks), markers.Marker("keyword", marker.number, marker.title),
                            leading_kind=leading, answer_from=answer_from)], [])
    Regions(blocks, {}, lambda index: range(0)).assign(outline)
    return outline
