"""Banks -> Markdown in the reference format (``### 题目 N：title`` and bold labels).

Useful to normalise a bank written in another variant, and the inverse the reader's
round-trip tests rely on: reading what this writes gives back the same records."""

from __future__ import annotations

import yaml

from ..ids import slugify
from ..model import Bank, Question
from ..templating import render

WORDS = {
    "zh": {"question": "题目", "heading_sep": "：", "label_colon": "：", "question_label": "题目",
           "answer": "答案", "example": "举例", "explanation": "解析"},
    "en": {"question": "Question", "heading_sep": ": ", "label_colon": ":", "question_label": "Question",
           "answer": "Answer", "example": "Example", "explanation": "Explanation"},
}
_BLOCK_STARTS = tuple("`~-*+>#|<0123456789 \t")


def render_markdown(bank: Bank) -> bytes:
    words = WORDS["zh" if bank.language.startswith("zh") else "en"]
    meta = {key: value for key, value in (("title", bank.title), ("language", bank.language),
                                          ("tags", list(bank.tags))) if value}
    context = {
        "bank": {"preface": bank.preface, "questions": [_question(q, words) for q in bank.questions],
                 "link_definitions": bank.link_definitions, "footnotes": bank.footnotes},
        "words": words,
        "front_matter": yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else "",
    }
    return render("markdown/bank.md.j2", **context).rstrip("\n").encode("utf-8") + b"\n"


def _question(question: Question, words: dict) -> dict:
    sections = []
    for kind, label in (("question", words["question_label"]), ("answer", words["answer"]),
                        ("example", words["example"]), ("explanation", words["explanation"])):
        text = question.section(kind)
        if text is not None:
            sections.append(_section(label, text))
    sections.extend(_section(extra.label, extra.text) for extra in question.extra)
    return {
        "number": question.number,
        "title": question.title,
        "explicit_id": question.id if question.id != slugify(question.title) else None,
        "sections": sections,
    }


def _section(label: str, text: str) -> dict:
    inline = bool(text) and not text.startswith(_BLOCK_STARTS) and "\n" not in text.split("\n\n")[0]
    return {"label": label, "text": text, "inline": inline}
