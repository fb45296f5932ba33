"""Each format's files, rendered from the banks once the build has read and checked them:
the deck and its manifest, the papers (exam, key, interviewer's sheet) with their manifests
and scores sheets, the study page, Moodle XML. Every function returns (path, bytes) pairs
for the writer, which puts them all in place at once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable
from datetime import date, datetime, timezone
from pathlib import Path

from . import __version__
from .errors import UsageError
from .model import Bank, Finding, NoteChanges, Paper
from .sources import project_path
from .templating import builtin_templates_dir

if TYPE_CHECKING:  # names for annotations only: build imports this module
    from .build import BuildReport
    from .config import BuildConfig
    from .markup import MarkupRenderer


@dataclass
class AnkiSummary:
    """What the build says of its deck: the notes of each kind and what changed."""

    path: Path
    answers: NoteChanges  # a note per question
    points: NoteChanges  # a note per answer point, when asked for
    processes: int = 1  # how many processes rendered the notes


@dataclass(frozen=True)
class OutputContext:
    """What every renderer needs besides the banks: names, words and templates."""

    stem: str
    title: str
    language: str  # the configured language, else the first bank's
    templates: str | None
    language_override: str | None = None  # set only when the user chose the language
    cards: tuple[str, ...] = ("answer",)  # the deck's cards: "answer" and/or "points"
    weak: frozenset[str] = frozenset()  # ids of the questions whose notes are tagged qgen::weak
    answer_grid: bool = False  # the exam's first page has a grid to mark the choices in
    project: str | None = None  # outputs name a bank by its path relative to this folder


def source_epoch(banks: list[Bank], templates: str | None) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the banks and of
    the templates: it moves forward when the content can have changed, and only then."""
    epoch = epoch_from_environment()
    if epoch is not None:
        return epoch
    files = [Path(bank.source) for bank in banks] + list(builtin_templates_dir().rglob("*"))
    if templates:
        files += list(Path(templates).rglob("*"))
    return int(max(path.stat().st_mtime for path in files if path.is_file()))


def epoch_from_environment() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None


PAPER_KINDS = ("exam", "key", "interview")  # the outputs drawn from the selected papers


@dataclass
class RenderJob:
    """What a format's renderer is given: the banks, the build's settings, the words and
    names (``context``), the one markup renderer (its findings and media are the build's),
    the report it adds to (pages, the deck's summary), progress, and ``prepare``, the checks
    that must pass before any output counts (the deck runs them while its workers render)."""

    banks: list[Bank]
    config: BuildConfig
    context: OutputContext
    markup: MarkupRenderer
    report: BuildReport
    progress: Callable | None
    prepare: Callable[[], None]


@dataclass(frozen=True)
class Renderer:
    """One kind of output: the formats it answers to in ``--format`` and the function that
    renders its files, as (path, bytes) pairs, from a RenderJob."""

    formats: tuple[str, ...]
    render: Callable[[RenderJob], list[tuple[Path, bytes]]]


def render_outputs(banks, config, context, markup, report, progress, prepare) -> list[tuple[Path, bytes]]:
    """Every asked-for format's files, deck first (its workers start before ``prepare``'s
    checks), then papers, study page, Moodle; the JSON comes last, in the build, with all
    findings."""
    job = RenderJob(banks, config, context, markup, report, progress, prepare)
    if "apkg" not in config.formats:
        prepare()
    return [output for renderer in RENDERERS if set(renderer.formats) & set(config.formats)
            for output in renderer.render(job)]


def _study_page(job: RenderJob) -> list[tuple[Path, bytes]]:
    from .renderers.html import render_study_page

    return [(job.config.out / f"{job.context.stem}.html", render_study_page(job.banks, job.context, job.markup))]


def _moodle(job: RenderJob) -> list[tuple[Path, bytes]]:
    from .renderers.moodle import render_moodle

    return [(job.config.out / f"{job.context.stem}-moodle.xml", render_moodle(job.banks, job.context, job.markup))]


