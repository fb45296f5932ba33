"""What every renderer is given and gives back, and the step of the build that runs them:
each asked-for format's renderer (``generator.renderers``) turns the checked banks and the
papers into files, returned with their findings for the writer, which puts them all in place
at once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import UsageError
from .interrupts import raise_if_stopped
from .model import Bank, Finding, NoteChanges, Paper

if TYPE_CHECKING:  # names for annotations only: build imports this module
    from .config import BuildConfig
    from .renderers.view import Views


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
    language: str  # of qgen's words: the configured language, else the first bank's
    text_language: str  # of the text: the first bank's (its direction and character forms)
    templates: str | None
    language_override: str | None = None  # set only when the user chose the language
    cards: tuple[str, ...] = ("answer",)  # the deck's cards: "answer" and/or "points"
    weak: frozenset[tuple[str, str]] = frozenset()  # (source, id) of the questions tagged qgen::weak
    answer_grid: bool = False  # the exam's first page has a grid to mark the choices in
    project: str | None = None  # outputs name a bank by its path relative to this folder


def source_epoch(banks: list[Bank], templates: str | None) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the banks and of
    the templates: it moves forward when the content can have changed, and only then."""
    from .templating import builtin_templates_dir

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


@dataclass
class RenderJob:
    """What a format's renderer is given once the banks are checked and the papers drawn:
    the banks, the build's settings, the words and names (``context``), each question's HTML
    (``views``, over the build's one markup renderer, whose media and findings are the
    build's), the papers, progress, and ``findings``: the checks' findings, and for the
    renderer that comes last and records them (JSON), every finding of the build."""

    banks: list[Bank]
    config: BuildConfig
    context: OutputContext
    views: Views
    papers: list[Paper]
    progress: Callable | None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Rendered:
    """What renderers made: files as (path, bytes) for the writer, their findings, the page
    count of each PDF and the deck's summary."""

    files: list[tuple[Path, bytes]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    anki: AnkiSummary | None = None

    def add(self, other: Rendered) -> None:
        self.files += other.files
        self.findings += other.findings
        self.pages.update(other.pages)
        self.anki = other.anki or self.anki


def render_outputs(job: RenderJob) -> Rendered:
    """Every asked-for format's files, in the renderers' order; JSON last, given every
    finding: the checks', the renderers' and the markup's."""
    from .lint import sort_findings
    from .renderers import render, renderers_for

    rendered = Rendered()
    for renderer in renderers_for(job.config.formats):
        raise_if_stopped()
        if renderer.module == "json":
            job = replace(job, findings=sort_findings(job.findings + rendered.findings + job.views.markup.findings))
        rendered.add(render(renderer, job))
    return rendered


def printed_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH, so that a reproducible build prints one date."""
    epoch = epoch_from_environment()
    return date.today() if epoch is None else datetime.fromtimestamp(epoch, tz=timezone.utc).date()


def previous_manifest(manifest_path: Path) -> dict | None:
    """The last build's Anki manifest; a missing or unreadable one means a first build."""
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def json_bytes(document: dict) -> bytes:
    """A manifest's bytes: keys sorted, so that the same content gives the same file."""
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
