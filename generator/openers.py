"""The paragraphs that open questions, where a bank does not (only) use headings: bold
question lines (``**题目1：** …``, ``**什么是进程？**`` over an answer label) and question and
answer label pairs repeated under one heading (``**题目：** 什么是 TCP？`` then ``**答案：** …``;
``问：…`` over ``答：…``; ``Q: …`` over ``A: …``); in a bank that has none of these, the items
of lists of questions (``* What is a closure?``, an answer or follow-ups nested under each),
the rows of tables of questions and answers, and question labels with no answer. Folded
answers whose summary asks the question (``<summary>What is Linux?</summary>``) open
questions in any bank.
"""

from __future__ import annotations

import bisect
import re

from . import labels, markers
from .attributes import tagged_as_card
from .blocks import LEADING_WRAPPERS, Block, BlockKind
from .navigation import is_navigation, is_toggle
from .markers import opens_main_section

_LINK_ALONE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BARE_URL = re.compile(r"<?https?://[^\s>]+>?")
Openers = dict[int, markers.Marker]  # block index -> what the paragraph says of its question


def bold_questions(blocks: list[Block]) -> tuple[Openers, Openers, Openers]:
    """The bold lines that open questions; the bold questions that no label follows and the
    paragraphs that open with a bold number (``**1)** …``), else those that open with a
    plain number two of which ask (``1.什么是过拟合？``, no space, so no list; a list of one
    line; that line alone in a layout tag): questions only in a bank made of them, the
    numbers counting up from 1 in each run."""
    found, lone, numbered, plain = {}, {}, {}, {}
    for index, block in enumerate(blocks):
        if block.in_details or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.HTML):
            continue
        if block.kind is BlockKind.HTML:
            marker = markers.wrapped_numbered(block.content)
            if marker is not None:
                plain[index] = marker
            continue
        if block.kind is BlockKind.LIST:
            if (block.number is not None and block.end - block.start <= 2 and len(block.inline_contents) == 1
                    and "\n" not in block.inline_contents[0]):
                # ``1. ماهو الناتج ؟`` alone, its code and options after it: a one-line list
                plain[index] = markers.Marker("numbered", block.number, block.inline_contents[0].strip())
            continue
        if block.bold is None:
            marker = markers.plain_numbered(block.content.split("\n", 1)[0])
            if marker is not None:
                plain[index] = marker
            continue
        marker = markers.bold_marker(*block.bold)
        if marker is None:
            marker = markers.bold_question(*block.bold)
            if marker is None:
                marker = markers.bold_numbered(*block.bold)
                if marker is not None:
                    numbered[index] = marker
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or not opens_main_section(following):
                lone[index] = marker
                continue
        found[index] = marker
    if not _counting_up(list(numbered.values())):
        plain = _counted(plain, blocks)
        asking = sum(markers.ends_with_question_mark(marker.title) for marker in plain.values())
        numbered = plain if asking >= 2 and _counting_up(list(plain.values())) else {}
    return found, lone, numbered


def _counting_up(markers: list[markers.Marker]) -> bool:
    """Two or more numbers, each 1 or one more than the one before (a part may start again)."""
    numbers = [marker.number for marker in markers]
    return len(numbers) >= 2 and all(n == 1 or n == before + 1 for before, n in zip([0, *numbers], numbers))


def _counted(plain: Openers, blocks: list[Block]) -> Openers:
    """Numbered paragraphs up to a 1 with no heading since the one before (``1:您对…`` in an answer)."""
    kept: Openers = {}
    for index, marker in plain.items():
        since = blocks[next(reversed(kept)) + 1:index] if kept else ()
        if kept and marker.number == 1 and not any(block.kind is BlockKind.HEADING for block in since):
            break
        kept[index] = marker
    return kept


def label_pairs(blocks: list[Block], headings: Openers, taken: Openers, answered_only=True, least=2) -> Openers:
    """Paragraphs that open with a question label and have an answer label after them, when
    ``least`` (two) or more lie under one of the ``headings``: each is a question, not the
    question section of the heading above them (which would merge them into one). Without
    ``answered_only``, those with no answer too (a list of questions to ask, each
    ``Question: …`` over its code)."""
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
                    if not answered_only or _answered(blocks, headings, index, limit)]
        if len(answered) >= least:
            found.update((index, markers.Marker("keyword", None, title)) for index, title in answered)
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


