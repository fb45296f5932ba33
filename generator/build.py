"""config -> read everything -> lint -> render -> atomic writes -> a BuildReport.

Everything is read and rendered before anything is written, so a bad bank never leaves a
mix of old and new outputs behind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .ids import slugify
from .lint import lint_banks
from .model import Bank, Finding
from .output import write_atomic
from .reader import read_banks

FORMATS = ("json",)


@dataclass(frozen=True)
class BuildOptions:
    paths: tuple[str, ...] = ()
    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS


@dataclass
class BuildReport:
    banks: list[Bank]
    findings: list[Finding]
    written: list[tuple[Path, int]] = field(default_factory=list)
    seconds: float = 0.0


def output_stem(banks: list[Bank], paths: tuple[str, ...]) -> str:
    """One bank: its file's slug; several: the slug of the folder that holds them."""
    if len(banks) == 1:
        return banks[0].slug
    folder = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else Path.cwd()
    return slugify(folder.resolve().name) or "bank"


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    banks = read_banks(list(options.paths))
    findings = lint_banks(banks)
    stem = output_stem(banks, options.paths)
    outputs: list[tuple[Path, bytes]] = []
    if "json" in options.formats:
        from .renderers.json import render_json

        outputs.append((options.out / f"{stem}.json", render_json(banks, findings)))
    report = BuildReport(banks, findings)
    for path, data in outputs:
        write_atomic(path, data)
        report.written.append((path, len(data)))
    report.seconds = time.perf_counter() - started
    return report
