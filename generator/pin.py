"""``qgen ids --pin``: write each derived question id into the bank as ``{#id}``.

An id derived from a title (or, for a shared title, from the question's text) changes when
that text is edited, and the Anki note with its review history would then come back as a
new one. Pinning writes the id after the title once, so later edits never change it. The
file is otherwise kept byte for byte (line endings, BOM, trailing spaces) and replaced in
one rename, and it is read back to check that every id stayed what it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .attributes import ATTRIBUTES
from .errors import SourceError
from .model import Bank, Question
from .output import write_atomic
from .reader import read_bank_text
from .sources import decode_bank, display_path, unicode_form

_LINE_ENDINGS = re.compile(rb"(\r\n|\r|\n)")
_CLOSING_HASHES = re.compile(rb"([ \t]+#+)?([ \t]*)$")
_AFTER_TITLE = re.compile(r"[\s*_`<>/a-z]*|\s*#\S*\s*")  # closing marks and tags, a ``#card`` tag: nothing said


@dataclass
class Pinning:
    pinned: list[Question]  # the questions whose ids are written into the bank now
    kept: list[Question]  # those whose line reads otherwise with braces: their ids stay derived


def pin_ids(path: Path) -> Pinning:
    """Pin every derived id of the bank at ``path``."""
    source = display_path(path)
    data = path.read_bytes()
    bank = read_bank_text(decode_bank(data, source), source)
    # A UTF-16 or UTF-32 file is edited as UTF-8 and written back in its own form.
    codec, mark = unicode_form(data)
    if codec != "utf-8":
        data = data[len(mark):].decode(codec).encode("utf-8")
    pieces = _LINE_ENDINGS.split(data)  # line, ending, line, ending, …, last line
    written: dict[int, bytes] = {}  # question's index -> its line as it was
    for index, question in enumerate(bank.questions):
        position = 2 * (question.line - 1)
        line = pieces[position]
        if question.title not in line.decode("utf-8", "surrogateescape"):
            continue  # asked by the file's name or title, or a title taken from its text: no line to write on
        with_id = _with_id(line, question.id, question.title)
        if with_id is None:
            continue
        pieces[position], written[index] = with_id, line
    # Where the braces change what a line says (a table's row, a flashcard ``front::back``:
    # the id would be a column or the back's), that question keeps its line as it was.
    kept = sorted(_read_otherwise(bank, pieces, source) & set(written))
    for index in kept:
        pieces[2 * (bank.questions[index].line - 1)] = written.pop(index)
    if not written:
        return Pinning([], [bank.questions[index] for index in kept])
    changed = _read_otherwise(bank, pieces, source)
    if changed:
        raise SourceError("pinning would change what is read as a question here; the file is left as it was",
                          source, bank.questions[min(changed)].line)
    new = b"".join(pieces)
    write_atomic(path, new if codec == "utf-8" else mark + new.decode("utf-8").encode(codec))
    return Pinning([bank.questions[index] for index in sorted(written)], [bank.questions[index] for index in kept])


def _with_id(line: bytes, question_id: str, title: str) -> bytes | None:
    """``### Title ##`` -> ``### Title {#id} ##``: before a closing sequence of an ATX
    heading and before trailing blanks, so nothing else on the line moves; into the braces
    of attributes already there (``{minutes=5}`` -> ``{#id minutes=5}``); right after the
    title where words follow it on its line (a table's row, a flashcard's ``front::back``).
    None when the line has an id already."""
    match = _CLOSING_HASHES.search(line)
    text = line.decode("utf-8", "surrogateescape")
    after = text.find(title) + len(title)
    if not _AFTER_TITLE.fullmatch(text[after:match.start()]) and not ATTRIBUTES.search(text[:match.start()]):
        return f"{text[:after]} {{#{question_id}}}{text[after:]}".encode("utf-8", "surrogateescape")
    head, tail = line[:match.start()].decode("utf-8", "surrogateescape"), line[match.start():]
    written = ATTRIBUTES.search(head)
    if written and written.group("id"):
        return None
    if written:
        brace = head.index("{", written.start())
        head = f"{head[:brace + 1]}#{question_id} {head[brace + 1:].lstrip()}"
    else:
        head += f" {{#{question_id}}}"
    return head.encode("utf-8", "surrogateescape") + tail


def _read_otherwise(before: Bank, pieces: list[bytes], source: str) -> set[int]:
    """The questions (by index) the pinned text reads otherwise than ``before``: another
    id, title or section; all of them when it reads as another number of questions."""
    try:
        after = read_bank_text(decode_bank(b"".join(pieces), source), source).questions
    except SourceError:
        return set(range(len(before.questions)))
    if len(after) != len(before.questions):
        return set(range(len(before.questions)))
    return {index for index, (old, new) in enumerate(zip(before.questions, after)) if _record(old) != _record(new)}


def _record(question: Question) -> tuple:
    return (question.id, question.title, question.question, question.answer, question.example, question.explanation,
            tuple((extra.label, extra.text) for extra in question.extra), question.kind, question.options)
