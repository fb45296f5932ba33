"""The vocabulary of question banks: which words label a section, in every style a line can
carry a label (``**答案：**``, ``【解析】``, ``答：``, ``A1：``).

Real banks spell the same thing many ways (答案/解答/参考答案/Answer, …); this table is the one
place that knows them, so the reader stays a walk over tokens. What marks a question
(``题目 3：``, ``3.``, a question mark) is ``markers``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .ids import part_name


# "Answer" in the other languages banks are translated into (the folded answers of
# javascript-questions' 22 translations: ``<summary><b>Antwort</b></summary>``, ``#### Antwort: D``).
_ANSWER_ELSEWHERE = ["antwort", "respuesta", "respuesta correcta", "solución", "réponse", "répondre", "resposta",
                     "risposta", "răspuns", "antwoord", "odpowiedź", "odgovor", "përgjigja", "cevap", "jawaban", "đáp án",
                     "ответ", "відповідь", "答え", "正解", "답", "정답", "คำตอบ", "الإجابة", "الاجابة", "الأجابة",
                     "الإجابة الصحيحة", "الاجابة الصحيحة"]

# The labels as banks in traditional characters (Taiwan, Hong Kong) write them; Japanese
# shares 問題 and 解答 with them, and its own words and Korean's follow in the table below.
_TRADITIONAL = {
    "question": ["題目", "問題", "題目描述", "問題描述", "題幹", "問", "面試題"],
    "answer": ["參考答案", "參考回答", "正確答案", "答案為", "正確答案為", "解答過程"],
    "example": ["舉例", "範例", "實例", "程式碼範例", "代碼示例", "示例代碼", "代碼實例"],
    "explanation": ["答案解析", "解題思路", "詳解", "面試官心理分析"],
}

# The one table of section labels: for each kind, the label qgen writes in each language
# (first) and every synonym it reads.
SECTION_LABELS = {
    "question": {"zh": "题目", "en": "Question",
                 "read": ["题目", "问题", "题目描述", "问题描述", "题干", "问", "面试题", "question", "ques", "problem",
                          *_TRADITIONAL["question"], "質問", "設問", "질문", "문제"]},
    "answer": {"zh": "答案", "en": "Answer",
               "read": ["答案", "解答", "参考答案", "参考回答", "正确答案", "答案为", "正确答案为", "解答过程", "解答思路", "回答", "答",
                        "面试题剖析", "解法", "题解", "answer", "answers", "ans", "correct answer", "solution", "solutions",
                        "view answer", "show answer",
                        *_TRADITIONAL["answer"], "답변", *_ANSWER_ELSEWHERE]},
    "example": {"zh": "举例", "en": "Example",
                "read": ["举例", "示例", "实例", "例子", "代码示例", "代码实现示例", "示例代码", "代码实例",
                         "example", "examples", "code example", *_TRADITIONAL["example"], "例題", "コード例", "예시", "예제"]},
    "explanation": {"zh": "解析", "en": "Explanation",
                    "read": ["解析", "答案解析", "解题思路", "分析", "详解", "面试官心理分析", "explanation", "analysis",
                             *_TRADITIONAL["explanation"], "解説", "해설"]},
}
SECTION_SYNONYMS = {kind: entry["read"] for kind, entry in SECTION_LABELS.items()}


# The sub-headings of a worked problem (an algorithm task and its solution, one a file):
# what states it, then what solves it. ``## 02、题目分析`` and ``## 示例1`` are read without
# their numbers, ``## Golang实现`` without its language. Not 题目 or 问题: ``## 题目1``,
# ``## 题目2`` are a bank's questions.
PROBLEM_STATEMENT = {"描述", "题目描述", "问题描述", "示例", "样例", "输入", "输出", "输入描述", "输出描述", "提示",
                     "数据范围", "约束", "description", "example", "examples", "input", "output",
                     "constraints", "note"}
PROBLEM_SOLUTION = {"分析", "题目分析", "题解", "题解分析", "解法", "解析答案", "题目解答", "题目进阶", "进阶", "思路",
                    "解题思路", "思路分析", "详细解析", "解析", "图解", "题目图解", "动图演示", "算法步骤", "复杂度分析",
                    "代码", "代码实现", "代码展示", "代码分析", "代码示例", "参考代码", "实现", "solution", "solutions",
                    "approach", "intuition", "algorithm", "complexity", "complexity analysis", "code",
                    "implementation", "follow-up", "follow up"}
_TRAILING_NUMBER = re.compile(r"[\s\d:：]+$")  # ``示例1``, ``Example 2:``
_LANGUAGE = re.compile(r"^(?:golang|go|javascript|java|python3?|c\+\+|js|typescript|rust)\s*(?:语言)?\s*", re.I)


def problem_section(heading: str) -> str | None:
    """"statement" or "solution" for a worked problem's sub-heading, else None; code in a
    language (``## Go语言示例``) is the solution."""
    name = _TRAILING_NUMBER.sub("", part_name(heading.strip()) or "").strip()  # ``02、题目分析``: its words
    coded = _LANGUAGE.sub("", name).casefold()
    if coded != name.casefold() and coded in PROBLEM_STATEMENT | PROBLEM_SOLUTION:
        return "solution"
    name = name.casefold()
    return "statement" if name in PROBLEM_STATEMENT else "solution" if name in PROBLEM_SOLUTION else None


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

COLON = "[：:]"
_LABEL_WITH_TEXT = re.compile(rf"^([^：:\n]{{1,30}}?)\s*{COLON}\s*(.*)$", re.S)

MAX_LABEL_LENGTH = 30
# A line that opens with a label, in each style real banks write: ``**答案：** …``,
# ``**答案**：…``, ``【答案】…`` and an unbold ``答案：…`` / ``答：…`` / ``Answer: …``.
_BOLD_AT_START = re.compile(r"^ {0,3}(\*\*|__)(?=\S)(.+?)(?<=\S)\1(.*)$")
_BRACKETED = re.compile(r"^ {0,3}【\s*([^】\n]{1,%d}?)\s*】[ \t]*(.*)$" % MAX_LABEL_LENGTH)
_OPTION_B = re.compile(r"^\s*(?:[(（]\s*B\s*[)）]|B\s*[.．、:：)）])")
_PLAIN = re.compile(r"^ {0,3}([^\s：:*_#>`|【\[<!-][^：:\n]{0,%d}?)\s*[：:][ \t]*(.*)$" % MAX_LABEL_LENGTH)


@lru_cache(maxsize=4096)
def section_kind(label: str) -> str | None:
    """The section kind a label names (答案 -> "answer"), or None for other labels (the
    same few labels recur on every question, hence the cache)."""
    return _KIND_OF_LABEL.get(_LEADING_MARKS.sub("", re.sub(r"\s+", "", label.casefold())))


_LEADING_MARKS = re.compile(r"^[^\w(（]+")  # ``☑参考回答：``, ``👉 答案：``: a mark before the word


# A label in bold at the start of a heading: ``##### **问题**：…`` / ``##### **问题：** …``.
BOLD_LABEL_START = re.compile(rf"^(\*\*|__)([^*_\n]{{1,{MAX_LABEL_LENGTH}}}?)\s*({COLON})?\1[ \t]*({COLON})?[ \t]*")


def bold_label_unwrapped(text: str) -> str:
    """``**问题**：…`` -> ``问题：…``: a heading's bold label read as if it were plain."""
    match = BOLD_LABEL_START.match(text)
    if match and (match.group(3) or match.group(4)):
        return f"{match.group(2).strip()}：{text[match.end():]}"
    return text


_BARE_ANSWER_LETTER = re.compile(r"A\d{0,3}")  # ``A: …``, and ``A1：…`` answering ``Q1：…``
_BARE_QUESTION_LETTER = re.compile(r"Q\d{0,3}")
# ``Q1. …`` over ``A1. …``: with a number, a letter and a stop is a label, never an option (``A. …``).
_LETTER_NUMBERED = re.compile(r"^ {0,3}([QA])\d{1,3}[.．][ \t]+(\S.*)$", re.S)
_NUMBERED_ANSWER = re.compile(r"A\d{1,3}[.．]")  # a number: never an option's key (``**A.**``)


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


# ``**A**:`` over code, ``**B**: `false``` (a Go quiz): bold keys of options, not labels.
BOLD_KEY = r"\*\*([A-H])(?:\*\*[ \t]*[.．:：)）]|[ \t]*[.．:：)）][ \t]*\*\*)"  # ``**A**:``, ``**A:**``
_BOLD_KEY = re.compile("^" + BOLD_KEY)


def bold_option_keys(first_lines: dict[int, str]) -> set[int]:
    """Of paragraphs by id, by their first lines, those that open with a bold key when B
    follows A among them: options, which would otherwise read as an answer labelled A and
    sections labelled B, C, D."""
    keyed = [(block, match.group(1)) for block, line in first_lines.items() if (match := _BOLD_KEY.match(line))]
    letters = [letter for _, letter in keyed]
    return {block for block, _ in keyed} if "A" in letters and "B" in letters[letters.index("A"):] else set()


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
    # ``**Answer: B) node server.js**``: a whole line in bold, an answer label and its value.
    match = _LABEL_WITH_TEXT.match(bold)
    if match and not rest.strip() and "\n" not in bold and section_kind(match.group(1)) == "answer":
        return match.group(1).strip(), match.group(2).strip()
    if not bold or len(bold) > MAX_LABEL_LENGTH + 1 or "\n" in bold:
        return None
    if bold[-1] in "：:" or _NUMBERED_ANSWER.fullmatch(bold):  # ``**A1.**`` under ``**Q1.** …``
        label = bold[:-1].strip()
        return (label, rest.strip()) if label else None
    stripped = rest.lstrip()
    if stripped[:1] in ("：", ":"):
        return bold, stripped[1:].strip()
    if section_kind(bold) and not rest.strip():
        return bold, ""
    return None
