"""Question headings numbered one after another (``#### Q155.``, ``### Q156.``,
``#### Q157.``), whatever their levels: such a run is one sequence of questions, so a heading
written at another level is read at the level most of the run is written at (else it would
hold every question after it), and a heading inside a run is never a part."""

from __future__ import annotations

import bisect
import re

from .blocks import Block
from .choices import opens_with_key
from .markers import Marker


def numbered_runs(heads: list[int], blocks: list[Block], markers: dict[int, Marker]) -> list[list[int]]:
    """The headings (block indices, in order) in runs of consecutive numbers: each one more
    than the one before, marked alike. Any other heading breaks a run, but for options
    written as headings at the level of a question heading with nothing under it
    (``#### A. Output frame rate`` right under ``#### Q41. Which …?``). A number said again
    at the level of the heading before it (``#### Q98.`` twice, ``### 66)`` twice) is a slip
    of the numbering: that heading is in the run too."""
    runs: list[list[int]] = [[]]
    options = False  # the headings since the run's last one are its options
    for index in heads:
        marker, run = markers[index], runs[-1]
        last = markers[run[-1]] if run else None
        if last and marker.strength == last.strength and marker.number is not None and (
                marker.number == last.number + 1
                or (marker.number == last.number and blocks[index].level == blocks[run[-1]].level)):
            run.append(index)
            options = False
        elif marker.strength != "plain" and marker.number is not None:
            runs.append([index])
            options = False
        elif last and opens_with_key(marker.title) and blocks[index].level == blocks[run[-1]].level and (
                options or _empty_above(run, index, blocks)):
            options = True
        else:
            runs.append([])
            options = False
    return [run for run in runs if run]


def _empty_above(run: list[int], index: int, blocks: list[Block]) -> bool:
    """Whether the heading is right under the run's last one, at its level."""
    return run[-1] + 1 == index and blocks[index].level == blocks[run[-1]].level


def relevel(blocks: list[Block], runs: list[list[int]]) -> list[tuple[int, int]]:
    """Moves each heading of a run of three or more to the level most of the run is written
    at (a strict majority); returns each heading moved, with the level it was written at."""
    moved = []
    for run in runs:
        levels = [blocks[i].level for i in run]
        common = max(set(levels), key=levels.count)
        if len(run) < 3 or levels.count(common) * 2 <= len(run):
            continue
        for index, level in zip(run, levels):
            if level != common:
                moved.append((index, level))
                blocks[index].level = common
    return moved


def tuck_under_empty(blocks: list[Block], runs: list[list[int]], heads: list[int]) -> None:
    """A question heading of a run with nothing under it, followed by headings at its level
    that are not in the run (``#### Q41. Which …?`` over ``#### A. Output frame rate``,
    ``#### B. …``): those headings are the question's text, read one level below it."""
    position = {head: order for order, head in enumerate(heads)}
    for run in runs:
        for index, following in zip(run, run[1:]):
            if index + 1 not in position:
                continue
            for head in heads[position[index] + 1:position[following]]:
                if blocks[head].level == blocks[index].level:
                    blocks[head].level += 1


_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)(?=[\s、.．])")


def bold_in_numbering(headings: dict[int, Marker], bold: dict[int, Marker]) -> dict[int, Marker]:
    """The bold question lines (``**1.2 Attention的计算步骤是什么？**``) whose section numbers
    fall between those of the question headings around them (``#### **1.1 …？**`` and
    ``#### **1.3 …？**``): questions an author wrote in bold where the others are headings."""
    numbered = sorted((index, number) for index, marker in headings.items()
                      if (number := _dotted(marker.title)) is not None)
    if len(numbered) < 2:
        return {}
    found = {}
    for index, marker in bold.items():
        number = _dotted(marker.title)
        position = bisect.bisect_left(numbered, (index,))
        before = numbered[position - 1][1] if position else None
        after = numbered[position][1] if position < len(numbered) else None
        if number is not None and (before or after) and (before is None or before < number) and (
                after is None or number < after):
            found[index] = marker
    return found


def _dotted(title: str) -> tuple[int, ...] | None:
    match = _DOTTED.match(title)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None
