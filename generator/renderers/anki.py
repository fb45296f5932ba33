"""Banks -> an Anki package (.apkg) that updates notes in place when it is imported again.

Identity: note GUIDs come from the bank's slug and the question id, deck and note-type ids
from their names, so every build names the same things the same way. Anki only takes an
incoming note whose modification time is newer than its copy, so a note's time moves
forward exactly when its content changes (the previous build's manifest remembers it).
The package is zipped by hand from genanki's database so that an unchanged rebuild gives
the same bytes, and no temporary database is left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import genanki

from .. import __version__
from .highlight import DAY_STYLE, NIGHT_STYLE, code_stylesheet
from ..ids import part_name
from ..model import Bank, NoteChanges, Question
from ..parallel import in_worker, iter_tasks, processes_for
from ..rendering import (AnkiSummary, Rendered, RenderJob, json_bytes, previous_manifest,
                         source_epoch)
from ..sources import project_path
from ..templating import environment
from ..words import interface_language
from .anki_fields import FIELDS, note_digest, note_fields, note_type, point_fields
from .anki_package import ScratchCollection
from .anki_points import point_deck_name, point_guid, point_model
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
    """``## 一、基础`` -> ``part::基础``: the part's title without its numbering, as one tag."""
    if not part:
        return None
    name = sanitize_tag(part_name(part).replace("::", "-").replace("/", "-"))
    return f"part::{name}" if name else None


