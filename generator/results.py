"""Filled interview sheets and exams -> results: which points the candidate made, the level,
the score; on an exam, which choice and true/false answers are right.

A sheet (read by ``sheets``: the PDF's form fields or the scores CSV) is checked against its
paper's manifest: the same seed, variant and questions, else nothing is scored. A
self-interview downloaded from the study page's practice mode is a JSON file that names its
own questions. A result is a new JSON file under ``results/`` each time; none is ever
overwritten.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .errors import SourceError
from .ids import slugify
from .sheets import LEVELS, Sheet

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
