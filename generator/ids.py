"""Stable names: slugs for files and decks, ids for questions.

A question id comes from its title alone, so that renumbering, reordering and editing
a section body never change it (Anki note identity and exam manifests hang on it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_MAX_SLUG = 64
_EXPLICIT_ID = re.compile(r"\s*\{#(\w[\w.:-]*)\}\s*$")


def slugify(text: str) -> str:
    """Lower-case words of any script joined by '-'; CJK characters are kept as they are."""
    text = unicodedata.normalize("NFKC", text).lower()
    words, current = [], []
    for char in text:
        if char.isalnum():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    slug = "-".join(words)
    if len(slug) > _MAX_SLUG:
        cut = slug.rfind("-", 0, _MAX_SLUG + 1)
        slug = slug[: cut if cut > _MAX_SLUG // 2 else _MAX_SLUG]
    return slug


def split_explicit_id(title: str) -> tuple[str, str | None]:
    """``Title {#my-id}`` -> ("Title", "my-id"); a title without one -> (title, None)."""
    match = _EXPLICIT_ID.search(title)
    if not match:
        return title, None
    return title[: match.start()].rstrip(), match.group(1)


def assign_ids(titles: list[str], explicit: list[str | None], bodies: list[str]) -> list[str]:
    """One id per question: the explicit one, else the title's slug.

    When several questions share a title, the first keeps the plain slug and each later one
    gets a short hash of its question text, so that inserting, deleting or moving questions
    with the same title (a bank of "What is the output?") leaves every other id alone.
    Identical questions fall back to ``-2``, ``-3``… in document order."""
    taken = {given for given in explicit if given}
    ids = []
    for title, given, body in zip(titles, explicit, bodies):
        if given:
            ids.append(given)
            continue
        base = slugify(title) or "question"
        candidate = base
        if candidate in taken:
            digest = hashlib.sha1(" ".join(body.split()).encode("utf-8", "surrogatepass")).hexdigest()[:6]
            candidate = base = f"{base}-{digest}"
        count = 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids.append(candidate)
    return ids
