"""What every block of a bank that is not a question is: front matter, preface, part text,
navigation (tables of contents, back-to-top lines) or text left out, and the runs of text
left out, each with the finding that explains it (a lost question, or text no output uses)."""

from __future__ import annotations

from typing import Callable

from .blocks import Block, BlockKind
from .markers import Marker, looks_like_question
from .navigation import is_anchor_only, is_navigation

BOLD_LEVEL = 7  # bold question lines sit below every heading


class Regions:
    """The regions of an outline's blocks, from the headings the outline found (``markers``)
    and the blocks under each (``direct_body``)."""

    def __init__(self, blocks: list[Block], markers: dict[int, Marker], direct_body: Callable[[int], range]):
        self.blocks, self.markers, self.direct_body = blocks, markers, direct_body

    def assign(self, outline) -> None:
        """A (span kind, ref) for every block, and the runs of skipped blocks."""
        regions: list[tuple[str, object] | None] = [None] * len(self.blocks)
        for number, unit in enumerate(outline.units):
            regions[unit.start:unit.end] = [("question", number)] * (unit.end - unit.start)
        for number, part in enumerate(outline.parts):
            for index in range(part.index, part.first_question):
                if regions[index] is None:
                    regions[index] = ("part", number)
            # The headings that group it right above it (``## DevOps`` over ``#### 初级``), with
            # the text under each: the part's too.
            grouping = {index for group in part.groups for index in (group, *self.direct_body(group))}
            for group in part.groups:
                if all(i in grouping or self._is_navigation(i) for i in range(group, part.index)):
                    for index in sorted(grouping):
                        if index >= group and regions[index] is None:
                            regions[index] = ("part", number)
                    break
        first = next((i for i, r in enumerate(regions) if r is not None), len(self.blocks))
        for index, block in enumerate(self.blocks):
            if block.kind is BlockKind.FRONT_MATTER:
                regions[index] = ("front-matter", None)
            elif block.kind is BlockKind.FOOTNOTE and regions[index] is None:
                # A definition is used wherever it is referred to: it joins the run before it.
                regions[index] = regions[index - 1] if index else ("preface", None)
            elif regions[index] is None or regions[index][0] == "part":
                if self._is_navigation(index):
                    regions[index] = ("navigation", None)
                elif regions[index] is None:
                    regions[index] = ("preface", None) if index < first else ("skipped", None)
        outline.regions = regions
        outline.skipped = self._skipped_runs(regions, outline.units, outline)

    def _is_navigation(self, index: int) -> bool:
        """A navigation block or an anchor line, or a heading with nothing but navigation under it (目录)."""
        block = self.blocks[index]
        if block.kind is BlockKind.HR or block.is_tag_only or is_anchor_only(block) or (
                block.kind is not BlockKind.HEADING and is_navigation([block])):
            return True
        if block.kind is BlockKind.HEADING and index in self.markers:
            body = [self.blocks[i] for i in self.direct_body(index)]
            return bool(body) and is_navigation(body)
        return False

    def _skipped_runs(self, regions, units, outline) -> list[tuple[int, int, str]]:
        """Runs of skipped blocks, cut at headings of the level of the bank's parts (else
        above its questions), each with the finding code that explains it: one finding
        per chapter of an article, not one per sub-heading."""
        levels = [self.blocks[u.start].level for u in units if self.blocks[u.start].kind is BlockKind.HEADING]
        part_levels = [self.blocks[part.index].level for part in outline.parts]
        cut_level = min(part_levels) if part_levels else min(levels, default=BOLD_LEVEL) - 1
        runs: list[list[int]] = []
        for index, region in enumerate(regions):
            if region[0] != "skipped":
                continue
            block = self.blocks[index]
            cut = block.kind is BlockKind.HEADING and index in self.markers and block.level <= cut_level
            if runs and runs[-1][-1] == index - 1 and not cut:
                runs[-1].append(index)
            else:
                runs.append([index])
        question_levels = set(levels)
        found = []
        for run in runs:
            lost = [i for i in run if self.lost_question(i, question_levels)]
            outline.lost_headings[run[0]] = lost
            found.append((run[0], run[-1] + 1, "skipped-heading" if lost else "skipped-text"))
        return found

    def lost_question(self, index: int, question_levels: set[int]) -> bool:
        """A heading left out that looks like a question: a keyword, a question mark, or a
        number at a level where the bank has questions (not a numbered chapter)."""
        marker = self.markers.get(index)
        if marker is None:
            return False
        if marker.strength == "numbered":
            return self.blocks[index].level in question_levels
        return looks_like_question(marker)
