"""What qgen's commands print: the build's summary, scored sheets, the practice report, and
columns cut to a display width (a CJK character takes two)."""

from __future__ import annotations


def print_build_summary(report) -> None:
    """What a build wrote, kept and removed, the deck's changes, and the count of findings."""
    if report.seed is not None:
        print(f"seed: {report.seed} (make the same papers again with --seed {report.seed})")
    verb = "kept" if report.reused else "wrote"
    for path, size in report.written:
        pages = report.pages.get(path)
        print(f"{verb} {path} ({file_size(size)}{f', {pages} pages' if pages else ''})")
    for path in report.removed:
        print(f"removed {path} (the last build's, not made by this one)")
    if report.reused:
        print("nothing changed since the last build: its outputs were kept")
    if report.anki:
        anki = report.anki
        processes = f" (rendered by {anki.processes} processes)" if anki.processes > 1 else ""
        for changes, what in ((anki.answers, "notes"), (anki.points, "point notes")):
            if what == "point notes" and not (changes.notes or changes.removed):
                continue
            print(f"anki: {changes.notes} {what}{processes}, {len(changes.added)} added, {len(changes.changed)} "
                  f"changed, {len(changes.removed)} removed since the last build")
            if changes.removed:
                shown = ", ".join(changes.removed[:10]) + (f" and {len(changes.removed) - 10} more (all in the "
                                                             ".anki.json)" if len(changes.removed) > 10 else "")
                print("  removed (delete these notes in Anki; an import cannot): " + shown)
            processes = ""
    questions = sum(len(bank.questions) for bank in report.banks)
    print(f"{plural(questions, 'question')} from {plural(len(report.banks), 'file')}, {count_findings(report.findings)}, "
          f"{report.seconds:.2f} s")


def words(markdown: str) -> str:
    """A title's words without its Markdown marks (the Markdown parser loaded only to print them)."""
    from .markers import plain_text

    return plain_text(markdown)


def cut(text: str, width: int) -> str:
    """Pad or cut to a display width, counting a CJK character as two columns."""
    import unicodedata

    out, used = [], 0
    for char in text:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            break
        out.append(char)
        used += size
    return "".join(out) + " " * (width - used)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def count_findings(findings) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def file_size(size: int) -> str:
    return f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


def percent(value) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def print_result(result: dict, sheet, path) -> None:
    """A scored sheet: per question the points made, the level and the score; the total. On an
    exam, what was answered and, where it was wrong, the right answer, and which questions
    are open ones, left for a person to mark."""
    print(f"{sheet}: {result['candidate'] or 'candidate'} · {result['date']}")
    for question in result["questions"]:
        made = sum(1 for p in question["points"] if p["checked"])
        marked = (f"{question['answered'] or '-':>6} {'right' if made else 'wrong, ' + question['points'][0]['label']}"
                  if "answered" in question else
                  f"{made}/{len(question['points'])} points  {question['level'] or '-':9}")
        print(f"  {question['number']:>2}. {cut(words(question['title']), 40)}  {marked}  {question['score']}/{question['max']}")
    if result.get("unmarked"):
        print(f"  for a person to mark (open questions): {', '.join(str(q['number']) for q in result['unmarked'])}")
    print(f"  total {result['total']['score']}/{result['total']['max']} -> {path}")


def print_report(report) -> None:
    """The weakest twenty questions, each part and tag, the points most often missed."""
    print(f"     {cut('question (weakest first)', 40)}  attempts, last  level      points anki strength")
    for number, row in enumerate([row for row in report.rows if row.strength is not None][:20], 1):
        known = row.known
        print(f"{number:>3}. {cut(words(row.question.title), 40)}  {known.attempts} × {known.last_seen or '-':10}  "
              f"{row.level or '-':9}  {percent(known.result_share):>4}  {percent(known.recall):>4}  "
              f"{percent(row.strength):>4}{'  weak' if row.weak else ''}")
    for group in report.parts + report.tags:
        print(f"     {cut(words(group.name or '-'), 40)}  {len(group.scored)}/{len(group.rows)} scored  "
              f"{percent(group.strength):>4}")
    for title, label, times, asked in report.missed[:5]:
        print(f"     missed {times}/{asked}: {cut(words(label), 20)} ({cut(words(title), 30).rstrip()})")
