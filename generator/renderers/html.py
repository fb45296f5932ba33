"""Banks -> one self-contained study page: every question with its answer folded, a search
box, keyboard navigation and a practice mode (a timer, the points to tick, results kept in
the browser and downloaded for ``qgen score``); CSS, script and images inline, nothing
loaded from anywhere."""

from __future__ import annotations

from .. import __version__
from ..model import Bank
from ..rendering import Rendered, RenderJob
from ..sheets import LEVELS
from ..templating import environment
from ..languages import text_direction, text_settings
from ..words import words_for
from .highlight import DAY_STYLE, NIGHT_STYLE, code_stylesheet
from .math import as_mathml
from .view import Views, inline_media

def render(job: RenderJob) -> Rendered:
    return Rendered([(job.config.out / f"{job.context.stem}.html", render_study_page(job.banks, job.context, job.views))])


def render_study_page(banks: list[Bank], context, views: Views) -> bytes:
    """The page, its images' bytes and its formulas' MathML put in place last: one file
    with nothing to load."""
    words = words_for(context.language)
    page = environment(context.templates).get_template("html/study.html.j2").render(
        banks=[views.bank(bank) for bank in banks], title=context.title, words=words,
        **text_settings(context.text_language), direction=text_direction, version=__version__,
        stem=context.stem, page_key="|".join(bank.key for bank in banks),
        levels=list(zip(LEVELS, words["levels"].split())), filters=_filters(banks, words),
        light_code_css=code_stylesheet(DAY_STYLE, (".qgen-code",)),
        dark_code_css=code_stylesheet(NIGHT_STYLE, (".qgen-code",)),
    )
    return as_mathml(inline_media(page, views.markup)).encode("utf-8")


def _filters(banks: list[Bank], words: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """The page's filters, each with the values some question has: difficulty, how often
    it is asked, tag (the bank's own tags, which every question has, are no filter)."""
    questions = [q for bank in banks for q in bank.questions]
    shared = set.intersection(*(set(q.tags) for q in questions)) if questions else set()
    filters = []
    for name, order in (("difficulty", ("easy", "medium", "hard")), ("frequency", ("high", "medium", "low"))):
        present = {getattr(q, name) for q in questions}
        values = [(value, words[f"{name}_{value}"]) for value in order if value in present]
        if values:
            filters.append((name, values))
    tags = sorted({tag for q in questions for tag in q.tags} - shared)
    if tags:
        filters.append(("tag", [(tag, tag) for tag in tags]))
    return filters
