"""Flashcards as Obsidian's Spaced Repetition plugin writes them: ``front::back`` on one line
(``:::`` for a card both ways), or a paragraph whose lines ``?`` (``??``) parts into front
and back; and a paragraph whose first line is tagged ``#card`` (the Flashcards plugin's
style), the rest its back. Each card is read as a row of a table of questions and answers (a
ROW block: its front the question, its back the answer), beside the file's other questions.
Headings and list items tagged ``#card`` are questions as headings and items are; the
properties Logseq writes under such an item (``card-repeats:: 1``) are its data, not its words.
A note as the Obsidian_to_Anki plugin writes it (``START``, its note type, its front, ``Back:
…``, ``Tags: …``, the ``<!--ID: …-->`` the plugin adds, ``END``) is a card when its type is
one of Anki's basic ones: its lines, blank ones and code among them, are all the card's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .attributes import tagged_as_card, without_attributes, without_card_tag
from .blocks import Block, BlockKind

_QUESTION_ANSWER = ("Question", "Answer")
_CODE_SPAN = re.compile(r"(`+).*?\1")
# ``front::back`` and ``front:::back``: the first separator on the line, outside code.
_SEPARATOR = re.compile(r":{2,3}")
_PARTING = r"^\s*\?\??\s*$"  # a line ``?``, or ``??`` for a card both ways
_PARTING_LINE = re.compile(_PARTING)
_TAG_LINE = re.compile(r"^\s*(?:#[^\s#]+\s*)+$")  # ``#flashcards/javascript``: the deck, no card
_MAY_HOLD_CARDS = re.compile(rf"::|#card|{_PARTING}|^START[ \t]*$", re.M)
# An Obsidian_to_Anki note's field lines (``Back: …``) and the lines the plugin reads as data.
_NOTE_FIELD = re.compile(r"^(Front|Back|Add Reverse):[ \t]?")
_NOTE_ID = re.compile(r"^(?:<!--)?ID: \d+")
_NOTE_TAGS = "Tags: "
_PROPERTY = re.compile(r"^\s*[a-z][a-z0-9-]*:: \S")  # a Logseq block's ``key:: value``
# A list item's first line (``- …``, ``1. …``), under which Logseq writes a block's properties.
ITEM_MARKER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])( {1,4}(?=\S)|[ \t]*$)")
# The tags that make a note a deck: the plugin's ``#flashcards`` (and its subtags), or a
# front matter's ``tags: [flashcards]``.
_DECK_TAG = re.compile(r"(?:^|[\s\[,'\"#-])flashcards?\b", re.I)


def untagged_cards(tokens, lines: list[str]) -> list[int]:
    """The lines (1-based) of ``front::back`` cards left unread for want of a deck tag: what
    a note with no questions is told, in case it is a deck the plugin finds by its folder."""
    if flashcard_rows(tokens, lines):
        return []
    return [block.start + 1 for blocks in flashcard_rows(tokens, lines, tagged=True).values() for block in blocks
            if block.kind is BlockKind.ROW and block.end - block.start == 1]


def flashcard_rows(tokens, lines: list[str], tagged: bool = False) -> dict[int, list[Block]]:
    """The blocks each top-level paragraph of cards is read as, by its opening token: a
    paragraph parted by ``?`` or tagged ``#card`` is one card, one of ``front::back`` lines
    a card a line (a tag line above them stays a paragraph). Single-line cards need the
    file to carry the plugin's deck tag (``#flashcards``, in its text or front matter), as
    the plugin does: ``std::vector`` in a note on C++ is no card. In a note so tagged, one
    card or more; else two or more, or none."""
    if not _MAY_HOLD_CARDS.search("\n".join(lines)):  # most banks: one search, no paragraph read
        return {}
    tagged = tagged or any(token.type == "front_matter" and _DECK_TAG.search(token.content) for token in tokens[:1])
    found: dict[int, list[Block]] = {}
    lined: set[int] = set()  # the paragraphs of single-line cards
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.level != 0 or not token.map:
            continue
        start, end = token.map
        text = lines[start:end]
        tags = next((offset for offset, line in enumerate(text) if not _TAG_LINE.match(line)), len(text))
        tagged = tagged or any(_DECK_TAG.search(line) for line in text[:tags])
        blocks = _parted(text, start, index) or _tagged(text, start, index)
        if blocks is None and (blocks := _one_a_line(text, start, index, tags)):
            lined.add(index)
        if blocks:
            found[index] = blocks
    if not tagged:
        found = {index: blocks for index, blocks in found.items() if index not in lined}
    notes = anki_notes(tokens, lines)  # the plugin's own syntax: no deck tag needed
    found.update(notes)
    tagged = tagged or bool(notes)
    cards = sum(1 for blocks in found.values() for block in blocks if block.kind is BlockKind.ROW)
    return found if cards >= (1 if tagged else 2) else {}


def anki_notes(tokens, lines: list[str]) -> dict[int, list[Block]]:
    """Obsidian_to_Anki's notes, by the opening token of the paragraph that starts each: a
    ROW of all its lines, and no block for the groups after it up to its ``END`` (an empty
    list: a code block, a second paragraph of its back)."""
    groups = [(index, *token.map) for index, token in enumerate(tokens)
              if token.level == 0 and token.nesting >= 0 and token.map and token.type != "inline"]
    found: dict[int, list[Block]] = {}
    position = 0
    while position < len(groups):
        index, start, _ = groups[position]
        if tokens[index].type == "paragraph_open" and lines[start].strip() == "START":
            closing = next((at for at in range(position, len(groups)) if lines[groups[at][2] - 1].strip() == "END"
                            and tokens[groups[at][0]].type == "paragraph_open"), None)
            card = _note(lines[start:groups[closing][2]]) if closing is not None else None
            if card and not any(lines[s].strip() == "START" for _, s, _ in groups[position + 1:closing + 1]):
                marker, front, back = card
                found[index] = [replace(_row(front, back, start, groups[closing][2], index), content=marker)]
                found.update((group, []) for group, _, _ in groups[position + 1:closing + 1])
                position = closing
        position += 1
    return found


def _note(text: list[str]) -> tuple[str, str, str] | None:
    """(marker, front, back) of a note of one of Anki's basic types, from its lines ``START``
    to ``END``: the marker is the front's first paragraph, the question's title, with the
    note's tags; None for another type (a cloze) or a note without both sides."""
    if len(text) < 4 or not text[1].strip().startswith("Basic"):
        return None
    fields, tags, _ = _note_fields(text)
    front, back = ("\n".join(fields.get(name, [])).strip() for name in ("Front", "Back"))
    if not front or not back:
        return None
    title = front.split("\n\n", 1)[0]
    return (title + (" {tags=" + ",".join(tags) + "}" if tags else ""), front, back)


