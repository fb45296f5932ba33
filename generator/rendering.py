"""Each format's files, rendered from the banks once the build has read and checked them:
the deck and its manifest, the papers (exam, key, interviewer's sheet) with their manifests
and scores sheets, the study page, Moodle XML. Every function returns (path, bytes) pairs
for the writer, which puts them all in place at once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from . import __version__
from .errors import UsageError
from .model import Bank, Finding, NoteChanges, Paper
from .sources import project_path
from .templating import builtin_templates_dir


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


def render_outputs(banks, config, context, markup, report, progress, prepare) -> list[tuple[Path, bytes]]:
    """Deck, papers and study page, in that order (the JSON comes last, with all findings),
    once ``prepare`` has passed its checks; a deck's workers do not wait for it."""
    outputs: list[tuple[Path, bytes]] = []
    if "apkg" in config.formats:
        outputs += _deck_outputs(banks, config, context, markup, report, progress, prepare)
    else:
        prepare()
    if report.papers:
        outputs += _paper_outputs(report.papers, banks, config, context, markup, report, progress)
    if "html" in config.formats:
        from .renderers.html import render_study_page

        outputs.append((config.out / f"{context.stem}.html", render_study_page(banks, context, markup)))
    if "moodle" in config.formats:
        from .renderers.moodle import render_moodle

        outputs.append((config.out / f"{context.stem}-moodle.xml", render_moodle(banks, context, markup)))
    return outputs


def printed_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH, so that a reproducible build prints one date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _deck_outputs(banks, config, context, markup, report, progress, prepare) -> list[tuple[Path, bytes]]:
    from .renderers.anki import render_apkg

    package_path = config.out / f"{context.stem}.apkg"
    manifest_path = config.out / f"{context.stem}.anki.json"
    deck = render_apkg(banks, context, markup, source_epoch(banks, context.templates),
                       _previous(manifest_path), progress, config.jobs, prepare)
    report.anki = AnkiSummary(package_path, deck.answers, deck.points, deck.processes)
    return [(package_path, deck.package), (manifest_path, _json_bytes(deck.manifest))]


def _paper_outputs(papers, banks, config, context, markup, report, progress) -> list[tuple[Path, bytes]]:
    from .renderers.pdf import check_fonts, harfbuzz_subset_missing, paper_html, render_pdfs

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
