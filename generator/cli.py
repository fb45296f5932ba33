"""The ``qgen`` command: parse arguments, call the library, turn QgenError into a message
and an exit code. Exit codes: 0 ok, 1 findings or a failed build, 2 usage or input errors.

Heavy libraries (WeasyPrint, genanki, Pygments' lexers) are imported only by the commands
that use them, so ``qgen --help``, ``qgen lint`` and ``qgen export`` start fast.
"""

from __future__ import annotations

import sys

from . import arguments
from .errors import QgenError
from .interrupts import stops_handled
from .terminal import count_findings, cut, plural, print_build_summary, print_report, print_result


def main(argv: list[str] | None = None) -> int:
    with stops_handled():  # SIGTERM stops like Ctrl-C: earlier outputs stay
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = arguments.parser(RUNS)
    args, unknown = parser.parse_known_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        args.unknown = unknown
        if unknown and args.command != "build":
            from .config import check_flags

            check_flags({}, unknown, arguments.options_of(parser, args.command))
        return args.run(args)
    except QgenError as error:
        for line in error.details:
            print(line, file=sys.stderr)
        print(f"qgen: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("\nqgen: interrupted; earlier outputs are unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _config(args, **flags):
    from .config import resolve_config

    return resolve_config({"paths": tuple(args.paths), **flags}, args.config)


def _banks(args):
    """The banks a light command works on (its paths, else qgen.yaml's sources, else
    source/); the notes on files left out go to standard error."""
    from .reader import read_banks

    config = _config(args)
    library = read_banks(list(config.paths), exclude=config.exclude)
    for note in library.notes:
        print(note, file=sys.stderr)
    return library.banks


def _run_build(args) -> int:
    from .build import build
    from .config import check_flags
    from .feedback import Feedback

    flags = check_flags({"formats": args.format, "count": args.count, "seed": args.seed,
                         "variants": args.variants, "jobs": args.jobs, "cards": args.cards, "focus": args.focus,
                         "exclude_recent": args.exclude_recent}, args.unknown,
                        arguments.options_of(arguments.parser(RUNS), "build"))
    config = _config(args, out=args.out, shuffle=args.shuffle, templates=args.templates, strict=args.strict,
                     tag_weak=args.tag_weak, results=args.results, anki_collection=args.anki, **flags)
    feedback = Feedback(quiet=args.quiet, verbose=args.verbose)
    try:
        report = build(config, progress=feedback.progress)
    finally:
        feedback.done()  # an error message must not land on the progress bar's line
    if not args.quiet:
        for finding in report.findings:
            print(finding, file=sys.stderr)
        print_build_summary(report)
    return 0


def _run_lint(args) -> int:
    from .lint import exit_status, lint_banks

    banks = _banks(args)
    config = _config(args, check_apis=args.check_apis, python=args.python)
    findings = lint_banks(banks, config.max_image_mb, config.long_answer, config.shuffle_options)
    if config.check_apis:
        from .api_check import check_apis
        from .cache import CACHE_FOLDER
        from .lint import sort_findings

        findings = sort_findings(findings + check_apis(banks, config.python, config.out / CACHE_FOLDER / "apis.json"))
    for finding in findings:
        print(finding)
    questions = sum(len(bank.questions) for bank in banks)
    print(f"{count_findings(findings)} in {plural(questions, 'question')} from {plural(len(banks), 'file')}")
    return exit_status(findings)


def _run_export(args) -> int:
    from pathlib import Path

    from .lint import lint_banks
    from .output import write_atomic

    banks = _banks(args)
    if args.format == "md":
        from .renderers.markdown import render_markdown, unfaithful

        written = [render_markdown(bank) for bank in banks]
        data = b"\n".join(written)
        for finding in [finding for bank, text in zip(banks, written) for finding in unfaithful(bank, text)]:
            print(finding, file=sys.stderr)
    else:
        from .renderers.json import render_json

        data = render_json(banks, lint_banks(banks), _config(args).project)
    if args.output:
        if Path(args.output).is_dir():
            from .errors import UsageError

            raise UsageError(f"{args.output} is a folder; give -o a file name, e.g. -o {Path(args.output) / 'questions.json'}")
        write_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _run_list(args) -> int:
    from .model import SECTION_KINDS

    for bank in _banks(args):
        print(f"{bank.source}: {bank.title} ({plural(len(bank.questions), 'question')})")
        print(f"  {'no.':>4}  {'id':40}  {'title':50}  sections")
        for q in bank.questions:
            sections = ",".join(kind for kind in SECTION_KINDS if q.section(kind))
            sections += "".join(f",{e.label}" for e in q.extra)
            number = "" if q.number is None else str(q.number)
            print(f"  {number:>4}  {cut(q.id, 40)}  {cut(q.title, 50)}  {sections}")
    return 0


def _run_ids(args) -> int:
    """Each question's id and whether it is pinned; with --pin, derived ids are written
    into their banks (each file replaced in one rename)."""
    from pathlib import Path

    from .pin import pin_ids

    banks = _banks(args)
    if args.pin:
        for bank in banks:
            pinning = pin_ids(Path(bank.source))
            pinned, kept = pinning.pinned, pinning.kept
            print(f"{bank.source}: {len(pinned)} id{'s' * (len(pinned) != 1)} pinned" + (
                f"; {len(kept)} keep their derived ids (the first at line {kept[0].line}): braces on their "
                "lines would change what they read as (a table's row, a flashcard's line)" if kept else ""))
        return 0
    for bank in banks:
        for q in bank.questions:
            print(f"{q.source}:{q.line}: {q.id}")
    return 0


def _run_score(args) -> int:
    """Each sheet checked against its paper, summed up, and kept as a new results file."""
    import json
    from pathlib import Path

    from .errors import SourceError
    from .results import save_result, score, score_practice
    from .sheets import manifest_for, read_sheet

    for name in args.sheets:
        sheet_path = Path(name)
        if sheet_path.suffix.lower() == ".json":
            if args.manifest:
                raise SourceError("a practice file from the study page is for no paper; leave out --manifest",
                                  str(sheet_path))
            result, stem = score_practice(sheet_path)
        else:
            manifest_path = Path(args.manifest) if args.manifest else manifest_for(sheet_path)
            try:
                manifest = json.loads(manifest_path.read_text("utf-8"))
            except (OSError, ValueError) as error:
                raise SourceError(f"cannot read the paper's manifest: {error}", str(manifest_path)) from None
            result = score(read_sheet(sheet_path), manifest, sheet_path, manifest_path)
            stem = manifest_path.name.split("-paper")[0]
        path = save_result(result, Path(args.results), stem)
        print_result(result, sheet_path, path)
    return 0


def _run_report(args) -> int:
    """The weakest questions first, on the terminal and as ``<stem>-report.html``."""
    from pathlib import Path

    from .build import output_stem
    from .rendering import OutputContext
    from .history import anki_collection, read_history
    from .output import write_atomic
    from .renderers.report import build_report, render_report_page

    config = _config(args)
    banks = _banks(args)
    places = [Path(p) for p in args.results] if args.results else [Path(config.results)]
    anki = anki_collection(args.anki) if args.anki else None
    history = read_history(places, anki=anki, banks=banks, project=config.project)
    report = build_report(banks, history, history.results, anki is not None)
    print_report(report)
    stem = output_stem(banks, config.paths, config.name)
    out = Path(args.out) if args.out else config.out
    context = OutputContext(stem, config.title or (banks[0].title if len(banks) == 1 else stem),
                            config.language or banks[0].language, banks[0].language, config.templates)
    path = out / f"{stem}-report.html"
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_report_page(report, context, f"{stem}.html"))
    print(f"{plural(history.results, 'result')}, {sum(1 for row in report.rows if row.strength is not None)} "
          f"of {len(report.rows)} questions scored -> {path}")
    return 0


def _run_doctor(args) -> int:
    from .doctor import run_checks

    failed = 0
    for check in run_checks():
        mark = "ok  " if check.ok else ("warn" if check.optional else "FAIL")
        print(f"{mark}  {check.name}: {check.detail}")
        failed += not check.ok and not check.optional
    return 1 if failed else 0


RUNS = {"build": _run_build, "lint": _run_lint, "export": _run_export, "list": _run_list, "ids": _run_ids,
        "doctor": _run_doctor, "score": _run_score, "report": _run_report}

if __name__ == "__main__":
    sys.exit(main())
