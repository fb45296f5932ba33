"""Baseline: the least a deck builder must do. Split on '### ' with a regex, one note per
question, Pygments for the fences, markdown-it-py for the text, genanki to write."""

import re
import sys

import genanki
from markdown_it import MarkdownIt
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

source, output = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read()
markdown = MarkdownIt("commonmark")
formatter = HtmlFormatter()
fence = re.compile(r"```(\w*)\n(.*?)```", re.S)


def body_html(body):
    parts, last = [], 0
    for match in fence.finditer(body):
        parts.append(markdown.render(body[last:match.start()]))
        parts.append(highlight(match.group(2), get_lexer_by_name(match.group(1) or "text"), formatter))
        last = match.end()
    parts.append(markdown.render(body[last:]))
    return "".join(parts)


model = genanki.Model(1607392319, "Minimal", fields=[{"name": "Front"}, {"name": "Back"}],
                      templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}])
deck = genanki.Deck(2059400110, "Minimal")
for chunk in re.split(r"^### ", text, flags=re.M)[1:]:
    title, _, body = chunk.partition("\n")
    deck.add_note(genanki.Note(model=model, fields=[title, body_html(body)]))
genanki.Package(deck).write_to_file(output)
