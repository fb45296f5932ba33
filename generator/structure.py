"""A bank's structure: its block tokens, the blocks they make and the outline that says
which of them are questions, from the first reading of the file that finds questions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import markers
from .blocks import BLOCK_PARSER, Block, BlockKind, split_blocks
from .display_math import math_makes_no_heading
from .errors import NotABank, SourceError
from .flashcards import flashcard_rows, untagged_cards
from .itemized import asking_items, expand, heading_items
from .outline import Outline, outline_blocks
from .quotes import questions_in_quotes, split_callouts
from .whole_file import one_question_outline, title_question, title_question_outline, worked_problem


@dataclass
class Structure:
    tokens: list
    lines: list[str]  # the lines sections are taken from
    blocks: list[Block]
    outline: Outline
    from_quotes: bool  # the questions stand in quotes, the rest of the file is notes


def parsed(text: str, env: dict, source: str) -> list:
    """The block tokens of a file's text (``env`` gets its link definitions)."""
    try:
        tokens = BLOCK_PARSER.parse(text, env)
    except RecursionError:
        raise SourceError("the Markdown nests too deeply to read", source) from None
    math_makes_no_heading(tokens)
    return tokens


def read_structure(tokens: list, lines: list[str], env: dict, body_start: int, asked: str | None,
                   line_count: int, source: str) -> Structure:
    """The structure of the file ``tokens`` were parsed from. Questions and answers in
    quotes (``> **Q: …**`` over ``> A: …``) are the questions of a file where nothing else
    asks, and of notes whose headings are topics, with ``> [!interview] 面试要点`` after them:
    then the file is parsed again without those quotes' marks (``env`` too)."""
    quoted = questions_in_quotes(lines, tokens)
    try:
        blocks, outline = _outline(tokens, lines, body_start, asked, line_count, source)
    except NotABank:
        if quoted is None:
            raise
        outline = None
    if quoted is None or (outline is not None and not _quotes_ask_more(quoted.questions, outline)):
        return Structure(tokens, lines, blocks, outline, from_quotes=False)
    env.clear()
    tokens = parsed(quoted.text, env, source)
    blocks, outline = _outline(tokens, quoted.lines, body_start, None, line_count, source)
    return Structure(tokens, quoted.lines, blocks, outline, from_quotes=True)


def _items_read_more(blocks: list[Block], outline: Outline, item_blocks: list[Block], items: Outline,
                     numbered_headings: bool) -> bool:
    """Whether reading the lists' items finds more questions. Against one question, or
    questions that are paragraphs (``質問: …`` lines), over twice as many items must lie
    outside them as there are of them: a chapter's heading over its code questions is no
    question in a bank of listed questions, but a question may list what its answer covers.
    Against question headings, or one that asks, the headings stand (topics, each listing
    questions to prepare)."""
    if not outline.units or numbered_headings:
        return len(items.units) > len(outline.units)
    headings = [unit for unit in outline.units if blocks[unit.start].kind is BlockKind.HEADING]
    if len(outline.units) > 1 and headings or any(markers.asks(unit.marker) for unit in headings):
        return False  # a heading that asks is a question: read as preface, it would go unsaid
    starts = [blocks[unit.start].start for unit in outline.units]
    ends = [blocks[unit.end - 1].end for unit in outline.units]
    outside = 0
    for item in items.units:
        line = item_blocks[item.start].start
        position = bisect.bisect_right(starts, line) - 1
        outside += position < 0 or line >= ends[position]
    return outside > 2 * len(outline.units)


def _quotes_ask_more(quoted: int, outline: Outline) -> bool:
    """Whether the quotes ask more questions than the file read with them inside its
    questions (two or more; a tie goes to the questions around them that ask)."""
    asking = sum(1 for unit in outline.units if markers.asks(unit.marker))
    return quoted >= max(2, len(outline.units)) and quoted > asking


def _outline(tokens, lines: list[str], body_start: int, asked: str | None, line_count: int, source: str):
    """(blocks, outline): a worked problem's one question; else questions opened by headings,
    bold lines, labels and folds, or by list items, table rows or flashcards where they open
    more; else the one question the file's name or front matter (``asked``) or title asks;
    else its headings that ask, not answered yet."""
    blocks = split_callouts(split_blocks(tokens, lines, body_start))
    if (worked := worked_problem(blocks)) is not None:
        return blocks, title_question_outline(blocks, *worked)
    outline = outline_blocks(blocks)
    cards = flashcard_rows(tokens, lines)
    if cards and outline.units:  # cards beside other questions (``front::back`` lines, a heading tagged ``#card``)
        carded = split_callouts(split_blocks(tokens, lines, body_start, lambda _, __, first, ___: cards.get(first)))
        carded_outline = outline_blocks(carded, cards=True)
        if len(carded_outline.units) > len(outline.units):
            blocks, outline = carded, carded_outline
    numbered_headings = heading_items(tokens) >= 2
    # Perhaps a bank of list items, each a question: where nothing else asks, or where more
    # of them ask outside the questions found than ``_items_read_more`` asks for.
    outside = [block for block, region in zip(blocks, outline.regions)
               if block.kind is BlockKind.LIST and region[0] != "question"]
    if not outline.units or numbered_headings or asking_items(tokens, outside) > 2 * len(outline.units):
        def cards_or_items(tokens, lines, first, last):  # no blocks ([]) for the rest of a multi-block card
            return cards[first] if first in cards else expand(tokens, lines, first, last)

        item_blocks = split_callouts(split_blocks(tokens, lines, body_start, cards_or_items))
        item_outline = outline_blocks(item_blocks)
        if _items_read_more(blocks, outline, item_blocks, item_outline, numbered_headings):
            blocks, outline = item_blocks, item_outline
    if outline.units:
        return blocks, outline
    if asked is not None:
        return one_question_outline(blocks, asked, line_count)
    if (heading := title_question(blocks)) is not None:
        return blocks, title_question_outline(blocks, heading)
    outline = outline_blocks(blocks, unanswered=True)
    if not outline.units:
        raise NotABank("no questions found (see README: input format)" + _untagged_hint(tokens, lines), source)
    return blocks, outline


def _untagged_hint(tokens, lines: list[str]) -> str:
    untagged = untagged_cards(tokens, lines)
    if len(untagged) < 2:
        return ""
    return (f"; its {len(untagged)} `front::back` lines (the first at line {untagged[0]}) are flashcards "
            "once the note is tagged #flashcards")
