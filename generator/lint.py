"""Bank -> findings: what is wrong with the bank itself, every problem at once.

Each check is a small function over the questions; lint_banks runs them all.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections import Counter
from functools import lru_cache

from .ids import words_key
from .model import SECTION_KINDS, Bank, Finding, Question
from .sources import bank_folder, refers_to_files

PYTHON_NAMES = {"python", "py", "python3", "py3", "python2"}
# Sections a bank "uses" when at least this share of its questions have them.
CONSISTENCY_SHARE = 0.5


def lint_banks(banks: list[Bank], max_image_mb: int = 20, long_answer: int = 600,
               shuffle_options: bool = False) -> list[Finding]:
    """Every finding of every bank: the reader's, then each check's. ``long_answer`` is
    how many characters of prose an answer without points may have; with
    ``shuffle_options``, an explanation that names option letters is a finding."""
    findings: list[Finding] = []
    for bank in banks:
        findings.extend(bank.findings)
        for check in (_duplicates, _numbering, _sections, _code):
            findings.extend(check(bank))
        findings.extend(_long_answers(bank, long_answer))
        findings.extend(_choices(bank, shuffle_options))
        findings.extend(_images_and_links(bank, max_image_mb))
    return sort_findings(findings)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """In file and line order, each once (the same section can be checked for several outputs)."""
    return sorted(dict.fromkeys(findings), key=lambda f: (f.source, f.line or 0, f.code))


def exit_status(findings: list[Finding]) -> int:
    """0 when clean (notes only), 1 with warnings, 2 with errors."""
    if any(f.severity == "error" for f in findings):
        return 2
    return 1 if any(f.severity == "warning" for f in findings) else 0


def _label(question: Question) -> str:
    return f"question {question.number}" if question.number is not None else f"question “{question.title}”"


def content_key(question: Question) -> tuple:
    """What makes two questions identical: their four sections, white space folded."""
    return tuple(" ".join((question.section(kind) or "").split()) for kind in SECTION_KINDS)


def _duplicates(bank: Bank):
    first_by_content: dict[tuple, Question] = {}
    by_title: dict[str, list[Question]] = {}
    ids = Counter(q.id for q in bank.questions)
    reported_ids = set()
    for question in bank.questions:
        key = content_key(question)
        earlier = first_by_content.get(key)
        if earlier:
            yield Finding(bank.source, question.line, "warning", "duplicate-question",
                          f"{_label(question)} is identical to {_label(earlier)} (line {earlier.line})")
        else:
            first_by_content[key] = question
            by_title.setdefault(words_key(question.title), []).append(question)
        if ids[question.id] > 1 and question.id not in reported_ids:
            reported_ids.add(question.id)
            yield Finding(bank.source, question.line, "error", "duplicate-id",
                          f"id “{question.id}” is given to {ids[question.id]} questions")
    yield from _same_titles(bank, by_title)


def _same_titles(bank: Bank, by_title: dict[str, list[Question]]):
    """One finding for each title that different questions share, at the second of them:
    ``What will be the output of the following code?`` forty times is one warning."""
    for first, second, *more in (group for group in by_title.values() if len(group) > 1):
        lines = ", ".join(str(q.line) for q in more[:8]) + (", …" if len(more) > 8 else "")
        also = f"; so do {len(more)} more (lines {lines})" if more else ""
        yield Finding(bank.source, second.line, "warning", "duplicate-title",
                      f"{_label(second)} has the same title as {_label(first)} (line {first.line}) "
                      f"but different content{also}")


def _numbering(bank: Bank):
    """Numbers must rise by one; a new part, or starting again at 1, numbers afresh.
    Questions without a number are left out of the count."""
    previous: Question | None = None
    seen: dict[int, Question] = {}
    for question in bank.questions:
        number = question.number
        if number is None:
            continue
        if previous is not None and question.part != previous.part:
            previous, seen = None, {}
        if number == 1 and previous is not None and previous.number != 1:
            seen = {}
        elif number in seen:
            yield Finding(bank.source, question.line, "warning", "duplicate-number",
                          f"number {number} is used again (first at line {seen[number].line})")
        elif previous is not None and number > previous.number + 1:
            missing = (f"{previous.number + 1}" if number == previous.number + 2
                       else f"{previous.number + 1}–{number - 1}")
            yield Finding(bank.source, question.line, "warning", "numbering-gap",
                          f"question {number} follows question {previous.number}: {missing} missing")
        seen.setdefault(number, question)
        previous = question


def _sections(bank: Bank):
    total = len(bank.questions)
    usage = Counter(kind for q in bank.questions for kind in ("example", "explanation")
                    if q.section(kind) is not None)
    expected = [kind for kind in ("example", "explanation") if usage[kind] >= CONSISTENCY_SHARE * total]
    unanswered = {id(q) for q in bank.questions if q.answer is None}
    if total > 1 and len(unanswered) == total:
        # A list of questions to ask (an interviewer's bank): one finding, not one a question.
        yield Finding(bank.source, bank.questions[0].line, "warning", "missing-section",
                      f"none of the {total} questions has an answer: cards show the question alone "
                      "(papers and interviewer's sheets leave room to answer)")
        unanswered = set()
    for question in bank.questions:
        if id(question) in unanswered:
            yield Finding(bank.source, question.line, "warning", "missing-section",
                          f"{_label(question)} has no answer section")
        for kind in expected:
            if question.section(kind) is None:
                yield Finding(bank.source, question.line, "warning", "missing-section",
                              f"{_label(question)} has no {kind} section "
                              f"({usage[kind]} of {total} questions have one)")
        for kind in SECTION_KINDS:
            if question.section(kind) == "":
                yield Finding(bank.source, question.section_line(kind), "warning", "empty-section",
                              f"the {kind} section of {_label(question)} is empty")
        for extra in question.extra:
            if not extra.text:
                yield Finding(bank.source, extra.line, "warning", "empty-section",
                              f"the “{extra.label}” section of {_label(question)} is empty")


def _long_answers(bank: Bank, limit: int):
    """An answer of more than ``limit`` characters of prose (white space and code not
    counted) with fewer than two points is hard to review on one card and to score. A
    choice, true/false or fill-in question is scored by its key: its reason may be long."""
    for question in bank.questions:
        if not question.answer or len(question.points) >= 2 or question.kind != "open":
            continue
        code = "".join(block.text for block in question.code if block.section == "answer")
        prose = _characters(question.answer) - _characters(code)
        if prose > limit:
            yield Finding(bank.source, question.section_line("answer"), "warning", "long-answer",
                          f"the answer of {_label(question)} has {prose} characters and no list of points; "
                          "write its points as a list (1. **label：** text) to review and score them one by one")


_LETTER_REFERENCE = re.compile(r"(?:选项|option|answer|答案)\s*[A-H]\b|\b[A-H]\s*(?:选项|项|is (?:correct|wrong))|"
                               r"(?<![A-Za-z])[A-H](?:、[A-H])+(?![A-Za-z])", re.I)


def _choices(bank: Bank, shuffle_options: bool):
    """Choice questions whose key cannot be right: two options with one key, a key that
    names no option, no key at all; with shuffled options, a reason that names letters."""
    for question in bank.questions:
        if not question.options:
            continue
        keys = [option.key for option in question.options]
        for key in sorted({key for key in keys if keys.count(key) > 1}):
            yield Finding(bank.source, question.section_line("question"), "error", "duplicate-option",
                          f"{_label(question)} has two options {key}")
        if not question.correct:
            yield Finding(bank.source, question.section_line("answer"), "warning", "choice-without-answer",
                          f"{_label(question)} has options but its answer does not open with their key "
                          "(答案：B, **Answer:** A)")
        for key in question.correct:
            if key not in keys:
                yield Finding(bank.source, question.section_line("answer"), "error", "answer-not-an-option",
                              f"the answer of {_label(question)} is {key}, which is none of its options "
                              f"({', '.join(dict.fromkeys(keys))})")
        if shuffle_options:
            for kind, text in (("answer", question.reason), ("explanation", question.explanation)):
                if text and _LETTER_REFERENCE.search(text):
                    yield Finding(bank.source, question.section_line(kind), "warning", "letters-in-explanation",
                                  f"the {kind} of {_label(question)} names option letters "
                                  f"(“{_LETTER_REFERENCE.search(text).group(0)}”), which change when options "
                                  "are shuffled")


def _characters(text: str) -> int:
    return len("".join(text.split()))


def _code(bank: Bank):
    for question in bank.questions:
        for block in question.code:
            lang = block.lang.lower()
            if not lang:
                continue
            if lang in PYTHON_NAMES:
                problem = python_syntax_error(block.text)
                if problem:
                    offset, message = problem
                    yield Finding(bank.source, block.line + offset, "warning", "code-syntax",
                                  f"Python syntax error in {_label(question)}: {message}")
            elif not known_language(lang):
                yield Finding(bank.source, block.line, "warning", "unknown-language",
                              f"code language “{block.lang}” is not known to Pygments; "
                              "it will not be highlighted")


def _images_and_links(bank: Bank, max_image_mb: int):
    """Images that are missing, remote or outside the bank's folder, links to local files:
    what rendering would warn about, found without rendering (and without loading the
    renderer when no section has an image or a file link)."""
    sections = [(bank.preface, 1)] + [
        (text, line) for question in bank.questions
        for text, line in [(question.section(kind), question.section_line(kind)) for kind in SECTION_KINDS]
        + [(extra.text, extra.line) for extra in question.extra]]
    sections = [(text, line) for text, line in sections if text and refers_to_files(text)]
    if not sections:
        return
    from .renderers.markup import MarkupRenderer

    markup = MarkupRenderer(link_definitions={bank.source: bank.link_definitions}, max_image_mb=max_image_mb)
    folder = bank_folder(bank.source)
    for text, line in sections:
        markup.check(text, bank.source, line, folder)
    yield from markup.findings


def python_syntax_error(code: str) -> tuple[int, str] | None:
    """(line within the block, message) of the first syntax error, or None. Parses only."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
    except SyntaxError as error:
        return (error.lineno or 1), error.msg
    except (ValueError, RecursionError, MemoryError) as error:
        return 1, str(error) or type(error).__name__
    return None


@lru_cache(maxsize=None)
def known_language(lang: str) -> bool:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        get_lexer_by_name(lang)
    except ClassNotFound:
        return False
    return True
