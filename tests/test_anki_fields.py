"""The fields of notes, against golden files (tests/golden/, written anew with
``pytest --update-golden`` and reviewed as a diff): a change of a template or of the
markup shows here as the HTML a card gets."""

import json

from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_file
from generator.renderers.anki_fields import FIELDS, POINT_FIELDS, note_fields, point_fields
from generator.renderers.view import Views
from generator.templating import environment

from .conftest import ROOT, SEED


def fields_of(bank, numbers):
    macros = environment().get_template("anki/fields.html.j2").module
    views = Views(MarkupRenderer())
    notes = []
    for question in bank.questions:
        if question.number in numbers:
            view = views.question(question)
            answer = note_fields(view, macros, f"source/{SEED.name}")
            notes.append(dict(zip(FIELDS, answer)))
            notes += [dict(zip(POINT_FIELDS, point)) for point in point_fields(view, answer, macros)[:2]]
    return json.dumps(notes, ensure_ascii=False, indent=1) + "\n"


def test_seed_note_fields(golden):
    # Question 1: bold-labelled points; 13: code that does not parse; 20: several code blocks.
    golden("seed-note-fields.json", fields_of(read_bank_file(SEED), {1, 13, 20}))


def test_choice_note_fields(golden):
    golden("choice-note-fields.json", fields_of(read_bank_file(ROOT / "docs" / "examples" / "choices.md"), {2, 3, 4}))
