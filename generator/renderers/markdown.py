"""Banks -> Markdown in the reference format (``### 题目 N：title`` and bold labels).

Useful to normalise a bank written in another variant, and the inverse the reader's
round-trip tests rely on: reading what this writes gives back the same records."""

from __future__ import annotations

import yaml

from ..ids import slugify
from ..labels import label_for
from ..languages import interface_language
from ..model import SECTION_KINDS, Bank, Question
from ..templating import render

PUNCTUATION = {"zh": {"heading_sep": "：", "label_colon": "："}, "en": {"heading_sep": ": ", "label_colon": ":"}}
_BLOCK_STARTS = tuple("`~-*+>#|<0123456789 \t")


def render_markdown(bank: Bank) -> bytes:
    language = interface_language(bank.language)
    words = {**PUNCTUATION[language], **{kind: label_for(kind, language) for kind in SECTION_KINDS}}
    meta = {key: value for key, value in (("title", bank.title), ("language", bank.language),
                                          ("tags", list(bank.tags))) if value}
    context = {
        "bank": {"preface": bank.preface, "questions": [_question(q, words, bank.tags) for q in bank.questions],
                 "link_definitions": bank.link_definitions, "footnotes": bank.footnotes},
        "words": words,
        "front_matter": yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else "",
    }
    return render("markdown/bank.md.j2", **context).rstrip("\n").encode("utf-8") + b"\n"


def _question(question: Question, words: dict, bank_tags: tuple[str, ...]) -> dict:
    sections = []
    for kind in SECTION_KINDS:
        text = question.section(kind)
        if text is not None:
            sections.append(_section(words[kind], text))
    sections.extend(_section(extra.label, extra.text) for extra in question.extra)
    return {
        "number": question.number,
        "title": question.title,
        "attributes": _attributes(question, bank_tags),
        "sections": sections,
    }


def _section(label: str, text: str) -> dict:
    inline = bool(text) and not text.startswith(_BLOCK_STARTS) and "\n" not in text.split("\n\n")[0]
    return {"label": label, "text": text, "inline": inline}


def _attributes(question: Question, bank_tags: tuple[str, ...]) -> str:
    """What goes in braces after the title: an id the title does not give, and the
    question's settings (the bank's front matter is not written back, so all of them)."""
    own_tags = [tag for tag in question.tags if tag not in bank_tags]
    pairs = [f"#{question.id}" if question.id != slugify(question.title) else "",
             f"minutes={question.minutes}" if question.minutes else "",
             f"difficulty={question.difficulty}" if question.difficulty else "",
             f"frequency={question.frequency}" if question.frequency else "",
             _pair("tags", ",".join(own_tags)) if own_tags else ""]
    return " ".join(pair for pair in pairs if pair)


def _pair(key: str, value: str) -> str:
    return f'{key}="{value}"' if any(char.isspace() or char in '{}' for char in value) else f"{key}={value}"