def note_tags(bank: Bank, question: Question, weak: frozenset[str] = frozenset()) -> list[str]:
    """The bank's tags and its name, the question's own tags, its part, difficulty, frequency,
    and ``qgen::weak`` when the practice history says it is weak (``--tag-weak``)."""
    own = [tag for tag in question.tags if tag not in bank.tags]
    more = [part_tag(question.part), f"difficulty::{question.difficulty}" if question.difficulty else None,
            f"frequency::{question.frequency}" if question.frequency else None,
            "qgen::weak" if question.id in weak else None]
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
    previous_notes = (previous or {}).get("notes", {})
    fields_template = environment(context.templates).get_template("anki/fields.html.j2")
    markup = views.markup
    notes = [(question, project_path(question.source, context.project)) for bank in banks for question in bank.questions]
    processes = processes_for(len(notes) // PARALLEL_MIN_NOTES, jobs)
    result = DeckResult(b"", {}, processes=processes)
    manifest_notes: dict[str, dict] = {}
    with_points = "points" in context.cards
    with tempfile.TemporaryDirectory(prefix="qgen-") as folder:
        collection = ScratchCollection(Path(folder) / "collection.anki2", base_time)
        decks: dict[str, _Deck] = {}  # by bank source

        def open_collection() -> None:
            decks.update((deck.bank.source, deck) for deck in _plan_decks(banks, context, views))
            collection.open([d for deck in decks.values() for d in (deck.deck, deck.point_deck) if d])

        def add(guid: str, note_id: str, fields: list[str], tags: list[str], kind: str, model, deck_id: int,
                due: int) -> None:
            digest = note_digest(fields, tags)
            before = previous_notes.get(guid)
            if before and before["hash"] == digest:
                mod = before["mod"]
            else:
                mod = max(base_time, before["mod"] + 1) if before else base_time
                changes = result.points if kind == "point" else result.answers
                (changes.changed if before else changes.added).append(note_id)
            manifest_notes[guid] = {"id": note_id, "kind": kind, "source": project_path(question.source, context.project),
                                    "hash": digest, "mod": mod}
            collection.add(genanki.Note(model=model, fields=fields, guid=guid, tags=tags, due=due), deck_id, mod)

        rendered = _fields_of_notes(notes, views, fields_template, processes, progress, open_collection,
                                    with_points)
        try:
            # Each note goes into the collection as its fields arrive, while later ones render
            # (the fields come first: asking for them opens the collection, even for no notes).
            for position, ((fields, points), (question, _)) in enumerate(zip(rendered, notes)):
                deck = decks[question.source]
                tags = note_tags(deck.bank, question, context.weak)
                if "answer" in context.cards:
                    add(note_guid(deck.bank, question), question.id, fields, tags, "answer", deck.model,
                        deck.deck.deck_id, position)
                for point, values in zip(question.points, points):
                    add(point_guid(deck.bank, question, point), values[0], values, tags, "point", deck.point_model,
                        deck.point_deck.deck_id, position)
            if progress:
                progress("building the deck", len(notes), len(notes))
            media = sorted(markup.media.values(), key=lambda m: m.name)
            result.package = collection.package(media)
        finally:
            rendered.close()  # after an error here, the workers stop at once
            collection.close()
    for guid, note in previous_notes.items():
        if guid not in manifest_notes:
            (result.points if note.get("kind") == "point" else result.answers).removed.append(note["id"])
    for changes, kind in ((result.answers, "answer"), (result.points, "point")):
        changes.removed.sort()
        changes.notes = sum(1 for note in manifest_notes.values() if note["kind"] == kind)
    result.manifest = {"qgen": __version__, "format": 1,
                       "model_ids": sorted({model.model_id for deck in decks.values()
                                            for model in (deck.model, deck.point_model) if model}),
                       "decks": [d.name for deck in decks.values() for d in (deck.deck, deck.point_deck) if d],
                       "media": [m.name for m in media],
                       "changes": {kind: {"notes": changes.notes, "added": changes.added, "changed": changes.changed,
                                          "removed": changes.removed}
                                   for kind, changes in (("answer", result.answers), ("point", result.points))},
                       "notes": manifest_notes}
    return result


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


def _fields_of_notes(notes: list[tuple[Question, str]], views: Views, fields_template,
                     processes: int, progress, meanwhile=None,
                     with_points: bool = False) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Every question's note fields and its point notes' fields (none unless
    ``with_points``), in order, as they are rendered. They are most of a deck's time
    and each note's are independent of the others', so a large deck is cut into shares
    that workers render while this process does ``meanwhile``; each sends back its fields
    and what the markup renderer learned (warnings, images, rendered sections)."""
    if processes <= 1:
        if meanwhile:
            meanwhile()
        yield from _render_share(notes, views, fields_template, progress, len(notes), with_points)
        return
    shares = _shares(notes, processes)
    parent = os.getpid()

    def share_task(index: int):
        def task():
            fields = _render_share(shares[index], views, fields_template, None, len(notes), with_points)
            return fields, views.markup.hand_over() if in_worker(parent) else None
        return task

    done = 0
    if progress:
        progress("building the deck", done, len(notes))
    for share, (share_fields, learned) in zip(shares, iter_tasks([share_task(i) for i in range(len(shares))],
                                                                 processes, meanwhile)):
        if learned:
            views.markup.merge(learned)
        yield from share_fields
        done += len(share)
        if progress:
            progress("building the deck", done, len(notes))


# Fewer notes per process, and starting it costs more than it saves. Rendering notes side by
# side earns its place: 3.32 s against 4.55 s in one process for a 2,000-question deck (27%
# less, bench/RESULTS.md, 2026-12-03).
PARALLEL_MIN_NOTES = 400
MIN_SHARE = 100  # notes; a smaller share costs more to hand over than it saves


def _shares(notes: list, processes: int) -> list[list]:
    """The notes cut into shares that shrink as they run out, each a fraction of what is
    left: a process that finishes early takes the small ones at the end (``iter_tasks``),
    so that all finish close together."""
    shares, start = [], 0
    while start < len(notes):
        size = max(MIN_SHARE, -(-(len(notes) - start) // (4 * processes)))
        shares.append(notes[start:start + size])
        start += size
    return shares


def _render_share(notes, views: Views, fields_template, progress, total: int,
                  with_points: bool) -> list[tuple[list[str], list[list[str]]]]:
    fields = []
    macros = fields_template.module
    try:
        for done, (question, source) in enumerate(notes):
            if progress and done % 500 == 0:
                progress("building the deck", done, total)
            view = views.question(question)
            answer = note_fields(view, macros, source)
            fields.append((answer, point_fields(view, answer, macros) if with_points else []))
    except Exception:
        # Macros called from Python keep the compiled code's line numbers; Jinja maps them
        # back to the template's own, as a render() call would.
        fields_template.environment.handle_exception()
    return fields
