"""The parts of a bank: the headings above its questions that hold some of them (``## 一、基础``),
a heading at the questions' own level with nothing under it (``## # 2. VARIABLES``), each named
with the headings that group it where another part has its name (``DevOps › 初级``)."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from . import markers
from .markers import heading_text
from .model import PART_PATH_SEPARATOR


@dataclass
class PartHeading:
    index: int  # the heading's block
    title: str
    first_question: int  # the block of its first question
    # The headings above it that only group parts (``## DevOps`` over ``#### 初级``), when
    # another part has its name: named in its title, and theirs is its text.
    groups: tuple[int, ...] = ()


class PartFinder:
    """The parts of an outline's questions (``units``), from its walk over the headings."""

    def __init__(self, walk, units: list):
        self.walk, self.units = walk, units
        self.blocks, self.heads, self.parent, self.markers = walk.blocks, walk.heads, walk.parent, walk.markers
        self._question_starts = {unit.start for unit in units}
        self._extents: dict[int, int] = {}
        self._divider_of = self._dividers()

    def _container(self, unit) -> int | None:
        """The heading a question sits in: a heading question's parent; for a bold line, the
        nearest heading before it (or, inside a heading question, that question's)."""
        if unit.start in self.markers:
            return self._divider_of.get(unit.start) or self.parent[unit.start]
        position = bisect.bisect_left(self.heads, unit.start)
        if position == 0:
            return None
        head = self.heads[position - 1]
        # Not a question it follows, nor a table of contents (``### Table of Contents`` before ``1. ### …``).
        while head is not None and (head in self._question_starts or self.walk.body_of(head) == "navigation"):
            head = self.parent[head]
        return head

    def _dividers(self) -> dict[int, int]:
        """Each heading question's divider: a heading at its own level with nothing under
        it, before it with only questions of that level between them (``## # 2. VARIABLES``
        over ``## Q. …`` headings), a part written as a sibling of its questions. One pass."""
        found: dict[int, int] = {}
        open_at: dict[int, int | None] = {}  # level -> the divider of that level still open
        # A heading numbered between its neighbours (``#### 9)`` between 8 and 10) is an
        # unanswered question when nothing is under it, never a part.
        numbered = {index for run in self.walk.runs for index in run[1:-1]}
        # So is a heading that asks (``## 什么是装饰器？`` with nothing under it).
        numbered |= {head for head in self.heads if markers.ends_with_question_mark(self.markers[head].title)}
        for head in self.heads:
            level = self.blocks[head].level
            for deeper in [other for other in open_at if other > level]:
                del open_at[deeper]
            if head in self._question_starts:
                if open_at.get(level) is not None:
                    found[head] = open_at[level]
            else:
                # ``### Table of Contents`` over its links is navigation, not a part.
                open_at[level] = None if self.walk.body_of(head) != "nothing" or head in numbered else head
        return found

    def parts(self) -> list[PartHeading]:
        """Containers that hold questions, but not one that holds them all (the bank's own
        title heading); each question's ``part`` is set."""
        units = self.units
        containers = [self._container(unit) for unit in units]
        held = {c for c in containers if c is not None}
        if len(held) == 1 and containers.count(next(iter(held))) == len(units):
            held = set()
        parts: list[PartHeading] = []
        index_of: dict[int, int] = {}
        names = Counter(heading_text(self.blocks[c]) for c in held)
        for unit, container in zip(units, containers):
            if container in held:
                if container not in index_of:
                    index_of[container] = len(parts)
                    # ``初级`` under ``## DevOps`` and under ``## Jenkins``: each named with its groups.
                    shared = names[heading_text(self.blocks[container])] > 1
                    groups = self._groups_above(container, held, units) if shared else ()
                    title = PART_PATH_SEPARATOR.join(heading_text(self.blocks[i]) for i in (*groups, container))
                    parts.append(PartHeading(container, title, unit.start, groups))
                unit.part = index_of[container]
        return parts

    def _extent(self, index: int) -> int:
        """One past the last block under a heading, questions included: the next heading of
        its level or above (each asked once: the bank's title is every part's ancestor)."""
        if index not in self._extents:
            level = self.blocks[index].level
            position = bisect.bisect_right(self.heads, index)
            self._extents[index] = next((head for head in self.heads[position:] if self.blocks[head].level <= level),
                                        len(self.blocks))
        return self._extents[index]

    def _groups_above(self, container: int, held: set[int], units: list) -> tuple[int, ...]:
        """The headings above a part that group parts without holding questions themselves,
        outermost first, up to the bank's title (a heading above every question): ``初级``
        under ``## DevOps`` is "DevOps › 初级" when ``初级`` under ``## Jenkins`` is another part."""
        groups = []
        ancestor = self.parent[container]
        while ancestor is not None and ancestor not in held and ancestor not in self._question_starts:
            if self._extent(ancestor) >= units[-1].end and ancestor < units[0].start:
                break  # the bank's title
            groups.append(ancestor)
            ancestor = self.parent[ancestor]
        return tuple(reversed(groups))
