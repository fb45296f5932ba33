"""The ``qgen`` command's arguments: its commands, their flags, help and examples. Only
argparse is loaded here, so ``qgen --help`` starts fast."""

from __future__ import annotations

import argparse

from . import __version__
from .renderers import DEFAULT_FORMATS, FORMATS

EXAMPLES = {
    "build": "examples:\n  qgen build\n  qgen build --shuffle --count 10 --seed 42 --variants 2\n"
             "  qgen build notes/ --format apkg,html --out site/",
    "lint": "examples:\n  qgen lint source/llm-interview.md\n  qgen lint --check-apis --python ~/venvs/ml/bin/python",
    "export": "example:\n  qgen export --format json source/ -o questions.json",
    "list": "example:\n  qgen list source/",
    "doctor": "example:\n  qgen doctor",
    "ids": "examples:\n  qgen ids\n  qgen ids --pin source/llm-interview.md",
    "report": "examples:\n  qgen report\n  qgen report --results results/ --anki \"User 1\"",
    "score": "examples:\n  qgen score build/llm-interview-interview.pdf\n"
             "  qgen score filled.pdf --manifest build/llm-interview-paper-manifest.json\n"
             "  qgen score ~/Downloads/llm-interview-practice-2026-12-03.json",
}
EXIT_CODES = "exit codes: 0 ok, 1 findings or a failed build, 2 usage or input errors"



ANKI_HELP = "an Anki profile by its name (\"User 1\"), its folder or its collection.anki2: its reviews count"


def parser(runs: dict) -> argparse.ArgumentParser:
    """qgen's arguments; ``runs`` gives each command's function (``args.run``)."""
    parser = argparse.ArgumentParser(
        prog="qgen", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Compile Markdown question banks into Anki decks, printable exams, a study page and JSON.",
        epilog=f"example:\n  qgen build   (reads source/, writes build/)\n\n{EXIT_CODES}",
    )
    parser.add_argument("--version", action="version", version=f"qgen {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    _build_arguments(_command(commands, "build", "build the outputs from the banks", runs["build"]))

    lint = _command(commands, "lint", "report what is wrong with the banks", runs["lint"])
    lint.add_argument("--check-apis", action="store_true", default=None,
                      help="check the examples' imports, attributes and keyword arguments against a Python "
                           "(imports the modules they name; never runs the examples)")
    lint.add_argument("--python", metavar="PATH", help="the Python to check against (default: the one qgen runs in)")

    export = _command(commands, "export", "write the question records", runs["export"])
    export.add_argument("--format", choices=["json", "md"], default="json",
                        help="json (records) or md (the banks rewritten in the reference format)")
    export.add_argument("-o", "--output", help="write to this file instead of standard output")

    _command(commands, "list", "show a table of the questions", runs["list"])
    ids = _command(commands, "ids", "show each question's id; --pin writes derived ones into the bank", runs["ids"])
    ids.add_argument("--pin", action="store_true",
                     help="write {#id} after the title of every question whose id is derived from its text")
    _command(commands, "doctor", "check that everything qgen needs is installed", runs["doctor"], paths=False)
    score = _command(commands, "score", "score filled interviewer's sheets (PDF, CSV or practice JSON) into results/",
                     runs["score"], paths=False)
    score.add_argument("sheets", nargs="+", metavar="SHEET",
                       help="filled interview PDFs, scores CSVs or practice files downloaded from the study page")
    score.add_argument("--manifest", metavar="FILE", help="the paper's manifest (default: the one beside the sheet)")
    score.add_argument("--results", metavar="DIR", default="results", help="where results go (default: results/)")
    report = _command(commands, "report", "the weakest questions, from the results and Anki's reviews", runs["report"])
    report.add_argument("--results", metavar="PATH", action="append",
                        help="result files or folders (default: results/; may be given again)")
    report.add_argument("--anki", metavar="COLLECTION", help=ANKI_HELP)
    report.add_argument("--out", metavar="DIR", help="where the report page goes (default: build/)")
    return parser


def _build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("--out", help="output folder (default: build/)")
    build.add_argument("--format", metavar="LIST",
                       help=f"comma-separated outputs among {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    # Values are checked together with the configuration's, every problem at once.
    build.add_argument("--count", metavar="N", help="questions on each paper (default: all)")
    build.add_argument("--shuffle", action="store_true", default=None,
                       help="pick the questions and their order at random")
    build.add_argument("--seed", metavar="S", help="reproduce a shuffled paper (printed on it; implies --shuffle)")
    build.add_argument("--variants", metavar="K",
                       help="K differently ordered papers (A, B, …), each with its own key")
    build.add_argument("--cards", metavar="LIST",
                       help="the deck's cards: answer (one per question), points (one per answer point) or both")
    practice = build.add_argument_group("drawn around the results (results/ and, with --anki, Anki's reviews)")
    practice.add_argument("--focus", metavar="weak", help="the weakest questions first in the draw")
    practice.add_argument("--exclude-recent", metavar="N", help="leave out the questions of the last N papers")
    practice.add_argument("--tag-weak", action="store_true", default=None, help="tag the weak questions' notes qgen::weak")
    practice.add_argument("--results", metavar="DIR", help="qgen score's results (default: results/)")
    practice.add_argument("--anki", metavar="COLLECTION", help=ANKI_HELP)
    build.add_argument("--templates", metavar="DIR", help="templates that replace or extend the built-in ones")
    build.add_argument("--strict", action="store_true", default=None, help="fail on warnings too")
    build.add_argument("--jobs", metavar="N",
                       help="processes that render a large deck and the PDFs (default: one per processor, at most 4)")
    loudness = build.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="print every step")


def options_of(parser: argparse.ArgumentParser, command: str) -> list[str]:
    """The option strings a subcommand accepts (for suggestions on a misspelled one)."""
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return [option for action in subparsers.choices[command]._actions for option in action.option_strings]


def _command(commands, name: str, summary: str, run, paths: bool = True) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=summary, description=summary.capitalize() + ".",
                              epilog=f"{EXAMPLES[name]}\n\n{EXIT_CODES}",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    if paths:
        sub.add_argument("paths", nargs="*", metavar="PATH",
                         help="bank files or folders (default: sources in qgen.yaml, else source/)")
        sub.add_argument("--config", metavar="FILE", help="configuration file (default: ./qgen.yaml if present)")
    sub.set_defaults(run=run, command=name)
    return sub
