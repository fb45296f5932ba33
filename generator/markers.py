"""Question markers: what a heading or a bold line says about being a question (``题目 3：…``,
``3. …``, ``Question: …``, a question mark), and the heading text around it that is not its
title (anchors, bold). The words that label sections are ``labels``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import labels
from .blocks import Block, BlockKind, inline_tokens
from .attributes import only_attributes, split_frequency_mark, without_attributes, without_trailing_symbols
from .labels import COLON

QUESTION_MARKS = ("？", "?", "؟")  # full-width, ASCII, Arabic
# The words that ask, in simplified and traditional characters, Japanese, Korean and English;
# with a number after them some more (``试题 3``, ``문제 1``, ``Q12``).
_ASKING_WORDS = "题目|问题|面试题|題目|問題|面試題|質問|질문|question"
_QUESTION_WORD = rf"(?:{_ASKING_WORDS}|试题|試題|設問|문제|ques|q)"
_NUMBERED_KEYWORD = re.compile(rf"^{_QUESTION_WORD}\s*(\d{{1,5}})\s*(?:{COLON}|[.．、])?\s*(.*)$", re.I | re.S)
_UNNUMBERED_KEYWORD = re.compile(rf"^(?:(?:{_ASKING_WORDS})\s*{COLON}|q[.．](?=\s)|q\s*{COLON})\s*(\S.*)$", re.I | re.S)
_NUMBERED = re.compile(rf"^(\d{{1,5}})(?:[.．、)）](?!\d)|\s*{COLON})\s*(\S.*)$", re.S)
# ``## 1️⃣ What is a generator?``: a number written as keycap emoji (a digit, U+FE0F, U+20E3).
_KEYCAP = re.compile("[\ufe0f\u20e3]")
_KEYCAP_NUMBERED = re.compile(r"^((?:\d\ufe0f?\u20e3){1,3})\s*(\S.*)$", re.S)
_LEADING_TAGS = re.compile(r"^(?:\s*<[^>]*>)+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_WHOLE_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)+)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_NAMED_ANCHOR = re.compile(r"""<a\s+(?:name|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*)\s*/?>(.*?)</a\s*>""", re.I | re.S)
# Bold around it all; inside, anything but the delimiter (``**__init__ 做什么？**``, ``**int (\*s[10])(int)？**``).
_WHOLLY_BOLD = re.compile(r"\*\*((?:[^*\\]|\\.)+)\*\*|__((?:[^_\\]|\\.)+)__")


@dataclass(frozen=True)
class Marker:
    """What a heading or bold line says about being a question.

    ``strength`` is "keyword" (题目 3：…, 问题：…, Question 3: …), "numbered" (3. …) or
    "plain" (any other heading text)."""

    strength: str
    number: int | None
    title: str


def strip_leading_tags(text: str) -> str:
    """``<a name=x></a>55. …`` -> ``55. …``, ``<a name="css">CSS</a>`` -> ``CSS``: tags
    before a heading's words and the anchors that name it for links are not its title."""
    if "<a" in text:
        text = _NAMED_ANCHOR.sub(r"\1", text)
    return _LEADING_TAGS.sub("", text).lstrip()


_MARKS = frozenset("*_`[]<>\\&!~")


def plain_text(markdown: str) -> str:
    """What one line of Markdown says without its marks, for where only text goes (a deck's
    name, a tag, a quiz's category): ``**Why** `let`?`` -> ``Why let?``; a link's words, an
    image's description; tags left out, entities and escapes read."""
    if _MARKS.isdisjoint(markdown):
        return markdown
    words: list[str] = []
    _gather_text(inline_tokens(markdown), words)
    return " ".join("".join(words).split()) or markdown


def _gather_text(tokens, words: list[str]) -> None:
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif token.type == "image":
            _gather_text(token.children or [], words)


def unbolded(text: str) -> str:
    """The text without the bold around it all (``**1.你最大的缺点**``), if it is all bold."""
    bold = _WHOLLY_BOLD.fullmatch(text)
    return (bold.group(1) or bold.group(2)).strip() if bold else text


