"""Baseline: the least a printed paper needs. The first N questions split with a regex,
markdown-it-py and Pygments for the text and code, one plain Jinja page, WeasyPrint."""

import re
import sys

import jinja2
import weasyprint
from markdown_it import MarkdownIt
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

source, output, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
formatter = HtmlFormatter()
markdown = MarkdownIt("commonmark", {"highlight": lambda code, lang, attrs: highlight(
    code, get_lexer_by_name(lang or "text"), formatter)})
chunks = re.split(r"^### ", open(source, encoding="utf-8").read(), flags=re.M)[1:count + 1]
questions = [{"title": c.partition("\n")[0], "body": markdown.render(c.partition("\n")[2])} for c in chunks]
page = jinja2.Template(
    "<html><head><style>body{font-family:'Noto Serif CJK SC'} pre{white-space:pre-wrap}"
    "{{ css }}</style></head><body>{% for q in questions %}<h2>{{ q.title }}</h2>{{ q.body }}"
    "{% endfor %}</body></html>").render(questions=questions, css=formatter.get_style_defs())
weasyprint.HTML(string=page).write_pdf(output)