def list_questions(blocks: list[Block]) -> Openers:
    """The items of the lists (runs of ITEM blocks) that ask questions: two or more of their
    items end with a question mark, and they are not a table of contents. Every item of
    such a list is a question (``Explain event delegation`` among ``What is a closure?``).
    In a bank made of such lists (a third or more of its items ask), so is every item of
    its other lists but those of links alone (a list cut in two by a fence under ``Make
    this work:`` goes on asking); in an article whose steps and notes are lists, with a
    list of questions among them, only that list asks (its steps are no questions). An
    item that is only a link to the answers (``- [点击查看答案](…)``) asks nothing; a link
    that asks (``- [什么是微服务？](…)``) does. Where items open with a heading
    (``1.  ### What is React?``), those items are the questions."""
    runs, run = [], []
    for index in range(len(blocks) + 1):
        if index < len(blocks) and blocks[index].kind is BlockKind.ITEM:
            run.append(index)
        elif run:
            runs.append(run)
            run = []
    headed = [i for run in runs for i in run if blocks[i].level]
    if len(headed) >= 2:  # ``1.  ### What is React?``: the items that open with a heading
        runs = [headed]
    if not any(_asks([blocks[i] for i in run]) for run in runs):
        return {}
    items = [i for run in runs if not _links_alone([blocks[i] for i in run])
             for i in run if blocks[i].content.strip() and not _opens_the_answers(blocks[i])]
    asking = sum(_item_asks(blocks[i]) for i in items)
    if len(headed) < 2 and asking * 3 < len(items):
        asking_runs = {i for run in runs if _asks([blocks[j] for j in run]) for i in run}
        items = [i for i in items if i in asking_runs]
    return {i: markers.Marker("numbered" if blocks[i].number is not None else "keyword",
                             blocks[i].number, _item_title(blocks[i])) for i in items}


def _opens_the_answers(item: Block) -> bool:
    link = _LINK_ALONE.fullmatch(item.content.strip())
    return bool(link) and is_toggle(link.group(1))


def _asks(items: list[Block]) -> bool:
    return sum(_item_asks(item) for item in items) >= 2 and not is_navigation(items)


def _item_asks(item: Block) -> bool:
    """An item that asks, or that a flashcard plugin's tag makes a card (``- TCP vs UDP #card``)."""
    return markers.ends_with_question_mark(_item_title(item)) or tagged_as_card(item.content.split("\n", 1)[0])


def _links_alone(items: list[Block]) -> bool:
    """A table of contents, or a list of links elsewhere (``[License](https://…)``, a list
    of contributors: ``[@cowboy](http://twitter.com/cowboy) - http://benalman.com``)."""
    return is_navigation(items) or all(_only_links(item.content) for item in items)


def _only_links(text: str) -> bool:
    """Links and addresses, and nothing else but punctuation between them."""
    rest, links = _LINK_ALONE.subn("", text)
    rest, addresses = _BARE_URL.subn("", rest)
    return links + addresses > 0 and not any(char.isalnum() for char in rest)


def _item_title(item: Block) -> str:
    """An item's first paragraph on one line, without a question label (``Q: …``) or the
    bold around it all (``- **遇到 OOV 怎么做？**``)."""
    first_line = item.content.split("\n", 1)[0].strip()
    label = labels.line_label(first_line)  # ``1. **题目：** 什么是 RAG？`` over ``**答案：** …``
    if label and label[1] and labels.section_kind(label[0]) == "question":
        return label[1].strip()
    title = markers.unbolded(" ".join(item.content.split("\n")).strip())
    label = labels.line_label(title)
    if label and label[1] and labels.section_kind(label[0]) == "question":
        return label[1].strip()
    return title


def table_questions(blocks: list[Block]) -> Openers:
    """The rows of tables of questions and answers (the reader splits such a table into
    rows only when nothing else in the bank opens a question): each row with a question."""
    return {index: markers.Marker("keyword", block.number, " ".join(block.content.split()))
            for index, block in enumerate(blocks) if block.kind is BlockKind.ROW and block.content.strip()}


def is_folded(block: Block) -> bool:
    """A ``<details>`` with a summary, outside any other: paired with its ``</details>`` or
    not (the closing tag often ends the answer's last paragraph, where it is no block)."""
    return (block.kind in (BlockKind.DETAILS_OPEN, BlockKind.HTML) and bool(block.summary)
            and not block.in_details and LEADING_WRAPPERS.sub("", block.content).lower().startswith("<details"))


def details_questions(blocks: list[Block], headings: dict[int, markers.Marker]) -> Openers:
    """Folded answers whose ``<summary>`` is the question (``<details><summary>What is
    Linux?</summary> … </details>``), where two or more summaries end with a question mark:
    every such summary that is not a section label or a "view answer" is a question (one
    that asks or is numbered is, whatever its words: ``How do you view hidden files?``,
    ``14. 如何查看文件的提交历史``). Not under a
    heading (of ``headings``) that asks a question itself (``### 常见的封锁类型？`` over
    ``<summary>封锁粒度的概念</summary>`` and ``<summary>什么是触发器？</summary>``): those
    fold parts of its answer."""
    asking = {index: block.summary for index, block in enumerate(blocks) if is_folded(block)
              and labels.section_kind(block.summary) is None
              and (markers.ends_with_question_mark(block.summary) or not is_toggle(block.summary)
                   or markers.heading_marker(block.summary).number is not None)}  # ``14. 如何查看…``
    if sum(markers.ends_with_question_mark(summary) for summary in asking.values()) < 2:
        return {}
    heads = sorted(headings)
    found = {}
    for index, summary in asking.items():
        position = bisect.bisect_left(heads, index)
        if position and markers.ends_with_question_mark(headings[heads[position - 1]].title):
            continue
        marker = markers.heading_marker(summary)
        found[index] = markers.Marker("keyword", marker.number, marker.title)
    return found
