"""The ``qgen`` command: parse arguments, call the library, turn QgenError into a message
and an exit code. Exit codes: 0 ok, 1 findings or a failed build, 2 usage or input errors.

Heavy libraries (WeasyPrint, genanki, Pygments) are imported only by the commands that use
them, so ``qgen --help`` and ``qgen lint`` start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import QgenError

FORMATS = ("apkg", "exam", "key", "json")  # generator.build.FORMATS, without importing it

EXAMPLES = {
    "build": "examples:\n  qgen build\n  qgen build --shuffle --count 10 --seed 42 --variants 2",
    "lint": "example: qgen lint source/llm-interview.md",
    "export": "example: qgen export --format json source/ -o questions.json",
    "list": "example: qgen list source/",
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except QgenError as error:
        for line in error.details:
            print(line, file=sys.stderr)
        print(f"qgen: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("qgen: interrupted; earlier outputs are unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qgen",
        description="Compile Markdown question banks into Anki decks, printable exams and JSON.",
        epilog="example: qgen build   (reads source/, writes build/)",
    )
    parser.add_argument("--version", action="version", version=f"qgen {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = _command(commands, "build", "build the outputs from the banks", _run_build)
    build.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: source/)")
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build/)")
    build.add_argument("--format", default=",".join(FORMATS), metavar="LIST",
                       help=f"comma-separated outputs to write (default: {','.join(FORMATS)})")
    build.add_argument("--count", type=int, metavar="N", help="questions on each paper (default: all)")
    build.add_argument("--shuffle", action="store_true", help="pick the questions and their order at random")
    build.add_argument("--seed", type=int, metavar="S", help="reproduce a shuffled paper (printed on it)")
    build.add_argument("--variants", type=int, default=1, metavar="K",
                       help="K differently ordered papers (A, B, …), each with its own key")

    lint = _command(commands, "lint", "report what is wrong with the banks", _run_lint)
    lint.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: source/)")

    export = _command(commands, "export", "write the question records as JSON", _run_export)
    export.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: source/)")
    export.add_argument("--format", choices=["json"], default="json", help="record format (default: json)")
    export.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    listing = _command(commands, "list", "show a table of the questions", _run_list)
    listing.add_argument("paths", nargs="*", metavar="PATH", help="bank files or folders (default: source/)")
    return parser


def _command(commands, name: str, summary: str, run) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=summary, description=summary.capitalize() + ".",
                              epilog=EXAMPLES[name], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.set_defaults(run=run, command=name)
    return sub


def _run_build(args) -> int:
    from .build import BuildOptions, build

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    report = build(BuildOptions(paths=tuple(args.paths), out=args.out, formats=formats, count=args.count,
                                shuffle=args.shuffle, seed=args.seed, variants=args.variants))
    for finding in report.findings:
        print(finding, file=sys.stderr)
    questions = sum(len(bank.questions) for bank in report.banks)
    if report.papers and report.papers[0].seed is not None:
        print(f"seed: {report.papers[0].seed} (make the same papers again with --seed {report.papers[0].seed})")
    for path, size in report.written:
        print(f"wrote {path} ({_size(size)})")
    if report.anki:
        anki = report.anki
        print(f"anki: {anki.notes} notes, {len(anki.added)} added, {len(anki.changed)} changed, "
              f"{len(anki.removed)} removed since the last build")
        if anki.removed:
            print("  removed (delete these notes in Anki; an import cannot): " + ", ".join(anki.removed))
    print(f"{questions} questions from {len(report.banks)} file(s), "
          f"{_count(report.findings)} in {report.seconds:.2f} s")
    return 0


def _run_lint(args) -> int:
    from .lint import exit_status, lint_banks
    from .reader import read_banks

    banks = read_banks(args.paths)
    findings = lint_banks(banks)
    for finding in findings:
        print(finding)
    questions = sum(len(bank.questions) for bank in banks)
    print(f"{_count(findings)} in {questions} questions from {len(banks)} file(s)")
    return exit_status(findings)


def _run_export(args) -> int:
    from .lint import lint_banks
    from .output import write_atomic
    from .reader import read_banks
    from .renderers.json import render_json

    banks = read_banks(args.paths)
    data = render_json(banks, lint_banks(banks))
    if args.output:
        write_atomic(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _run_list(args) -> int:
    from .reader import read_banks

    for bank in read_banks(args.paths):
        print(f"{bank.source}: {bank.title} ({len(bank.questions)} questions)")
        for q in bank.questions:
            sections = ",".join(k for k in ("question", "answer", "example", "explanation") if q.section(k))
            number = "" if q.number is None else str(q.number)
            print(f"  {number:>4}  {q.id[:40]:40}  {q.title[:50]:50}  {sections}")
    return 0


def _count(findings) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


if __name__ == "__main__":
    sys.exit(main())
