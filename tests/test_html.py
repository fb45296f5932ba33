"""The study page's questions, against a golden file (``pytest --update-golden`` writes it
anew): what a template or markup change does to the page shows as a diff."""

from types import SimpleNamespace

from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_file
from generator.renderers.html import render_study_page
from generator.renderers.view import Views

from .conftest import ROOT


def test_study_page_questions(golden):
    bank = read_bank_file(ROOT / "docs" / "examples" / "choices.md")
    context = SimpleNamespace(language="zh", text_language="zh", templates=None, title=bank.title, stem="choices")
    page = render_study_page([bank], context, Views(MarkupRenderer())).decode("utf-8")
    main = page[page.index("<main"):page.index("</main>") + len("</main>")]  # not the style and script
    golden("choices-study-page-main.html", main + "\n")