def _note_fields(text: list[str]) -> tuple[dict[str, list[str]], list[str], list[int]]:
    """A note's fields' lines by name, its tags, and the offsets in ``text`` of the lines
    that are the plugin's data, no card's words: the note type, the id it wrote back and an
    ``Add Reverse:`` flag."""
    body, data = list(enumerate(text))[2:-1], [1]
    if body and _NOTE_ID.match(body[-1][1].strip()):
        data.append(body.pop()[0])
    tags = body.pop()[1][len(_NOTE_TAGS):].split() if body and body[-1][1].startswith(_NOTE_TAGS) else []
    fields: dict[str, list[str]] = {"Front": []}
    current = "Front"
    for offset, line in body:
        if match := _NOTE_FIELD.match(line):
            current, line = match.group(1), line[match.end():]
        fields.setdefault(current, []).append(line)
        if current == "Add Reverse":
            data.append(offset)
    return fields, tags, sorted(data)


def note_data_lines(row: Block, lines: list[str]) -> list[int]:
    """The lines (1-based) of an Obsidian_to_Anki note's card that are the plugin's data and
    show on no card (see ``_note_fields``); none for any other block."""
    if row.kind is not BlockKind.ROW or lines[row.start].strip() != "START":
        return []
    return [row.start + 1 + offset for offset in _note_fields(lines[row.start:row.end])[2]]


def _parted(text: list[str], start: int, index: int) -> list[Block] | None:
    """A paragraph whose lines ``?`` parts, both sides touching it: one card."""
    parting = next((offset for offset, line in enumerate(text) if _PARTING_LINE.match(line)), None)
    if parting is None or parting == 0 or parting == len(text) - 1:
        return None
    front, back = "\n".join(text[:parting]).strip(), "\n".join(text[parting + 1:]).strip()
    return [_row(front, back, start, start + len(text), index)]


def _tagged(text: list[str], start: int, index: int) -> list[Block] | None:
    """A paragraph whose first line is tagged as a card's question (``Why …? #card``): the
    lines under it, and the blocks after it, are its back."""
    if not tagged_as_card(text[0]):
        return None
    return [_row(text[0], "\n".join(text[1:]).strip(), start, start + len(text), index)]


def _one_a_line(text: list[str], start: int, index: int, tags: int) -> list[Block] | None:
    """A paragraph of ``front::back`` lines, a card each, below its tag lines if any."""
    cards = [_card(line) for line in text[tags:]]
    if not cards or None in cards:
        return None
    blocks = [Block(BlockKind.PARAGRAPH, start, start + tags, index, index + 2, content="\n".join(text[:tags]),
                    inline_contents=["\n".join(text[:tags])])] if tags else []
    return blocks + [_row(front, back, start + offset, start + offset + 1, index)
                     for offset, (front, back) in enumerate(cards, tags)]


def _card(line: str) -> tuple[str, str] | None:
    """(front, back) of a ``front::back`` line; None for any other line."""
    outside_code = _CODE_SPAN.sub(lambda match: "\0" * len(match.group()), line)
    match = _SEPARATOR.search(outside_code)
    if match is None:
        return None
    front, back = line[:match.start()].strip(), line[match.end():].strip()
    return (front, back) if front and back else None


def _row(front: str, back: str, start: int, end: int, index: int) -> Block:
    """A card's row: its front, with the braces of a pinned id, is the question's marker; the
    question shown is the front alone."""
    front = without_card_tag(front)
    shown = without_attributes(front)
    return Block(BlockKind.ROW, start, end, index, index + 2, content=front, inline_contents=[shown, back],
                 cells=(shown, back), columns=_QUESTION_ANSWER)


def without_properties(lines: list[str], after_item: bool) -> list[str]:
    """The lines without Logseq's block properties: the outliner's data, not the block's words."""
    left_out = _properties(lines, after_item)
    return [line for offset, line in enumerate(lines) if offset not in left_out]


def _properties(lines: list[str], after_item: bool) -> set[int]:
    """Where Logseq's block properties are among these lines: ``card-repeats:: 1`` or
    ``id:: 642b…`` right under a list item's first line (``after_item``: the line before
    these is one) or under another property; never inside code, never an item's own line."""
    found = set()
    for offset, line in enumerate(lines):
        if after_item and _PROPERTY.match(line):
            found.add(offset)
        else:
            after_item = bool(ITEM_MARKER.match(line.lstrip()))
    return found


def property_lines(item: Block, lines: list[str]) -> list[int]:
    """The lines (1-based) of an item's Logseq properties, which its text leaves out."""
    return [item.start + 2 + offset for offset in sorted(_properties(lines[item.start + 1:item.end], True))]
