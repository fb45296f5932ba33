"""Stable names: slugs for files and decks, ids for questions.

A question id comes from its title alone, so that renumbering, reordering and editing
a section body never change it (Anki note identity and exam manifests hang on it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

_MAX_SLUG = 64
_PART_NUMBERING = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)+\s*|第?[0-9一二三四五六七八九十百零]+[章节部分篇]?[、.．:：)）]?\s*|[IVX]+\.\s+)")


def slugify(text: str) -> str:
    """Lower-case words of any script joined by '-'; CJK characters are kept as they are.
    At most 64 characters, cut at a word where one ends late enough."""
    slug = words_key(text)
    if len(slug) > _MAX_SLUG:
        cut = slug.rfind("-", 0, _MAX_SLUG + 1)
        slug = slug[: cut if cut > _MAX_SLUG // 2 else _MAX_SLUG]
    return slug


def words_key(text: str) -> str:
    """The whole text's lower-case words joined by '-': what two titles must share to be
    the same title, whatever their punctuation and spacing."""
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
    return "-".join(words)


def assign_ids(titles: list[str], explicit: list[str | None], bodies: list[str]) -> list[str]:
    """One id per question: the explicit one, else the title's slug.

    When several questions share a title (a bank of "What is the output?"), each of them gets
    a short hash of its question text after the slug, whatever their order, so that moving,
    inserting or deleting one leaves every other id alone. Identical questions fall back to
    ``-2``, ``-3``… in document order."""
    bases = [slugify(title) or "question" for title in titles]
    taken = {given for given in explicit if given}
    shared = Counter(base for base, given in zip(bases, explicit) if not given)
    ids = []
    for base, given, body in zip(bases, explicit, bodies):
        if given:
            ids.append(given)
            continue
        if shared[base] > 1 or base in taken:
            digest = hashlib.sha1(" ".join(body.split()).encode("utf-8", "surrogatepass")).hexdigest()[:6]
            base = f"{base}-{digest}"
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def part_name(part: str | None) -> str | None:
    """``一、基础`` -> ``基础``: a part's title without its numbering."""
    if not part:
        return None
    return _PART_NUMBERING.sub("", part).strip() or part
