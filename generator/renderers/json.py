"""Banks -> the JSON export: every record as data, for scripts and other tools."""

from __future__ import annotations

import json

from .. import __version__
from ..model import Bank, Finding, Question
from ..rendering import Rendered, RenderJob
from ..sources import project_path


def question_record(question: Question) -> dict:
    return {
        "id": question.id,
        "number": question.number,
        "title": question.title,
        "line": question.line,
        "end_line": question.end_line,
        "part": question.part,
        "question": question.question,
        "answer": question.answer,
        "example": question.example,
        "explanation": question.explanation,
        "extra": [{"label": e.label, "text": e.text, "line": e.line} for e in question.extra],
        "code": [{"lang": c.lang, "section": c.section, "line": c.line, "text": c.text} for c in question.code],
        "tags": list(question.tags),
        "points": [{"id": p.id, "label": p.label, "text": p.text, "weight": p.weight} for p in question.points],
        "followups": list(question.followups),
        "minutes": question.minutes,
        "difficulty": question.difficulty,
        "frequency": question.frequency,
        "kind": question.kind,
        "options": [{"key": o.key, "text": o.text} for o in question.options],
        "correct": list(question.correct),
    }


def bank_record(bank: Bank, project: str | None = None) -> dict:
    return {
        "source": project_path(bank.source, project),
        "key": bank.key,
        "title": bank.title,
        "language": bank.language,
        "tags": list(bank.tags),
        "preface": bank.preface,
        "parts": [{"title": p.title, "line": p.line, "text": p.text} for p in bank.parts],
        "questions": [question_record(q) for q in bank.questions],
        "spans": [{"kind": s.kind, "line": s.line, "end_line": s.end_line, "ref": s.ref} for s in bank.spans],
        "link_definitions": [{"label": label, "href": href, "title": title}
                             for label, href, title in bank.link_definitions],
        "footnotes": [{"label": label, "text": text} for label, text in bank.footnotes],
    }


def render(job: RenderJob) -> Rendered:
    return Rendered([(job.config.out / f"{job.context.stem}.json", render_json(job.banks, job.findings, job.config.project))])


def render_json(banks: list[Bank], findings: list[Finding], project: str | None = None) -> bytes:
    """Every record as data; with ``project``, files are named relative to it."""
    document = {
        "qgen": __version__,
        "banks": [bank_record(bank, project) for bank in banks],
        "warnings": [
            {"source": project_path(f.source, project), "line": f.line, "severity": f.severity, "code": f.code, "message": f.message}
            for f in findings
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
