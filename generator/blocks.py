"""The top-level blocks of a Markdown document, as the reader sees them.

markdown-it-py gives a flat token stream; this module groups it into one Block per
top-level element (a heading, a paragraph, a whole list, a fence, an HTML block) with the
source lines it covers, and turns ``<details>`` HTML blocks into open/close markers so that
an answer folded inside ``<details><summary>答案</summary> … </details>`` is one region.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

_INLINE_PARSER = MarkdownIt("commonmark")
# Inline parsing is the costly half of markdown-it; the reader needs it only for the few
# headings and bold lines it inspects, so the block parser skips it.
BLOCK_PARSER = (MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
                .use(footnote_plugin, inline=False, move_to_end=False))
BLOCK_PARSER.disable(["inline", "text_join"])
_LAYOUT_TAGS = {"p", "br", "div", "span", "b", "strong", "i", "em", "hr", "center", "details", "summary", "sup", "sub"}
_BOLD_START = re.compile(r"^(\*\*|__)(.+?)\1", re.S)
_STRAY_HASHES = re.compile(r"^(?:#{1,6}[ \t]+)+")
# Tags that only wrap what follows them: a fold's opening (``<b><details>``), a key after
# ``<div dir='rtl'>``.
LEADING_WRAPPERS = re.compile(r"^(?:\s*<(?:b|strong|p|div|span|em|i)\b[^>]*>)*\s*", re.I)


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FENCE = "fence"
    CODE = "code_block"
    LIST = "list"
    QUOTE = "blockquote"
    TABLE = "table"
    HTML = "html"
    HR = "hr"
    FRONT_MATTER = "front_matter"
    DETAILS_OPEN = "details_open"
    DETAILS_CLOSE = "details_close"
    FOOTNOTE = "footnote"  # a footnote's definition, ``[^1]: …``
    ITEM = "list_item"  # an item of a top-level list, when the items are read one by one
    ROW = "table_row"  # a row of a table of questions and answers, read one by one too


_KIND_OF_TOKEN = {
    "heading_open": BlockKind.HEADING,
    "paragraph_open": BlockKind.PARAGRAPH,
    "bullet_list_open": BlockKind.LIST,
    "ordered_list_open": BlockKind.LIST,
    "blockquote_open": BlockKind.QUOTE,
    "table_open": BlockKind.TABLE,
    "fence": BlockKind.FENCE,
    "code_block": BlockKind.CODE,
    "html_block": BlockKind.HTML,
    "hr": BlockKind.HR,
    "front_matter": BlockKind.FRONT_MATTER,
    "footnote_reference_open": BlockKind.FOOTNOTE,
}


@dataclass
class Block:
    kind: BlockKind
    start: int  # first source line, 0-based
    end: int  # one past the last source line
    first: int  # token index range, inclusive
    last: int
    level: int = 0  # heading level (of an item: of the heading it opens with, if any)
    content: str = ""  # heading or paragraph inline Markdown; HTML source
    inline_contents: list[str] = field(default_factory=list)
    in_details: bool = False
    depth: int = 0  # <details> nesting depth of an open/close marker
    summary: str = ""  # <summary> text of a details marker
    inline_text: str = ""  # text inside the details tags themselves
    is_tag_only: bool = False
    bold: tuple[str, str] | None = None  # (bold text, rest) when a paragraph starts with bold text
    number: int | None = None  # an ordered list item's number; an ordered list's first
    text_end: int = 0  # an item: one past the last line of its first paragraph (its start if none)
    cells: tuple[str, ...] = ()  # a row: its cells' inline Markdown
    columns: tuple[str, ...] = ()  # a row: its table's header cells
    indented: bool = False  # its first line starts with a space or a tab


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t")


def leading_bold(content: str) -> tuple[str, str] | None:
    match = _BOLD_START.match(content)
    if not match or not opens_with_strong(content[:match.end() + 1]):
        return None
    return match.group(2), content[match.end():]


@lru_cache(maxsize=16384)
def opens_with_strong(prefix: str) -> bool:
    """Whether ``**…**`` really is a strong span depends only on the characters around its
    delimiters, so the bold prefix and the character after it are enough to parse; labels
    repeat (``**答案：** ``), so most prefixes are parsed once per bank."""
    children = [t for t in inline_tokens(prefix) if t.type != "text" or t.content]
    return bool(children) and children[0].type == "strong_open"


def fence_language(info: str) -> str:
    """The language of a fence's info string: ```` ```python {linenos} ```` -> "python"."""
    info = info.strip()
    return info.split(maxsplit=1)[0].strip("{}.") if info else ""


def inline_tokens(content: str):
    tokens = _INLINE_PARSER.parseInline(content)
    return tokens[0].children or [] if tokens else []


def opening_inline_tokens(content: str):
    """The inline tokens of text already normalised by the block parser, without joining
    escaped characters into the text around them: enough to tell what the text opens
    with, for a third less time than ``inline_tokens``."""
    tokens: list = []
    _INLINE_PARSER.inline.parse(content, _INLINE_PARSER, {}, tokens)
    return tokens


