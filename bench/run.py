"""qgen's benchmarks: each figure next to a baseline measured in the same run, as a ratio.

Every figure is the median wall time of whole processes (start-up included), with the
largest peak memory (max RSS) of its runs; the study page's rows time an action inside the
page in headless Chromium (no memory figure). The machines are shared and noisy, so each qgen
run follows a run of its baseline, and the ratio is the median over those pairs: what
compares across machines and days is the ratio, not the seconds.

Usage: python bench/run.py [--sizes 0,1000,10000] [--repeat 3] [--only startup,read,deck,exam,rebuild,edit,apis,page]
Size 0 is the user's own bank in source/; other sizes are generated (bench/generate.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import generate_bank  # noqa: E402

PYTHON = sys.executable
QGEN = [PYTHON, "-m", "generator.cli"]


def run_once(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak RSS in MiB) of one whole process."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


@dataclass
class Row:
    name: str
    ours: list[tuple[float, int]]
    baseline_name: str
    baseline: list[tuple[float, int]]

    def line(self) -> str:
        ours, base = statistics.median(t for t, _ in self.ours), statistics.median(t for t, _ in self.baseline)
        # Each qgen run is compared with the baseline run made just before it: the load of a
        # shared machine drifts, and a pair sees the same load.
        ratio = statistics.median(o / b for (o, _), (b, _) in zip(self.ours, self.baseline))
        return (f"| {self.name:26} | {ours:8.3f} | {_mib(self.ours):>5} | {self.baseline_name:24} | "
                f"{base:8.3f} | {_mib(self.baseline):>5} | {ratio:5.2f}x |")


def _mib(runs: list[tuple[float, int]]) -> str:
    """The largest peak memory of the runs; "-" for times taken inside a page."""
    return str(max(m for _, m in runs) or "-")


def paired(names: list[str], baseline_name: str, baseline: list[str], commands, repeat: int, cwd: Path) -> list[Row]:
    """Rows for ``commands`` (one per name; each a function of the run's index, so that a
    build can go to a fresh folder), each run right after a run of ``baseline``."""
    rows = [Row(name, [], baseline_name, []) for name in names]
    for index in range(repeat):
        for row, command in zip(rows, commands):
            row.baseline.append(run_once(baseline, cwd))
            row.ours.append(run_once(command(index), cwd))
    return rows


def bench(kind: str, size: int, work: Path, repeat: int) -> list[Row]:
    bank = work / f"bank-{size}" / f"bank{size}.md"
    if size == 0:  # the user's own bank
        bank = HERE.parent / "source" / "llm-interview.md"
    elif not bank.exists():
        bank.parent.mkdir(parents=True)
        bank.write_text(generate_bank(size), encoding="utf-8")
    out = work / f"out-{kind}-{size}"
    label = size or "seed"
    if kind == "read":
        return paired([f"read {label}"], "markdown-it-py parse",
                      [PYTHON, str(HERE / "baselines" / "markdown_parse.py"), str(bank)],
                      [lambda i: [*QGEN, "export", "--format", "json", str(bank), "-o", str(out / "x.json")]],
                      repeat, work)
    if kind == "deck":
        # A fresh output folder each run: the first build, not a cached rebuild.
        command = [*QGEN, "build", "--format", "apkg", str(bank)]
        rows = paired(["deck", "  same, --jobs 1"], "minimal genanki script",
                      [PYTHON, str(HERE / "baselines" / "minimal_genanki.py"), str(bank), str(work / "min.apkg")],
                      [lambda i: [*command, "--out", str(out / f"default-{i}")],
                       lambda i: [*command, "--jobs", "1", "--out", str(out / f"alone-{i}")]], repeat, work)
        rows[0].name = f"deck {label} ({(out / 'default-0' / f'{bank.stem}.apkg').stat().st_size // 1024} KiB)"
        return rows
    if kind == "exam":
        if size > 1000:
            return []  # 100 questions from the 1,000-question bank already say it
        count = 10 if size == 0 else min(size, 100)
        command = [*QGEN, "build", "--format", "exam,key", "--count", str(count), str(bank)]
        rows = paired(["exam", "  same, --jobs 1"], "minimal WeasyPrint",
                      [PYTHON, str(HERE / "baselines" / "minimal_weasyprint.py"), str(bank), str(work / "min.pdf"),
                       str(count)],
                      [lambda i: [*command, "--out", str(out / f"default-{i}")],
                       lambda i: [*command, "--jobs", "1", "--out", str(out / f"alone-{i}")]], repeat, work)
        pages = sum(_pages(out / "default-0" / f"{bank.stem}-{kind}.pdf") for kind in ("exam", "key"))
        rows[0].name = f"exam+key {count} q ({pages} p)"
        for row in rows:
            row.baseline_name = f"minimal WeasyPrint ({_pages(work / 'min.pdf')} p)"
        return rows
    if kind == "startup":
        return paired(["qgen --help", "qgen lint source/"], "python -c pass", [PYTHON, "-c", "pass"],
                      [lambda i: [*QGEN, "--help"], lambda i: [*QGEN, "lint", str(HERE.parent / "source")]],
                      max(repeat, 5), work)
    if kind == "apis":
        if size != 0:
            return []  # the user's bank is what the check is for
        for index in range(repeat):
            (work / f"apis-{index}.yaml").write_text(f"out: {out}/first-{index}\n", encoding="utf-8")
        (work / "apis-cached.yaml").write_text(f"out: {out}/cached\n", encoding="utf-8")
        lint = [*QGEN, "lint", "--check-apis", str(bank), "--config"]
        run_once([*lint, str(work / "apis-cached.yaml")], work)  # fills the cache
        return paired(["lint --check-apis, first", "  same, cached"], "qgen lint (no API check)",
                      [*QGEN, "lint", str(bank)],
                      [lambda i: [*lint, str(work / f"apis-{i}.yaml")], lambda i: [*lint, str(work / "apis-cached.yaml")]],
                      repeat, work)
    if kind == "rebuild":
        count = 10 if size == 0 else min(size, 100)
        command = [*QGEN, "build", "--count", str(count), str(bank)]  # every format
        rows = [Row(f"rebuild {label}, no change", [], "first qgen build", [])]
        for index in range(repeat):
            rows[0].baseline.append(run_once([*command, "--out", str(out / str(index))], work))
            rows[0].ours.append(run_once([*command, "--out", str(out / str(index))], work))
        return rows
    if kind == "edit":
        # One question's answer edited between a first build and the next: what an edit costs.
        rows = [Row(f"rebuild {label}, one edit", [], "first build (deck, JSON, page)", [])]
        for index in range(repeat):
            copy = work / f"edit-{label}-{index}" / bank.name
            copy.parent.mkdir()
            copy.write_text(bank.read_text("utf-8"), encoding="utf-8")
            command = [*QGEN, "build", "--format", "apkg,json,html", str(copy), "--out", str(out / str(index))]
            rows[0].baseline.append(run_once(command, work))
            _edit_one_answer(copy)
            rows[0].ours.append(run_once(command, work))
        return rows
    if kind == "page":
        return _page_rows(bank, out, label, repeat)
    raise ValueError(kind)


# In the study page: a search that shows most questions of a generated bank, and the practice
# tools switched on, each timed inside the page up to the layout it causes.
_PAGE_ACTIONS = {
    "search": "() => { const s = document.getElementById('search'); s.value = '模型'; const t = performance.now();"
              " s.dispatchEvent(new Event('input')); document.body.offsetHeight; const ms = performance.now() - t;"
              " s.value = ''; s.dispatchEvent(new Event('input')); document.body.offsetHeight; return ms; }",
    "practice": "() => { const t = performance.now(); document.body.classList.add('practicing');"
                " document.body.offsetHeight; const ms = performance.now() - t;"
                " document.body.classList.remove('practicing'); document.body.offsetHeight; return ms; }",
}


def _page_rows(bank: Path, out: Path, label, repeat: int) -> list[Row]:
    """The study page in headless Chromium against the same page with every question laid
    out (what it was before the browser could skip the questions off screen)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    run_once([*QGEN, "build", "--format", "html", str(bank), "--out", str(out)], out.parent)
    page = out / f"{bank.stem}.html"
    every = out / "every-question-laid-out.html"
    every.write_text(page.read_text("utf-8").replace(
        "</head>", "<style>.question { content-visibility: visible; }</style></head>", 1), "utf-8")
    rows = [Row(f"page {label}, {action}", [], "every question laid out", []) for action in _PAGE_ACTIONS]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for _ in range(repeat):
            for row, action in zip(rows, _PAGE_ACTIONS.values()):
                for runs, file in ((row.baseline, every), (row.ours, page)):
                    tab = browser.new_page(viewport={"width": 1000, "height": 800})
                    tab.goto(file.as_uri())
                    runs.append((tab.evaluate(action) / 1000, 0))
                    tab.close()
        browser.close()
    return rows


