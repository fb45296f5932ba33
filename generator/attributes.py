"""What an author writes after a question's title in braces: ``{#id minutes=5
difficulty=hard frequency=high tags=rag,检索}``, and a frequency mark in the title (``【高频】``). The id pins the question's identity; the others are the
question's own settings, over the bank's front matter. One pattern for every place that
has to see past the braces (the reader, the label rules, ``qgen ids --pin``)."""

from __future__ import annotations

import re
import unicodedata

_PAIR = r'[A-Za-z][\w-]*=(?:"[^"]*"|[^\s"{}]+)'
# ``{#id}``, ``{minutes=5}``, ``{#id a=1 b="x y"}`` at the end of a title.
ATTRIBUTES = re.compile(rf'\s*\{{(?=\s*[#A-Za-z])\s*(?:#(?P<id>\w[\w.:-]*))?(?P<pairs>(?:\s*{_PAIR})*)\s*\}}\s*$')
# The tag Obsidian's and Logseq's flashcard plugins mark a card's question with: ``#card``,
# ``#card-reverse``, ``#card/spaced``, ``#flashcards/js``.
CARD_TAG = re.compile(r"\s+#(?:card|flashcards?)(?:[-/][\w/-]*)?\s*$", re.I)
_PAIRS = re.compile(r'([A-Za-z][\w-]*)=(?:"([^"]*)"|([^\s"{}]+))')

DIFFICULTIES = {
    "easy": "easy", "medium": "medium", "hard": "hard",
    "初级": "easy", "中级": "medium", "高级": "hard",
    "简单": "easy", "中等": "medium", "困难": "hard",
}
FREQUENCIES = {"high": "high", "medium": "medium", "low": "low", "高频": "high", "常考": "high", "必考": "high",
               "中频": "medium", "低频": "low"}
KEYS = ("minutes", "difficulty", "frequency", "tags")
# ``【高频】什么是闭包？`` or ``什么是闭包？（高频）``: how often a question is asked, marked in its title.
_FREQUENCY_MARK = re.compile(r"^\s*[【\[(（](高频|常考|必考|中频|低频)[】\])）]\s*|\s*[【\[(（](高频|常考|必考|中频|低频)[】\])）]\s*$")


class AttributeProblem(ValueError):
    """An attribute qgen cannot use, said in one line."""


def split_attributes(title: str) -> tuple[str, str | None, dict[str, str]]:
    """``Title {#my-id minutes=5}`` -> ("Title", "my-id", {"minutes": "5"}). A flashcard
    plugin's tag after the title (``What is a closure? #card``, before or after the braces
    ``qgen ids --pin`` writes) is no part of it."""
    title = CARD_TAG.sub("", title) if "#" in title else title
    match = ATTRIBUTES.search(title)
    if not match:
        return title, None, {}
    pairs = {pair.group(1): pair.group(2) if pair.group(2) is not None else pair.group(3)
             for pair in _PAIRS.finditer(match.group("pairs"))}
    title = title[: match.start()].rstrip()
    return CARD_TAG.sub("", title) if "#" in title else title, match.group("id"), pairs


def split_frequency_mark(title: str) -> tuple[str, str | None]:
    """``【高频】什么是闭包？`` -> ("什么是闭包？", "high"); the mark is not part of the title
    (nor of the id derived from it)."""
    match = _FREQUENCY_MARK.search(title)
    if not match:
        return title, None
    return (title[:match.start()] + title[match.end():]).strip(), FREQUENCIES[match.group(1) or match.group(2)]


def without_trailing_symbols(text: str) -> str:
    """The text without the symbols and emoji that end it (``… ⭐️``, ``… 🚀``), nor the
    space before them."""
    end = len(text.rstrip())
    while end and (unicodedata.category(text[end - 1]) in _SYMBOL_CATEGORIES or text[end - 1].isspace()):
        end -= 1
    return text[:end]


# Symbols (⭐, 👶, 🚀, ✅), an emoji's variation selector and skin tone, and the joiner of
# composed emoji.
_SYMBOL_CATEGORIES = {"So", "Sk", "Mn", "Cf"}
_LEGEND_WORDS = {**DIFFICULTIES, "beginner": "easy", "intermediate": "medium", "advanced": "hard", "expert": "hard"}


