"""config -> read everything -> lint -> select -> render -> atomic writes -> a BuildReport.

Everything is read, checked and rendered before anything is written, so a bad bank or an
interrupted build never leaves a mix of old and new outputs behind.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

import jinja2

from .cache import BuildCache, code_digest, digest, findings_from_record, findings_record, templates_state
from .config import BuildConfig
from .errors import BankErrors, StrictFailure, UsageError
from .ids import slugify
from .lint import lint_banks, sort_findings
from .renderers.markup import MarkupRenderer
from .model import Bank, Finding, NoteChanges, Paper
from .output import JOURNAL, folder_lock, recover, write_all_atomic
from .history import WEAK, draw_for, practice_history
from .parallel import usable_processors
from .reader import read_banks
from .rendering import (AnkiSummary, OutputContext, Rendered, RenderJob, epoch_from_environment, printed_date,
                        render_outputs)
from .renderers import FORMATS, PAPER_KINDS
from .renderers.view import Views
from .select import distinct_questions, new_seed, select_papers
from .templating import builtin_templates_dir, raised_by_template, template_dir, template_problem, unused_templates

# A paper of every question is the default, up to this many: more is a request for --count.
DEFAULT_PAPER_LIMIT = 500
# progress(what, done, total): called as long steps advance.
Progress = Callable[[str, int, int], None]


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


def build(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """One build at a time per output folder; what an interrupted one left is undone first."""
    started = time.perf_counter()
    unknown = sorted(set(config.formats) - set(FORMATS))
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    # A bad --jobs or SOURCE_DATE_EPOCH is a usage error before any work; the process count
    # is worked out once here.
    config = replace(config, jobs=_jobs(config))
    epoch_from_environment()
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
    report = BuildReport(banks, _checked(library, config, templates), seed=seed)
    if _wants_papers(config) and not any(f.code == "paper-too-long" for f in report.findings):
        report.papers = select_papers(banks, config.count, config.shuffle, seed, config.variants,
                                      source_hash(banks, cache.source_digests), draw_for(config, history),
                                      config.shuffle_options)
    cache.encode_banks()
    weak = frozenset((k.source, k.id) for k in history.weakest() if k.strength < WEAK) \
        if config.tag_weak and history else frozenset()
    context = OutputContext(stem, config.title or (banks[0].title if len(banks) == 1 else stem),
                            config.language or banks[0].language, banks[0].language, templates, config.language,
                            config.cards, weak, config.answer_grid, config.project)
    markup = MarkupRenderer(max_image_mb=config.max_image_mb, store=cache.html,
                            link_definitions={bank.source: bank.link_definitions for bank in banks},
                            footnotes={bank.source: bank.footnotes for bank in banks})
    rendered = _rendered(RenderJob(banks, config, context, Views(markup), report.papers, progress, report.findings))
    # Rendering found these (the same one may come from several outputs); sorted, each once.
    rendering_findings = sort_findings(rendered.findings + markup.findings)
    report.findings = sort_findings(report.findings + rendering_findings)
    report.pages, report.anki = rendered.pages, rendered.anki
    _stop_on_findings(rendering_findings, config.strict)
    outputs = rendered.files
    # What the last build wrote and this one does not (other variants, a format no longer
    # asked for) goes, unless it was changed since: qgen never removes a file it did not write.
    report.removed = cache.stale_outputs([path for path, _ in outputs], stem)
    write_all_atomic(outputs, report.removed, config.out / JOURNAL)
    report.written = [(path, len(data)) for path, data in outputs]
    cache.store_build(fingerprint, [path for path, _ in outputs], markup.local_files, _summary(report))
    cache.save()
    return report


def _checked(library, config: BuildConfig, templates: str | None) -> list[Finding]:
    """The checks that stop a build before any output: the banks' errors (and warnings with
    --strict). Their findings, with ``paper-too-long`` when no paper can be drawn."""
    banks = library.banks
    findings = library.notes + lint_banks(banks, config.max_image_mb, config.long_answer, config.shuffle_options) + [
        Finding(str(path), None, "warning", "unused-template",
                "this template replaces no built-in one and no template uses it; check its path")
        for path in unused_templates(templates)]
    distinct = len(distinct_questions(banks)) if _wants_papers(config) and config.count is None else 0
    if distinct > DEFAULT_PAPER_LIMIT:
        findings.append(Finding(
            banks[0].source, None, "warning", "paper-too-long",
            f"no paper (exam, key or interviewer's sheet) was made: all {distinct} questions are more than "
            "anyone sits; give --count (e.g. --count 50), or exam.count in qgen.yaml"))
    _stop_on_findings(findings, config.strict)
    return findings


def _rendered(job: RenderJob) -> Rendered:
    """Every format's files; a template's own error is reported with its file and line."""
    try:
        return render_outputs(job)
    except jinja2.TemplateError as error:
        raise template_problem(error) from None
    except Exception as error:  # noqa: BLE001 - only what a template itself raised is reported here
        problem = raised_by_template(error)
        if problem is None:
            raise
        raise problem from None


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


def _jobs(config: BuildConfig) -> int:
    """``--jobs``, else one process per processor this build may use, at most 4. The
    outputs are the same whatever the number, so it is not part of the fingerprint."""
    if config.jobs is not None:
        if config.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {config.jobs}")
        return config.jobs
    return min(4, usable_processors())


