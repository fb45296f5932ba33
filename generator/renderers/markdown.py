"""Banks -> Markdown in the reference format (``### 题目 N：title`` and bold labels).

Useful to normalise a bank written in another variant, and the inverse the reader's
round-trip tests rely on: reading what this writes gives back the same records. Not for every
bank: an answer's line that reads as a label in the reference format (``**环境要求**：`` in a
bank of unlabelled headings) opens a section of its own when read again, so the export checks
itself and says which questions come back otherwise (``unfaithful``)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import yaml

from ..ids import slugify
from ..errors import QgenError
from ..labels import label_for, line_label
from ..languages import interface_language
from ..model import SECTION_KINDS, Bank, Finding, Question
from ..templating import render
from .markup import lines_with_code_apart

PUNCTUATION = {"zh": {"heading_sep": "：", "label_colon": "："}, "en": {"heading_sep": ": ", "label_colon": ":"}}
_BLOCK_STARTS = tuple("`~-*+>#|<0123456789 \t")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_LEVEL = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")


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
    text = _below_questions(text)
    inline = bool(text) and not text.startswith(_BLOCK_STARTS) and "\n" not in text.split("\n\n")[0]
    return {"label": label, "text": text, "inline": inline}


def _below_questions(text: str) -> str:
    """The section with its headings moved below the questions' ``###`` as one (a worked
    problem's ``## 02、题目分析`` becomes ``#### 02、题目分析``), else each would be read back
    as a question or a part."""
    lines = list(lines_with_code_apart(text))
    levels = [len(match.group(1)) for kind, line in lines if kind == "text" and (match := _LEVEL.match(line))]
    shift = 4 - min(levels, default=4)
    if shift <= 0:
        return text
    return "\n".join(_LEVEL.sub(lambda match: "#" * min(6, len(match.group(1)) + shift), line, count=1)
                     if kind == "text" else line for kind, line in lines)


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


def unfaithful(bank: Bank, written: bytes) -> list[Finding]:
    """A warning on each question of the bank that its Markdown, read again, does not give
    back: its sections or its questions read otherwise (a line of its answer reads as a
    label, a heading in it as a question). The export is written all the same."""
    from ..reader import read_bank_text

    try:
        again = read_bank_text(written.decode("utf-8"), bank.source).questions
    except QgenError as error:
        return [Finding(bank.source, None, "warning", "export-differs", f"the export does not read back: {error}")]
    ours, theirs = [_record(q) for q in bank.questions], [_record(q) for q in again]
    kept = {block.a + offset for block in SequenceMatcher(None, ours, theirs, autojunk=False).get_matching_blocks()
            for offset in range(block.size)}
    return [Finding(bank.source, question.line, "warning", "export-differs",
                    f"“{question.title}” reads back from the export otherwise{_misread(question)}; "
                    "check it there before building from the export")
            for index, question in enumerate(bank.questions) if index not in kept]


def _record(question: Question) -> tuple:
    """What must read back the same; the export moves an answer's headings below the questions."""
    return (question.title, *(_below_questions(question.section(kind) or "").strip() for kind in SECTION_KINDS),
            tuple((extra.label, _below_questions(extra.text).strip()) for extra in question.extra), question.kind,
            question.correct, tuple((option.key, option.text) for option in question.options))


def _misread(question: Question) -> str:
    """Why, where a line of its sections reads as a label or a heading outside code."""
    for text in [question.section(kind) for kind in SECTION_KINDS] + [extra.text for extra in question.extra]:
        for kind, line in lines_with_code_apart(text or ""):
            if kind == "text" and (_HEADING.match(line) or line_label(line)):
                shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:39] + "…"
                return f": “{shown}” reads as a {'heading' if _HEADING.match(line) else 'label'}"
    return ""
