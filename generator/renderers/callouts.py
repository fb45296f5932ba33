"""Callouts in answers (Obsidian's ``> [!tip] 提示``, GitHub's ``> [!NOTE]``) rendered as
what their authors see: a quote headed by its title, not a quote that opens with
``[!tip]``. A markdown-it core rule between the block and the inline parse; the quote gets
``class="callout"`` and the callout's type, its title a paragraph of its own."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..quotes import callout


def callout_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "callout", _callouts)


def _callouts(state: StateCore) -> None:
    if "[!" not in state.src:
        return
    tokens = state.tokens
    # From the last quote back, so that a callout's new tokens move none still to be seen.
    for index in reversed([i for i, token in enumerate(tokens[:-2]) if token.type == "blockquote_open"]):
        opening, inline = tokens[index + 1:index + 3]
        first, _, rest = inline.content.partition("\n")
        found = callout(first) if opening.type == "paragraph_open" and inline.type == "inline" else None
        if found is None:
            continue
        kind, title = found
        tokens[index].attrSet("class", "callout")
        tokens[index].attrSet("data-callout", kind)
        heading = [_token("paragraph_open", "p", 1, opening), _token("inline", "", 0, opening, title),
                   _token("paragraph_close", "p", -1, opening)]
        heading[0].attrSet("class", "callout-title")
        if rest.strip():
            inline.content = rest
            tokens[index + 1:index + 1] = heading
        else:  # the title alone in its paragraph: the title takes its place
            tokens[index + 1:index + 4] = heading


def _token(kind: str, tag: str, nesting: int, like: Token, content: str = "") -> Token:
    return Token(kind, tag, nesting, map=like.map, level=like.level + (1 if kind == "inline" else 0),
                 block=True, content=content, children=[] if kind == "inline" else None)
