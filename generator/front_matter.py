"""A bank's own settings: its front matter (checked, with lines) and what stands in for it
when it is absent (the title from the preface, the key from the file's name; the language
is guessed from the text by ``languages``)."""

from __future__ import annotations

import re
from pathlib import Path

from . import markers
from .attributes import KEYS as QUESTION_KEYS, AttributeProblem, check_setting
from .blocks import Block, BlockKind, html_heading
from .errors import SourceError
from .ids import slugify
from .languages import is_language_tag
from .navigation import is_link_back
from .user_yaml import YamlProblem, load_mapping

_BANK_ID = re.compile(r"^[\w.-]+(/[\w.-]+)*$")


def bank_id(meta: dict, source: str) -> str:
    """Front matter ``id:`` (letters, digits, ``._-`` and ``/``), else the file's slug."""
    given = meta.get("id")
    return str(given) if given is not None else slugify(Path(source).stem) or "bank"


def read_front_matter(tokens, source: str) -> tuple[dict, int]:
    """The front matter's settings, checked: ``title`` text, ``tags`` a list of texts (or
    one text of comma-separated tags), ``language`` a language tag, ``id`` a key, ``minutes`` and
    ``difficulty`` every question's unless it says otherwise; other keys are
    the author's own and are kept out of qgen's way."""
    if not tokens or tokens[0].type != "front_matter":
        return {}, 0
    token = tokens[0]
    first_line = token.map[0] + 1  # the opening ---
    try:
        entries = load_mapping(token.content)
    except YamlProblem as problem:
        raise SourceError(f"front matter: {problem.message}", source, first_line + problem.line) from None
    meta = {}
    for key, value, line in entries:
        problem = _front_matter_problem(key, value)
        if problem:
            raise SourceError(f"front matter “{key}” {problem}", source, first_line + line)
        if key in QUESTION_KEYS and value is not None:
            try:
                value = check_setting(key, value)
            except AttributeProblem as problem:
                raise SourceError(f"front matter “{key}” {problem}", source, first_line + line) from None
        meta[key] = value
    return meta, token.map[1]


def _front_matter_problem(key: str, value) -> str | None:
    if key == "title" and value is not None and not isinstance(value, str):
        return "must be text (put it in quotes)"
    if key == "language" and value is not None and not is_language_tag(value):
        return "must be a language tag such as zh, en, ja, ar or zh-Hant"
    if key == "id" and value is not None and not (isinstance(value, (str, int)) and _BANK_ID.match(str(value))):
        return "must be letters, digits, '.', '_', '-' or '/'"
    return None


def bank_title(meta: dict, preface: list[Block], source: str) -> str:
    """Front matter's title, else the preface's first level-1 heading (Markdown or an HTML
    ``<h1>``), else a level-2 heading that opens the file, else the file's name. A heading's
    title is its text without marks (it names a deck, a paper, a quiz's category); a heading
    that only links back home (``# [返回主页](…)``) names nothing."""
    if meta.get("title"):
        return str(meta["title"]).strip()
    for block in preface:
        if block.kind is BlockKind.HEADING and block.level == 1 and _names(block.content):
            return markers.plain_text(markers.strip_leading_tags(block.content).strip())
        if block.kind is BlockKind.HTML and html_heading(block.content):
            return html_heading(block.content)
    if preface and preface[0].kind is BlockKind.HEADING and preface[0].level == 2 and _names(preface[0].content):
        return markers.plain_text(markers.strip_leading_tags(preface[0].content).strip())
    return Path(source).stem


def _names(heading: str) -> bool:
    return bool(heading.strip()) and not is_link_back(heading)
