"""Banks -> one self-contained study page: every question with its answer folded, a search
box, keyboard navigation and a practice mode (a timer, the points to tick, results kept in
the browser and downloaded for ``qgen score``); CSS, script and images inline, nothing
loaded from anywhere."""

from __future__ import annotations

from .. import __version__
from ..markup import MarkupRenderer, code_stylesheet
from ..model import Bank
from ..results import LEVELS
from ..sources import bank_folder
from ..templating import environment
from ..words import interface_language, words_for

LIGHT_STYLE, DARK_STYLE = "default", "github-dark"


def render_study_page(banks: list[Bank], context, markup: MarkupRenderer) -> bytes:
    lang = interface_language(context.language)
    page = environment(context.templates).get_template("html/study.html.j2").render(
        banks=banks, title=context.title, lang=lang, words=words_for(lang), md=markup, version=__version__,
        stem=context.stem, page_key="|".join(bank.key for bank in banks),
        levels=list(zip(LEVELS, words_for(lang)["levels"].split())),
        bank_dir=lambda q: bank_folder(q.source),
        light_code_css=code_stylesheet(LIGHT_STYLE, (".qgen-code",)),
        dark_code_css=code_stylesheet(DARK_STYLE, (".qgen-code",)),
    )
    return page.encode("utf-8")