def _edit_one_answer(bank: Path) -> None:
    """A few words added to the answer of the question in the middle of the bank."""
    text = bank.read_text("utf-8")
    headings = [index for index, line in enumerate(text.split("\n")) if line.startswith("### ")]
    lines = text.split("\n")
    middle = headings[len(headings) // 2]
    answer = next(i for i in range(middle, len(lines)) if lines[i].startswith(("**答案：**", "**Answer:**")))
    lines[answer] += " (edited)"
    bank.write_text("\n".join(lines), encoding="utf-8")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="startup,read,deck,exam,rebuild,edit,apis,page")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')} · {platform.python_version()} · {os.cpu_count()} cores · "
          f"{platform.machine()} · medians of {args.repeat} whole-process runs, each ratio the median of "
          f"qgen/baseline over runs made in pairs")
    print(f"| {'measure':26} | {'qgen s':>8} | {'MiB':>5} | {'baseline':24} | {'base s':>8} | {'MiB':>5} | {'ratio':>6} |")
    print(f"|{'-' * 28}|{'-' * 10}|{'-' * 7}|{'-' * 26}|{'-' * 10}|{'-' * 7}|{'-' * 8}|")
    # Compiled bytecode for qgen and its libraries (make installs them with --no-compile, so
    # Python compiles on first import); without this, the first runs would pay for compiling,
    # and a run with PYTHONDONTWRITEBYTECODE set would compile in every process.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(HERE.parent / "generator"),
                    sysconfig.get_paths()["purelib"]], check=True)
    with tempfile.TemporaryDirectory(prefix="qgen-bench-") as folder:
        for kind in args.only.split(","):
            sizes = [0] if kind in ("startup", "apis") else [int(s) for s in args.sizes.split(",")]
            for size in sizes:
                for row in bench(kind, size, Path(folder), args.repeat):
                    print(row.line(), flush=True)


if __name__ == "__main__":
    main()
