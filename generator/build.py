"""config -> read everything -> lint -> select -> render -> atomic writes -> a BuildReport.

Everything is read, checked and rendered before anything is written, so a bad bank or an
interrupted build never leaves a mix of old and new outputs behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import jinja2

from . import __version__
from .cache import BuildCache, code_digest, digest, findings_from_record, findings_record, templates_state
from .config import FORMATS, BuildConfig
from .errors import BankErrors, StrictFailure, UsageError
from .ids import slugify
from .lint import lint_banks, sort_findings
from .markup import MarkupRenderer
from .model import Bank, Finding, NoteChanges, Paper
from .output import JOURNAL, folder_lock, recover, write_all_atomic
from .parallel import usable_processors
from .history import WEAK, draw_for, practice_history
from .reader import read_banks
from .select import distinct_questions, new_seed, select_papers
from .sources import project_path
from .templating import builtin_templates_dir, raised_by_template, template_dir, template_problem, unused_templates

# A paper of every question is the default, up to this many: more is a request for --count.
DEFAULT_PAPER_LIMIT = 500
# progress(what, done, total): called as long steps advance.
Progress = Callable[[str, int, int], None]


@dataclass
class AnkiSummary:
    path: Path
    answers: NoteChanges  # a note per question
    points: NoteChanges  # a note per answer point, when asked for
    processes: int = 1  # how many processes rendered the notes


@dataclass
class BuildReport:
    banks: list[Bank]
    findings: list[Finding] = field(default_factory=list)
    written: list[tuple[Path, int]] = field(default_factory=list)
    pages: dict[Path, int] = field(default_factory=dict)
    anki: AnkiSummary | None = None
    papers: list[Paper] = field(default_factory=list)
    seed: int | None = None
    reused: bool = False  # nothing changed: the outputs of the last build were kept
    removed: list[Path] = field(default_factory=list)  # outputs of the last build this one does not make
    seconds: float = 0.0


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


def output_stem(banks: list[Bank], paths: tuple[str, ...], name: str | None = None) -> str:
    """One bank: its file's slug. Several: ``name`` (qgen.yaml), else the slug of the folder
    that holds them all, never of the folder qgen happens to run in."""
    if len(banks) == 1:
        return banks[0].slug
    if name:
        return slugify(name) or "bank"
    folders = [Path(path) for path in paths if Path(path).is_dir()]
    if len(paths) == 1 and folders:
        folder = folders[0].resolve()
    else:
        folder = Path(os.path.commonpath([str(Path(bank.source).resolve().parent) for bank in banks]))
    return slugify(folder.name) or "bank"


def source_epoch(banks: list[Bank], templates: str | None) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the banks and of
    the templates: it moves forward when the content can have changed, and only then."""
    epoch = _epoch_from_environment()
    if epoch is not None:
        return epoch
    files = [Path(bank.source) for bank in banks] + list(builtin_templates_dir().rglob("*"))
    if templates:
        files += list(Path(templates).rglob("*"))
    return int(max(path.stat().st_mtime for path in files if path.is_file()))


def _epoch_from_environment() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None


