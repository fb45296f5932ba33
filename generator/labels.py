"""The vocabulary of question banks: which words mark a question and which label a section.

Real banks spell the same thing many ways (题目/问题/Question, 答案/解答/参考答案, …); this
table is the one place that knows them, so the reader stays a walk over tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .attributes import only_attributes, split_frequency_mark, without_attributes, without_trailing_symbols

# "Answer" in the other languages banks are translated into (the folded answers of
# javascript-questions' 22 translations: ``<summary><b>Antwort</b></summary>``, ``#### Antwort: D``).
_ANSWER_ELSEWHERE = ["antwort", "respuesta", "respuesta correcta", "solución", "réponse", "resposta", "risposta",
                     "răspuns", "antwoord", "odpowiedź", "odgovor", "përgjigja", "cevap", "jawaban", "đáp án",
                     "ответ", "відповідь", "答え", "正解", "답", "정답", "คำตอบ", "الإجابة", "الاجابة"]

# The one table of section labels: for each kind, the label qgen writes in each language
# (first) and every synonym it reads.
SECTION_LABELS = {
    "question": {"zh": "题目", "en": "Question",
                 "read": ["题目", "问题", "题目描述", "问题描述", "题干", "问", "question", "problem"]},
    "answer": {"zh": "答案", "en": "Answer",
               "read": ["答案", "解答", "参考答案", "解答过程", "回答", "答",
                        "answer", "answers", "solution", "view answer", "show answer", *_ANSWER_ELSEWHERE]},
    "example": {"zh": "举例", "en": "Example",
                "read": ["举例", "示例", "实例", "例子", "代码示例", "代码实现示例", "示例代码", "代码实例",
                         "example", "examples", "code example"]},
    "explanation": {"zh": "解析", "en": "Explanation",
                    "read": ["解析", "答案解析", "解题思路", "分析", "详解", "explanation", "analysis"]},
}
SECTION_SYNONYMS = {kind: entry["read"] for kind, entry in SECTION_LABELS.items()}


# Extra sections with a role: a rubric gives the points a scoring sheet lists (it wins over
# the answer's own list), follow-ups the questions an interviewer asks next.
RUBRIC_LABELS = {"评分要点", "评分标准", "得分点", "要点", "rubric", "scoring", "good to hear", "key points"}
FOLLOWUP_LABELS = {"追问", "延伸问题", "follow-up", "follow-ups", "followup", "follow up", "follow-up questions"}


def is_rubric_label(label: str) -> bool:
    return label.strip().casefold() in RUBRIC_LABELS


def is_followup_label(label: str) -> bool:
    return label.strip().casefold() in FOLLOWUP_LABELS


def label_for(kind: str, language: str) -> str:
    """The label qgen writes for a section kind: 答案 in a Chinese bank, Answer otherwise."""
    return SECTION_LABELS[kind]["zh" if language.lower().startswith("zh") else "en"]


_KIND_OF_LABEL = {
    re.sub(r"\s+", "", word.casefold()): kind
    for kind, words in SECTION_SYNONYMS.items()
    for word in words
}

_COLON = "[：:]"
QUESTION_MARKS = ("？", "?", "؟")  # full-width, ASCII, Arabic
_QUESTION_WORD = r"(?:题目|问题|面试题|试题|question|q)"
_NUMBERED_KEYWORD = re.compile(rf"^{_QUESTION_WORD}\s*(\d{{1,5}})\s*(?:{_COLON}|[.．、])?\s*(.*)$", re.I | re.S)
_UNNUMBERED_KEYWORD = re.compile(rf"^(?:(?:题目|问题|question)\s*{_COLON}|q[.．](?=\s)|q\s*{_COLON})\s*(\S.*)$", re.I | re.S)
_NUMBERED = re.compile(rf"^(\d{{1,5}})(?:[.．、)）](?!\d)|\s*{_COLON})\s*(\S.*)$", re.S)
_LEADING_TAGS = re.compile(r"^(?:\s*<[^>]*>)+")
_NAMED_ANCHOR = re.compile(r"""<a\s+(?:name|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*)\s*/?>(.*?)</a\s*>""", re.I | re.S)
_WHOLLY_BOLD = re.compile(r"(\*\*|__)([^*_]+)\1")
_LABEL_WITH_TEXT = re.compile(rf"^([^：:\n]{{1,30}}?)\s*{_COLON}\s*(.*)$", re.S)

MAX_LABEL_LENGTH = 30
# A line that opens with a label, in each style real banks write: ``**答案：** …``,
# ``**答案**：…``, ``【答案】…`` and an unbold ``答案：…`` / ``答：…`` / ``Answer: …``.
_BOLD_AT_START = re.compile(r"^ {0,3}(\*\*|__)(?=\S)(.+?)(?<=\S)\1(.*)$")
_BRACKETED = re.compile(r"^ {0,3}【\s*([^】\n]{1,%d}?)\s*】[ \t]*(.*)$" % MAX_LABEL_LENGTH)
_OPTION_B = re.compile(r"^\s*(?:[(（]\s*B\s*[)）]|B\s*[.．、:：)）])")
_PLAIN = re.compile(r"^ {0,3}([^\s：:*_#>`|【\[<!-][^：:\n]{0,%d}?)\s*[：:][ \t]*(.*)$" % MAX_LABEL_LENGTH)


@dataclass(frozen=True)
class Marker:
    """What a heading or bold line says about being a question.

    ``strength`` is "keyword" (题目 3：…, 问题：…, Question 3: …), "numbered" (3. …) or
    "plain" (any other heading text)."""

    strength: str
    number: int | None
    title: str


@lru_cache(maxsize=4096)
def section_kind(label: str) -> str | None:
    """The section kind a label names (答案 -> "answer"), or None for other labels (the
    same few labels recur on every question, hence the cache)."""
    return _KIND_OF_LABEL.get(re.sub(r"\s+", "", label.casefold()))


def strip_leading_tags(text: str) -> str:
    """``<a name=x></a>55. …`` -> ``55. …``, ``<a name="css">CSS</a>`` -> ``CSS``: tags
    before a heading's words and the anchors that name it for links are not its title."""
    if "<a" in text:
        text = _NAMED_ANCHOR.sub(r"\1", text)
    return _LEADING_TAGS.sub("", text).lstrip()


