"""Callouts in answers rendered with their titles (``generator/renderers/callouts.py``)."""

from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.renderers.markup import MarkupRenderer


class _Elements(HTMLParser):
    """(tag, attributes, text) of each element, in order."""

    def __init__(self):
        super().__init__()
        self.found: list[list] = []

    def handle_starttag(self, tag, attrs):
        self.found.append([tag, dict(attrs), ""])

    def handle_data(self, data):
        if self.found and data.strip():
            self.found[-1][2] += data.strip()


def elements(html: str) -> list[tuple[str, dict, str]]:
    parser = _Elements()
    parser.feed(html)
    return [tuple(element) for element in parser.found]


@pytest.mark.parametrize(("markdown", "kind", "title", "body"), [
    ("> [!tip] 提示\n> 多读源码。", "tip", "提示", ["多读源码。"]),
    ("> [!NOTE]\n> Useful **information**.", "note", "Note", ["Useful", "information."]),
    ("> [!warning]- 关键点\n>\n> 顺序要对。\n>\n> 1. 先排序", "warning", "关键点", ["顺序要对。", "先排序"]),
])
def test_a_callout_is_a_quote_headed_by_its_title(markdown, kind, title, body):
    found = elements(str(MarkupRenderer().block(markdown, "bank.md", 1)))
    assert found[0] == ("blockquote", {"class": "callout", "data-callout": kind}, "")
    assert found[1] == ("p", {"class": "callout-title"}, title)
    assert [text for _, _, text in found[2:] if text] == body
    # The callout's marker is gone from what is shown.
    assert "[!" not in str(MarkupRenderer().block(markdown, "bank.md", 1))


def test_other_quotes_and_bracketed_text_stay_as_they_are():
    markup = MarkupRenderer()
    quote = elements(str(markup.block("> A quote.\n> [!tip] not first", "bank.md", 1)))
    assert [(tag, attributes) for tag, attributes, _ in quote] == [("blockquote", {}), ("p", {})]
    assert quote[1][2].split() == ["A", "quote.", "[!tip]", "not", "first"]
    assert elements(str(markup.block("[!tip] outside a quote", "bank.md", 1))) == [("p", {}, "[!tip] outside a quote")]


@given(st.lists(st.sampled_from(["> ", ">", "[!tip]", "[!NOTE] t", " x", "\n", "\n\n", "- ", "```", "**", "]"]),
                max_size=12))
@example(["[!tip]", " x", "\n\n", ">"])  # an empty quote last, after a marker elsewhere
def test_any_text_of_quotes_and_markers_renders(pieces):
    """Quotes empty or at the end, markers anywhere: rendering never fails."""
    MarkupRenderer().block("".join(pieces), "bank.md", 1)
