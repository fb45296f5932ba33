"""Banks whose questions are the items of a list or the rows of a table: the blocks the
reader splits such a list or table into (``expand``, for ``blocks.split_blocks``), and the
sections each item's or row's text is cut into.

An item's text is indented under its marker, so its nested answer is dedented before it is
cut; a row's cells are named by the table's header (``| 序号 | 问题 | 答案 |``).
"""

from __future__ import annotations

import re
import textwrap

from . import labels, markers
from .attributes import without_attributes
from .blocks import Block, BlockKind
from .flashcards import ITEM_MARKER, without_properties
from .navigation import is_navigation_line
from .points import items_of_tokens

_RAW_CELL = re.compile(r"(?<!\\)\|")  # the pipes that part a table row's cells
_CELL_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)


def _item_indent(line: str) -> int:
    """Where a list item's text starts: after its marker and the spaces after it."""
    match = ITEM_MARKER.match(line)
    return match.end() if match else len(line) - len(line.lstrip())


def _dedent(line: str, indent: int) -> str:
    """A line of a list item without the item's indentation (a lazy line has less)."""
    return line[indent:] if not line[:indent].strip() else line.lstrip()


def _without_navigation(lines: list[str]) -> list[str]:
    """Lines without those that are only links to anchors (``**[⬆ Back to Top](#toc)**``),
    which an item cannot hold as blocks of their own; the lines stay in the item's span."""
    return [line for line in lines if not (line.strip() and is_navigation_line(line.strip()))]


def expand(tokens, lines: list[str], first: int, last: int) -> list[Block] | None:
    """A top-level list as its items, a table of questions and answers as its rows; None
    for any other block."""
    kind = tokens[first].type
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _items(tokens, first, last)
    if kind == "table_open":
        return _rows(tokens, lines, first, last) or None
    return None


def heading_items(tokens) -> int:
    """How many items of top-level lists open with a heading (``1.  ### What is React?``):
    a bank that numbers its question headings with a list."""
    return sum(1 for token, following in zip(tokens, tokens[1:])
               if token.type == "list_item_open" and token.level == 1 and following.type == "heading_open")


def asking_items(tokens, lists: list[Block]) -> int:
    """How many items of these top-level lists open with a line that asks (``* What is CORS?``)."""
    return sum(1 for block in lists for index in range(block.first, block.last - 1)
               if tokens[index].type == "list_item_open" and tokens[index].level == 1
               and tokens[index + 1].type == "paragraph_open"
               and markers.ends_with_question_mark(tokens[index + 2].content.split("\n", 1)[0]))


def _items(tokens, first: int, last: int) -> list[Block]:
    """The items of the list whose tokens are ``first``..``last``, a Block each: the text of
    its first paragraph or heading as ``content``, its number if the list is ordered."""
    found = []
    for index in range(first + 1, last):
        token = tokens[index]
        if token.type != "list_item_open" or token.level != 1:
            continue
        close = index + 1
        while not (tokens[close].type == "list_item_close" and tokens[close].level == 1):
            close += 1
        start, end = token.map
        block = Block(BlockKind.ITEM, start, end, index, close, text_end=start)
        if tokens[index + 1].type in ("paragraph_open", "heading_open") and tokens[index + 1].map:
            first_line, *rest = tokens[index + 2].content.split("\n")
            block.content = "\n".join([first_line, *without_properties(rest, after_item=True)])
            block.text_end = tokens[index + 1].map[1]
            block.level = int(tokens[index + 1].tag[1]) if tokens[index + 1].type == "heading_open" else 0
            asked = _asked_lines(block.content) if not block.level else 0
            if asked:  # ``1. What is an inode?`` over ``   A structure…``: the lines after it answer
                block.content = "\n".join(block.content.split("\n")[:asked])
                block.text_end = tokens[index + 1].map[0] + asked
        block.number = int(token.info) if token.info.isdigit() else None
        block.inline_contents = [t.content for t in tokens[index:close + 1] if t.type == "inline"]
        found.append(block)
    return found


def _asked_lines(paragraph: str) -> int:
    """How many lines of an item's first paragraph ask, when lines that answer follow them
    in the same paragraph (no blank line between): up to the last line that ends with a
    question mark, if one does and it is not the last; else 0."""
    lines = paragraph.split("\n")
    asking = [number for number, line in enumerate(lines, 1) if markers.ends_with_question_mark(line)]
    return asking[-1] if asking and asking[-1] < len(lines) else 0


