"""Filled sheets read back: an interviewer's sheet or an exam from its PDF form fields
(filled on screen, in any viewer), or the scores CSV (filled in a spreadsheet after a paper
interview, saved back as the spreadsheet saves it). ``results`` checks them against their
paper and scores them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .sources import unicode_form

# An interview sheet's levels, as printed left to right: WeasyPrint names a radio button's
# "on" state by its position, so a filled level reads back as "/2" for "good".
LEVELS = ("poor", "mixed", "good", "excellent")
LEVEL_WORDS = {"差": "poor", "一般": "mixed", "良好": "good", "优秀": "excellent",
               **{level: level for level in LEVELS}}
TICKS = {"x", "X", "✓", "✔", "1", "yes", "y", "是", "√"}


@dataclass
class Sheet:
    """What a filled sheet says: ticks per (question id, point id), levels, people."""

    question_ids: list[str]
    ticked: set[tuple[str, str]]
    levels: dict[str, str]
    people: dict[str, str]
    seed: int | None = None
    variant: str | None = None
    answers: dict[str, str] | None = None  # a filled exam's: what was written or ticked, by question id


_SHEET_NAME = re.compile(r"^(.*)-(?:interview-scores|interview|exam)(-[A-Z])?$")


def manifest_for(sheet_path: Path) -> Path:
    """The paper manifest beside a sheet: ``x-interview-A.pdf``, ``x-interview-scores-A.csv``
    or ``x-exam-A.pdf`` -> ``x-paper-A-manifest.json``."""
    match = _SHEET_NAME.match(sheet_path.stem)
    if match is None:
        raise SourceError("cannot tell which paper this sheet is for; give --manifest", str(sheet_path))
    return sheet_path.with_name(f"{match.group(1)}-paper{match.group(2) or ''}-manifest.json")


def read_sheet(path: Path) -> Sheet:
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    if path.suffix.lower() == ".pdf":
        return _read_pdf(path)
    raise SourceError("a filled sheet is a .pdf (interviewer's sheet or exam) or a .csv (scores)", str(path))


def _read_pdf(path: Path) -> Sheet:
    import logging

    import pypdf

    # In sheets of earlier qgen versions each radio button is named after its group; pypdf logs each one.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(path)
        fields, keywords = reader.get_fields() or {}, str((reader.metadata or {}).get("/Keywords") or "")
    except (OSError, pypdf.errors.PdfReadError) as error:
        raise SourceError(f"cannot read this PDF: {error}", str(path)) from None
    values = {name: _value(field) for name, field in fields.items() if "." not in name}
    questions = list(dict.fromkeys(name.rsplit("/", 1)[0] for name in values if name.endswith("/level")))
    ticked = {tuple(name.rsplit("/", 1)) for name, value in values.items()
              if "/" in name and str(value) not in ("/Off", "None", "") and not name.endswith(
                  ("/level", "/notes", "/score")) and str(value).startswith("/")}
    levels = {}
    for question in questions:
        value = str(values.get(f"{question}/level") or "/Off").lstrip("/")
        if value.isdigit() and int(value) < len(LEVELS):  # WeasyPrint names radio states by position
            levels[question] = LEVELS[int(value)]
    people = {key: str(values.get(key) or "") for key in ("candidate", "interviewer", "date", "role")}
    answers = {name.removesuffix("/answer"): _answer(values[name]) for name in values if name.endswith("/answer")}
    if answers and not questions:  # an exam: a field for each answer qgen can mark, its paper in its keywords
        paper = dict(word.split("=", 1) for word in keywords.split() if "=" in word)
        seed = paper.get("seed", "")
        return Sheet(list(answers), set(), {}, people, int(seed) if seed.isdigit() else None,
                     paper.get("variant"), answers)
    if not questions:
        raise SourceError("this PDF has no fields to read: an interviewer's sheet has them, and an exam that "
                          "has choice or true/false questions", str(path))
    return Sheet(questions, ticked, levels, people)


def _value(field):
    """A field's value; for a radio group that holds none, the button that shows as chosen
    (Chrome's viewer keeps the choice on a button where the button is a field of its own, as
    in the sheets qgen wrote before ``pdf._radio_buttons_as_widgets``)."""
    value = field.get("/V")
    if str(value) in ("/Off", "None") and "/Kids" in field:
        shown = [kid.get_object().get("/AS") for kid in field["/Kids"]]
        return next((state for state in shown if state is not None and str(state) != "/Off"), value)
    return value


def _answer(value) -> str:
    """A text field's letters as typed; a true/false pair's choice (WeasyPrint names a radio
    button's state by its position: 0 true, 1 false)."""
    text = "" if value is None else str(value)
    return {"/0": "true", "/1": "false"}.get(text, "" if text == "/Off" else text)


_COLUMNS = {"question_id", "item", "mark"}


def _spreadsheet_text(data: bytes, source: str) -> str:
    """The scores CSV as a spreadsheet saves it back: UTF-8 (with its mark or without),
    UTF-16 with its mark (Excel's "Unicode text", tab-separated), or GB18030 (Excel's CSV on
    a Chinese Windows). A wrong guess cannot score: the ids must match the paper's."""
    codec, mark = unicode_form(data)
    for candidate in dict.fromkeys((codec, "gb18030")):
        try:
            return data[len(mark):].decode(candidate).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise SourceError("cannot read this CSV: neither UTF-8 nor GB18030 text; save it as CSV UTF-8", source)


def _delimiter(header: str) -> str:
    """A comma, or what the header's columns are split by: a semicolon where the decimal
    separator is a comma (Excel in German or French), a tab in Excel's "Unicode text"."""
    return next((mark for mark in ",;\t" if _COLUMNS <= set(next(csv.reader([header], delimiter=mark)))), ",")


def _read_csv(path: Path) -> Sheet:
    try:
        text = _spreadsheet_text(path.read_bytes(), str(path))
        rows = list(csv.DictReader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0])))
    except (OSError, csv.Error) as error:
        raise SourceError(f"cannot read this CSV: {error}", str(path)) from None
    if not rows or not _COLUMNS <= set(rows[0]):
        raise SourceError("not a qgen scores CSV (columns question_id, item, mark)", str(path), 1)
    questions = list(dict.fromkeys(row["question_id"] for row in rows))
    ticked, levels = set(), {}
    for line, row in enumerate(rows, 2):
        mark = (row.get("mark") or "").strip()
        if row["item"] == "level":
            if mark and mark not in LEVEL_WORDS:
                raise SourceError(f"level “{mark}” is none of {', '.join(LEVEL_WORDS)}", str(path), line)
            if mark:
                levels[row["question_id"]] = LEVEL_WORDS[mark]
        elif mark in TICKS:
            ticked.add((row["question_id"], row["item"].removeprefix("point:")))
    first = rows[0]
    seed = int(first["seed"]) if (first.get("seed") or "").isdigit() else None
    return Sheet(questions, ticked, levels, {}, seed, first.get("variant") or None)