def heading_bold_label(text: str) -> tuple[str, str] | None:
    """(label, the rest) of a heading that opens with a bold label in any word
    (``##### **出题人**：…``), as a bold label opening a paragraph is."""
    match = labels.BOLD_LABEL_START.match(text.strip())
    if match and (match.group(3) or match.group(4)) and not _NUMBERED.match(match.group(2)):
        return match.group(2).strip(), text.strip()[match.end():].strip()
    return None  # ``## **274.试写出程序结果：**`` is a numbered question


def heading_marker(text: str) -> Marker:
    """Classify a heading's text as a question marker of some strength; bold around the
    whole heading (``### **1.你最大的缺点**``) or around its label (``##### **问题**：…``)
    is not part of it."""
    if "<!--" in text:  # ``## Definition <!-- kb:card:46fb6f -->``: a comment no viewer shows
        text = _COMMENT.sub(" ", text)
    text = labels.bold_label_unwrapped(unbolded(strip_leading_tags(text).strip()))
    linked = text.startswith("[") and _WHOLE_LINK.fullmatch(text)  # ``# [1. 两数之和](https://…)``: its words
    text = linked.group(1).strip() if linked else text
    match = _NUMBERED_KEYWORD.match(text)
    if match:
        return Marker("keyword", int(match.group(1)), match.group(2).strip())
    match = _UNNUMBERED_KEYWORD.match(text)
    if match and labels.section_kind(match.group(1)) is None:
        return Marker("keyword", None, match.group(1).strip())
    match = _NUMBERED.match(text) or _KEYCAP_NUMBERED.match(text)
    if match:
        return Marker("numbered", int(_KEYCAP.sub("", match.group(1))), match.group(2).strip())
    return Marker("plain", None, text)


def bold_marker(bold: str, rest: str) -> Marker | None:
    """A bold line that opens a question (``**题目1：** text``, ``**问题 2：…？**``,
    ``**问题：…**``), or None. ``**题目：** text`` is a label, not a marker."""
    bold = bold.strip()
    # ``**问题 2：…？** {#my-id}``: an id written after the bold belongs to the title.
    after = f" {rest.strip()}" if only_attributes(rest) else ""
    match = _NUMBERED_KEYWORD.match(bold)
    if match:
        # ``**Q1**：什么是…？`` then ``**A1**：…`` on the next line: the title is the rest of the first line.
        title = match.group(2).strip() + after if match.group(2).strip() else _first_line(rest)
        return Marker("keyword", int(match.group(1)), title)
    match = _UNNUMBERED_KEYWORD.match(bold)
    if match:
        return Marker("keyword", None, match.group(1).strip() + after)
    return None


def bold_question(bold: str, rest: str) -> Marker | None:
    """A paragraph that is one bold question (``**什么是进程？**``): a question when an
    answer label follows it, which the caller checks."""
    bold = bold.strip()
    if (rest.strip() and not only_attributes(rest)) or "\n" in bold or not ends_with_question_mark(bold):
        return None
    marker = heading_marker(bold)
    after = f" {rest.strip()}" if rest.strip() else ""
    return Marker("keyword", marker.number, marker.title + after)


def _first_line(rest: str) -> str:
    """What follows a bold marker on its line, without the colon or stop after the bold."""
    return rest.strip().split("\n", 1)[0].lstrip(".:：、 ").strip()


_BOLD_NUMBER = re.compile(r"^(\d{1,4})\s*[.)．、）]\s*(.*)$", re.S)


def bold_numbered(bold: str, rest: str) -> Marker | None:
    """A paragraph that opens with a bold number, a task or question whatever it asks:
    ``**1)** The number of active ads.``, ``**2) Factorial**. Compute n!``. The title is
    what the bold holds after the number, else the rest of the paragraph's first line."""
    match = _BOLD_NUMBER.match(bold.strip())
    if not match or "\n" in bold:
        return None
    title = match.group(2).strip() or _first_line(rest)
    return Marker("numbered", int(match.group(1)), title) if title else None


