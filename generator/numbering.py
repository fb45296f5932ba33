"""Question headings numbered one after another (``#### Q155.``, ``### Q156.``,
``#### Q157.``), whatever their levels: such a run is one sequence of questions, so a heading
written at another level is read at the level most of the run is written at (else it would
hold every question after it), and a heading inside a run is never a part."""

from __future__ import annotations

from .blocks import Block
from .markers import Marker


def numbered_runs(heads: list[int], markers: dict[int, Marker]) -> list[list[int]]:
    """The headings (block indices, in order) in runs of consecutive numbers: each one more
    than the one before, marked alike."""
    runs: list[list[int]] = []
    for index in heads:
        marker = markers[index]
        if marker.strength == "plain" or marker.number is None:
            runs.append([])
            continue
        last = markers[runs[-1][-1]] if runs and runs[-1] else None
        if last and last.strength == marker.strength and last.number == marker.number - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [run for run in runs if run]


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
