"""qgen's benchmarks: each figure next to a baseline measured in the same run, as a ratio.

The machines are shared and noisy, so absolute times mean little; ratios to a baseline
taken a moment earlier on the same machine are what we compare across runs.
Usage: python bench/run.py [--sizes 30,1000,10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate_bank  # noqa: E402


def median_time(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_reading(sizes: list[int], repeat: int) -> list[tuple]:
    from markdown_it import MarkdownIt

    from generator.reader import read_bank_text

    rows = []
    for size in sizes:
        text = generate_bank(size)
        parser = MarkdownIt("commonmark")
        baseline = median_time(lambda: parser.parse(text), repeat)
        measured = median_time(lambda: read_bank_text(text, "bench.md"), repeat)
        rows.append((f"read {size} questions", measured, "markdown-it-py parse", baseline))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="30,1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = bench_reading(sizes, args.repeat)
    print(f"{'measure':32} {'qgen s':>9} {'baseline':28} {'base s':>9} {'ratio':>7}")
    for name, measured, baseline_name, baseline in rows:
        print(f"{name:32} {measured:9.3f} {baseline_name:28} {baseline:9.3f} {measured / baseline:7.2f}x")


if __name__ == "__main__":
    main()
