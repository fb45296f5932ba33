"""What goes in each field of qgen's notes: a whole-answer note and a point note.

The HTML comes from the macros of ``anki/fields.html.j2``; Anki's own tags written in a bank
are made inert. Rendering fields is most of a deck's time, so this runs in the workers too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace

from ..languages import text_direction
from .math import for_mathjax
from .view import QuestionView

FIELDS = ["Id", "Number", "Title", "Question", "Answer", "Example", "Explanation", "Extra", "Source"]
POINT_FIELDS = ["Id", "Number", "Title", "Question", "Points", "Position", "Label", "Text", "Source"]
MIN_POINTS = 2  # a question with fewer points has no point cards: its answer card is the point


def field_macros(fields_template, language: str | None):
    """The macros of ``anki/fields.html.j2`` (``fields_template``) for the notes of a bank,
    or of ``anki/marked-fields.html.j2``, which marks each field with the bank's language,
    where ``languages.marked_language`` gives one."""
    if language is None:
        return fields_template.module
    marked = fields_template.environment.get_template("anki/marked-fields.html.j2")
    return marked.make_module({"text_lang": language, "text_dir": text_direction(language)})


def note_fields(question: QuestionView, fields, source: str | None = None) -> list[str]:
    """The whole-answer note's field values, from the macros ``fields``; ``source`` is the
    bank's path as the outputs name it (relative to the project)."""
    return [inert_for_anki(value) for value in (
        question.id,
        "" if question.number is None else str(question.number),
        str(fields.title(question)),
        str(fields.question(question)).strip(),
        str(fields.section(question, "answer")).strip(),
        str(fields.section(question, "example")).strip(),
        str(fields.section(question, "explanation")).strip(),
        str(fields.extra(question)).strip(),
        # The macro takes the question record (user templates define it so), with the bank's
        # path as the outputs name it.
        str(fields.source(replace(question.record, source=source) if source else question.record)),
    )]


def point_fields(question: QuestionView, answer_fields: list[str], fields) -> list[list[str]]:
    """Each point note's field values; the title, question and source are the
    whole-answer note's (``answer_fields``), rendered once."""
    if len(question.points) < MIN_POINTS:
        return []
    shared = dict(zip(FIELDS, answer_fields))
    count = len(question.points)
    return [[f"{shared['Id']}/{point.id}", shared["Number"], shared["Title"], shared["Question"],
             inert_for_anki(str(fields.point_list(question, index)).strip()),
             f"{index + 1} / {count}",
             inert_for_anki(str(fields.point_label(question, index)).strip()),
             inert_for_anki(str(fields.point_text(question, index)).strip()),
             shared["Source"]]
            for index, point in enumerate(question.points)]


# Anki acts on these wherever they appear in a field: it plays [sound:…], speaks
# [anki:tts]…, typesets [latex]…, [$]… and [$$]…. A bank's text is only text.
_ANKI_TAG = re.compile(r"\[(?=sound:|/?anki:|/?latex\]|/?\$\$?\])", re.I)


def inert_for_anki(html: str) -> str:
    """The field's HTML with the bracket that opens an Anki tag written as ``&#91;``, which
    shows the same and which Anki does not read as a tag, and its math in the delimiters
    Anki's MathJax typesets (``$x$`` as ``\\(x\\)``)."""
    return for_mathjax(_ANKI_TAG.sub("&#91;", html))


def note_digest(fields: list[str], tags: list[str]) -> str:
    """What decides whether a note changed: every field but Source (each note type's last),
    and the tags. Source (``bank.md:12``) moves whenever a line is added above the
    question, so it is kept for searching in Anki's browser, not shown on the card, and a
    move alone does not make every later note 'changed' (Anki would rewrite them all)."""
    return hashlib.sha1(json.dumps([fields[:-1], tags], ensure_ascii=False).encode("utf-8")).hexdigest()


def note_type(model_id: int, name: str, fields: list[str], card: str, templates_prefix: str, language: str,
              templates: str | None, css: str, sort_field: str):
    """A genanki note type: one card whose front and back come from the card templates
    ``<templates_prefix>front.html.j2`` and ``…back.html.j2`` in the interface ``language``."""
    import genanki

    from ..templating import card_environment
    from ..words import words_for

    context = {"words": words_for(language), "lang": language}
    cards = card_environment(templates)
    return genanki.Model(
        model_id, name,
        fields=[{"name": field} for field in fields],
        templates=[{
            "name": card,
            "qfmt": cards.get_template(f"{templates_prefix}front.html.j2").render(**context).strip(),
            "afmt": cards.get_template(f"{templates_prefix}back.html.j2").render(**context).strip(),
        }],
        css=css,
        sort_field_index=fields.index(sort_field),
    )