def printed_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH, so that a reproducible build prints one date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _deck(job: RenderJob) -> list[tuple[Path, bytes]]:
    from .renderers.anki import render_apkg

    banks, config, context, markup, report = job.banks, job.config, job.context, job.markup, job.report
    package_path = config.out / f"{context.stem}.apkg"
    manifest_path = config.out / f"{context.stem}.anki.json"
    deck = render_apkg(banks, context, markup, source_epoch(banks, context.templates),
                       _previous(manifest_path), job.progress, config.jobs, job.prepare)
    report.anki = AnkiSummary(package_path, deck.answers, deck.points, deck.processes)
    return [(package_path, deck.package), (manifest_path, _json_bytes(deck.manifest))]


def _papers(job: RenderJob) -> list[tuple[Path, bytes]]:
    """The exam, key and interviewer's sheet of each paper the build drew (none when the
    bank is too long for a paper without --count), with manifests and scores sheets."""
    from .renderers.pdf import check_fonts, harfbuzz_subset_missing, paper_html, render_pdfs

    papers, banks, config, context, markup, report, progress = (job.report.papers, job.banks, job.config,
                                                                 job.context, job.markup, job.report, job.progress)
    if not papers:
        return []
    kinds = [kind for kind in PAPER_KINDS if kind in config.formats]
    today = printed_date()
    htmls = [(paper, kind, paper_html(paper, kind, context, markup, today)) for paper in papers for kind in kinds]
    texts = [context.title] + [q.title + (q.question or "") for p in papers for q in p.questions]
    if "key" in kinds:
        texts += [text for p in papers for q in p.questions
                  for text in (q.answer, q.example, q.explanation, *[e.text for e in q.extra]) if text]
    font_findings: list[Finding] = []

    def check_installation() -> None:  # while the other processes render
        font_findings.extend(check_fonts(texts, banks[0].source))
        slow = harfbuzz_subset_missing()
        if slow:
            font_findings.append(slow)

    outputs = []
    # One paper: llm-interview-exam.pdf; variants: llm-interview-exam-A.pdf, …
    suffix = {paper.variant: f"-{paper.variant}" if len(papers) > 1 else "" for paper in papers}
    paths = [config.out / f"{context.stem}-{kind}{suffix[paper.variant]}.pdf" for paper, kind, _ in htmls]
    pdfs = render_pdfs([(path.name, html) for path, (_, _, html) in zip(paths, htmls)], markup, banks[0].source,
                       config.jobs, progress, check_installation)
    markup.findings.extend(font_findings)
    for path, (data, pages) in zip(paths, pdfs):
        report.pages[path] = pages
        outputs.append((path, data))
    if progress:
        progress("rendering PDFs", len(htmls), len(htmls))
    for paper in papers:
        outputs.append((config.out / f"{context.stem}-paper{suffix[paper.variant]}-manifest.json",
                        _json_bytes(paper_manifest(paper, config.project))))
        if "interview" in kinds:
            from .renderers.scores import render_scores_csv

            outputs.append((config.out / f"{context.stem}-interview-scores{suffix[paper.variant]}.csv",
                            render_scores_csv(paper)))
    return outputs


def paper_manifest(paper: Paper, project: str | None = None) -> dict:
    return {
        "qgen": __version__,
        "variant": paper.variant,
        "seed": paper.seed,
        "shuffled": paper.shuffled,
        "date": printed_date().isoformat(),
        "source_hash": paper.source_hash,
        "history": paper.history,
        "questions": [{"id": q.id, "source": project_path(q.source, project), "number": q.number, "title": q.title,
                       "points": [{"id": p.id, "label": p.label, "weight": p.weight} for p in q.points],
                       **({"options": [key for key in paper.option_orders[index]],
                           "correct": paper.correct_letters(index)} if q.options else {})}
                      for index, q in enumerate(paper.questions)],
    }


def _previous(manifest_path: Path) -> dict | None:
    """The last build's Anki manifest; a missing or unreadable one means a first build."""
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


# In the order they render; the JSON export is written by the build, last, with every finding.
RENDERERS = (Renderer(("apkg",), _deck), Renderer(PAPER_KINDS, _papers), Renderer(("html",), _study_page),
             Renderer(("moodle",), _moodle))
