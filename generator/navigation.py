"""Navigation: tables of contents (lists or tables of links to anchors, ``[TOC]``) and
"back to top" lines. A bank's navigation is neither a question nor text left out."""

from __future__ import annotations

import re
from functools import lru_cache

from .blocks import Block, BlockKind, inline_tokens

_SEPARATORS = " |-:\t"  # what a table of links holds besides its links
_TOC_MARKERS = {"[toc]", "[[toc]]", "[[_toc_]]", "{:toc}", "${toc}"}
# A cell of a table of contents beside its links: a number (``| 326 |``) or a group's bold name.
_INDEX_CELL = re.compile(r"\d+\.?|\*\*[^*\[\]]+\*\*")
_LANGUAGE_NAME = r"(?:English(?: Version)?|中文(?:文档|版)?|简体中文|繁體中文|日本語|한국어|Español|Deutsch|Français|Русский)"
_LANGUAGE_LINKS = re.compile(rf"(?:\[{_LANGUAGE_NAME}\]\([^()\s]*\)[\s|/·]*)+")


def is_navigation(blocks: list[Block]) -> bool:
    """True for a table of contents (a list or table of links to anchors, ``[TOC]``) or a
    'back to top' line: nothing but links to anchors."""
    links = 0
    for block in blocks:
        if block.kind in (BlockKind.DETAILS_OPEN, BlockKind.DETAILS_CLOSE, BlockKind.HR) or block.is_tag_only:
            continue
        if block.kind is BlockKind.PARAGRAPH and block.content.strip().lower() in _TOC_MARKERS:
            links += 1
            continue
        if block.kind is BlockKind.HTML and _anchor_links_in_tags(block.content):
            links += 1
            continue
        if block.kind not in (BlockKind.LIST, BlockKind.ITEM, BlockKind.PARAGRAPH, BlockKind.TABLE):
            return False
        for content in block.inline_contents:
            count = _anchor_links_only(content)
            if count is None and not (block.kind is BlockKind.TABLE and _INDEX_CELL.fullmatch(content.strip())):
                return False
            links += count or 0
    return links > 0


_ANCHOR_TAG = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']#[^"']*["'][^>]*>.*?</a\s*>""", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")


def _anchor_links_in_tags(html: str) -> bool:
    """HTML of nothing but links to anchors (``<div align="right"><b><a href="#">↥ back to
    top</a></b></div>``)."""
    rest, links = _ANCHOR_TAG.subn("", html)
    return links > 0 and not _TAG.sub("", rest).strip()


# Summaries that name a folded answer rather than ask (``View answer``, ``查看答案``).
_TOGGLE_LENGTH = 30
_ANSWER_WORDS = re.compile(r"answer|solution|view|show|hide|toggle|contents|答案|解答|查看|显示|展开|目录", re.I)


def is_toggle(summary: str) -> bool:
    """``Show answer``, ``查看答案``: a few words that open the fold, not a question that
    happens to say "solutions" (``What are the pros/cons of each of the solutions …? ***``)."""
    return len(summary) <= _TOGGLE_LENGTH and bool(_ANSWER_WORDS.search(summary))


def is_anchor_only(block: Block) -> bool:
    """A paragraph of nothing but tags (``<a name="devops-beginner"></a>``): an anchor to link to."""
    return block.kind is BlockKind.PARAGRAPH and _anchor_links_only(block.content) == 0


@lru_cache(maxsize=4096)
def _anchor_links_only(content: str) -> int | None:
    """The number of links to '#anchors' (or to the page in another language: ``[English
    Version](README_EN.md)``) when the text holds nothing else, else None."""
    if content.startswith("[") and _LANGUAGE_LINKS.fullmatch(content.strip()):
        return content.count("](")
    if not any(mark in content for mark in "[<\\&"):
        # No link, tag, escape or entity: text, breaks and emphasis only, so the answer is
        # what the parse below would give, without parsing (most paragraphs; a sixth of reading).
        return 0 if not content.strip(_SEPARATORS + "\n") else None
    links, depth = 0, 0
    for token in inline_tokens(content):
        if token.type == "link_open":
            if not str(token.attrGet("href") or "").startswith("#"):
                return None
            links += 1
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        elif depth == 0 and token.type == "text" and token.content.strip(_SEPARATORS):
            return None
        elif depth == 0 and token.type not in ("text", "softbreak", "hardbreak", "html_inline",
                                               "strong_open", "strong_close", "em_open", "em_close"):
            return None  # emphasis around links (``**[⬆ Back to Top](#toc)**``) is still navigation
    return links


def is_navigation_line(text: str) -> bool:
    """A line of nothing but links to anchors (``**[⬆ Back to Top](#table-of-contents)**``)."""
    return bool(_anchor_links_only(text))


# A link's words that lead back rather than name: ``[返回主页](…)``, ``[← Back to home](…)``.
_EMPHASIS = {"strong_open", "strong_close", "em_open", "em_close"}
_BACK_WORDS = re.compile(r"^\W*(?:返回|回到|回首页|主页|首页|目录|back\b|home\b|index\b|table of contents)", re.I)


def is_link_back(text: str) -> bool:
    """A line that is one link back to a home or contents page (``# [返回主页](…/README.md)``
    heading each file of a set): where the reader came from, not what the file is called."""
    tokens = [t for t in inline_tokens(text) if t.type not in _EMPHASIS and (t.type != "text" or t.content.strip())]
    if len(tokens) < 3 or tokens[0].type != "link_open" or tokens[-1].type != "link_close":
        return False
    words = "".join(t.content for t in tokens[1:-1] if t.type == "text")
    return bool(_BACK_WORDS.match(words)) and all(t.type != "link_open" for t in tokens[1:-1])