def _rows(tokens, lines: list[str], first: int, last: int) -> list[Block]:
    """A table whose header names a question column and an answer column (``| Question |
    Answer |``, ``| 问题 | 答案 |``) as its header, a Block with nothing to show, and a ROW
    Block per row; [] for any other table. Cells beyond the header's, which markdown-it
    leaves out, are kept as columns without a name."""
    header, rows, row = [], [], None
    for index in range(first, last + 1):
        token = tokens[index]
        if token.type == "tr_open":
            row = (index, token.map, [])
        elif token.type == "inline" and row:
            row[2].append(token.content)
        elif token.type == "tr_close" and row:
            if not header:
                header = [cell.strip(" *_:：") for cell in row[2]]
            else:
                rows.append((row[0], index, row[1], tuple(row[2])))
            row = None
    kinds = [column_kind(name) for name in header]
    if "question" not in kinds or "answer" not in kinds or not rows:
        return []
    start = tokens[first].map[0]
    found = [Block(BlockKind.TABLE, start, rows[0][2][0], first, rows[0][0] - 1, is_tag_only=True)]
    for opening, closing, (row_start, row_end), cells in rows:
        cells += tuple(_RAW_CELL.split(lines[row_start].strip().strip("|")))[len(cells):]
        number = cells[kinds.index("number")].strip() if "number" in kinds else ""
        found.append(Block(BlockKind.ROW, row_start, row_end, opening, closing, content=cells[kinds.index("question")],
                           inline_contents=list(cells), cells=cells,
                           columns=tuple(header) + ("",) * (len(cells) - len(header)),
                           number=int(number) if number.isdigit() else None))
    return found


def column_kind(name: str) -> str | None:
    """What a table's column holds, by its header: a section (question, answer, …), the
    question's number, or None (another column: an extra section of that name)."""
    return _COLUMNS.get(name.lower()) or labels.section_kind(name)


_COLUMNS = {"q": "question", "questions": "question", "a": "answer",
            "#": "number", "no": "number", "no.": "number", "number": "number", "序号": "number", "编号": "number"}


def item_sections(cutter, sections, item: Block) -> str:
    """Adds to ``sections`` those of a list item that is a question, cut as ``cutter`` (a
    QuestionCutter) cuts text; returns the section it ends in. The item's first paragraph
    (or heading) is the question; what is nested under it, its answer (its sections, when it
    opens with a label). A list alone under it is the rest of the question when the question
    ends with a colon (``Explain these headers:``), the follow-ups when they ask, and else
    the answer's points, unless the bank's nested lists are prompts (h5bp's ``* Describe
    what you like…`` under a question are prompts to follow up with: see ``prompts_nested``)."""
    lines = cutter.lines[item.start:item.end]
    indent = _item_indent(lines[0])
    first, *more = [lines[0][indent:]] + [_dedent(line, indent) for line in lines[1:item.text_end - item.start]]
    first, more = without_attributes(first), without_properties(more, after_item=True)
    if item.level:  # ``1.  ### What is React?``: the heading's text
        first, more = item.content, []
    label = labels.line_label(first)
    if label and labels.section_kind(label[0]) == "question":
        pieces = cutter.segments([first, *more], item.start + 1, False)
        if any(labels.section_kind(piece.label or "") == "answer" for piece in pieces):
            # ``1. **题目：** …`` with ``**答案：** …`` in the same paragraph: each label opens its section.
            cutter.add_pieces(sections, pieces)
            line, nested = _nested(cutter.lines, item)
            if "\n".join(nested).strip():
                sections.add("\n".join(nested).strip("\n"), line)
            return sections.name
        first = label[1]
    question = "\n".join([first, *more])
    sections.open("question", "question", item.start + 1)
    sections.add(question, item.start + 1)
    line, nested = _nested(cutter.lines, item)
    nested = without_properties(nested, after_item=False)
    text = "\n".join(nested).strip("\n")
    if not text:
        return "question"
    starts = _nested_lists(cutter.tokens, item)
    if starts is not None:
        if question.rstrip().endswith(("：", ":")):
            sections.add(text, line)
            return "question"
        if any(markers.ends_with_question_mark(row) for row in starts) or (cutter.prompts_nested and not item.level):
            sections.open("Follow-up", None, line)
            sections.add(text, line)
            return "Follow-up"
        if len(starts) == 1 and labels.line_kind(starts[0].split("\n", 1)[0]):  # ``   - 答：…``: its answer
            indent = _item_indent(nested[0])
            nested = [nested[0][indent:], *(_dedent(line, indent) for line in nested[1:])]
    label = labels.line_label(nested[0])
    if label and labels.section_kind(label[0]):  # ``**A:** …``; ``**Element:**`` is answer text
        cutter.add_pieces(sections, cutter.segments(nested, line, False))
        return sections.name or "answer"
    sections.open("answer", "answer", line)
    sections.add(text, line)
    return "answer"


