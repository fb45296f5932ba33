"""Question headings where labels are few or none.

The outline finds a bank's questions by the headings its labels evidence; these are the
readings for the headings labels do not reach: a bank with no label anywhere, or one or two
labels among many more headings (a ``问: … 答: …`` pair in a chapter of 28 sections), the
headings between questions most of which have no label, and a part where no heading has one.
Each function takes the outline's walk (its headings, their parents, blocks and markers).
"""

from __future__ import annotations

import bisect
from collections import Counter

from . import markers
from .attributes import without_attributes

STRAY_LABELS = 2  # at most this many labelled headings, among eight times as many unlabelled ones


def bank_questions(walk, looks: set[int]) -> set[int]:
    """No labels anywhere: of the levels where headings with content look like questions,
    the one where most of them ask (``## 12.1.3 TensorFlow特点有哪些？`` over ``### 1.高度的灵活性``),
    then the one holding the most; every heading with content at it is one. Level 1 titles
    the file, unless two or more of its headings, most of them, ask (``# What is fine-tuning?``
    over its ``### 1. Evaluate Task Requirements``)."""
    by_level = _by_level(walk, [index for index in walk.heads if walk.has_content(index)])
    titles = by_level.pop(1, [])
    if len(titles) >= 2 and sum(markers.asks(walk.markers[index]) for index in titles) * 2 > len(titles):
        by_level[1] = titles
    levels = [level for level, found in by_level.items() if looks & set(found)]
    asking = {level: sum(markers.asks(walk.markers[index]) for index in by_level[level]) for level in levels}
    return set(by_level[max(levels, key=lambda lvl: (asking[lvl], len(by_level[lvl]), -lvl))]) if levels else set()


def despite_stray_labels(walk, looks: set[int], labelled: set[int]) -> set[int]:
    """A label or two among eight times as many headings does not make a labelled bank: the
    headings a bank with no labels would ask."""
    if len(labelled) > STRAY_LABELS:
        return set()
    found = bank_questions(walk, looks)
    return found if len(labelled) * 8 < len(found) else set()


def despite_stray_openers(walk, looks: set[int]) -> set[int]:
    """A few paragraph questions (``问：…`` over ``答：…``) in one or two answers of a bank of
    numbered heading questions (``### 8.3.7 RetinaNet`` among ``### 8.1.1 什么是目标检测？`` and
    46 more): the headings are questions too, where most of them are numbered or ask and
    more of them ask than there are such paragraphs."""
    over = {walk.heads[at - 1] if (at := bisect.bisect_right(walk.heads, opener)) else None for opener in walk.bold}
    reading = despite_stray_labels(walk, looks, over)
    if (sum(markers.looks_numbered(walk.markers[i]) for i in reading) * 2 > len(reading)
            and sum(markers.asks(walk.markers[i]) for i in reading) > len(walk.bold)):
        return reading
    return set()


def between_questions(walk, at_level: list[int], chosen: set[int], labelled: set[int]) -> set[int]:
    """Where most of a part's questions have no label (one ``**Answer:**`` among forty), a
    heading at their level between two of them is one too (``### Explain meta tags in
    HTML``), as in a bank with no labels; one after the last (``### 参考``) is not."""
    by_part: dict[int | None, list[int]] = {}
    for index in at_level:
        by_part.setdefault(walk.parent[index], []).append(index)
    found = set()
    for heads in by_part.values():
        asked = [i for i in heads if i in chosen]
        if len(asked) >= 4 and sum(i in labelled for i in asked) * 2 < len(asked):
            found.update(i for i in heads if asked[0] < i < asked[-1] and walk.markers[i].title.strip())
    return found


def asked_elsewhere(walk, level_of_part: dict[int | None, int], chosen: set[int]) -> set[int]:
    """In a part where no heading has labels, the headings at the level every other
    part's questions are at that end with a question mark (``## Q. What is X?`` after an
    ``# # 13. CLASSES`` that restarts the parts), or, where most questions are numbered, two
    or more numbered ones (``### 1. 数字键盘组合`` under ``## Backtracking``, beside ``## BFS``
    over ``### 1. 计算在网格中从原点到特定点的最短路径长度`` and its ``题目描述：``): questions,
    as they are elsewhere, unless they repeat a question's title (a recap of the answers)."""
    levels = set(level_of_part.values())
    if len(levels) != 1 or len(chosen) < 2:
        return set()
    (level,) = levels
    asked = {without_attributes(walk.markers[i].title) for i in chosen}  # a recap of the answers repeats them
    unlabelled = [i for i in walk.heads if walk.parent[i] not in level_of_part and walk.blocks[i].level == level
                  and without_attributes(walk.markers[i].title) not in asked and walk.has_content(i)]
    found = {i for i in unlabelled if markers.ends_with_question_mark(walk.markers[i].title)}
    if sum(walk.markers[i].strength == "numbered" for i in chosen) * 2 > len(chosen):
        numbered = Counter(walk.parent[i] for i in unlabelled if walk.markers[i].strength == "numbered")
        found.update(i for i in unlabelled if walk.markers[i].strength == "numbered" and numbered[walk.parent[i]] >= 2)
    return found


def beside_parts(walk, chosen: set[int]) -> set[int]:
    """A heading with only text under it that asks (``## 3.13 深度学习中常用的数据增强方法？``),
    after the first question, at the level and under the heading of the parts that hold the
    questions (``## 3.12 Dropout 系列问题`` over ``### 3.12.1 为什么要正则化？``): a question
    written a level up because no part holds it, unless it repeats a question's title."""
    slots = {(walk.parent[parent], walk.blocks[parent].level)
             for parent in (walk.parent[index] for index in chosen) if parent is not None}
    if not slots:
        return set()
    first, asked = min(chosen), {without_attributes(walk.markers[i].title) for i in chosen}
    found = set()
    for position, index in enumerate(walk.heads):
        following = walk.heads[position + 1] if position + 1 < len(walk.heads) else None
        if (index > first and index not in chosen and (walk.parent[index], walk.blocks[index].level) in slots
                and (following is None or walk.blocks[following].level <= walk.blocks[index].level)
                and markers.ends_with_question_mark(title := walk.markers[index].title)
                and without_attributes(title) not in asked and walk.has_content(index)
                and not under_any(walk, index, chosen)):
            found.add(index)
    return found


def under_any(walk, index: int, chosen: set[int]) -> bool:
    """Whether a heading is under one of these."""
    ancestor = walk.parent[index]
    while ancestor is not None and ancestor not in chosen:
        ancestor = walk.parent[ancestor]
    return ancestor is not None


def unanswered(walk) -> set[int]:
    """Where nothing else opens a question: the headings that ask with nothing under them,
    two or more at one level (``## 16.1 如何理解序列到序列模型？`` and 23 more, the answers
    not written yet), as the list items and ``Question:`` lines of a bank of questions to ask
    are; at the level holding the most. A heading with nothing under it is otherwise left out."""
    by_level = _by_level(walk, [index for index in walk.heads
                                if markers.asks(walk.markers[index]) and not walk.has_content(index)])
    found = max(by_level.values(), key=len, default=[])
    return set(found) if len(found) >= 2 else set()


def _by_level(walk, headings: list[int]) -> dict[int, list[int]]:
    """Headings grouped by their level, in order."""
    grouped: dict[int, list[int]] = {}
    for index in headings:
        grouped.setdefault(walk.blocks[index].level, []).append(index)
    return grouped