# ``1.什么是…？``, ``2、…``, ``3）…``: a paragraph's number written without the space that
# would make it a Markdown list item (so it stays text); not ``1.5 倍`` or ``2024.04.01``.
LEADING_PLAIN_NUMBER = re.compile(r"^\s{0,3}(\d{1,3})[.．、)）:：](?!\d)\s*")


def plain_numbered(first_line: str) -> Marker | None:
    """A paragraph whose first line opens with a number, the rest of the line its title."""
    match = LEADING_PLAIN_NUMBER.match(first_line)
    title = first_line[match.end():].strip() if match else ""
    return Marker("numbered", int(match.group(1)), title) if title else None


_WRAPPED_LINE = re.compile(r"^[ \t]*<(div|p|span)\b[^>\n]*>[ \t]*\n([^\n<]+)\n[ \t]*</\1>[ \t]*\n?$")


def wrapped_numbered(html: str) -> Marker | None:
    """A numbered line alone in a layout tag: ``<div dir='rtl'>`` / ``13. ماهي …؟`` / ``</div>``."""
    wrapped = _WRAPPED_LINE.match(html)
    return plain_numbered(wrapped.group(2)) if wrapped else None


def opens_with_fold(opening: Block) -> bool:
    """Whether a question opens with a fold whose summary asks it (not a numbered line that
    a layout tag wraps, whose answer follows as a heading's does)."""
    return opening.kind is BlockKind.DETAILS_OPEN or (
        opening.kind is BlockKind.HTML and wrapped_numbered(opening.content) is None)


def looks_like_question(marker: Marker) -> bool:
    """Numbered, with a question keyword, or ending in a question mark."""
    return marker.strength != "plain" or ends_with_question_mark(marker.title)


_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)+\s")  # ``8.2.1 R-CNN``: a chapter's numbering, kept in the title


def looks_numbered(marker: Marker) -> bool:
    """Like a question, or numbered as a section (``8.2.1 R-CNN``)."""
    return looks_like_question(marker) or bool(_SECTION_NUMBER.match(marker.title))


def asks(marker: Marker) -> bool:
    """With a question keyword (``Q12.``, ``题目 3：``) or ending in a question mark: more than
    a number alone."""
    return marker.strength == "keyword" or ends_with_question_mark(marker.title)


def ends_with_question_mark(title: str) -> bool:
    """``什么是闭包？``, ``What is hoisting? {#hoist}`` or ``What is regression? 👶``: the
    explicit id, a frequency mark and symbols after the question mark (a difficulty written
    as an emoji) do not count."""
    return without_trailing_symbols(split_frequency_mark(without_attributes(title))[0]).endswith(QUESTION_MARKS)


# -- which blocks label sections -----------------------------------------------------------

MAIN_KINDS = ("question", "answer")


def heading_text(block: Block) -> str:
    return strip_leading_tags(block.content).strip()


def is_label_heading(block: Block) -> bool:
    """``#### 答案：D``, ``### 解析`` or ``##### **出题人**：…``: a heading that names a
    section, not a question."""
    return bool(labels.split_label(block.content) or labels.section_kind(block.content)
                or heading_bold_label(block.content))


def opens_main_section(block: Block) -> bool:
    """A question or answer label in any style, or a folded ``<details>`` answer."""
    if block.kind is BlockKind.DETAILS_OPEN:
        return True
    if block.kind is BlockKind.HEADING:
        return labels.split_label(block.content) is not None or (
            labels.section_kind(block.content) in MAIN_KINDS)
    if block.kind is BlockKind.PARAGRAPH:
        return any(is_main_label(line) for line in block.content.split("\n"))
    if block.kind is BlockKind.QUOTE and block.inline_contents:
        return is_main_label(block.inline_contents[0].split("\n", 1)[0])
    return False


def is_main_label(line: str) -> bool:
    """Whether a line opens with a question or answer label (``**答案：**``, ``Q:``)."""
    label = labels.line_label(line)
    return bool(label) and labels.section_kind(label[0]) in MAIN_KINDS