def split_blocks(tokens, lines: list[str], body_start: int, expand=None) -> list[Block]:
    """One Block per top-level token group, with <details> regions marked. ``expand(tokens,
    lines, first, last)`` may return the Blocks a group is read as instead (``itemized``: a
    list's items, a table's rows), or None."""
    blocks = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = _KIND_OF_TOKEN.get(token.type)
        if kind is None or token.level != 0:
            index += 1
            continue
        last = index
        if token.nesting == 1:
            while not (tokens[last].level == 0 and tokens[last].nesting == -1):
                last += 1
        split = expand(tokens, lines, index, last) if expand else None
        if split is not None:
            for block in split:
                block.indented = _indented(lines[block.start])
            blocks.extend(split)
            index = last + 1
            continue
        start, end = token.map if token.map else (0, 0)
        block = Block(kind, start, end, index, last, indented=bool(token.map) and _indented(lines[start]))
        if kind is BlockKind.HEADING:
            block.level = int(token.tag[1])
            # ``## # 10. Scope & Closures``: a level written twice is no part of the title.
            block.content = _STRAY_HASHES.sub("", tokens[index + 1].content) or tokens[index + 1].content
        elif kind is BlockKind.PARAGRAPH:
            block.content = tokens[index + 1].content
            if block.content.startswith(("**", "__")):
                block.bold = leading_bold(block.content)
        elif kind is BlockKind.HTML:
            block.content = token.content
        elif kind is BlockKind.FOOTNOTE:
            block.content = token.meta["label"]
        elif kind in (BlockKind.LIST, BlockKind.QUOTE):
            block.inline_contents = [t.content for t in tokens[index:last + 1] if t.type == "inline"]
            if token.type == "ordered_list_open":
                block.number = int(token.attrGet("start") or 1)
        elif kind is BlockKind.TABLE:  # the body's cells: a header row names columns
            body = next((i for i in range(index, last + 1) if tokens[i].type == "tbody_open"), last)
            block.inline_contents = [t.content for t in tokens[body:last + 1] if t.type == "inline"]
        if kind is BlockKind.PARAGRAPH:
            block.inline_contents = [block.content]
        blocks.extend(_with_details(block))
        index = last + 1
    return _match_details(blocks)


class _HtmlScan(HTMLParser):
    """Counts <details> tags and collects the <summary> text and the other text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.opens = self.closes = 0
        self.summary: list[str] = []
        self.text: list[str] = []
        self.other_tags = False
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self.opens += 1
        elif tag == "summary":
            self._in_summary += 1
        elif tag not in _LAYOUT_TAGS:
            self.other_tags = True

    def handle_endtag(self, tag):
        if tag == "details":
            self.closes += 1
        elif tag == "summary":
            self._in_summary = max(0, self._in_summary - 1)

    def handle_data(self, data):
        (self.summary if self._in_summary else self.text).append(data)


class _H1Scan(HTMLParser):
    """Collects the text of the first <h1> in a piece of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.done, self.text = 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "h1" and self.depth:
            self.depth, self.done = 0, True

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def html_heading(html: str) -> str:
    """The text of the first ``<h1>`` in an HTML block ("" when there is none)."""
    scan = _H1Scan()
    scan.feed(html)
    scan.close()
    return " ".join("".join(scan.text).split())


def _with_details(block: Block) -> list[Block]:
    if block.kind is not BlockKind.HTML and not _details_in_paragraph(block):
        return [block]
    scan = _HtmlScan()
    scan.feed(block.content)
    scan.close()
    text = " ".join("".join(scan.text).split())
    if block.kind is BlockKind.PARAGRAPH and text:
        return [block]
    block.is_tag_only = not text and not scan.other_tags
    if not scan.opens and not scan.closes:
        return [block]
    summary = " ".join("".join(scan.summary).split())
    if scan.opens > scan.closes:
        return [_marker(block, BlockKind.DETAILS_OPEN, summary, text)]
    if scan.closes > scan.opens:
        return [_marker(block, BlockKind.DETAILS_CLOSE, "", "")]
    # <details>…</details> inside one HTML block: an open and a close around its text.
    closing = _marker(block, BlockKind.DETAILS_CLOSE, "", "")
    closing.start = closing.end
    return [_marker(block, BlockKind.DETAILS_OPEN, summary, text), closing]


def _details_in_paragraph(block: Block) -> bool:
    """``<b><details><summary>1. 简单对比…</summary></b>``: a fold opened after an inline tag
    is a paragraph to markdown-it (only a block tag opens HTML); it opens a fold all the same
    when it holds nothing but tags and the summary."""
    return block.kind is BlockKind.PARAGRAPH and block.content.startswith("<") and "<details" in block.content.lower()


def _marker(block: Block, kind: BlockKind, summary: str, text: str) -> Block:
    return Block(kind, block.start, block.end, block.first, block.last,
                 content=block.content, summary=summary, inline_text=text, is_tag_only=False)


def _match_details(blocks: list[Block]) -> list[Block]:
    """Pair details markers; an unpaired one is plain HTML, so a stray tag cannot swallow
    the rest of the document."""
    stack: list[int] = []
    paired: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.DETAILS_OPEN:
            stack.append(index)
        elif block.kind is BlockKind.DETAILS_CLOSE and stack:
            paired.update((stack.pop(), index))
    depth = 0
    for index, block in enumerate(blocks):
        if block.kind in (BlockKind.DETAILS_OPEN, BlockKind.DETAILS_CLOSE) and index not in paired:
            block.kind = BlockKind.HTML
            block.is_tag_only = not block.inline_text
        if block.kind is BlockKind.DETAILS_OPEN:
            block.in_details = depth > 0
            depth += 1
            block.depth = depth
        elif block.kind is BlockKind.DETAILS_CLOSE:
            block.depth = depth
            depth -= 1
            block.in_details = depth > 0
        else:
            block.in_details = depth > 0
    return blocks