def unbolded(text: str) -> str:
    """The text without the bold around it all (``**1.你最大的缺点**``), if it is all bold."""
    bold = _WHOLLY_BOLD.fullmatch(text)
    return bold.group(2).strip() if bold else text


# A label in bold at the start of a heading: ``##### **问题**：…`` / ``##### **问题：** …``.
_BOLD_LABEL_START = re.compile(rf"^(\*\*|__)([^*_\n]{{1,{MAX_LABEL_LENGTH}}}?)\s*({_COLON})?\1[ \t]*({_COLON})?[ \t]*")


def bold_label_unwrapped(text: str) -> str:
    """``**问题**：…`` -> ``问题：…``: a heading's bold label read as if it were plain."""
    match = _BOLD_LABEL_START.match(text)
    if match and (match.group(3) or match.group(4)):
        return f"{match.group(2).strip()}：{text[match.end():]}"
    return text


def heading_bold_label(text: str) -> tuple[str, str] | None:
    """(label, the rest) of a heading that opens with a bold label in any word
    (``##### **出题人**：…``), as a bold label opening a paragraph is."""
    match = _BOLD_LABEL_START.match(text.strip())
    if match and (match.group(3) or match.group(4)) and not _NUMBERED.match(match.group(2)):
        return match.group(2).strip(), text.strip()[match.end():].strip()
    return None  # ``## **274.试写出程序结果：**`` is a numbered question


