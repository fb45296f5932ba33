"""Banks -> an Anki package (.apkg) that updates notes in place when it is imported again.

Identity: note GUIDs come from the bank's slug and the question id, deck and note-type ids
from their names, so every build names the same things the same way. Anki only takes an
incoming note whose modification time is newer than its copy, so a note's time moves
forward exactly when its content changes (the previous build's manifest remembers it).
The package is written by hand from genanki's database so that an unchanged rebuild gives
the same bytes, and no temporary database is left behind.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from .. import __version__
from ..markup import MarkupRenderer, code_stylesheet
from ..model import Bank, Question
from ..sources import bank_folder
from ..templating import card_environment, environment
from ..words import interface_language, words_for

FIELDS = ["Id", "Number", "Title", "Question", "Answer", "Example", "Explanation", "Extra", "Source"]
LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"
NIGHT_SELECTORS = (".nightMode .qgen-code", ".night_mode .qgen-code")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class DeckResult:
    package: bytes
    manifest: dict
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: int = 0


def stable_id(name: str) -> int:
    """A 31-bit id derived from a name: the same on every build and every machine."""
    return (1 << 30) | int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) & ((1 << 30) - 1)


def note_guid(bank: Bank, question: Question) -> str:
    return genanki.guid_for("qgen", bank.slug, question.id)


def sanitize_tag(tag: str) -> str:
    """Anki tags have no spaces; ``/`` and ``::`` both mean hierarchy."""
    tag = re.sub(r"\s+", "_", tag.strip()).replace("/", "::")
    return re.sub(r":{3,}", "::", tag).strip(":")


def deck_names(banks: list[Bank], title: str) -> list[str]:
    """One bank: its own deck. Several: a deck named ``title`` with one sub-deck per file."""
    if len(banks) == 1:
        return [banks[0].title]
    return [f"{title}::{bank.title}" for bank in banks]


def note_model(language: str, templates: str | None = None) -> genanki.Model:
    lang = interface_language(language)
    name = f"qgen ({lang})"
    context = {"words": words_for(lang), "lang": lang}
    cards = card_environment(templates)
    css = environment(templates).get_template("anki/style.css.j2").render(
        light_style=LIGHT_STYLE, dark_style=DARK_STYLE,
        light_code_css=code_stylesheet(LIGHT_STYLE, (".qgen-code",)),
        dark_code_css=code_stylesheet(DARK_STYLE, NIGHT_SELECTORS),
    )
    return genanki.Model(
        stable_id(f"qgen note type {name}"), name,
        fields=[{"name": name} for name in FIELDS],
        templates=[{
            "name": "Card",
            "qfmt": cards.get_template("anki/front.html.j2").render(**context).strip(),
            "afmt": cards.get_template("anki/back.html.j2").render(**context).strip(),
        }],
        css=css,
        sort_field_index=FIELDS.index("Title"),
    )


def note_fields(question: Question, markup: MarkupRenderer, bank_dir: Path | None, fields) -> list[str]:
    """The note's field values, from the macros of ``anki/fields.html.j2`` (``fields``)."""
    return [
        question.id,
        "" if question.number is None else str(question.number),
        str(fields.title(question, markup)),
        str(fields.question(question, markup, bank_dir)).strip(),
        str(fields.section(question, "answer", markup, bank_dir)).strip(),
        str(fields.section(question, "example", markup, bank_dir)).strip(),
        str(fields.section(question, "explanation", markup, bank_dir)).strip(),
        str(fields.extra(question, markup, bank_dir)).strip(),
        str(fields.source(question)),
    ]


def render_apkg(banks: list[Bank], context, markup: MarkupRenderer, base_time: int,
                previous: dict | None = None, progress=None) -> DeckResult:
    """The package bytes, its manifest, and what changed since the ``previous`` manifest.
    ``context`` gives the deck title, the interface language and the template folder."""
    previous_notes = (previous or {}).get("notes", {})
    models: dict[str, genanki.Model] = {}  # one note type per interface language
    fields_module = environment(context.templates).get_template("anki/fields.html.j2").module
    total = sum(len(bank.questions) for bank in banks)
    decks, manifest_notes = [], {}
    result = DeckResult(b"", {})
    position = itertools.count()
    for bank, deck_name in zip(banks, deck_names(banks, context.title)):
        deck = genanki.Deck(stable_id(f"qgen deck {deck_name}"), deck_name,
                            description=str(markup.block(bank.preface, bank.source, 1, bank_folder(bank.source))))
        tags = [t for t in (sanitize_tag(tag) for tag in (*bank.tags, bank.slug)) if t]
        language = interface_language(context.language_override or bank.language)
        if language not in models:
            models[language] = note_model(language, context.templates)
        model = models[language]
        for question in bank.questions:
            done = len(manifest_notes)
            if progress and done % 500 == 0:
                progress("building the deck", done, total)
            fields = note_fields(question, markup, bank_folder(bank.source), fields_module)
            guid = note_guid(bank, question)
            digest = hashlib.sha1(json.dumps([fields, tags], ensure_ascii=False).encode("utf-8")).hexdigest()
            before = previous_notes.get(guid)
            if before and before["hash"] == digest:
                mod = before["mod"]
            else:
                mod = max(base_time, before["mod"] + 1) if before else base_time
                (result.changed if before else result.added).append(question.id)
            manifest_notes[guid] = {"id": question.id, "source": bank.source, "hash": digest, "mod": mod}
            deck.add_note(genanki.Note(model=model, fields=fields, guid=guid, tags=tags, due=next(position)))
        decks.append(deck)
    if progress:
        progress("building the deck", total, total)
    result.removed = sorted(note["id"] for guid, note in previous_notes.items() if guid not in manifest_notes)
    media = sorted(markup.media.values(), key=lambda m: m.name)
    database = _database(decks, base_time, {guid: note["mod"] for guid, note in manifest_notes.items()})
    result.package = _zip(database, [(m.name, m.path.read_bytes()) for m in media])
    result.notes = len(manifest_notes)
    result.manifest = {"qgen": __version__, "format": 1, "model_ids": sorted(m.model_id for m in models.values()),
                       "decks": [d.name for d in decks], "media": [m.name for m in media], "notes": manifest_notes}
    return result


def _database(decks: list[genanki.Deck], base_time: int, mods: dict[str, int]) -> bytes:
    """genanki's collection, written into a folder that is removed afterwards, with each
    note's own modification time."""
    with tempfile.TemporaryDirectory(prefix="qgen-") as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            cursor = connection.cursor()
            genanki.Package(decks).write_to_db(cursor, base_time, itertools.count(base_time * 1000))
            # genanki's schema has no index on guid; a keyed temporary table keeps this linear.
            cursor.execute("CREATE TEMP TABLE qgen_mods (guid TEXT PRIMARY KEY, mod INTEGER)")
            cursor.executemany("INSERT INTO qgen_mods VALUES (?, ?)", list(mods.items()))
            cursor.execute("UPDATE notes SET mod = (SELECT mod FROM qgen_mods WHERE qgen_mods.guid = notes.guid)")
            cursor.execute("UPDATE cards SET mod = (SELECT mod FROM notes WHERE notes.id = cards.nid)")
            cursor.execute("DROP TABLE qgen_mods")
            connection.commit()
        finally:
            connection.close()
        return path.read_bytes()


def _zip(database: bytes, media: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, "collection.anki2", database)
        _add(archive, "media", json.dumps({str(i): name for i, (name, _) in enumerate(media)}).encode())
        for index, (_, data) in enumerate(media):
            _add(archive, str(index), data)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
