"""qgen's benchmarks: each figure next to a baseline measured in the same run, as a ratio.

Every figure is the median wall time of whole processes (start-up included), with the
peak memory (max RSS) of the slowest run. The machines are shared and noisy, so ratios to
a baseline measured moments earlier on the same machine are what compare across runs.

Usage: python bench/run.py [--sizes 0,1000,10000] [--repeat 3] [--only startup,read,deck,exam,rebuild]
Size 0 is the user's own bank in source/; other sizes are generated (bench/generate.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import generate_bank  # noqa: E402

PYTHON = sys.executable
QGEN = [PYTHON, "-m", "generator.cli"]


def measure(command: list[str], repeat: int, cwd: Path) -> tuple[float, int]:
    """(median seconds, peak RSS in MiB) over ``repeat`` runs of a whole process."""
    times, peak = [], 0
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    for _ in range(repeat):
        started = time.perf_counter()
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                errors.seek(0)
                raise SystemExit(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
        times.append(elapsed)
        peak = max(peak, usage.ru_maxrss // 1024)
    return statistics.median(times), peak


def bench(kind: str, size: int, work: Path, repeat: int) -> tuple:
    bank = work / f"bank-{size}" / f"bank{size}.md"
    if size == 0:  # the user's own bank
        bank = HERE.parent / "source" / "llm-interview.md"
    elif not bank.exists():
        bank.parent.mkdir(parents=True)
        bank.write_text(generate_bank(size), encoding="utf-8")
    out = work / f"out-{kind}-{size}"
    if kind == "read":
        base = measure([PYTHON, str(HERE / "baselines" / "markdown_parse.py"), str(bank)], repeat, work)
        ours = measure([*QGEN, "export", "--format", "json", str(bank), "-o", str(out / "x.json")], repeat, work)
        return f"read {size or 'seed'}", "qgen export json", ours, "markdown-it-py parse", base
    if kind == "deck":
        base = measure([PYTHON, str(HERE / "baselines" / "minimal_genanki.py"), str(bank), str(work / "min.apkg")],
                       repeat, work)
        ours = first_builds([*QGEN, "build", "--format", "apkg", str(bank)], out, repeat, work)
        alone = first_builds([*QGEN, "build", "--format", "apkg", "--jobs", "1", str(bank)], out / "alone", repeat, work)
        size_kib = (out / "0" / f"{bank.stem}.apkg").stat().st_size // 1024
        return [(f"deck {size or 'seed'} ({size_kib} KiB)", "qgen build apkg", ours, "minimal genanki script", base),
                ("  same, --jobs 1", "qgen build apkg --jobs 1", alone, "minimal genanki script", base)]
    if kind == "exam":
        if size > 1000:
            return []  # 100 questions from the 1,000-question bank already say it
        count = 10 if size == 0 else min(size, 100)
        base = measure([PYTHON, str(HERE / "baselines" / "minimal_weasyprint.py"), str(bank),
                        str(work / "min.pdf"), str(count)], repeat, work)
        command = [*QGEN, "build", "--format", "exam,key", "--count", str(count), str(bank)]
        ours = first_builds(command, out, repeat, work)
        alone = first_builds([*command, "--jobs", "1"], out / "alone", repeat, work)
        pages = sum(_pages(out / "0" / f"{bank.stem}-{kind}.pdf") for kind in ("exam", "key"))
        base_name = f"minimal WeasyPrint ({_pages(work / 'min.pdf')} p)"
        return [(f"exam+key {count} q ({pages} p)", "qgen build exam,key", ours, base_name, base),
                ("  same, --jobs 1", "qgen build exam,key --jobs 1", alone, base_name, base)]
    if kind == "startup":
        base = measure([PYTHON, "-c", "pass"], max(repeat, 5), work)
        help_time = measure([*QGEN, "--help"], max(repeat, 5), work)
        lint_time = measure([*QGEN, "lint", str(HERE.parent / "source")], max(repeat, 5), work)
        return [("qgen --help", "qgen --help", help_time, "python -c pass", base),
                ("qgen lint source/", "qgen lint", lint_time, "python -c pass", base)]
    if kind == "rebuild":
        count = 10 if size == 0 else min(size, 100)
        command = [*QGEN, "build", "--count", str(count), str(bank), "--out", str(out)]  # every format
        first = measure(command, 1, work)
        again = measure(command, repeat, work)
        return f"rebuild {size or 'seed'}, no change", "second qgen build", again, "first qgen build", first
    raise ValueError(kind)


def first_builds(command: list[str], out: Path, repeat: int, cwd: Path) -> tuple[float, int]:
    """Like measure, but each run builds into a fresh folder: a first build, not a cached rebuild."""
    runs = [measure([*command, "--out", str(out / str(index))], 1, cwd) for index in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="startup,read,deck,exam,rebuild")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} · {platform.python_version()} · {os.cpu_count()} cores · "
          f"{platform.machine()} · median of {args.repeat} whole-process runs")
    print(f"| {'measure':26} | {'qgen s':>8} | {'MiB':>5} | {'baseline':24} | {'base s':>8} | {'MiB':>5} | {'ratio':>6} |")
    print(f"|{'-' * 28}|{'-' * 10}|{'-' * 7}|{'-' * 26}|{'-' * 10}|{'-' * 7}|{'-' * 8}|")
    # An installed package has its bytecode compiled; without this, a checkout run with
    # PYTHONDONTWRITEBYTECODE set would compile qgen's modules again in every process.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(HERE.parent / "generator")], check=True)
    with tempfile.TemporaryDirectory(prefix="qgen-bench-") as folder:
        for kind in args.only.split(","):
            sizes = [0] if kind == "startup" else [int(s) for s in args.sizes.split(",")]
            for size in sizes:
                rows = bench(kind, size, Path(folder), args.repeat)
                for name, _, (ours, ours_mem), base_name, (base, base_mem) in (rows if isinstance(rows, list) else [rows]):
                    print(f"| {name:26} | {ours:8.2f} | {ours_mem:5d} | {base_name:24} | {base:8.2f} | "
                          f"{base_mem:5d} | {ours / base:5.2f}x |", flush=True)


if __name__ == "__main__":
    main()
