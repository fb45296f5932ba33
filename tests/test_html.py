"""The study page's questions, against a golden file (``pytest --update-golden`` writes it
anew): what a template or markup change does to the page shows as a diff."""

import re
from datetime import date
from types import SimpleNamespace

from generator.model import Paper
from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_file, read_bank_text
from generator.renderers.html import render_study_page
from generator.renderers.pdf import paper_html
from generator.renderers.view import Views

from .conftest import ROOT


def test_study_page_questions(golden):
    bank = read_bank_file(ROOT / "docs" / "examples" / "choices.md")
    context = SimpleNamespace(language="zh", text_language="zh", templates=None, title=bank.title, stem="choices")
    page = render_study_page([bank], context, Views(MarkupRenderer())).decode("utf-8")
    main = page[page.index("<main"):page.index("</main>") + len("</main>")]  # not the style and script
    golden("choices-study-page-main.html", main + "\n")


def test_part_headings_show_their_links_and_code_not_their_marks():
    """A part's heading as written (a link to its page, code in it) is HTML on the study page
    and on papers, as a question's title is, never ``[…](https://…)`` in print."""
    bank = read_bank_text("## [并发篇](https://example.org/go)\n\n### 1. 什么是 `goroutine`？\n\n**答案：** 轻量线程。\n\n"
                          "## **网络** 篇\n\n### 1. TCP 与 UDP 的区别？\n\n**答案：** 连接。\n", "bank.md")
    assert [q.part for q in bank.questions] == ["[并发篇](https://example.org/go)", "**网络** 篇"]  # as written
    views = Views(MarkupRenderer())
    context = SimpleNamespace(language="zh", text_language="zh", templates=None, title=bank.title, stem="bank",
                              answer_grid=False)
    page = render_study_page([bank], context, views).decode("utf-8")
    paper = Paper("A", None, tuple(bank.questions), "")
    exam = paper_html(paper, "exam", context, views, date(2026, 1, 1))
    for html in (page, exam):
        assert re.findall(r'<h2 class="part-title">(.*?)</h2>', html) == [
            '<a href="https://example.org/go">并发篇</a>', "<strong>网络</strong> 篇"]
