"""Raw HTML inside a bank's Markdown text: ``<img src=…>`` is read as the image token
``![](…)`` would give; the few tags that only style text render; any other tag is text, so
a ``<script>`` or an ``onclick`` does nothing in any output."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

_HAS_IMG_TAG = re.compile(r"<img\b", re.I)


class _ImageTag(HTMLParser):
    """The attributes of an ``<img>`` tag, read as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "img" and self.attributes is None:
            self.attributes = dict(attrs)

    handle_startendtag = handle_starttag


def image_of_tag(content: str) -> Token | None:
    """An inline ``<img src=… alt=…>`` as the image token ``![alt](src)`` would give."""
    if not _HAS_IMG_TAG.match(content):
        return None
    scan = _ImageTag()
    scan.feed(content)
    scan.close()
    src = (scan.attributes or {}).get("src")
    if not src:
        return None
    alt = (scan.attributes or {}).get("alt") or ""
    return Token("image", "img", 0, attrs={"src": src, "alt": ""}, content=alt,
                 children=[Token("text", "", 0, content=alt)] if alt else [])


# Tags without attributes that change only how text looks: kept; any other tag is text.
_HARMLESS_TAG = re.compile(r"<(/?)(b|strong|i|em|code|kbd|sub|sup|u|s|del|mark|small)>|<(br)\s*/?>", re.I)


def render_inline_tag(renderer, tokens, index, options, env) -> str:
    content = tokens[index].content
    if content.startswith("<!--"):  # shown by no Markdown viewer (``<!--SR:!2024-01-05,3,250-->``)
        return ""
    match = _HARMLESS_TAG.fullmatch(content)
    if match is None:  # as text, its character references read as in the text around it
        return escapeHtml(html.unescape(content))
    if match.group(3):
        return "<br>"
    return f"<{match.group(1)}{match.group(2).lower()}>"


def has_image_tag(text: str) -> bool:
    return bool(_HAS_IMG_TAG.search(text))
