"""The practice history -> ``qgen report``: the weakest questions first, per part and per
tag, the points most often missed; a table on the terminal and a self-contained page
(``build/<stem>-report.html``) with a chart per part, drawn as SVG by its template."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import __version__
from ..history import WEAK, History, Known
from ..ids import part_name
from ..model import Bank, Question
from ..sheets import LEVELS
from ..templating import environment
from ..languages import text_settings
from ..words import words_for


@dataclass
class Row:
    """One question of the report."""

    question: Question
    bank: Bank
    anchor: str  # its place in the study page
    known: Known | None

    @property
    def strength(self) -> float | None:
        return self.known.strength if self.known else None

    @property
    def weak(self) -> bool:
        return self.strength is not None and self.strength < WEAK

    @property
    def level(self) -> str | None:
        """The level nearest the mean of the levels it was given."""
        if not self.known or not self.known.levels:
            return None
        mean = sum(LEVELS.index(level) for level in self.known.levels) / len(self.known.levels)
        return LEVELS[round(mean)]


@dataclass
class Group:
    """A part or a tag: its questions, and the mean strength of those that have one."""

    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def scored(self) -> list[Row]:
        return [row for row in self.rows if row.strength is not None]

    @property
    def strength(self) -> float | None:
        scored = self.scored
        return sum(row.strength for row in scored) / len(scored) if scored else None


@dataclass
class Report:
    rows: list[Row]  # weakest first, then the questions never scored, in bank order
    parts: list[Group]
    tags: list[Group]
    missed: list[tuple[str, str, int, int]]  # (question title, point label, times missed, times asked)
    results: int  # result files read
    anki: bool  # whether Anki's reviews are in


def build_report(banks: list[Bank], history: History, results: int, anki: bool) -> Report:
    rows, parts, tags = [], {}, {}
    for bank in banks:
        for index, question in enumerate(bank.questions, 1):
            row = Row(question, bank, f"{bank.slug}-{index}", history.known.get((question.source, question.id)))
            rows.append(row)
            part = part_name(question.part) or bank.title
            parts.setdefault(part, Group(part)).rows.append(row)
            for tag in question.tags:
                tags.setdefault(tag, Group(tag)).rows.append(row)
    scored = sorted((row for row in rows if row.strength is not None),
                    key=lambda row: (row.strength, -row.known.attempts, row.question.id))
    missed = Counter()
    asked = {}
    for row in rows:
        if row.known:
            for label, times in row.known.missed.items():
                missed[row.question.title, label] = times
                asked[row.question.title, label] = row.known.points_seen[label]
    return Report(
        rows=scored + [row for row in rows if row.strength is None],
        parts=[group for group in parts.values() if group.scored],
        tags=sorted((group for group in tags.values() if group.scored), key=lambda g: (g.strength, g.name)),
        missed=[(title, label, times, asked[title, label]) for (title, label), times in missed.most_common(10)],
        results=results, anki=anki)


def render_report_page(report: Report, context, study_page: str) -> bytes:
    words = words_for(context.language)
    page = environment(context.templates).get_template("report/report.html.j2").render(
        report=report, title=context.title, words=words, **text_settings(context.text_language),
        version=__version__, study_page=study_page, levels=dict(zip(LEVELS, words["levels"].split())), weak=WEAK)
    return page.encode("utf-8")