def heading_marker(text: str) -> Marker:
    """Classify a heading's text as a question marker of some strength; bold around the
    whole heading (``### **1.你最大的缺点**``) or around its label (``##### **问题**：…``)
    is not part of it."""
    text = bold_label_unwrapped(unbolded(strip_leading_tags(text).strip()))
    match = _NUMBERED_KEYWORD.match(text)
    if match:
        return Marker("keyword", int(match.group(1)), match.group(2).strip())
    match = _UNNUMBERED_KEYWORD.match(text)
    if match and section_kind(match.group(1)) is None:
        return Marker("keyword", None, match.group(1).strip())
    match = _NUMBERED.match(text)
    if match:
        return Marker("numbered", int(match.group(1)), match.group(2).strip())
    return Marker("plain", None, text)


def bold_marker(bold: str, rest: str) -> Marker | None:
    """A bold line that opens a question (``**题目1：** text``, ``**问题 2：…？**``,
    ``**问题：…**``), or None. ``**题目：** text`` is a label, not a marker."""
    bold = bold.strip()
    # ``**问题 2：…？** {#my-id}``: an id written after the bold belongs to the title.
    after = f" {rest.strip()}" if only_attributes(rest) else ""
    match = _NUMBERED_KEYWORD.match(bold)
    if match:
        # ``**Q1**：什么是…？`` then ``**A1**：…`` on the next line: the title is the rest of the first line.
        title = match.group(2).strip() + after if match.group(2).strip() else _first_line(rest)
        return Marker("keyword", int(match.group(1)), title)
    match = _UNNUMBERED_KEYWORD.match(bold)
    if match:
        return Marker("keyword", None, match.group(1).strip() + after)
    return None


def bold_question(bold: str, rest: str) -> Marker | None:
    """A paragraph that is one bold question (``**什么是进程？**``): a question when an
    answer label follows it, which the caller checks."""
    bold = bold.strip()
    if (rest.strip() and not only_attributes(rest)) or "\n" in bold or not ends_with_question_mark(bold):
        return None
    marker = heading_marker(bold)
    after = f" {rest.strip()}" if rest.strip() else ""
    return Marker("keyword", marker.number, marker.title + after)


def _first_line(rest: str) -> str:
    """What follows a bold marker on its line, without the colon or stop after the bold."""
    return rest.strip().split("\n", 1)[0].lstrip(".:：、 ").strip()


_BOLD_NUMBER = re.compile(r"^(\d{1,4})\s*[.)．、）]\s*(.*)$", re.S)


def bold_numbered(bold: str, rest: str) -> Marker | None:
    """A paragraph that opens with a bold number, a task or question whatever it asks:
    ``**1)** The number of active ads.``, ``**2) Factorial**. Compute n!``. The title is
    what the bold holds after the number, else the rest of the paragraph's first line."""
    match = _BOLD_NUMBER.match(bold.strip())
    if not match or "\n" in bold:
        return None
    title = match.group(2).strip() or _first_line(rest)
    return Marker("numbered", int(match.group(1)), title) if title else None


# ``1.什么是…？``, ``2、…``, ``3）…``: a paragraph's number written without the space that
# would make it a Markdown list item (so it stays text); not ``1.5 倍`` or ``2024.04.01``.
LEADING_PLAIN_NUMBER = re.compile(r"^\s{0,3}(\d{1,3})[.．、)）](?!\d)\s*")


def plain_numbered(first_line: str) -> Marker | None:
    """A paragraph whose first line opens with a number, the rest of the line its title."""
    match = LEADING_PLAIN_NUMBER.match(first_line)
    title = first_line[match.end():].strip() if match else ""
    return Marker("numbered", int(match.group(1)), title) if title else None


def looks_like_question(marker: Marker) -> bool:
    """Numbered, with a question keyword, or ending in a question mark."""
    return marker.strength != "plain" or ends_with_question_mark(marker.title)


def ends_with_question_mark(title: str) -> bool:
    """``什么是闭包？``, ``What is hoisting? {#hoist}`` or ``What is regression? 👶``: the
    explicit id, a frequency mark and symbols after the question mark (a difficulty written
    as an emoji) do not count."""
    return without_trailing_symbols(split_frequency_mark(without_attributes(title))[0]).endswith(QUESTION_MARKS)


