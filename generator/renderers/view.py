"""Each question's Markdown rendered once into HTML, the view model every renderer and
template reads: ``q.html.answer``, ``q.html.options["B"]``, ``q.html.points[0].label``.

A view wraps its record: ``q.title``, ``q.points`` and every other field read through it as
from the record itself. Images refer to their packaged media name (``qgen-….png``); the study
page puts their bytes in place in a last pass (``inline_media``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from ..model import Bank, Paper, Question
from ..sources import bank_folder
from .inline_html import has_image_tag
from .markup import MarkupRenderer


@dataclass(frozen=True)
class PointHtml:
    label: Markup
    text: Markup


class QuestionHtml:
    """The HTML of each part of a question ("" for an absent one), each rendered when an
    output first reads it and kept: a deck without point cards never renders the points."""

    def __init__(self, question: Question, markup: MarkupRenderer):
        self._question, self._markup, self._folder = question, markup, bank_folder(question.source)

    def section(self, kind: str) -> Markup:
        return getattr(self, kind)

    def _block(self, text: str | None, kind: str) -> Markup:
        q = self._question
        return self._markup.block(text, q.source, q.section_line(kind), self._folder)

    @cached_property
    def title(self) -> Markup:
        return self._markup.inline(self._question.title)

    @cached_property
    def part(self) -> Markup:  # the title of its part, as its heading says it
        return self._markup.inline(self._question.part)

    @cached_property
    def question(self) -> Markup:
        return self._block(self._question.question, "question")

    @cached_property
    def stem(self) -> Markup:  # the question without its options (choice questions)
        return self._block(self._question.stem, "question")

    @cached_property
    def answer(self) -> Markup:
        return self._block(self._question.answer, "answer")

    @cached_property
    def reason(self) -> Markup:  # a choice question's answer after its keys
        return self._block(self._question.reason, "answer")

    @cached_property
    def example(self) -> Markup:
        return self._block(self._question.example, "example")

    @cached_property
    def explanation(self) -> Markup:
        return self._block(self._question.explanation, "explanation")

    @cached_property
    def extra(self) -> tuple[tuple[str, Markup], ...]:
        """(label, HTML) of each other section that says something, in order: a heading left
        empty (``#### Good to hear`` with nothing under it) is no section to show."""
        q = self._question
        return tuple((e.label, self._markup.block(e.text, q.source, e.line, self._folder))
                     for e in q.extra if e.text.strip())

    @cached_property
    def options(self) -> dict[str, Markup]:
        """Each option's HTML by its key as written: words inline, code or a picture as blocks."""
        q = self._question
        kind = "question" if q.question and any(option.text in q.question for option in q.options) else "answer"
        return {option.key: self._block(option.text, kind) if _shows_blocks(option.text)
                else self._markup.inline(option.text) for option in q.options}

    @cached_property
    def points(self) -> tuple[PointHtml, ...]:
        return tuple(PointHtml(self._markup.inline(p.label), self._markup.inline(p.text))
                     for p in self._question.points)

    @cached_property
    def followups(self) -> tuple[Markup, ...]:
        return tuple(self._markup.inline(text) for text in self._question.followups)


def _shows_blocks(text: str) -> bool:
    """Whether an option is more than words: code under its item, or a picture."""
    return "\n" in text or "![" in text or has_image_tag(text)


class _View:
    """A record with its HTML: attributes not of the view are the record's."""

    def __init__(self, record, html):
        self.record = record
        self.html = html

    def __getattr__(self, name: str):
        return getattr(self.record, name)


class QuestionView(_View):
    record: Question
    html: QuestionHtml


class BankView(_View):
    """A bank whose ``questions`` are views."""

    def __init__(self, bank: Bank, questions: list[QuestionView], html: BankHtml):
        super().__init__(bank, html)
        self.questions = questions


class BankHtml:
    """The HTML of a bank's own text: its preface and each part's text by its title."""

    def __init__(self, bank: Bank, markup: MarkupRenderer):
        self._bank, self._markup, self._folder = bank, markup, bank_folder(bank.source)

    @cached_property
    def preface(self) -> Markup:
        return self._markup.block(self._bank.preface, self._bank.source, 1, self._folder)

    @cached_property
    def parts(self) -> dict[str, Markup]:
        return {part.title: self._markup.block(part.text, self._bank.source, part.line, self._folder)
                for part in self._bank.parts}


class Views:
    """The views of one build's questions, each made once, by one markup renderer (whose
    cache also keeps HTML that is the same wherever it stands)."""

    def __init__(self, markup: MarkupRenderer):
        self.markup = markup
        self._made: dict[tuple[str, str, int], QuestionView] = {}
        self._banks: dict[str, BankView] = {}  # by source: the deck and the study page share one

    def question(self, question: Question) -> QuestionView:
        key = (question.source, question.id, question.line)
        if key not in self._made:
            self._made[key] = QuestionView(question, QuestionHtml(question, self.markup))
        return self._made[key]

    def bank(self, bank: Bank) -> BankView:
        if bank.source not in self._banks:
            self._banks[bank.source] = BankView(bank, [self.question(q) for q in bank.questions],
                                                BankHtml(bank, self.markup))
        return self._banks[bank.source]

    def to_render(self, questions) -> int:
        """How many of ``questions`` have sections whose HTML is not at hand (an earlier
        build's, kept by the cache): what is worth sharing out to other processes."""
        return sum(1 for q in questions if not all(self.markup.knows(text) for text in (q.question, q.answer) if text))

    def paper(self, paper: Paper) -> list[QuestionView]:
        return [self.question(q) for q in paper.questions]


_PACKAGED_IMAGE = re.compile(r'src="(qgen-[0-9a-f]{16}\.[a-z]+)"')


def inline_media(html: str, markup: MarkupRenderer) -> str:
    """The page with each packaged image's bytes in its ``src`` (a data: URI), so that the
    page is one file. Only the markup renderer writes such a ``src``: a bank's own HTML is
    escaped."""
    return _PACKAGED_IMAGE.sub(lambda m: f'src="{markup.media[m.group(1)].data_uri()}"'
                               if m.group(1) in markup.media else m.group(0), html)
