"""How much paper a question takes: the ruled lines for a written answer, and whether its
printed text surely runs past one page. A paper keeps each question on one page; a question
that cannot fit on any page flows on from where the one before it ends, instead of being
moved whole to a new page first (a key's long first question left page 1 empty)."""

from __future__ import annotations

import math
import re
import unicodedata

from ..model import Question
from .markup import lines_with_code_apart

# Handwriting on a ruled line: about this many full-width characters (or twice as many Latin).
CHARACTERS_PER_LINE = 24
MIN_ANSWER_LINES, MAX_ANSWER_LINES = 3, 16

# A4 with the papers' margins (exam/paper.css.j2) leaves 259 mm of text. A printed line is at
# least this tall and holds at most this many full-width characters (twice as many Latin):
# body text at 10.5 pt × 1.6, code at 8.8 pt × 1.45, and a ruled answer line. Between
# paragraphs, around a code block's lines and for a title or a section's heading, the
# stylesheet adds at least the rest.
PAGE_HEIGHT_MM = 259
TEXT_LINE_MM, TEXT_LINE_WIDTH = 5.9, 48
CODE_LINE_MM, CODE_LINE_WIDTH = 4.5, 92
RULE_MM = 7.5
PARAGRAPH_GAP_MM, CODE_BOX_MM, HEADING_MM = 2, 6, 9.5

_BLOCK_START = re.compile(r"^ {0,3}(?:[-+*] |\d{1,9}[.)] |#|>|\|)")  # a list item, heading, quote or table row
_UNPRINTED = re.compile(r"\]\([^)]*\)|<[^>]*>")  # link targets and tags: in the text, not on paper


def answer_lines(question: Question) -> int:
    """Ruled lines for a written answer, sized to the reference answer's length."""
    weight = _weight(question.answer or "")
    return max(MIN_ANSWER_LINES, min(MAX_ANSWER_LINES, math.ceil(weight / CHARACTERS_PER_LINE) + 1))


def longer_than_a_page(question: Question, kind: str) -> bool:
    """Whether the question as the paper ``kind`` prints it surely takes more than a page:
    a least height (each paragraph's lines at their fullest, each code line, an exam's ruled
    lines; no margins, headings or pictures) above the page's. Where unsure, it does not."""
    texts = [question.stem, *(option.text for option in question.options)] if question.options \
        else [question.question]
    if kind == "key":
        texts += [question.reason, question.answer, question.example, question.explanation,
                  *(extra.text for extra in question.extra)]
    elif kind == "interview":
        texts += [point.text for point in question.points]
    height = _least_height(question.title) + sum(_least_height(text) + HEADING_MM for text in texts if text)
    if kind == "exam" and not question.options:
        height += (2 if question.kind == "fill" else answer_lines(question)) * RULE_MM
    return height > PAGE_HEIGHT_MM


def _least_height(markdown: str) -> float:
    """The least height in mm of a Markdown text printed: its paragraphs and its code."""
    height, paragraph = 0.0, []
    for kind, line in [*lines_with_code_apart(markdown), ("text", "")]:
        if kind == "code":
            height += max(1, math.ceil(len(line) / CODE_LINE_WIDTH)) * CODE_LINE_MM
            continue
        if paragraph and (kind == "fence" or not line.strip() or _BLOCK_START.match(line)):
            height += math.ceil(_weight(_UNPRINTED.sub("]", " ".join(paragraph))) / TEXT_LINE_WIDTH) * TEXT_LINE_MM \
                + PARAGRAPH_GAP_MM
            paragraph = []
        if kind == "fence":
            height += CODE_BOX_MM / 2  # its box's padding, half at each of its two fence lines
        elif line.strip():
            paragraph.append(line)
    return height


def _weight(text: str) -> float:
    """Full-width characters count one, others half, spaces none."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text if not c.isspace())
