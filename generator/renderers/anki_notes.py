"""Every note's fields, in order: rendered in this process, or for a large deck cut into
shares that worker processes render (``parallel``) while this one sets up the collection."""

from __future__ import annotations

import os
from typing import Iterator

from ..model import Question
from ..parallel import in_worker, iter_tasks, processes_for
from .anki_fields import field_macros, note_fields, point_fields
from .view import Views


def note_processes(notes: int, jobs: int) -> int:
    """How many processes render a deck of this many notes with ``jobs`` allowed."""
    return processes_for(notes // PARALLEL_MIN_NOTES, jobs)


def fields_of_notes(notes: list[tuple[Question, str]], views: Views, fields_template,
                    languages: dict[str, str | None], processes: int, progress, meanwhile=None,
                    with_points: bool = False) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Every question's note fields and its point notes' fields (none unless
    ``with_points``), in order, as they are rendered; ``languages``: the language each
    bank's text is marked with, by its source (``marked_language``). They are most of a
    deck's time and each note's are independent of the others', so a large deck is cut
    into shares that workers render while this process does ``meanwhile``; each sends back
    its fields and what the markup renderer learned (warnings, images, rendered sections)."""
    if processes <= 1:
        if meanwhile:
            meanwhile()
        yield from _render_share(notes, views, fields_template, languages, progress, len(notes), with_points)
        return
    shares = _shares(notes, processes)
    parent = os.getpid()

    def share_task(index: int):
        def task():
            fields = _render_share(shares[index], views, fields_template, languages, None, len(notes), with_points)
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
# less, bench/RESULTS.md, 2026-12-03); at the bar on 2026-12-05 ("night": 3.61 s against
# 4.50 s, 20%), well over it at 10,000 questions (17.0 s against 22.4 s, 24%).
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


def _render_share(notes, views: Views, fields_template, languages: dict[str, str | None], progress, total: int,
                  with_points: bool) -> list[tuple[list[str], list[list[str]]]]:
    fields = []
    macros = {}  # by the language its bank's text is marked with
    try:
        for done, (question, source) in enumerate(notes):
            if progress and done % 500 == 0:
                progress("building the deck", done, total)
            language = languages.get(question.source)
            if language not in macros:
                macros[language] = field_macros(fields_template, language)
            view, macros_here = views.question(question), macros[language]
            answer = note_fields(view, macros_here, source)
            fields.append((answer, point_fields(view, answer, macros_here) if with_points else []))
    except Exception:
        # Macros called from Python keep the compiled code's line numbers; Jinja maps them
        # back to the template's own, as a render() call would.
        fields_template.environment.handle_exception()
    return fields
