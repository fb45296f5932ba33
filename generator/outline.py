"""The outline of a bank: which blocks are its questions and parts, which are navigation,
and which are text that no output uses.

Questions are found by the bank's structure, not by the style of each answer. A heading
is *evidenced* when it carries a question keyword (``题目 3：``, ``Question 3:``) or has a
question or answer label (any style) or a folded answer right under it. The headings
around evidenced ones show where the questions of a part sit: every heading at that level
in that part that has content is a question when it looks like one (numbered, a keyword,
a question mark), whatever style its own body uses, or when it stands between questions
most of which have no label. A bank with no label anywhere, or one or two among many more
headings, takes the level where most headings with content ask, else the one holding the
most, if some of them look like questions.
Paragraphs open questions too (``openers``): bold question lines (``**题目1：** …``) and
question and answer label pairs repeated under one heading, folded answers whose summary
asks the question; a lone bold question (``**3. What is X?**``) only in a bank made of them
(no labels, no question headings).
In a bank with none of these, the items of lists that ask questions are the questions
(the reader splits lists into items then), and so are the rows of tables of questions and
answers, and question-label paragraphs with no answer (``Question: …`` over its code).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from itertools import takewhile

from . import labels, markers, unlabelled
from .blocks import Block, BlockKind
from .itemized import column_kind, tucked_headings
from .markers import is_label_heading, opens_main_section
from .navigation import is_navigation
from .numbering import bold_in_numbering, numbered_runs, relevel, tuck_under_empty
from .openers import bold_questions, details_questions, label_pairs, list_questions, table_questions
from .parts import PartFinder, PartHeading
from .regions import Regions

@dataclass
class Unit:
    """The blocks ``[start, end)`` of one question; ``part`` indexes Outline.parts."""

    start: int
    end: int
    marker: markers.Marker
    part: int | None = None
    leading_kind: str | None = None  # what its unlabelled leading text is, when the outline knows
    answer_from: int | None = None  # the block its answer begins at, when no label says so


@dataclass
class Outline:
    units: list[Unit]
    parts: list[PartHeading]
    regions: list[tuple[str, object]] = field(default_factory=list)  # per block: (span kind, ref)
    # Per skipped run of blocks: (first block, last block + 1, "skipped-heading" or "skipped-text").
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    lost_headings: dict[int, list[int]] = field(default_factory=dict)  # skipped run -> its lost questions
    relevelled: list[tuple[int, int]] = field(default_factory=list)  # (heading block, the level it was written at)


def outline_blocks(blocks: list[Block], unanswered: bool = False, cards: bool = False) -> Outline:
    """The questions and parts of a bank's blocks; with ``unanswered``, headings that ask with
    nothing under them where nothing else asks; with ``cards``, rows beside the rest's questions."""
    walk = _Walk(blocks, unanswered, cards)
    units, parts = walk.questions()
    outline = Outline(units, parts, relevelled=walk.relevelled)
    Regions(walk.blocks, walk.markers, walk.direct_body).assign(outline)
    return outline


