"""Math as its author wrote it (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``), marked.

The markup renderer writes it as written (no ``\\,`` eaten as an escape, no ``_i_`` made
emphasis) in a ``qgen-math`` span (a block one in a div), so that each output's last pass finds
the formulas, and them alone (not a dollar in code or in a price), to typeset: Anki and Moodle typeset
``\\(…\\)`` and ``\\[…\\]`` with MathJax, never ``$…$``, and their last pass (``for_mathjax``)
rewrites the dollars; browsers typeset MathML, and the study page's last pass (``as_mathml``)
writes each formula in it, with nothing to load; WeasyPrint draws neither, so the papers'
last pass (``as_svg``) draws each formula as SVG paths, sized in ``em`` to sit in its line.
"""

from __future__ import annotations

import html
import re
import warnings

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


# A formula marked by ``_mark_math`` in rendered HTML, and how it was written: the space
# around it, its opening delimiter, the TeX (HTML-escaped).
_MARKED = re.compile(rf'(<(span|div) class="{MATH_CLASS}">)(.*?)(</\2>)', re.S)
_WRITTEN = re.compile(r"^(\s*)(\$\$|\$|\\\(|\\\[)(.*?)(?:\$\$|\$|\\\)|\\\])(\s*)$", re.S)
# Sentence punctuation without any TeX: prose between two dollars that are no math
# (``$freelist，…会先查看$``, MongoDB's collection names), left as written rather than typeset;
# a formula may hold a Chinese comma (``\frac{1}{n}\;，``).
_PUNCTUATION = re.compile(r"[，。；（）]")
_TEX = re.compile(r"\\[A-Za-z]|[\^_{}]")


def _typeset(rendered: str, typeset) -> str:
    """The HTML with each marked formula as ``typeset(written, block)`` gives it (``written``:
    the match of ``_WRITTEN``; ``block``: display math), or as written where that gives None
    or raises (TeX a converter cannot read); prose between two dollars always as written."""
    def rewrite(match: re.Match) -> str:
        written = _WRITTEN.match(match.group(3))
        if written is None or (_PUNCTUATION.search(written.group(3)) and not _TEX.search(written.group(3))):
            return match.group(0)
        try:
            shown = typeset(written, match.group(2) == "div" or written.group(2) in ("$$", "\\["))
        except Exception:  # noqa: BLE001 - any TeX it cannot read stays as its author wrote it
            shown = None
        return match.group(0) if shown is None else f"{match.group(1)}{shown}{match.group(4)}"
    return _MARKED.sub(rewrite, rendered) if MATH_CLASS in rendered else rendered


def for_mathjax(rendered: str) -> str:
    """The HTML with each marked formula written in dollars delimited as MathJax reads it:
    ``$x$`` as ``\\(x\\)``, ``$$x$$`` (and any block) as ``\\[x\\]``."""
    def delimited(written: re.Match, block: bool) -> str | None:
        before, opening, formula, after = written.groups()
        if opening.startswith("\\"):
            return None  # written for MathJax already
        left, right = ("\\[", "\\]") if block else ("\\(", "\\)")
        return f"{before}{left}{formula}{right}{after}"
    return _typeset(rendered, delimited)


def as_mathml(rendered: str) -> str:
    """The HTML with each marked formula typeset as MathML, which browsers draw with nothing
    to load; one that latex2mathml cannot read, or prose between two dollars, as written."""
    if MATH_CLASS not in rendered:
        return rendered
    from latex2mathml.converter import convert  # only a page with math pays for the import

    return _typeset(rendered, lambda written, block: convert(
        html.unescape(written.group(3)).strip(), display="block" if block else "inline"))


# ziamath's size for a formula, in px: its SVG is rescaled to ``em`` so that it takes the size
# of the text around it.
_SVG_SIZE = 16.0
_SVG_BOX = re.compile(r'width="([\d.]+)" height="([\d.]+)" viewBox="([-\d. ]+)"')
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")  # no glyph in the math font


def as_svg(rendered: str) -> str:
    """The HTML with each marked formula drawn as inline SVG (paths in the STIX Two Math
    font, no font to embed), its baseline on the line's; a formula holding CJK text (which
    the math font has no glyph for), TeX that ziamath cannot read and prose between two
    dollars, as written."""
    if MATH_CLASS not in rendered:
        return rendered
    with warnings.catch_warnings():  # ziamath loads its font with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath  # only papers with math pay for the import

        ziamath.config.svg2 = False  # paths in place: no ids that two formulas would share
        return _typeset(rendered, lambda written, block: _drawn(html.unescape(written.group(3)).strip(), ziamath))


def _drawn(tex: str, ziamath) -> str | None:
    """A formula as SVG sized in ``em``, its baseline on the line's; None for CJK text."""
    if _CJK.search(tex):
        return None
    svg = ziamath.Latex(tex, size=_SVG_SIZE).svg()
    box = _SVG_BOX.search(svg)
    if box is None:
        return None
    width, height = float(box.group(1)), float(box.group(2))
    top, box_height = (float(value) for value in box.group(3).split()[1::2])
    below = (box_height + top) / _SVG_SIZE  # the baseline is at y = 0
    sized = (f'width="{width / _SVG_SIZE:.3f}em" height="{height / _SVG_SIZE:.3f}em" '
             f'style="vertical-align: -{below:.3f}em" viewBox="{box.group(3)}"')
    return f"{svg[:box.start()]}{sized}{svg[box.end():]}"