def prompts_nested(tokens, items: list[Block]) -> bool:
    """Whether the lists nested under the bank's question items are prompts to follow up
    with: no question item has prose under it, and some nested item asks (h5bp's lists of
    questions to ask). Where no nested item asks (``- What is an inode?`` over ``- A
    structure holding…``), or some question is answered in prose, a list alone under a
    question is its answer."""
    nested = [_nested_children(tokens, item) for item in items]
    if any(children and not all(_is_list(tokens[first]) for first, _ in children) for children in nested):
        return False
    return any(markers.ends_with_question_mark(text) for children in nested for first, last in children
               for text in items_of_tokens(tokens[first:last + 1]))


def _nested(lines: list[str], item: Block) -> tuple[int, list[str]]:
    """(line of its first line, the lines) of what is nested under an item's question,
    dedented; "back to top" lines left out."""
    rows = lines[item.text_end:item.end]
    skip = next((index for index, row in enumerate(rows) if row.strip()), len(rows))
    # Less indented than the item's text is still the item's (``95. ###`` over 5 spaces).
    indent = _item_indent(lines[item.start])
    nested = _without_navigation(textwrap.dedent("\n".join(_dedent(row, indent) for row in rows[skip:])).split("\n"))
    while nested and not nested[-1].strip():
        nested.pop()
    return item.text_end + skip + 1, nested


def _nested_lists(tokens, item: Block) -> list[str] | None:
    """The first paragraph of each item of the lists nested under an item's question, when
    nothing but lists (and "back to top" lines) is nested under it; else None. Read from the
    file's tokens: a line that opens with ``1.`` inside a fence is no item."""
    children = _nested_children(tokens, item)
    if not children or not all(_is_list(tokens[first]) for first, _ in children):
        return None
    return [text for first, last in children for text in items_of_tokens(tokens[first:last + 1])]


def _nested_children(tokens, item: Block) -> list[tuple[int, int]]:
    """(first, last) token of each block directly in the item after its question, but
    paragraphs that are only links to anchors."""
    level = tokens[item.first].level + 1
    children, index = [], item.first + 1
    while index < item.last:
        token = tokens[index]
        last = index
        if token.nesting == 1:
            while not (tokens[last].level == level and tokens[last].nesting == -1):
                last += 1
        if token.map and token.map[1] > item.text_end and not (
                token.type == "paragraph_open" and is_navigation_line(tokens[index + 1].content.strip())):
            children.append((index, last))
        index = last + 1
    return children


def _is_list(token) -> bool:
    return token.type in ("bullet_list_open", "ordered_list_open")


def row_sections(sections, row: Block) -> None:
    """A row of a table of questions and answers: each cell is the section its column
    names (question, answer, explanation…; a number column numbers the question; any
    other column, or a number that is not one, is an extra section of that name, or of its
    place when its header is empty); ``<br>`` in a cell, the way tables break lines, starts
    a new paragraph."""
    line = row.start + 1
    named = [(name or f"Column {position}", cell) for position, (name, cell) in enumerate(zip(row.columns, row.cells), 1)]
    for name, cell in sorted(named, key=lambda pair: column_kind(pair[0]) != "question"):
        kind = column_kind(name)
        text = _CELL_BREAK.sub("\n\n", without_attributes(cell) if kind == "question" else cell).strip()
        if kind == "number" and (text.isdigit() or not text):
            continue  # the question's number (``Block.number``)
        if text:  # any other cell is a section: an unnamed column's by its place, "Column 2"
            sections.open(name, kind if kind != "number" else None, line)
            sections.add(text, line)


def tucked_headings(blocks: list[Block]) -> set[int]:
    """Headings indented under an item that opens with a heading (``3. ### What is …``
    followed by ``  #### call`` and ``  ## Key Points``): too little indented to be inside
    the item for Markdown, but written as part of its answer, not as parts of the bank."""
    tucked, after_item = set(), False
    for index, block in enumerate(blocks):
        if not block.indented:
            after_item = block.kind is BlockKind.ITEM and block.level > 0
        elif after_item and block.kind is BlockKind.HEADING:
            tucked.add(index)
    return tucked
