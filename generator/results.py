"""Filled interview sheets and exams -> results: which points the candidate made, the level,
the score; on an exam, which choice and true/false answers are right.

A sheet is read from the PDF's form fields (filled on screen) or from the scores CSV
(filled in a spreadsheet after a paper interview) and checked against its paper's manifest:
the same seed, variant and questions, else nothing is scored. A self-interview downloaded
from the study page's practice mode is a JSON file that names its own questions. A result is a new JSON file
under ``results/`` each time; none is ever overwritten.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import SourceError
from .ids import slugify

LEVELS = ("poor", "mixed", "good", "excellent")  # as printed, left to right (renderers.pdf)
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

    # WeasyPrint names each radio button after its group; pypdf logs that for every one.
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


def _read_csv(path: Path) -> Sheet:
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceError(f"cannot read this CSV: {error}", str(path)) from None
    if not rows or not {"question_id", "item", "mark"} <= set(rows[0]):
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


def score(sheet: Sheet, manifest: dict, sheet_path: Path, manifest_path: Path) -> dict:
    """The result record of a sheet checked against its paper's manifest."""
    if sheet.answers is not None:
        return _score_exam(sheet, manifest, sheet_path, manifest_path)
    ids = [question["id"] for question in manifest["questions"]]
    problems = []
    if sheet.question_ids != ids:
        problems.append(f"its questions are not the paper's ({len(sheet.question_ids)} against {len(ids)}, "
                        f"first difference: {_first_difference(sheet.question_ids, ids)})")
    if sheet.seed is not None and sheet.seed != manifest.get("seed"):
        problems.append(f"its seed is {sheet.seed}, the paper's {manifest.get('seed')}")
    if sheet.variant is not None and sheet.variant != manifest.get("variant"):
        problems.append(f"its variant is {sheet.variant}, the paper's {manifest.get('variant')}")
    if problems:
        raise SourceError(f"this sheet is not for the paper {manifest_path}: " + "; ".join(problems), str(sheet_path))
    questions = []
    for number, question in enumerate(manifest["questions"], 1):
        points = [{"id": p["id"], "label": p["label"], "weight": p["weight"],
                   "checked": (question["id"], p["id"]) in sheet.ticked} for p in question["points"]]
        got = sum(p["weight"] for p in points if p["checked"])
        questions.append({"number": number, "id": question["id"], "source": question.get("source"),
                          "title": question["title"], "points": points,
                          "level": sheet.levels.get(question["id"]), "score": got,
                          "max": sum(p["weight"] for p in points)})
    return {
        "paper": {"manifest": str(manifest_path), "seed": manifest.get("seed"), "variant": manifest.get("variant"),
                  "question_ids": ids},
        "sheet": str(sheet_path),
        **{key: sheet.people.get(key, "") for key in ("candidate", "interviewer", "role")},
        "date": sheet.people.get("date") or date.today().isoformat(),
        "questions": questions,
        "total": {"score": sum(q["score"] for q in questions), "max": sum(q["max"] for q in questions)},
    }


def _score_exam(sheet: Sheet, manifest: dict, sheet_path: Path, manifest_path: Path) -> dict:
    """A filled exam marked against its key: each choice or true/false question is right or
    not (one point: every right letter and no other); the others are for a person to mark:
    the result names them (``unmarked``) and gives them no score."""
    marked = [(number, q) for number, q in enumerate(manifest["questions"], 1) if q.get("correct")]
    problems = [] if list(sheet.answers) == [q["id"] for _, q in marked] else [
        "its answer fields are not the paper's choice and true/false questions"]
    if sheet.variant != manifest.get("variant") or sheet.seed != manifest.get("seed"):
        problems.append(f"it is variant {sheet.variant} (seed {sheet.seed}), the paper {manifest.get('variant')} "
                        f"(seed {manifest.get('seed')})")
    if problems:
        raise SourceError(f"this exam is not for the paper {manifest_path}: " + "; ".join(problems), str(sheet_path))
    questions = []
    for number, question in marked:
        given, correct = sheet.answers[question["id"]], question["correct"]
        right = _letters(given) == _letters(correct) if question.get("options") else given == correct
        questions.append({"number": number, "id": question["id"], "source": question.get("source"),
                          "title": question["title"], "answered": given,
                          "points": [{"id": "answer", "label": correct, "weight": 1, "checked": right}],
                          "level": None, "score": int(right), "max": 1})
    return {
        "paper": {"manifest": str(manifest_path), "seed": manifest.get("seed"), "variant": manifest.get("variant"),
                  "question_ids": [question["id"] for question in manifest["questions"]]},
        "mode": "exam",
        "sheet": str(sheet_path),
        "candidate": sheet.people.get("candidate", ""), "interviewer": "", "role": "",
        "date": date.today().isoformat(),
        "questions": questions,
        "unmarked": [{"number": number, "id": question["id"], "title": question["title"]}
                     for number, question in enumerate(manifest["questions"], 1) if not question.get("correct")],
        "total": {"score": sum(q["score"] for q in questions), "max": len(questions)},
    }


