"""Banks -> an Anki package (.apkg) that updates notes in place when it is imported again.

Identity: note GUIDs come from the bank's slug and the question id, deck and note-type ids
from their names, so every build names the same things the same way. Anki only takes an
incoming note whose modification time is newer than its copy, so a note's time moves
forward exactly when its content changes (the previous build's manifest remembers it); so
does a note type's when its fields, cards or style change.
The package is zipped by hand from genanki's database so that an unchanged rebuild gives
the same bytes, and no temporary database is left behind.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from .. import __version__
from ..cache import digest
from ..ids import part_name
from ..markers import plain_text
from ..model import PART_PATH_SEPARATOR, Bank, NoteChanges, Question
from ..rendering import AnkiSummary, Rendered, RenderJob, json_bytes, previous_manifest, source_epoch
from ..sources import project_path
from ..templating import environment
from ..languages import interface_language, marked_language
from .anki_fields import FIELDS, note_digest, note_type
from .anki_notes import fields_of_notes, note_processes
from .anki_package import ScratchCollection
from .anki_points import point_deck_name, point_guid, point_model
from .highlight import DAY_STYLE, NIGHT_STYLE, code_stylesheet
from .view import Views

NIGHT_SELECTORS = (".nightMode .qgen-code", ".night_mode .qgen-code")


@dataclass
class DeckResult:
    package: bytes
    manifest: dict
    answers: NoteChanges = field(default_factory=NoteChanges)  # a note per question
    points: NoteChanges = field(default_factory=NoteChanges)  # a note per answer point (opt-in)
    processes: int = 1


def stable_id(name: str) -> int:
    """A 31-bit id derived from a name: the same on every build and every machine."""
    return (1 << 30) | int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) & ((1 << 30) - 1)


def note_guid(bank: Bank, question: Question) -> str:
    return genanki.guid_for("qgen", bank.key or bank.slug, question.id)


def sanitize_tag(tag: str) -> str:
    """Anki tags have no spaces; ``/`` and ``::`` both mean hierarchy."""
    tag = re.sub(r"\s+", "_", tag.strip()).replace("/", "::")
    return re.sub(r":{3,}", "::", tag).strip(":")


def part_tag(part: str | None) -> str | None:
    """``## 一、基础`` -> ``part::基础``: the part's words without its numbering or marks, as one tag;
    a part named with the headings that group it (``DevOps › 初级``) as nested tags
    (``part::DevOps::初级``), as Anki's browser shows a hierarchy."""
    if not part:
        return None
    names = [sanitize_tag(part_name(plain_text(name)).replace("::", "-").replace("/", "-"))
             for name in part.split(PART_PATH_SEPARATOR)]
    name = "::".join(name for name in names if name)
    return f"part::{name}" if name else None


