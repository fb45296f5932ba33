"""Banks -> Moodle XML (``build/<stem>-moodle.xml``), Moodle's own question import format.

Choice questions are ``multichoice`` (one answer, or several with fractions that sum to 100),
true/false ``truefalse``, fill-in ``shortanswer`` (one blank) or ``cloze`` (a short answer
embedded at each blank, each graded), every other question ``essay`` with its answer and
points in ``graderinfo``. A category per bank and part. Code is highlighted with
its colours written in (a question's text takes no stylesheet); images travel inside the
question as base64 ``file`` elements, which Moodle refers to as ``@@PLUGINFILE@@/name``.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .. import __version__
from ..choices import BLANK
from ..languages import marked_language, text_direction
from ..model import Bank, Finding
from ..rendering import Rendered, RenderJob
from ..templating import environment
from .highlight import INLINE_STYLE
from .markup import MarkupRenderer
from .view import Views

PLUGINFILE = "@@PLUGINFILE@@/"


def moodle_markup(markup: MarkupRenderer) -> MarkupRenderer:
    """A renderer for Moodle's HTML: the build's settings, its own caches."""
    return MarkupRenderer(max_image_mb=markup.max_image_mb, link_definitions=markup.link_definitions,
                          footnotes=markup.footnotes, media_prefix=PLUGINFILE, inline_code_style=INLINE_STYLE,
                          store=markup.store)


def fractions(correct: int, wrong: int) -> tuple[str, str]:
    """(each correct answer's, each wrong answer's) fraction of a multiple-answer question:
    the correct ones sum to 100, the wrong ones to -100 (choosing every option scores 0)."""
    return _fraction(100 / correct), _fraction(-100 / wrong) if wrong else "0"


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# Characters that mean something in an embedded answer, or in the HTML around it: an answer
# holding one stays a plain short answer rather than be escaped twice over.
_CLOZE_SPECIAL = re.compile(r'[{}#~/"\\*<>&=:]')


def cloze(html: Markup, answers: tuple[str, ...]) -> Markup | None:
    """The question's HTML with each blank (``____``, ``（　）``) replaced by a short answer
    Moodle grades on its own (``{1:SHORTANSWER:=def}``), in order; None unless there is
    one answer for each of several blanks."""
    if len(answers) < 2 or len(BLANK.findall(str(html))) != len(answers) or any(
            _CLOZE_SPECIAL.search(answer) for answer in answers):
        return None
    embedded = iter(answers)
    return Markup(BLANK.sub(lambda _: "{1:SHORTANSWER:=%s}" % next(embedded), str(html)))


def render(job: RenderJob) -> Rendered:
    xml, findings = render_moodle(job.banks, job.context, job.views.markup)
    return Rendered([(job.config.out / f"{job.context.stem}-moodle.xml", xml)], findings)


def render_moodle(banks: list[Bank], context, markup: MarkupRenderer) -> tuple[bytes, list[Finding]]:
    """The XML, and what its own rendering of the sections found (images, links): Moodle's
    HTML has its own views (colours written into the code, images as ``@@PLUGINFILE@@``)."""
    moodle = moodle_markup(markup)
    views = Views(moodle)
    xml = environment(context.templates).get_template("moodle/quiz.xml.j2").render(
        banks=[views.bank(bank) for bank in banks], version=__version__, fractions=fractions, cloze=cloze,
        media_in=lambda html: media_in(html, moodle.media.values()),
        marked_language=marked_language, text_direction=text_direction,
    )
    return xml.encode("utf-8"), moodle.findings


def media_in(html: str, media) -> list:
    """The images a question's HTML refers to, each to travel inside it."""
    return sorted((item for item in media if f"{PLUGINFILE}{item.name}" in html), key=lambda item: item.name)