def _letters(text: str) -> str:
    """``a, c`` and ``CA`` are ``AC``: the letters, as a set, in order."""
    return "".join(sorted(set(re.findall(r"[A-Z]", text.upper()))))


def score_practice(path: Path) -> tuple[dict, str]:
    """The result record of a self-interview downloaded from the study page's practice
    mode, and the page's stem. It names its questions and their points itself (it is no
    paper); qgen checks its shape and sums the scores anew."""
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", str(path)) from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        raise SourceError(f"not JSON: {getattr(error, 'msg', error)}", str(path), line) from None
    if not isinstance(data, dict) or data.get("qgen") != "practice" or not isinstance(data.get("questions"), list):
        raise SourceError("not a practice file from a qgen study page (\"qgen\": \"practice\")", str(path))
    questions = [_practised(entry, number, path) for number, entry in enumerate(data["questions"], 1)]
    page = str(data.get("page") or "study")
    result = {
        "paper": {"manifest": None, "seed": None, "variant": None, "study_page": page,
                  "question_ids": [question["id"] for question in questions]},
        "mode": "self",
        "sheet": str(path),
        "candidate": _text(data.get("candidate")), "interviewer": "", "role": "",
        "date": _text(data.get("date")) or date.today().isoformat(),
        "questions": questions,
        "total": {"score": sum(q["score"] for q in questions), "max": sum(q["max"] for q in questions)},
    }
    return result, slugify(page) or "study"


def _practised(entry, number: int, path: Path) -> dict:
    """One question of a practice file, checked: ids are texts, weights whole numbers,
    ``checked`` true or false, the level one of LEVELS or none."""
    def problem(what: str) -> SourceError:
        return SourceError(f"question {number}: {what}", str(path))

    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
        raise problem("has no id")
    if entry.get("level") is not None and entry["level"] not in LEVELS:
        raise problem(f"level “{entry['level']}” is none of {', '.join(LEVELS)}")
    seconds = entry.get("seconds")
    if seconds is not None and (not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0):
        raise problem("seconds must be a whole number")
    points = []
    for point in entry.get("points") or []:
        if not (isinstance(point, dict) and isinstance(point.get("id"), str) and isinstance(point.get("checked"), bool)
                and isinstance(point.get("weight"), int) and not isinstance(point["weight"], bool)
                and point["weight"] > 0):
            raise problem("each point needs an id, a whole weight above 0 and checked true or false")
        points.append({"id": point["id"], "label": _text(point.get("label")) or point["id"],
                       "weight": point["weight"], "checked": point["checked"]})
    return {"number": number, "id": entry["id"], "bank": _text(entry.get("bank")), "title": _text(entry.get("title")),
            "points": points, "level": entry.get("level"), "seconds": seconds,
            "score": sum(p["weight"] for p in points if p["checked"]), "max": sum(p["weight"] for p in points)}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _first_difference(got: list[str], expected: list[str]) -> str:
    for number, (a, b) in enumerate(zip(got, expected), 1):
        if a != b:
            return f"question {number} is “{a}” on the sheet and “{b}” on the paper"
    return "one of them has more questions"


def save_result(result: dict, folder: Path, stem: str) -> Path:
    """``results/<stem>-<date>-<candidate>.json``, a new file each time (``-2``, ``-3``…)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{stem}-{result['date']}-{slugify(result['candidate']) or 'candidate'}"
    path, count = folder / f"{base}.json", 1
    while path.exists():
        count += 1
        path = folder / f"{base}-{count}.json"
    with open(path, "x", encoding="utf-8") as handle:  # "x": never over an existing result
        json.dump(result, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return path
