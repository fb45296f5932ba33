"""The fields of notes, against golden files (tests/golden/, written anew with
``pytest --update-golden`` and reviewed as a diff): a change of a template or of the
markup shows here as the HTML a card gets."""

import json

import pytest

from generator.languages import marked_language
from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_file
from generator.renderers.anki_fields import FIELDS, POINT_FIELDS, field_macros, note_fields, point_fields
from generator.renderers.view import Views
from generator.templating import environment

from .conftest import ROOT, SEED, read


def fields_of(bank, numbers):
    macros = field_macros(environment().get_template("anki/fields.html.j2"), None)
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


@pytest.mark.parametrize("language, marked", [("ja", "ja"), ("ar", "ar"), ("zh-Hant", "zh-Hant"), ("zh", None),
                                              ("en", None), ("fr", None)])
def test_a_bank_the_shared_note_type_would_draw_wrongly_has_its_fields_marked(language, marked):
    """One note type serves every bank; a Japanese bank's cards must say so, or Anki draws
    their kanji in Chinese forms (and an Arabic bank's text runs left to right)."""
    bank = read(f"---\nlanguage: {language}\n---\n### 1. 何が出力されるでしょうか？\n\n**答え：**\n\n1. **null**：falsyです。\n"
                "2. **true**：truthyです。\n")
    assert marked_language(bank.language) == marked
    macros = field_macros(environment().get_template("anki/fields.html.j2"), marked)
    view = Views(MarkupRenderer()).question(bank.questions[0])
    fields = dict(zip(FIELDS, note_fields(view, macros)))
    if marked is None:
        assert fields["Title"] == "何が出力されるでしょうか？" and fields["Answer"].startswith("<ol>")
    else:
        attributes = f'class="qgen-lang" lang="{marked}" dir="{"rtl" if marked == "ar" else "ltr"}"'
        assert fields["Title"] == f"<span {attributes}>何が出力されるでしょうか？</span>"
        assert fields["Answer"].startswith(f"<div {attributes}><ol>")
        point = point_fields(view, note_fields(view, macros), macros)[0]
        assert point[POINT_FIELDS.index("Label")] == f"<span {attributes}>null</span>"
    assert fields["Example"] == fields["Extra"] == ""  # an empty field stays empty: its card shows no heading
