"""Math as its author wrote it (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``), marked.

Papers show it as written: no ``\\,`` eaten as an escape, no ``_i_`` made emphasis. Each
formula is a ``qgen-math`` span (a block one a div), so that the outputs whose readers typeset
math find it, and it alone (not a dollar in code or in a price): Anki and Moodle typeset
``\\(…\\)`` and ``\\[…\\]`` with MathJax, never ``$…$``, and their last pass (``for_mathjax``)
rewrites the dollars; browsers typeset MathML, and the study page's last pass (``as_mathml``)
writes each formula in it, with nothing to load.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_INLINE = ("math_inline", "math_inline_double")
_BLOCK = ("math_block", "math_block_eqno")
_CLOSING_DELIMITER = {"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}
MATH_CLASS = "qgen-math"


def math_plugin(md: MarkdownIt) -> None:
    """After dollarmath's and texmath's rules: math rendered as written, in its mark."""
    for kind in _INLINE + _BLOCK:
        md.add_render_rule(kind, _render_as_written)
    md.core.ruler.push("qgen_math", _mark_math)


def _render_as_written(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    opening = token.markup or "$"
    text = f"{opening}{token.content}{_CLOSING_DELIMITER.get(opening, opening)}"
    return html.escape(text, quote=False) + ("\n" if token.block else "")


def _mark_math(state: StateCore) -> None:
    if "$" not in state.src and "\\" not in state.src:
        return
    marked = []
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _marked(token.children, _INLINE, "span")
        marked.append(token)
    state.tokens = _marked(marked, _BLOCK, "div")


def _marked(tokens: list[Token], kinds: tuple[str, ...], tag: str) -> list[Token]:
    if not any(token.type in kinds for token in tokens):
        return tokens
    found = []
    for token in tokens:
        # ``[$]y[/$]`` is Anki's own LaTeX tag, written in a bank as text (and kept inert in
        # the deck): dollarmath reads ``$]y[/$`` as math, which it is not.
        if token.type in kinds and not (token.content.startswith("]") and token.content.endswith("[/")):
            opening = Token("math_open", tag, 1, map=token.map, level=token.level, block=token.block)
            opening.attrSet("class", MATH_CLASS)
            found += [opening, token, Token("math_close", tag, -1, level=token.level, block=token.block)]
        else:
            found.append(token)
    return found


# A formula marked by ``_mark_math`` in rendered HTML, and the delimiters it was written with.
_MARKED = re.compile(rf'(<(span|div) class="{MATH_CLASS}">)(.*?)(</\2>)', re.S)
_IN_DOLLARS = re.compile(r"^(\s*)(\$\$?)(.*?)\2(\s*)$", re.S)
_WRITTEN = re.compile(r"^\s*(\$\$|\$|\\\(|\\\[)(.*?)(?:\$\$|\$|\\\)|\\\])\s*$", re.S)
# Sentence punctuation: prose between two dollars that are no math (``$freelist，…会先查看$``,
# MongoDB's collection names), left as written rather than typeset.
_PROSE = re.compile(r"[，。；（）]")


def for_mathjax(rendered: str) -> str:
    """The HTML with each marked formula written in dollars delimited as MathJax reads it:
    ``$x$`` as ``\\(x\\)``, ``$$x$$`` (and any block) as ``\\[x\\]``."""
    def rewrite(match: re.Match) -> str:
        written = _IN_DOLLARS.match(match.group(3))
        if written is None or _PROSE.search(written.group(3)):
            return match.group(0)
        before, dollars, formula, after = written.groups()
        opening, closing = ("\\[", "\\]") if dollars == "$$" or match.group(2) == "div" else ("\\(", "\\)")
        return f"{match.group(1)}{before}{opening}{formula}{closing}{after}{match.group(4)}"
    return _MARKED.sub(rewrite, rendered) if MATH_CLASS in rendered else rendered


def as_mathml(rendered: str) -> str:
    """The HTML with each marked formula typeset as MathML, which browsers draw with nothing
    to load; one that latex2mathml cannot read, or prose between two dollars, as written."""
    if MATH_CLASS not in rendered:
        return rendered
    from latex2mathml.converter import convert  # only a page with math pays for the import

    def rewrite(match: re.Match) -> str:
        written = _WRITTEN.match(match.group(3))
        if written is None or _PROSE.search(written.group(2)):
            return match.group(0)
        block = match.group(2) == "div" or written.group(1) in ("$$", "\\[")
        try:
            mathml = convert(html.unescape(written.group(2)).strip(), display="block" if block else "inline")
        except Exception:  # noqa: BLE001 - any TeX it cannot read stays as its author wrote it
            return match.group(0)
        return f"{match.group(1)}{mathml}{match.group(4)}"
    return _MARKED.sub(rewrite, rendered)
