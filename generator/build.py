"""config -> read everything -> lint -> render -> atomic writes -> a BuildReport.

Everything is read and rendered before anything is written, so a bad bank never leaves a
mix of old and new outputs behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from . import __version__
from .errors import BankErrors, UsageError
from .ids import slugify
from .lint import lint_banks
from .markup import MarkupRenderer
from .model import Bank, Finding, Paper
from .output import write_all_atomic
from .reader import read_banks
from .select import new_seed, select_papers
from .sources import find_sources
from .templating import builtin_templates_dir

FORMATS = ("apkg", "exam", "key", "json")


@dataclass(frozen=True)
class BuildOptions:
    paths: tuple[str, ...] = ()
    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    count: int | None = None
    shuffle: bool = False
    seed: int | None = None
    variants: int = 1


@dataclass
class AnkiSummary:
    path: Path
    notes: int
    added: list[str]
    changed: list[str]
    removed: list[str]


@dataclass
class BuildReport:
    banks: list[Bank]
    findings: list[Finding]
    written: list[tuple[Path, int]] = field(default_factory=list)
    anki: AnkiSummary | None = None
    papers: list[Paper] = field(default_factory=list)
    seconds: float = 0.0


def output_stem(banks: list[Bank], paths: tuple[str, ...]) -> str:
    """One bank: its file's slug; several: the slug of the folder that holds them."""
    if len(banks) == 1:
        return banks[0].slug
    folder = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else Path.cwd()
    return slugify(folder.resolve().name) or "bank"


def source_epoch(paths: tuple[str, ...]) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the banks and of
    qgen's templates: it moves forward when the content can have changed, and only then."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            return int(os.environ["SOURCE_DATE_EPOCH"])
        except ValueError:
            raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
    files = list(find_sources(list(paths))) + list(builtin_templates_dir().rglob("*"))
    return int(max(path.stat().st_mtime for path in files if path.is_file()))


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    unknown = sorted(set(options.formats) - set(FORMATS))
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    banks = read_banks(list(options.paths))
    lint_findings = lint_banks(banks)
    errors = [finding for finding in lint_findings if finding.severity == "error"]
    if errors:
        raise BankErrors(errors)
    report = BuildReport(banks, [])
    if "exam" in options.formats or "key" in options.formats:
        report.papers = select_papers(banks, options.count, options.shuffle, _seed(options), options.variants,
                                      source_hash(banks))
    markup = MarkupRenderer()
    stem = output_stem(banks, options.paths)
    outputs: list[tuple[Path, bytes]] = []
    if "apkg" in options.formats:
        from .renderers.anki import render_apkg

        package_path = options.out / f"{stem}.apkg"
        manifest_path = options.out / f"{stem}.anki.json"
        title = banks[0].title if len(banks) == 1 else stem
        deck = render_apkg(banks, title, markup, source_epoch(options.paths), _previous(manifest_path))
        outputs.append((package_path, deck.package))
        outputs.append((manifest_path, _json_bytes(deck.manifest)))
        report.anki = AnkiSummary(package_path, deck.notes, deck.added, deck.changed, deck.removed)
    if report.papers:
        outputs.extend(_paper_outputs(report.papers, banks, options, stem, markup))
    report.findings = sorted(lint_findings + markup.findings, key=lambda f: (f.source, f.line or 0, f.code))
    if "json" in options.formats:
        from .renderers.json import render_json

        outputs.append((options.out / f"{stem}.json", render_json(banks, report.findings)))
    write_all_atomic(outputs)
    report.written = [(path, len(data)) for path, data in outputs]
    report.seconds = time.perf_counter() - started
    return report


def _seed(options: BuildOptions) -> int | None:
    if options.seed is not None:
        return options.seed
    return new_seed() if options.shuffle or options.variants > 1 else None


def source_hash(banks: list[Bank]) -> str:
    """SHA-256 of the bank files' bytes, in build order: which sources a paper came from."""
    digest = hashlib.sha256()
    for bank in banks:
        digest.update(Path(bank.source).read_bytes())
    return digest.hexdigest()


def printed_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH, so that a reproducible build prints one date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _paper_outputs(papers: list[Paper], banks: list[Bank], options: BuildOptions, stem: str,
                   markup: MarkupRenderer) -> list[tuple[Path, bytes]]:
    from .renderers.pdf import PaperContext, check_fonts, harfbuzz_subset_missing, paper_html, render_pdf

    context = PaperContext(banks[0].title if len(banks) == 1 else stem, banks[0].language, printed_date())
    kinds = [kind for kind in ("exam", "key") if kind in options.formats]
    htmls = [(paper, kind, paper_html(paper, kind, context, markup)) for paper in papers for kind in kinds]
    texts = [context.bank_title] + [q.title + (q.question or "") for p in papers for q in p.questions]
    if "key" in kinds:
        texts += [text for p in papers for q in p.questions
                  for text in (q.answer, q.example, q.explanation, *[e.text for e in q.extra]) if text]
    markup.findings.extend(check_fonts(texts, banks[0].source))
    slow = harfbuzz_subset_missing()
    if slow:
        markup.findings.append(slow)
    outputs = []
    for paper, kind, html in htmls:
        suffix = f"-{paper.variant}" if len(papers) > 1 else ""
        outputs.append((options.out / f"{stem}-{kind}{suffix}.pdf", render_pdf(html, markup, banks[0].source)))
    for paper in papers:
        suffix = f"-{paper.variant}" if len(papers) > 1 else ""
        outputs.append((options.out / f"{stem}-paper{suffix}-manifest.json", _json_bytes(paper_manifest(paper))))
    return outputs


def paper_manifest(paper: Paper) -> dict:
    return {
        "qgen": __version__,
        "variant": paper.variant,
        "seed": paper.seed,
        "shuffled": paper.shuffled,
        "source_hash": paper.source_hash,
        "questions": [{"id": q.id, "source": q.source, "number": q.number, "title": q.title}
                      for q in paper.questions],
    }


def _previous(manifest_path: Path) -> dict | None:
    """The last build's Anki manifest; a missing or unreadable one means a first build."""
    try:
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