_BARE_ANSWER_LETTER = re.compile(r"A\d{0,3}")  # ``A: …``, and ``A1：…`` answering ``Q1：…``
_BARE_QUESTION_LETTER = re.compile(r"Q\d{0,3}")
# ``Q1. …`` over ``A1. …``: with a number, a letter and a stop is a label, never an option (``A. …``).
_LETTER_NUMBERED = re.compile(r"^ {0,3}([QA])\d{1,3}[.．][ \t]+(\S.*)$", re.S)


def line_label(line: str) -> tuple[str, str] | None:
    """(label, the rest of the line) when a source line opens with a label in any style.

    Bold and bracketed labels may be any word (``**应用场景：**`` is an extra section); an
    unbold ``word：`` is a label only when the word is a known one (答案, 答, Answer…), so
    that ``注意：…`` stays text."""
    match = _BOLD_AT_START.match(line)
    if match:
        return _spelled_out(bold_label(match.group(2), match.group(3)))
    match = _BRACKETED.match(line)
    if match:
        return _spelled_out((match.group(1), match.group(2).strip()))
    match = _PLAIN.match(line)
    if match and section_kind(match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    if match and _BARE_QUESTION_LETTER.fullmatch(match.group(1)):  # no option is keyed Q
        return "Question", match.group(2).strip()
    match = _LETTER_NUMBERED.match(line)  # ``Q1. What is RAG?``
    if match and match.group(1) == "Q":
        return "Question", match.group(2).strip()
    return None


def bare_answer(line: str, next_line: str | None) -> tuple[str, str] | None:
    """A bare ``A: …`` (or ``A1：…``) line after a question label is its answer, unless a
    ``B`` option follows it (then it is option A); elsewhere it is text (``line_label``
    says None)."""
    match = _LETTER_NUMBERED.match(line)
    if match and match.group(1) == "A":
        return "Answer", match.group(2).strip()
    match = _PLAIN.match(line)
    if (match and _BARE_ANSWER_LETTER.fullmatch(match.group(1))
            and not (next_line is not None and _OPTION_B.match(next_line))):
        return "Answer", match.group(2).strip()
    return None


# ``**Q:** … **A:** …`` (``**A1**：…``): single letters are labels only in bold or brackets,
# where no option line (``A: …`` on a bare line) can be mistaken for one.
_LETTER_LABELS = {"q": "Question", "a": "Answer"}
_LETTER_LABEL = re.compile(r"([qa])\d{0,3}")


def _spelled_out(label: tuple[str, str] | None) -> tuple[str, str] | None:
    letter = _LETTER_LABEL.fullmatch(label[0].casefold()) if label else None
    if letter is None:
        return label
    return _LETTER_LABELS[letter.group(1)], label[1]


def line_kind(line: str) -> str | None:
    """The section kind of the label a line opens with (``答案：…`` -> "answer"), if any."""
    label = line_label(line)
    return section_kind(label[0]) if label else None


def split_label(text: str) -> tuple[str, str] | None:
    """``答案：D`` (or ``**答案**：D``) -> ("答案", "D") when the part before the colon is a
    known label."""
    match = _LABEL_WITH_TEXT.match(bold_label_unwrapped(text.strip()))
    if match and section_kind(match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    return None


def bold_label(bold: str, rest: str) -> tuple[str, str] | None:
    """The label of a paragraph that starts with bold text, and the text that follows it.

    ``**答案：** text``, ``**答案**：text`` and ``**应用场景：**`` are labels; ``**注意** text``
    (no colon, not a known label) is ordinary bold text."""
    bold = bold.strip()
    if not bold or len(bold) > MAX_LABEL_LENGTH + 1 or "\n" in bold:
        return None
    if bold[-1] in "：:":
        label = bold[:-1].strip()
        return (label, rest.strip()) if label else None
    stripped = rest.lstrip()
    if stripped[:1] in ("：", ":"):
        return bold, stripped[1:].strip()
    if section_kind(bold) and not rest.strip():
        return bold, ""
    return None