def build(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """One build at a time per output folder; what an interrupted one left is undone first."""
    started = time.perf_counter()
    unknown = sorted(set(config.formats) - set(FORMATS))
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    # A bad --jobs or SOURCE_DATE_EPOCH is a usage error before any work; the process count
    # is worked out once here.
    config = replace(config, jobs=_jobs(config))
    _epoch_from_environment()
    templates = template_dir(config.templates)
    waiting = (lambda: progress(f"waiting for another build into {config.out}", 0, 1)) if progress else None
    with folder_lock(config.out, waiting):
        if config.out.is_dir():
            recover(config.out)
        report = _build(config, templates, progress)
    report.seconds = time.perf_counter() - started
    return report


def _build(config: BuildConfig, templates: str | None, progress: Progress | None) -> BuildReport:
    cache = BuildCache(config.out)
    library = read_banks(list(config.paths), cache, config.exclude)
    banks = library.banks
    seed = _seed(config)
    stem = output_stem(banks, config.paths, config.name)
    history = practice_history(config, banks, stem)
    fingerprint = _fingerprint(config, cache.source_digests, templates, seed, history.digest if history else "")
    record = cache.reusable_build(fingerprint)
    if record:
        cache.save()
        return _reused_report(banks, record)
    report = BuildReport(banks, [], seed=seed)

    def prepare_outputs() -> None:
        """What comes before any output: the checks that stop a build (the banks' errors, and
        warnings with --strict; a paper the banks cannot fill), then the banks' cache
        records. A large deck's workers render meanwhile."""
        report.findings = library.notes + lint_banks(banks, config.max_image_mb, config.long_answer,
                                                         config.shuffle_options) + [
            Finding(str(path), None, "warning", "unused-template",
                    "this template replaces no built-in one and no template uses it; check its path")
            for path in unused_templates(templates)]
        distinct = len(distinct_questions(banks)) if _wants_papers(config) and config.count is None else 0
        too_long = distinct > DEFAULT_PAPER_LIMIT
        if too_long:
            report.findings.append(Finding(
                banks[0].source, None, "warning", "paper-too-long",
                f"no paper (exam, key or interviewer's sheet) was made: all {distinct} questions are more than "
                "anyone sits; give --count (e.g. --count 50), or exam.count in qgen.yaml"))
        _stop_on_findings(report.findings, config.strict)
        if _wants_papers(config) and not too_long:
            report.papers = select_papers(banks, config.count, config.shuffle, seed, config.variants,
                                          source_hash(banks, cache.source_digests), draw_for(config, history),
                                          config.shuffle_options)
        cache.encode_banks()

    weak = frozenset(k.id for k in history.weakest() if k.strength < WEAK) if config.tag_weak and history else frozenset()
    context = OutputContext(stem, config.title or (banks[0].title if len(banks) == 1 else stem),
                            config.language or banks[0].language, templates, config.language, config.cards, weak,
                            config.answer_grid, config.project)
    # Sections rendered for the deck are rendered again only by the study page and papers.
    markup = MarkupRenderer(max_image_mb=config.max_image_mb,
                            keep_section_html=bool({"html", *PAPER_KINDS} & set(config.formats)),
                            link_definitions={bank.source: bank.link_definitions for bank in banks},
                            footnotes={bank.source: bank.footnotes for bank in banks})
    try:
        outputs = _render_outputs(banks, config, context, markup, report, progress, prepare_outputs)
    except jinja2.TemplateError as error:
        raise template_problem(error) from None
    except Exception as error:  # noqa: BLE001 - only what a template itself raised is reported here
        problem = raised_by_template(error)
        if problem is None:
            raise
        raise problem from None
    report.findings = sort_findings(report.findings + markup.findings)
    _stop_on_findings(markup.findings, config.strict)
    if "json" in config.formats:
        from .renderers.json import render_json

        outputs.append((config.out / f"{stem}.json", render_json(banks, report.findings, config.project)))
    # What the last build wrote and this one does not (other variants, a format no longer
    # asked for) goes, unless it was changed since: qgen never removes a file it did not write.
    report.removed = cache.stale_outputs([path for path, _ in outputs], stem)
    write_all_atomic(outputs, report.removed, config.out / JOURNAL)
    report.written = [(path, len(data)) for path, data in outputs]
    cache.store_build(fingerprint, [path for path, _ in outputs], markup.local_files, _summary(report))
    cache.save()
    return report


def _fingerprint(config: BuildConfig, source_digests: dict[str, str], templates: str | None,
                 seed: int | None, history: str) -> str:
    """Everything the outputs are made from; any change means rendering again. Every
    setting counts but ``jobs``, which changes how fast, not what."""
    settings = sorted((key, repr(value)) for key, value in asdict(config).items() if key != "jobs")
    return digest(
        code_digest(), templates_state(builtin_templates_dir(), Path(templates) if templates else None),
        sorted(source_digests.items()), settings, seed, history, os.environ.get("SOURCE_DATE_EPOCH", ""),
        printed_date().isoformat() if _wants_papers(config) else "",
    )


PAPER_KINDS = ("exam", "key", "interview")  # the outputs drawn from the selected papers


def _wants_papers(config: BuildConfig) -> bool:
    return any(kind in config.formats for kind in PAPER_KINDS)


def _summary(report: BuildReport) -> dict:
    """What a reused build reports: the findings, pages and note count of the one it reuses."""
    return {"findings": findings_record(report.findings), "seed": report.seed,
            "pages": {str(path): pages for path, pages in report.pages.items()},
            "notes": report.anki.answers.notes if report.anki else None,
            "point_notes": report.anki.points.notes if report.anki else None,
            "package": str(report.anki.path) if report.anki else None}


def _reused_report(banks: list[Bank], record: dict) -> BuildReport:
    report = BuildReport(banks, findings_from_record(record["findings"]), seed=record["seed"], reused=True)
    report.written = [(Path(name), Path(name).stat().st_size) for name in record["outputs"]]
    report.pages = {Path(name): pages for name, pages in record["pages"].items()}
    if record.get("package"):
        report.anki = AnkiSummary(Path(record["package"]), NoteChanges(record["notes"]),
                                  NoteChanges(record.get("point_notes") or 0))
    return report


def _render_outputs(banks, config, context, markup, report, progress, prepare) -> list[tuple[Path, bytes]]:
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


def _stop_on_findings(findings: list[Finding], strict: bool) -> None:
    errors = [finding for finding in findings if finding.severity == "error"]
    if errors:
        raise BankErrors(errors)
    warnings = [finding for finding in findings if finding.severity == "warning"]
    if strict and warnings:
        raise StrictFailure(warnings)


def _seed(config: BuildConfig) -> int | None:
    if config.seed is not None:
        return config.seed
    return new_seed() if config.shuffle or config.variants > 1 else None


def source_hash(banks: list[Bank], source_digests: dict[str, str]) -> str:
    """SHA-256 over the SHA-256 of each bank file, in build order: which sources a paper
    came from (the digests were taken when the files were read)."""
    return hashlib.sha256("".join(source_digests[bank.source] for bank in banks).encode("ascii")).hexdigest()


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


def _jobs(config: BuildConfig) -> int:
    """``--jobs``, else one process per processor this build may use, at most 4. The
    outputs are the same whatever the number, so it is not part of the fingerprint."""
    if config.jobs is not None:
        if config.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {config.jobs}")
        return config.jobs
    return min(4, usable_processors())


def _previous(manifest_path: Path) -> dict | None:
    """The last build's Anki manifest; a missing or unreadable one means a first build."""
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
