"""The points an answer is marked on, for interview scoring sheets and per-point cards.

A good answer in our banks is a list: ``1. **分布式计算：** 使用……``. Each item of the answer's
top-level lists is a point, its bold label the point's label (else its first clause). A
rubric section (``**评分要点：**``, ``Rubric:``, a recurring "Good to hear") wins over the
answer. A weight written after an item (``（2分）``, ``(2 pts)``, ``[2]``) is read; the default
is 1. A point's id comes from its label, as a question's comes from its title, so that
rewording or moving a point keeps it.
"""

from __future__ import annotations

import re

from . import labels
from .blocks import BLOCK_PARSER, opening_inline_tokens, opens_with_strong
from .ids import assign_ids
from .model import Point, Question

_WEIGHT = re.compile(r"\s*(?:[(（]\s*(\d{1,3})\s*(?:分|points?|pts?\.?)\s*[)）]|\[(\d{1,3})\])\s*$", re.I)
_CLAUSE_END = re.compile(r"[，。；：！？]|[,;:.!?](?:\s|$)")
MAX_LABEL = 30
_BOLD_AT_START = re.compile(r"^(\*\*|__)(.+?)\1[ \t]*([：:])?[ \t]*(.*)$", re.S)
# Where a list item could open: after indentation and blockquote marks, a bullet or a number.
_ITEM_MARKER = re.compile(r"^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
# Inline syntax that can span a strong text's closing delimiter and so hide it.
_SPANNING = re.compile(r"[`<\[]")
_MARKS = re.compile(r"`+|\*\*|__")  # the marks of code and strong emphasis


def points_of(question: Question, known: dict[str, list[str]] | None = None) -> tuple[Point, ...]:
    """The question's points: from its rubric section when it has one, else its answer.
    ``known``: the list items of section texts the reader has already read."""
    rubric = next((extra.text for extra in question.extra if labels.is_rubric_label(extra.label)), None)
    items = list_items(rubric if rubric is not None else question.answer or "", known)
    drafts = [_point(item) for item in items]
    ids = assign_ids([label for label, _, _ in drafts], [None] * len(drafts), [text for _, text, _ in drafts])
    return tuple(Point(point_id, label, text, weight) for point_id, (label, text, weight) in zip(ids, drafts))


def followups_of(question: Question, known: dict[str, list[str]] | None = None) -> tuple[str, ...]:
    """The follow-up questions an interviewer can ask (``**追问：**``): list items, else
    paragraphs."""
    for extra in question.extra:
        if labels.is_followup_label(extra.label):
            return tuple(list_items(extra.text, known)) or tuple(p.strip() for p in extra.text.split("\n\n") if p.strip())
    return ()


def list_items(markdown: str, known: dict[str, list[str]] | None = None) -> list[str]:
    """The Markdown of the first paragraph of each item of the text's top-level lists."""
    if known and markdown in known:
        return known[markdown]
    if not _ITEM_MARKER.search(markdown):
        return []
    return items_of_tokens(BLOCK_PARSER.parse(markdown))


def items_of_tokens(tokens) -> list[str]:
    """``list_items`` of block tokens already parsed."""
    items, depth, in_item = [], 0, False
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            in_item = True
        elif token.type == "inline" and in_item:
            items.append(token.content.strip())
            in_item = False
    return items


def _point(item: str) -> tuple[str, str, int]:
    """(label, text, weight) of one list item."""
    weight = 1
    match = _WEIGHT.search(item)
    if match:
        weight = int(match.group(1) or match.group(2))
        item = item[:match.start()].rstrip()
    bold = _BOLD_AT_START.match(item)
    if bold and _is_strong(item, bold.end(2) + len(bold.group(1))):
        label, colon, rest = bold.group(2).strip(), bold.group(3), bold.group(4).strip()
        label = label.rstrip("：:").strip()
        if colon or bold.group(2).rstrip().endswith(("：", ":")) or not rest:
            return label, rest, weight
    return _first_clause(item), item, weight


def _first_clause(text: str) -> str:
    """An item's first clause as its label, cut at a word (or after 20 characters of
    unspaced text) when it is long. A cut inside bold or code closes it (``You define a
    **reducer…**``), so that the label never shows a stray ``**``; the closing marks leave
    the point's id as it was."""
    end = _CLAUSE_END.search(text)
    clause = (text[:end.start()] if end else text).strip() or text.strip()
    if len(clause) <= MAX_LABEL:
        return _closed(clause)  # a comma inside code ends the clause there too
    if " " in clause[:MAX_LABEL]:
        return _closed(clause[:MAX_LABEL].rsplit(" ", 1)[0].rstrip(" ,;:") + "…")
    return _closed(clause[:20] + "…")


def _closed(label: str) -> str:
    """The label with the code span and strong emphasis it leaves open closed after it."""
    code, opened = None, []
    for mark in _MARKS.finditer(label):
        delimiter = mark.group()
        if code:
            code = None if delimiter == code else code
        elif delimiter.startswith("`"):
            code = delimiter
        elif opened and opened[-1] == delimiter:
            opened.pop()
        else:
            opened.append(delimiter)
    return label + (code or "") + "".join(reversed(opened))


def _is_strong(item: str, closed: int) -> bool:
    """Whether the item really opens with strong text (``**a** b``, not ``**`` inside code).
    When nothing before its closing delimiter (which ends at ``closed``) can span it, the
    bold text and the character after it decide, as for the reader's labels (and repeated
    labels are parsed once)."""
    prefix = item[:closed + 1]
    if not _SPANNING.search(prefix):
        return opens_with_strong(prefix)
    children = [t for t in opening_inline_tokens(item) if t.type != "text" or t.content]
    return bool(children) and children[0].type == "strong_open"