def difficulty_legend(text: str) -> dict[str, str]:
    """What the symbols after questions' titles mean, from the first line of ``text`` (a
    bank's preface) that pairs two or more symbols with difficulties: ``Legend: 👶 easy ⭐️
    medium 🚀 expert`` -> {"👶": "easy", "⭐": "medium", "🚀": "hard"}."""
    for line in text.split("\n"):
        words = line.split()
        legend = {_symbol_key(symbol): _LEGEND_WORDS[word.strip(",;.，；。、").lower()]
                  for symbol, word in zip(words, words[1:])
                  if _symbol_key(symbol) and word.strip(",;.，；。、").lower() in _LEGEND_WORDS}
        if len(legend) >= 2:
            return legend
    return {}


def split_difficulty_mark(title: str, legend: dict[str, str]) -> tuple[str, str | None]:
    """``What is regression? 👶`` -> ("What is regression?", "easy") when the legend says
    what 👶 means; the mark is then the question's difficulty, not part of its title."""
    body = without_trailing_symbols(title)
    difficulty = legend.get(_symbol_key(title[len(body):].strip())) if legend else None
    return (body, difficulty) if difficulty else (title, None)


def _symbol_key(text: str) -> str:
    """A symbol as a legend and a title both write it, without the variation selectors and
    joiners that one writer puts in and another leaves out ("" when it is no symbol)."""
    key = "".join(char for char in text if unicodedata.category(char) not in ("Mn", "Cf"))
    return key if key and all(unicodedata.category(char) in ("So", "Sk") for char in key) else ""


def only_attributes(text: str) -> bool:
    """True when ``text`` is nothing but an attribute block (what follows a bold title)."""
    match = ATTRIBUTES.match(text)
    return bool(match) and match.start() == 0


def without_attributes(title: str) -> str:
    return split_attributes(title)[0]


def tagged_as_card(line: str) -> bool:
    """Whether a line ends with a flashcard plugin's tag, braces after it or not."""
    return "#" in line and CARD_TAG.search(ATTRIBUTES.sub("", line)) is not None


def without_card_tag(line: str) -> str:
    """``What is X? #card {#x}`` -> ``What is X? {#x}``: the braces, which hold its id, kept."""
    braces = ATTRIBUTES.search(line)
    return CARD_TAG.sub("", line[:braces.start()]) + line[braces.start():] if braces else CARD_TAG.sub("", line)


def settings(pairs: dict[str, str]) -> dict:
    """The attributes as values: ``minutes`` a whole number from 1 to 600, ``difficulty``
    easy / medium / hard (初级 / 中级 / 高级 and 简单 / 中等 / 困难 read as these),
    ``frequency`` high / medium / low (高频 / 中频 / 低频), ``tags`` a comma-separated list.
    Raises AttributeProblem for anything else."""
    values: dict = {}
    for key, text in pairs.items():
        if key not in KEYS:
            raise AttributeProblem(f"unknown attribute “{key}” (known: {', '.join(KEYS)})")
        try:
            values[key] = check_setting(key, text)
        except AttributeProblem as problem:
            raise AttributeProblem(f"attribute “{key}” {problem}") from None
    return values


def check_setting(key: str, value):
    """One setting, from an attribute (text) or the front matter (YAML value); a problem
    is said without the key (``must be …``), which the caller names."""
    if key == "minutes":
        number = value if isinstance(value, int) and not isinstance(value, bool) else (
            int(value) if isinstance(value, str) and value.isdigit() else None)
        if number is None or not 1 <= number <= 600:
            raise AttributeProblem("must be a whole number of minutes (1 to 600)")
        return number
    if key == "difficulty":
        if not isinstance(value, str) or value.strip().lower() not in DIFFICULTIES:
            raise AttributeProblem("must be easy, medium or hard (初级, 中级, 高级)")
        return DIFFICULTIES[value.strip().lower()]
    if key == "frequency":
        if not isinstance(value, str) or value.strip().lower() not in FREQUENCIES:
            raise AttributeProblem("must be high, medium or low (高频, 中频, 低频)")
        return FREQUENCIES[value.strip().lower()]
    if key == "tags":
        if isinstance(value, str):
            value = value.split(",")
        if not (isinstance(value, list) and all(isinstance(tag, str) for tag in value)):
            raise AttributeProblem("must be a list of texts, e.g. tags: [rag, 检索]")
        return tuple(tag.strip() for tag in value if tag.strip())
    raise AttributeProblem("is not a setting of a question")
