"""Code -> HTML with Pygments: token classes styled by one stylesheet per output (day and
night palettes), or colours written into each token where no stylesheet goes (Moodle)."""

from __future__ import annotations

from functools import lru_cache

CODE_CLASS = "qgen-code"
# The Pygments styles of every output: screens by day and by night (cards, study page),
# paper, and Moodle's colours written into the code.
DAY_STYLE, NIGHT_STYLE, PRINT_STYLE, INLINE_STYLE = "default", "github-dark", "default", "default"
LONG_CODE_LINES = 25  # a block of more lines may break across printed pages
# The lexer for the markup a language's own lexer cannot read: JSX in a ```js fence. Of the
# 8,261 JavaScript fences of the public banks compared, 366 lexed with error tokens, 153 as
# JSX; JSX read plain JavaScript's ``a < b`` as a tag in 13 others, so it is tried only
# where JavaScript's lexer fails.
MARKUP_DIALECTS = {"js": "jsx", "javascript": "jsx", "ts": "tsx", "typescript": "tsx"}


@lru_cache(maxsize=None)
def _lexer(lang: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False) if lang else TextLexer()
    except ClassNotFound:
        return TextLexer()


@lru_cache(maxsize=2)
def _formatter(long: bool):
    from pygments.formatters import HtmlFormatter

    css_class = f"{CODE_CLASS} {CODE_CLASS}-long" if long else CODE_CLASS
    return HtmlFormatter(cssclass=css_class, wrapcode=True)


def highlight(code: str, lang: str) -> str:
    """Code as ``<div class="qgen-code"><pre><code>…`` with Pygments token classes; a long
    block is also ``qgen-code-long``, which a printed page lets break across pages."""
    from pygments import format as pygments_format

    return pygments_format(_tokens(code, lang), _formatter(code.count("\n") > LONG_CODE_LINES))


def highlight_inline(code: str, lang: str, style: str) -> str:
    """Code with its colours written into each token (``style="color: …"``), for places
    that take no stylesheet (a Moodle question's text)."""
    from pygments import format as pygments_format
    from pygments.formatters import HtmlFormatter

    return pygments_format(_tokens(code, lang), HtmlFormatter(style=_without_error_marks(style), noclasses=True,
                                                             nobackground=True))


# A code line longer than this (a base64 blob, minified code) is cut into lines of this many
# characters after lexing, so its colours stay right. WeasyPrint lays out one long line in
# time that grows with its square (a 100,000-character line took 19 s); cut, the time grows
# with its length. Ordinary code never comes near it.
MAX_CODE_LINE = 1000


def _tokens(code: str, lang: str):
    lang = lang.lower()
    tokens = _lexer(lang).get_tokens(code)
    if lang in MARKUP_DIALECTS:
        tokens = _fewest_errors(list(tokens), code, MARKUP_DIALECTS[lang])
    if max(map(len, code.split("\n"))) <= MAX_CODE_LINE:
        return tokens
    return _cut_long_lines(tokens, MAX_CODE_LINE)


def _fewest_errors(tokens: list, code: str, dialect: str) -> list:
    """The tokens, or the dialect's where the language's lexer could not read the code and
    the dialect's reads more of it."""
    from pygments.token import Error

    errors = sum(kind in Error for kind, _ in tokens)
    if not errors:
        return tokens
    other = list(_lexer(dialect).get_tokens(code))
    return other if sum(kind in Error for kind, _ in other) < errors else tokens


def _cut_long_lines(tokens, width: int):
    """The token stream with a line break after every ``width`` characters of a line."""
    column = 0
    for kind, value in tokens:
        pieces = []
        for number, segment in enumerate(value.split("\n")):
            if number:
                pieces.append("\n")
                column = 0
            while column + len(segment) > width:
                cut = width - column
                pieces += [segment[:cut], "\n"]
                segment, column = segment[cut:], 0
            pieces.append(segment)
            column += len(segment)
        yield kind, "".join(pieces)


@lru_cache(maxsize=16)
def code_stylesheet(style: str, selectors: tuple[str, ...]) -> str:
    """Pygments CSS for ``style``, scoped under each of ``selectors``."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=_without_error_marks(style), cssclass=CODE_CLASS).get_style_defs(list(selectors))


@lru_cache(maxsize=8)
def _without_error_marks(name: str):
    """The Pygments style without its mark on the text a lexer could not read (a red box in
    the default style): a snippet cut mid-statement, markup no lexer knows. On a card or a
    printed key the box reads as a mistake in the bank's code."""
    from pygments.styles import get_style_by_name
    from pygments.token import Error

    style = get_style_by_name(name)
    return type(f"{style.__name__}WithoutErrorMarks", (style,), {"styles": {**style.styles, Error: ""}})
