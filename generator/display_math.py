"""Display math (``$$`` … ``$$``) as the reader's block parser sees it: CommonMark knows no
math, so a line of ``=`` or ``-`` inside it (``A\n=\nB``, a matrix equation written over
lines) turns the math above it into a setext heading, which would cut a question in two and
leave the rest of the math outside every question."""

from __future__ import annotations

_MATH = "$$"
_SETEXT = ("=", "-")


def math_makes_no_heading(tokens) -> None:
    """Setext headings inside open ``$$`` math become the paragraphs they are, in place."""
    open_math = False
    for index, token in enumerate(tokens):
        if token.level != 0 or token.type not in ("heading_open", "paragraph_open"):
            continue
        content = tokens[index + 1].content
        if token.type == "heading_open" and token.markup in _SETEXT and (open_math or content.startswith(_MATH)):
            token.type, token.tag = "paragraph_open", "p"
            tokens[index + 2].type, tokens[index + 2].tag = "paragraph_close", "p"
        if content.count(_MATH) % 2:
            open_math = not open_math
