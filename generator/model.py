"""The records every part of qgen shares: plain frozen dataclasses, no I/O, no HTML.

Section bodies stay Markdown here; renderers decide how they look.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ids import slugify

SECTION_KINDS = ("question", "answer", "example", "explanation")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block, with the section it sits in and its file line."""

    lang: str
    text: str
    section: str
    line: int


@dataclass(frozen=True)
class ExtraSection:
    """A labelled section that is none of the four known kinds (应用场景, Good to hear, …)."""

    label: str
    text: str
    line: int


@dataclass(frozen=True)
class Point:
    """One point a good answer makes, to tick on a scoring sheet. ``id`` comes from the
    label, so rewording or moving a point keeps it."""

    id: str
    label: str
    text: str
    weight: int = 1

    @property
    def label_opens_text(self) -> bool:
        """Whether the label is the text's own first words (the author wrote no label), so
        that a scoring sheet and a point card's back show the text alone instead of saying
        them twice."""
        return self.text.startswith(self.label.rstrip("*_`").removesuffix("…"))


@dataclass(frozen=True)
class Option:
    """One option of a choice question: its key as written (``A``) and its Markdown."""

    key: str
    text: str


@dataclass(frozen=True)
class Question:
    """One question of a bank. ``id`` is decided once, by the reader, and never changes
    when the question is renumbered, moved or its bodies are edited."""

    id: str
    number: int | None
    title: str
    line: int
    source: str
    question: str | None = None
    answer: str | None = None
    example: str | None = None
    explanation: str | None = None
    extra: tuple[ExtraSection, ...] = ()
    code: tuple[CodeBlock, ...] = ()
    tags: tuple[str, ...] = ()
    section_lines: tuple[tuple[str, int], ...] = ()
    end_line: int = 0  # the last file line of the question
    part: str | None = None  # the title of the part (a heading above the questions) it is in
    points: tuple[Point, ...] = ()  # what a good answer makes: the answer's list items, or a rubric's
    followups: tuple[str, ...] = ()  # questions an interviewer can ask next (追问, Follow-up)
    minutes: int | None = None  # the time budget: ``{minutes=5}`` after the title, or the front matter's
    difficulty: str | None = None  # easy, medium or hard: ``{difficulty=hard}``, or the front matter's
    frequency: str | None = None  # how often it is asked, high, medium or low: ``【高频】`` or ``{frequency=high}``
    # What kind of question: "choice" (one key), "multi" (several), "truefalse", "fill" or
    # "open"; a choice question's options, read from its question section, and its correct
    # keys ("true"/"false" for true/false, the blanks' answers for fill-in).
    kind: str = "open"
    options: tuple[Option, ...] = ()
    correct: tuple[str, ...] = ()
    stem: str | None = None  # the question section without its options (choice questions)
    reason: str | None = None  # the answer after its key (``D`` then why), for choice and true/false

    @property
    def closed(self) -> bool:
        """Whether its answer is a key (option letters, or true or false) that papers print
        as such and ``qgen score`` marks; an open question's answer is for a person to judge."""
        return bool(self.options) or self.kind == "truefalse"

    @property
    def marks(self) -> int | None:
        """What it is worth on a paper: one mark when qgen marks it (as ``qgen score`` counts
        it), else the weights of its answer's points; None when it has no points to mark by."""
        return 1 if self.closed else sum(point.weight for point in self.points) or None

    def section(self, kind: str) -> str | None:
        return getattr(self, kind)

    def section_line(self, kind: str) -> int:
        """The file line where a section starts, or the question's own line."""
        return dict(self.section_lines).get(kind, self.line)


@dataclass(frozen=True)
class Span:
    """A run of a bank's lines and what they are: ``front-matter``, ``preface``, ``part``,
    ``question`` (ref: its id), ``navigation`` (tables of contents, anchors, "back to top")
    or ``skipped`` (ref: the code of the finding at its first line). A bank's spans cover
    every line of its file once, in order."""

    kind: str
    line: int
    end_line: int
    ref: str | None = None


# Between the names of a part and the headings that group it: ``DevOps › 初级``.
PART_PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class Part:
    """A heading above the questions that holds some of them (``## 一、基础``), with the
    text between it and its first question."""

    title: str
    line: int
    text: str = ""


@dataclass(frozen=True)
class Finding:
    """Something wrong with a bank, at a place in a file. A note says what qgen did
    (a file skipped) and changes no exit code."""

    source: str
    line: int | None
    severity: str  # "error", "warning" or "note"
    code: str
    message: str

    def __str__(self) -> str:
        place = f"{self.source}:{self.line}" if self.line else self.source
        return f"{place}: {self.severity}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class Bank:
    """One source file: its metadata, its preface and its questions in document order."""

    source: str
    title: str
    language: str
    tags: tuple[str, ...] = ()
    preface: str = ""
    questions: tuple[Question, ...] = ()
    findings: tuple[Finding, ...] = field(default=(), compare=False)
    # The file's link reference definitions ``[label]: address "title"`` as (label, address,
    # title): ``[text][label]`` in any section refers to them.
    link_definitions: tuple[tuple[str, str, str], ...] = ()
    # Footnote definitions ``[^label]: text`` as (label, their Markdown): ``[^label]`` in
    # any section refers to them.
    footnotes: tuple[tuple[str, str], ...] = ()
    parts: tuple[Part, ...] = ()
    spans: tuple[Span, ...] = ()
    # What the bank's notes are keyed by in Anki: front matter ``id:``, else the file's slug,
    # else (two banks of one name) its path below the folder it was found in.
    key: str = ""

    @property
    def slug(self) -> str:
        stem = self.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return slugify(stem) or "bank"


@dataclass(frozen=True)
class Paper:
    """One mock-exam paper: the questions in paper order. Its exam and its answer key are
    both rendered from this one object, never from two draws."""

    variant: str  # "A", "B", …
    seed: int | None  # None: document order, nothing random
    questions: tuple[Question, ...]
    source_hash: str
    shuffled: bool = False
    history: str | None = None  # the digest of the results it was drawn around, if any
    # Per question, in paper order: the keys of its options in the order printed (shuffled
    # per variant with exam.shuffle_options), or () for a question without options.
    option_orders: tuple[tuple[str, ...], ...] = ()

    def options_of(self, index: int) -> list[tuple[str, "Option", bool]]:
        """The options of the paper's question ``index`` as printed: (letter, option, correct)."""
        question = self.questions[index]
        order = self.option_orders[index] if self.option_orders else tuple(o.key for o in question.options)
        by_key = {option.key: option for option in question.options}
        return [(chr(ord("A") + n), by_key[key], key in question.correct) for n, key in enumerate(order)]

    @property
    def marks(self) -> int | None:
        """The paper's full marks, when every question has marks."""
        marks = [question.marks for question in self.questions]
        return sum(marks) if marks and None not in marks else None

    def correct_letters(self, index: int) -> str:
        return "".join(letter for letter, _, correct in self.options_of(index) if correct)


@dataclass
class NoteChanges:
    """A deck's notes of one kind (a note per question, a note per point) and which were
    added, changed or removed since the last build: question ids, ``question/point`` ids."""

    notes: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