class _Walk:
    def __init__(self, blocks: list[Block], unanswered: bool = False, cards: bool = False):
        self.blocks = blocks
        self.unanswered = unanswered
        self.markers = self._structural_headings()
        self.heads = list(self.markers)
        self.runs = numbered_runs(self.heads, self.blocks, self.markers)
        self.relevelled = relevel(self.blocks, self.runs)
        tuck_under_empty(self.blocks, self.runs, self.heads)
        self.bold, self.lone_bold, self.numbered_bold = bold_questions(blocks)
        self.bold.update(details_questions(blocks, self.markers))
        self.bold.update(label_pairs(blocks, self.markers, self.bold))
        # Items and rows are blocks only when nothing else in the bank opens a question.
        self.bold.update(list_questions(blocks))
        self.rows = table_questions(blocks)  # flashcards stand beside the other questions
        if not cards:
            self.bold.update(self.rows)
        self.parent = self._parents()
        self._asking_count: Counter | None = None

    # -- what opens a question -------------------------------------------------------------

    def _structural_headings(self) -> dict[int, markers.Marker]:
        """The headings that make the outline, with their markers. ``#### 问题：…`` is a
        question and ``#### 答案：D`` a label, but a bare label word above the heading before
        it (``### 答案解析`` after ``#### 1. …``) starts a new part of the document."""
        found, level_before = {}, 0
        tucked = tucked_headings(self.blocks)
        for index, block in enumerate(self.blocks):
            if block.kind is not BlockKind.HEADING or block.in_details or index in tucked:
                continue
            marker = markers.heading_marker(block.content)
            bare_word_above = block.level < level_before and not labels.split_label(block.content)
            if marker.strength == "keyword" or not is_label_heading(block) or bare_word_above:
                found[index] = marker
                level_before = block.level
        return found

    def _parents(self) -> dict[int, int | None]:
        """Each heading's nearest heading above it of a lower level (None: the document)."""
        parent, stack = {}, []
        for index in self.heads:
            level = self.blocks[index].level
            while stack and self.blocks[stack[-1]].level >= level:
                stack.pop()
            parent[index] = stack[-1] if stack else None
            stack.append(index)
        return parent

    def direct_body(self, index: int) -> range:
        """The blocks after a heading up to the next heading or bold question."""
        end = index + 1
        while end < len(self.blocks) and end not in self.bold and end not in self.markers:
            end += 1
        return range(index + 1, end)

    def _evidence(self, index: int) -> str | None:
        """Why a heading is a question: "keyword", "label", "fold" (a fold right under it), or None."""
        if self.markers[index].strength == "keyword":
            return "keyword"
        found = None
        for position in self.direct_body(index):
            block = self.blocks[position]
            if block.kind is BlockKind.DETAILS_OPEN:
                if position not in self.bold and not is_navigation(self._details_body(position)):
                    found = "fold"
            elif opens_main_section(block):
                return "label"
        return found

    def _details_body(self, opening: int) -> list[Block]:
        depth = self.blocks[opening].depth
        return list(takewhile(lambda block: not (block.kind is BlockKind.DETAILS_CLOSE and block.depth == depth),
                              self.blocks[opening + 1:]))

    def has_content(self, index: int) -> bool:
        return self.body_of(index) == "content"

    def body_of(self, index: int) -> str:
        """What is under a heading: "content", "navigation" (a table of contents) or "nothing"."""
        body = [self.blocks[i] for i in self._section_range(index)]
        if not any(b.kind not in (BlockKind.HR, BlockKind.DETAILS_CLOSE) and not b.is_tag_only for b in body):
            return "nothing"
        return "navigation" if is_navigation(body) else "content"

    def _section_range(self, index: int) -> range:
        """The blocks under a heading, down to the next heading of its level or above."""
        level = self.blocks[index].level
        end = index + 1
        while end < len(self.blocks) and end not in self.bold and (end not in self.markers or self.blocks[end].level > level):
            end += 1
        return range(index + 1, end)

    # -- which headings are questions ------------------------------------------------------

    def _question_headings(self) -> set[int]:
        chosen = self._evidenced_headings()
        return chosen | unlabelled.beside_parts(self, chosen)

    def _evidenced_headings(self) -> set[int]:
        self._openers = sorted(self.bold)
        evidence = {i: self._evidence(i) for i in self.heads}
        evidenced = list(dict.fromkeys(self._asking_ancestor(i, evidence[i]) for i in self.heads if evidence[i]))
        looks = {i for i in self.heads if markers.looks_like_question(self.markers[i])}
        if not evidenced and not self.bold:
            return unlabelled.bank_questions(self, looks)
        if not evidenced:
            return unlabelled.despite_stray_openers(self, looks)
        level_of_part: dict[int | None, int] = {}
        styles: dict[int | None, set[str]] = {}
        for index in evidenced:
            part = self.parent[index]
            level_of_part[part] = min(level_of_part.get(part, 9), self.blocks[index].level)
            styles.setdefault(part, set()).add(self.markers[index].strength)
        at_level = [i for i in self.heads
                    if level_of_part.get(self.parent[i]) == self.blocks[i].level and self.has_content(i)]
        labelled = set(evidenced)
        chosen = {i for i in at_level if i in labelled or self._in_style(i, styles[self.parent[i]])}
        chosen |= unlabelled.between_questions(self, at_level, chosen, labelled)
        chosen |= unlabelled.asked_elsewhere(self, level_of_part, chosen)
        if not self.bold:
            # Read as a bank without labels where most headings ask, the headings above its
            # questions are their parts, even one whose stray label (a lone ``答：`` deep in
            # ``### 3. 并行化策略选择篇``) made it look asked.
            unlabelled_reading = unlabelled.despite_stray_labels(self, looks, labelled)
            if sum(markers.asks(self.markers[i]) for i in unlabelled_reading) * 2 > len(unlabelled_reading):
                chosen -= self._ancestors(unlabelled_reading)
            chosen |= unlabelled_reading
        return {i for i in chosen if not unlabelled.under_any(self, i, chosen)}

    def _ancestors(self, indexes: set[int]) -> set[int]:
        """The headings above any of these."""
        found: set[int] = set()
        for index in indexes:
            parent = self.parent[index]
            while parent is not None and parent not in found:
                found.add(parent)
                parent = self.parent[parent]
        return found

    def _asking_ancestor(self, index: int, evidence: str) -> int:
        """An evidenced heading that does not look like a question, under one that does
        (``### Pre-training`` over an ``#### Example:``, in ``## 6. Discuss pre-training…``):
        its evidence is its parent's, the question it is part of; so is a follow-up question
        whose only evidence is a folded answer (``##### 创建索引时需要注意什么？`` over
        ``<details><summary>展开</summary>``, under ``### 在哪些地方适合创建索引？``). A heading
        whose body labels the question (``#### 3.1 贪心算法`` over ``**题目**：…``) asks it itself."""
        parent = self.parent[index]
        if parent is None or self._labels_question(index) or (
                markers.looks_like_question(self.markers[index]) and evidence != "fold"):
            return index
        if markers.looks_like_question(self.markers[parent]):
            return parent
        # ``### GIL的设计初衷?`` over a fold, under ``## GIL`` among ``## 什么是装饰器？`` and
        # more: the level above asks more questions, and the fold is a follow-up's (unless
        # the heading above holds questions of other kinds, folds that ask).
        if (evidence == "fold" and self._asking_siblings(parent) > self._asking_siblings(index)
                and not self._opens_between(parent, index)):
            return parent
        return index

    def _title_alone(self, headings: set[int]) -> bool:
        """Whether the one heading taken is the file's title, which asks nothing and holds every numbered question."""
        if len(headings) != 1 or self.heads[:1] != list(headings):
            return False
        (title,) = headings
        return (self.blocks[title].level == 1 and not markers.looks_like_question(self.markers[title])
                and min(self.numbered_bold) > title)

    def _opens_between(self, first: int, last: int) -> bool:
        """Whether a paragraph or fold opens a question between two blocks."""
        position = bisect.bisect_right(self._openers, first)
        return position < len(self._openers) and self._openers[position] < last

    def _asking_siblings(self, index: int) -> int:
        """How many headings beside this one (under the same heading, at its level) look like questions."""
        if self._asking_count is None:
            self._asking_count = Counter((self.parent[head], self.blocks[head].level) for head in self.heads
                                         if markers.looks_like_question(self.markers[head]))
        return self._asking_count[self.parent[index], self.blocks[index].level]

    def _labels_question(self, index: int) -> bool:
        return any(self.blocks[position].kind is BlockKind.PARAGRAPH
                   and labels.line_kind(self.blocks[position].content.split("\n", 1)[0]) == "question"
                   for position in self.direct_body(index))

    def _in_style(self, index: int, styles: set[str]) -> bool:
        """A heading without labels of its own is a question when it is marked as its part's
        questions are (``3. …`` among numbered ones), or has a keyword or a question mark."""
        marker = self.markers[index]
        return (marker.strength == "keyword" or (marker.strength == "numbered" and "numbered" in styles)
                or markers.ends_with_question_mark(marker.title))

    def questions(self) -> tuple[list[Unit], list[PartHeading]]:
        headings = self._question_headings()
        if self.numbered_bold and not self.bold and self._title_alone(headings):
            headings = set()  # ``# قائمة أسئلة`` over numbered questions: the folds are theirs
        if not headings and not self.bold and len(self.lone_bold) >= 2:
            self.bold = self.lone_bold  # a bank of bold questions, each answered by what follows it
        elif headings and not self.bold:
            self.bold = bold_in_numbering({i: self.markers[i] for i in headings}, self.lone_bold)
        elif not headings and not self.bold and self.numbered_bold:
            self.bold = self.numbered_bold  # a bank of numbered tasks, each answered by what follows it
        elif not headings and not self.bold:  # a bank of questions to ask: ``Question: …``, no answers
            self.bold = label_pairs(self.blocks, self.markers, {}, answered_only=False)
            # else one question a file: ``**题目**：…`` over ``**参考答案**：…``, and nothing else asks
            self.bold = self.bold or label_pairs(self.blocks, self.markers, {}, least=1)
        if not headings and not self.bold and self.unanswered:  # questions to ask as headings, none answered yet
            headings = unlabelled.unanswered(self)
        markers = {**{i: self.markers[i] for i in headings}, **self.bold, **self.rows}
        starts = sorted(markers)
        units = []
        for position, start in enumerate(starts):
            limit = starts[position + 1] if position + 1 < len(starts) else len(self.blocks)
            end = start + 1
            while end < limit and not self._ends_question(self.blocks[start], end):
                end += 1
            units.append(Unit(start, end, markers[start]))
        return units, PartFinder(self, units).parts()

    def _ends_question(self, opening: Block, index: int) -> bool:
        if opening.kind is BlockKind.ROW:  # a row, or a flashcard, with its answer holds all of it
            return any(column_kind(name) == "answer" and cell.strip() for name, cell in zip(opening.columns, opening.cells))
        if index not in self.markers:
            return False
        return opening.kind is not BlockKind.HEADING or self.blocks[index].level <= opening.level