def note_tags(bank: Bank, question: Question, weak: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """The bank's tags and its name, the question's own tags, its part, difficulty, frequency,
    and ``qgen::weak`` when the practice history says it is weak (``--tag-weak``)."""
    own = [tag for tag in question.tags if tag not in bank.tags]
    more = [part_tag(question.part), f"difficulty::{question.difficulty}" if question.difficulty else None,
            f"frequency::{question.frequency}" if question.frequency else None,
            "qgen::weak" if (question.source, question.id) in weak else None]
    tags = (*(sanitize_tag(tag) for tag in (*bank.tags, bank.slug, *own)), *more)
    return list(dict.fromkeys(tag for tag in tags if tag))


def deck_names(banks: list[Bank], title: str) -> list[str]:
    """One bank: its own deck. Several: a deck named ``title`` with one sub-deck per file;
    banks of the same title are told apart by their keys."""
    if len(banks) == 1:
        return [banks[0].title]
    titles = [bank.title.replace("::", ":") for bank in banks]
    return [f"{title}::{name} ({bank.key})" if titles.count(name) > 1 else f"{title}::{name}"
            for bank, name in zip(banks, titles)]


def card_css(templates: str | None = None) -> str:
    """The cards' style: one for both note types, code colours for day and night."""
    return environment(templates).get_template("anki/style.css.j2").render(
        light_style=DAY_STYLE, dark_style=NIGHT_STYLE,
        light_code_css=code_stylesheet(DAY_STYLE, (".qgen-code",)),
        dark_code_css=code_stylesheet(NIGHT_STYLE, NIGHT_SELECTORS),
    )


def note_model(language: str, templates: str | None = None, css: str | None = None) -> genanki.Model:
    lang = interface_language(language)
    name = f"qgen ({lang})"
    return note_type(stable_id(f"qgen note type {name}"), name, FIELDS, "Card", "anki/", lang, templates,
                     css if css is not None else card_css(templates), "Title")


def render(job: RenderJob) -> Rendered:
    """The deck and its manifest, which the next build reads to know what changed."""
    banks, config, context = job.banks, job.config, job.context
    package_path = config.out / f"{context.stem}.apkg"
    manifest_path = config.out / f"{context.stem}.anki.json"
    deck = render_apkg(banks, context, job.views, source_epoch(banks, context.templates),
                       previous_manifest(manifest_path), job.progress, config.jobs)
    return Rendered([(package_path, deck.package), (manifest_path, json_bytes(deck.manifest))],
                    anki=AnkiSummary(package_path, deck.answers, deck.points, deck.processes))


def render_apkg(banks: list[Bank], context, views: Views, base_time: int,
                previous: dict | None = None, progress=None, jobs: int = 1) -> DeckResult:
    """The package bytes, its manifest, and what changed since the ``previous`` manifest.
    ``context`` gives the deck title, the interface language and the template folder;
    ``jobs`` is how many processes may render the notes' fields, while this one sets up
    the decks, note types and collection before its share."""
    fields_template = environment(context.templates).get_template("anki/fields.html.j2")
    notes = [(question, project_path(question.source, context.project)) for bank in banks for question in bank.questions]
    # Notes whose sections an earlier build rendered (the cache keeps them) are quick: they
    # are not shared out.
    processes = note_processes(views.to_render(question for question, _ in notes), jobs)
    result = DeckResult(b"", {}, processes=processes)
    times = _NoteTimes(previous or {}, base_time, result)
    with tempfile.TemporaryDirectory(prefix="qgen-") as folder:
        collection = ScratchCollection(Path(folder) / "collection.anki2", base_time)
        decks: dict[str, _Deck] = {}  # by bank source

        def open_collection() -> None:
            decks.update((deck.bank.source, deck) for deck in _plan_decks(banks, context, views))
            models = {model.model_id: model for deck in decks.values() for model in (deck.model, deck.point_model)
                      if model}
            collection.open([d for deck in decks.values() for d in (deck.deck, deck.point_deck) if d],
                            {model_id: times.of_note_type(model) for model_id, model in models.items()})

        languages = {bank.source: marked_language(bank.language) for bank in banks}
        rendered = fields_of_notes(notes, views, fields_template, languages, processes, progress, open_collection,
                                    "points" in context.cards)
        try:
            # Each note goes into the collection as its fields arrive, while later ones render
            # (the fields come first: asking for them opens the collection, even for no notes).
            for position, ((fields, points), (question, source)) in enumerate(zip(rendered, notes)):
                deck = decks[question.source]
                tags = note_tags(deck.bank, question, context.weak)
                added = [(note_guid(deck.bank, question), question.id, fields, "answer", deck.model, deck.deck)
                         ] if "answer" in context.cards else []
                added += [(point_guid(deck.bank, question, point), values[0], values, "point", deck.point_model,
                           deck.point_deck) for point, values in zip(question.points, points)]
                for guid, note_id, values, kind, model, into in added:
                    mod = times.of(guid, note_id, kind, source, note_digest(values, tags))
                    collection.add(genanki.Note(model=model, fields=values, guid=guid, tags=tags, due=position),
                                   into.deck_id, mod)
            if progress:
                progress("building the deck", len(notes), len(notes))
            media = sorted(views.markup.media.values(), key=lambda m: m.name)
            result.package = collection.package(media)
        finally:
            rendered.close()  # after an error here, the workers stop at once
            collection.close()
    result.manifest = times.manifest(list(decks.values()), media)
    return result


class _NoteTimes:
    """Each note's modification time: the last build's while its content is unchanged, a
    later one when it changed; and the deck's manifest, which remembers them."""

    def __init__(self, previous: dict, base_time: int, result: DeckResult):
        self.previous, self.base_time, self.result = previous.get("notes", {}), base_time, result
        self.previous_note_types: dict[str, dict] = previous.get("note_types", {})
        self.notes: dict[str, dict] = {}
        self.note_types: dict[str, dict] = {}

    def of_note_type(self, model: genanki.Model) -> int:
        """A note type's modification time, moved on when its fields, cards or style changed
        (a new qgen, the user's templates) even where the banks' and templates' times do not
        (SOURCE_DATE_EPOCH fixed): without it, Anki keeps the note type it has."""
        made_of = digest(model.name, model.fields, model.templates, model.css)
        before = self.previous_note_types.get(str(model.model_id))
        if before and before["hash"] == made_of:
            mod = before["mod"]
        else:
            mod = max(self.base_time, before["mod"] + 1) if before else self.base_time
        self.note_types[str(model.model_id)] = {"hash": made_of, "mod": mod}
        return mod

    def of(self, guid: str, note_id: str, kind: str, source: str, digest: str) -> int:
        before = self.previous.get(guid)
        if before and before["hash"] == digest:
            mod = before["mod"]
        else:
            mod = max(self.base_time, before["mod"] + 1) if before else self.base_time
            changes = self.result.points if kind == "point" else self.result.answers
            (changes.changed if before else changes.added).append(note_id)
        self.notes[guid] = {"id": note_id, "kind": kind, "source": source, "hash": digest, "mod": mod}
        return mod

    def manifest(self, decks: list[_Deck], media) -> dict:
        """The manifest, once every note is in; notes of the last build not made again are removed."""
        result = self.result
        for guid, note in self.previous.items():
            if guid not in self.notes:
                (result.points if note.get("kind") == "point" else result.answers).removed.append(note["id"])
        for changes, kind in ((result.answers, "answer"), (result.points, "point")):
            changes.removed.sort()
            changes.notes = sum(1 for note in self.notes.values() if note["kind"] == kind)
        return {"qgen": __version__, "format": 1,
                "model_ids": sorted({model.model_id for deck in decks for model in (deck.model, deck.point_model)
                                     if model}),
                "decks": [d.name for deck in decks for d in (deck.deck, deck.point_deck) if d],
                "media": [m.name for m in media],
                "changes": {kind: {"notes": changes.notes, "added": changes.added, "changed": changes.changed,
                                   "removed": changes.removed}
                            for kind, changes in (("answer", result.answers), ("point", result.points))},
                "note_types": self.note_types,
                "notes": self.notes}


@dataclass
class _Deck:
    """A bank's deck with its note type, and its point cards' sub-deck and note type when
    the deck has point cards; no notes yet."""

    bank: Bank
    deck: genanki.Deck
    model: genanki.Model
    point_deck: genanki.Deck | None = None
    point_model: genanki.Model | None = None


def _plan_decks(banks: list[Bank], context, views: Views) -> list[_Deck]:
    css = card_css(context.templates)
    models: dict[tuple[str, str], genanki.Model] = {}  # one note type per kind and interface language
    decks = []
    for bank, deck_name in zip(banks, deck_names(banks, context.title)):
        deck = genanki.Deck(stable_id(f"qgen deck {deck_name}"), deck_name,
                            description=str(views.bank(bank).html.preface))
        language = interface_language(context.language_override or bank.language)
        if ("answer", language) not in models:
            models["answer", language] = note_model(language, context.templates, css)
        deck.add_model(models["answer", language])
        planned = _Deck(bank, deck, models["answer", language])
        if "points" in context.cards:
            if ("point", language) not in models:
                models["point", language] = point_model(language, context.templates, css,
                                                        stable_id(f"qgen point note type {language}"))
            name = point_deck_name(deck_name, language)
            planned.point_deck = genanki.Deck(stable_id(f"qgen deck {name}"), name)
            planned.point_deck.add_model(models["point", language])
            planned.point_model = models["point", language]
        decks.append(planned)
    return decks
