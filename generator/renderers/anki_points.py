"""Per-point cards: one note per point of an answer, beside the whole-answer notes.

An answer of three to seven points is hard to recall whole and easy to half-remember on one
card; a card per point asks for one item with its neighbours' labels in view (overlapping
cloze). Each point is a note of its own, in a sub-deck of the bank's, with a GUID from the
bank, the question id and the point id. A point's id comes from its label, so rewording its
text, inserting, removing or moving other points leaves every other point's note, and its
review history, where it was; a reworded point updates in place and keeps its own.
"""

from __future__ import annotations

import genanki

from ..model import Bank, Point, Question
from ..languages import interface_language
from ..words import words_for
from .anki_fields import POINT_FIELDS, note_type


def point_guid(bank: Bank, question: Question, point: Point) -> str:
    return genanki.guid_for("qgen", bank.key or bank.slug, question.id, "point", point.id)


def point_deck_name(deck_name: str, language: str) -> str:
    """The sub-deck the point cards go into: ``llm-interview::要点``."""
    return f"{deck_name}::{words_for(interface_language(language))['points']}"


def point_model(language: str, templates: str | None, css: str, model_id: int) -> genanki.Model:
    """The point note type, with the whole-answer note type's style."""
    lang = interface_language(language)
    return note_type(model_id, f"qgen point ({lang})", POINT_FIELDS, "Point", "anki/point-", lang, templates, css,
                     "Id")
