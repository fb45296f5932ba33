"""Choice, true/false and fill-in questions: options, keys and kinds, read from the sections
the reader cut.

Options are read from the question section's blocks (markdown-it-py's tokens, so a line of a
code block is never an option): a list whose items open with a key (``- A: …``, ``1. A. …``),
or a paragraph whose lines do (``A. …`` on bare lines, ``（A）…``, ``A) …``, ``A - …``), or
paragraphs of one option each (a blank line between; ``**A**: …``, or a key alone over the
code it shows), or one line holding several (``A. list  B. dict  C. tuple``). Keys run A,
B, C… from A. The correct keys open the answer (``D``, ``ABD``, ``A、C``), after a ``答案：`` or ``【答案】`` left in it;
what follows is the reason. A task list (``- [ ] 2`` / ``- [x] 3``, as GitHub renders it)
holds options too, keyed A, B, C… in order, the ticked ones correct: in the question, or as
the answer of a question with no options (ticked and unticked items both), the rest of the
answer being the reason; options that are code or pictures stand each under an item of its
own (``- [ ] A`` over a fence, ``- [x] B`` over the next). Arabic banks key options with
أ, ب, ج, د…, read as A, B, C, D. A question without options whose answer opens with 对 / 错 /
True / False is true/false; one with a blank (``____``, ``（　）``) is fill-in.
"""

from __future__ import annotations

import re
import string

from . import labels
from .blocks import BLOCK_PARSER, LEADING_WRAPPERS
from .model import Option, Question
from .sections import join_parts

# Keys A to H, or the Arabic letters in their abjad order (``أ:``, ``ب:``, ``هـ:``), read as A to H.
_ARABIC_KEYS = "أبجدهوزح"
_TO_LATIN = str.maketrans(_ARABIC_KEYS, "ABCDEFGH", "ـ")
_LETTER = rf"[A-Ha-h{_ARABIC_KEYS}]ـ?"
# a) is option A; so is ``A - …`` (a dash between spaces).
_KEY = rf"(?:[(（]\s*({_LETTER})\s*[)）]|({_LETTER})(?:\s*[.．、:：)）]|[ \t]+[-–—](?=[ \t])))"
_OPTION_LINE = re.compile(rf"^\s*{_KEY}\s*(.+?)\s*$")
# In a paragraph of its own: ``**A**: …`` (or ``**A:** …``), ``A 在每次 select 中…``, or a key
# alone (``A``, ``**A**:``) over the code it shows.
_BOLD_OPTION = re.compile(rf"^(){labels.BOLD_KEY}[ \t]*(.*)$")  # the bold keys that are no labels
_BARE_OPTION = re.compile(r"^()([A-H])[ \t]+(\S.*)$")
_KEY_ALONE = re.compile(r"^()([A-H])[ \t]*[.．:：)）]?()$")
_PARAGRAPH_OPTIONS = (_OPTION_LINE, _BARE_OPTION, _BOLD_OPTION, _KEY_ALONE)
_OPTION_IN_LINE = re.compile(rf"(?:^|(?<=\s)){_KEY}\s*")
# Options run from A: a text without an A key that could open an option has none.
_KEY_A = re.compile(r"[(（]\s*[Aaأ]\s*[)）]|(?:^|(?<=\s))[Aaأ](?:\s*[.．、:：)）]|[ \t]+[-–—][ \t])"
                    r"|(?:^|(?<=\n))(?:A(?=[ \t\n])|\*\*A\b)")
# A task-list item's text ("[x] 3"), or the box alone (over its code, or an empty option).
_TASK_LABEL = re.compile(r"^\[([ xX])\](?:[ \t\u00a0]+(.*))?$", re.S)
_NAMES_ITSELF = re.compile(r"^\s*(?:[(（]?[A-Ha-h]?[)）]?\s*[.．:：]?)\s*$")  # "A", "A:", ":" name the option
_ONLY_IMAGES = re.compile(r"(?:\s*!\[[^\]]*\]\([^)]*\))+\s*")
_ONLY_IMAGE_TAGS = re.compile(r"(?:\s*(?:<img\b[^>]*>|<br\s*/?>|</?p>))+\s*", re.I)
_TASK_LINE = re.compile(r"^[ \t]*[-*+][ \t]+\[[ xX]\](?:[ \t\u00a0]|$)", re.M)
# Lower-case keys (``b``, ``b, c``) only when the options were written so, and followed by
# punctuation or nothing: "a function of …" is prose, not key A.
# "The answer is the fourth option: D", as javascript-questions' Arabic translation writes it.
_ARABIC_ANSWER_IS = r"(?:ال[إا]جابة|الجواب)(?:\s+(?:هي|هو))?(?:\s+الخيار\s*\S*)?\s*[:：]\s*"
_ANSWER_KEYS = {lower: re.compile(r"^\s*(?:(?:#{1,6}[ \t]+)?【?答案】?\s*[:：]?\s*|(?i:answer|correct)\s*[:：]\s*|"
                                  rf"{_ARABIC_ANSWER_IS})?"
                                  rf"\**\s*({keys}(?:[ \t]*[,，、/&和]?[ \t]*{keys})*)\s*\**\s*{after}")
                 for lower, keys, after in ((False, rf"[A-H{_ARABIC_KEYS}]ـ?", r"(?=$|[\s。.，,;；:：)）])"),
                                            (True, "[A-Ha-h]", r"(?=$|[。.，,;；:：)）])"))}
_TRUE = ("对", "正确", "√", "✓", "✔", "是", "true", "t", "yes", "correct")
_FALSE = ("错", "错误", "×", "✗", "✘", "否", "false", "f", "no", "incorrect", "wrong")
_TRUTH = re.compile(r"^\s*(?:【?答案】?\s*[:：]?\s*)?\**\s*(" + "|".join(map(re.escape, _TRUE + _FALSE)) +
                    r")\s*\**\s*(?=$|[\s。.，,;；!！])", re.I)
BLANK = re.compile(r"_{3,}|（\s*）|\(\s+\)|\[\s+\]")
_TRUE_FALSE_STEM = re.compile(r"判断|对错|正误|是否正确|true or false|对还是错", re.I)
# Kept last when options are shuffled: they speak of the others.
LAST_OPTIONS = re.compile(r"以上(?:都|均|皆)?(?:不)?(?:是|对|正确|错误)|以上皆非|以上都不|none of the above|all of the above|"
                          r"both .+ and .+|neither", re.I)


def latin(key: str) -> str:
    """A key as qgen writes it: ``ب`` is B."""
    return key.translate(_TO_LATIN)


def opens_with_key(text: str) -> bool:
    """Whether a line opens as an option does: ``A. …``, ``(B) …``, ``c) …``."""
    return _OPTION_LINE.match(text) is not None


def read_choice(question: Question) -> dict:
    """The question's kind, options, correct keys, stem and reason (as Question fields)."""
    text = question.question or ""
    options, stem = _options(text)
    answer = question.answer or ""
    ticked: tuple[str, ...] = ()
    if not options and _TASK_LINE.search(text):
        options, ticked, before, after = _task_options(text)
        stem = join_parts([before, after]) or None
    if not options and _TASK_LINE.search(answer):
        options, ticked, before, after = _task_options(answer)
        if options and ticked and len(ticked) < len(options):  # else a checklist, not options
            # What comes before the list (code the options refer to) is part of the question.
            stem = join_parts([text if text != question.title else "", before]) or None
            return {"kind": _kind(ticked), "options": tuple(options), "correct": ticked, "stem": stem,
                    "reason": after or None}
        options = []
    if options:
        lower = any(option.key.islower() for option in options)
        keys, reason = _keys(answer, lower, options)
        keys = ticked or keys
        if lower and not keys:
            return {}  # a) … b) … with no key in the answer: the parts of an open question
        options = [Option(option.key.upper(), option.text) for option in options]
        return {"kind": _kind(keys), "options": tuple(options), "correct": keys, "stem": stem, "reason": reason}
    asked = f"{question.title}\n{text}"
    truth = _TRUTH.match(answer)
    if truth and (_TRUE_FALSE_STEM.search(asked) or BLANK.search(asked) or not answer[truth.end():].strip()):
        value = "true" if truth.group(1).lower() in _TRUE else "false"
        return {"kind": "truefalse", "correct": (value,), "reason": answer[truth.end():].lstrip(" \n。.，,").rstrip() or None}
    if BLANK.search(asked) and answer.strip():
        first = answer.strip().split("\n\n")[0]
        blanks = tuple(part.strip() for part in re.split(r"[；;]", first) if part.strip())
        return {"kind": "fill", "correct": blanks}
    return {}


def _kind(keys: tuple[str, ...]) -> str:
    return "multi" if len(keys) > 1 else "choice"


def _task_options(text: str) -> tuple[list[Option], tuple[str, ...], str, str]:
    """The options of the text's first top-level task list (two items or more, all of them
    ``[ ]`` or ``[x]``), the keys of the ticked ones, and the text before and after the list."""
    lines = text.split("\n")
    tokens = BLOCK_PARSER.parse(text)
    for index, token in enumerate(tokens):
        if token.level != 0 or token.type not in ("bullet_list_open", "ordered_list_open") or not token.map:
            continue
        items = [_TASK_LABEL.match(content) for content in _item_texts(tokens, index)]
        if all(items):  # an empty item ("- [ ]" at the end) is no option
            items = [item for item in items if (item.group(2) or "").strip()]
        if len(items) >= 2 and all(items):
            options = [Option(key, item.group(2).strip()) for key, item in zip(string.ascii_uppercase, items)]
            ticked = tuple(option.key for option, item in zip(options, items) if item.group(1) in "xX")
            start, end = token.map
            return options, ticked, "\n".join(lines[:start]).strip(), "\n".join(lines[end:]).strip()
        shown = _shown_options(tokens, index, lines) if len(items) == 1 and items[0] else None
        if shown and shown[0]:
            return shown
    return [], (), "", ""


def _shown_options(tokens, start: int, lines: list[str]) -> tuple[list[Option], tuple[str, ...], str, str]:
    """Options that are code or pictures, each under a task item of its own (``- [ ] A``
    over a fence, ``- [x] B`` over the next): the unindented blocks cut the list into lists
    of one item. An option's text is its code or picture, after the item's words unless
    they only name it (``A``, ``A:``, ``:``)."""
    found: list[tuple[str, str, list[str]]] = []  # the box, the item's words, the blocks shown
    end = tokens[start].map[0]
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.level != 0 or token.nesting == -1 or not token.map:
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            texts = _item_texts(tokens, index)
            item = _TASK_LABEL.match(texts[0]) if len(texts) == 1 else None
            if item is None or (found and not found[-1][2]):
                break
            found.append((item.group(1), _NAMES_ITSELF.sub("", item.group(2) or "").strip(), []))
        elif _shows(token, tokens[index + 1] if index + 1 < len(tokens) else None):
            found[-1][2].append("\n".join(lines[token.map[0]:token.map[1]]).strip())
        else:
            break
        end = token.map[1]
    if len(found) < 2 or not all(shown for _, _, shown in found):
        return [], (), "", ""
    options = [Option(key, "\n\n".join(part for part in (words, *shown) if part))
               for key, (_, words, shown) in zip(string.ascii_uppercase, found)]
    ticked = tuple(option.key for option, (box, _, _) in zip(options, found) if box in "xX")
    return options, ticked, "\n".join(lines[:tokens[start].map[0]]).strip(), "\n".join(lines[end:]).strip()


def _shows(token, inline) -> bool:
    """Whether a block is code or a picture: what an option can show under its item."""
    if token.type in ("fence", "code_block"):
        return True
    if token.type == "html_block":
        return "<img" in token.content.lower() and _ONLY_IMAGE_TAGS.fullmatch(token.content) is not None
    return token.type == "paragraph_open" and inline is not None and _ONLY_IMAGES.fullmatch(inline.content) is not None


def _item_texts(tokens, start: int) -> list[str]:
    """The inline text of each paragraph directly in an item of the list opening at
    ``start`` (an item's later paragraphs too, so that they can spoil an option)."""
    texts, depth = [], 0
    for token in tokens[start:]:
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "inline" and depth == 1:
            texts.append(token.content)
    return texts


def _options(text: str) -> tuple[list[Option], str | None]:
    """The options in the question section and the section without them."""
    if not _KEY_A.search(text):
        return [], None
    lines = text.split("\n")
    for token_index, token in enumerate(tokens := BLOCK_PARSER.parse(text)):
        if token.level != 0 or token.map is None:
            continue
        found, (start, end) = None, token.map
        if token.type in ("bullet_list_open", "ordered_list_open"):
            found = _from_list(tokens, token_index)
        elif token.type == "paragraph_open":
            found = _from_paragraph(tokens[token_index + 1].content)
            if not found:
                found, end = _from_paragraphs(tokens, token_index, lines)
        if found and _keys_run_from_a(found):
            stem = "\n".join(lines[:start] + lines[end:]).strip() or None
            return found, stem
    return [], None


def _from_paragraphs(tokens, start: int, lines: list[str]) -> tuple[list[Option] | None, int]:
    """Options in paragraphs of their own (``A. one``, a blank line, ``B. two``), as authors
    write them so that Markdown does not run them into one line, a key and a space enough
    (``C 编译通过`` after ``B: 编译错误``) when there are three or more; a key alone (``A``,
    ``**A**:``) over the code it shows. And the line they end at."""
    options: list[tuple[str, list[str]]] = []
    end, bare = tokens[start].map[1], 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.level != 0 or token.nesting == -1:
            continue  # the paragraph's text and its closing
        content = token.type == "paragraph_open" and tokens[index + 1].content
        match = next(filter(None, (form.match(content) for form in _PARAGRAPH_OPTIONS)), None) \
            if content and "\n" not in content else None
        if match is not None and (match.group(3) or match.re is not _OPTION_LINE):
            options.append((latin(match.group(1) or match.group(2)), [match.group(3)] if match.group(3) else []))
            bare += match.re is _BARE_OPTION
        elif options and not options[-1][1] and _shows(token, tokens[index + 1] if index + 1 < len(tokens) else None):
            options[-1][1].append("\n".join(lines[token.map[0]:token.map[1]]).strip())
        else:
            break
        end = token.map[1]
    if len(options) < (3 if bare else 2) or not all(shown for _, shown in options):
        return None, end
    return [Option(key, "\n\n".join(shown)) for key, shown in options], end


def _from_list(tokens, start: int) -> list[Option] | None:
    options = []
    for content in _item_texts(tokens, start):
        match = _OPTION_LINE.match(content.split("\n")[0])
        if not match:
            return None
        rest = content.split("\n", 1)
        text = match.group(3) + ("\n" + rest[1] if len(rest) > 1 else "")
        options.append(Option(latin(match.group(1) or match.group(2)), text.strip()))
    return options


def _from_paragraph(content: str) -> list[Option] | None:
    lines = [line for line in content.split("\n") if line.strip()]
    if len(lines) > 1 and all(_OPTION_LINE.match(line) for line in lines):
        return [Option(latin(m.group(1) or m.group(2)), m.group(3)) for m in map(_OPTION_LINE.match, lines)]
    if len(lines) == 1:
        marks = list(_OPTION_IN_LINE.finditer(lines[0]))
        if len(marks) >= 2 and marks[0].start() == 0:
            ends = [mark.start() for mark in marks[1:]] + [len(lines[0])]
            return [Option(latin(mark.group(1) or mark.group(2)), lines[0][mark.end():end].strip())
                    for mark, end in zip(marks, ends)]
    return None


def _keys_run_from_a(options: list[Option]) -> bool:
    """A, B, C… in order: two or more options, repeats allowed (lint reports them)."""
    expected = list(dict.fromkeys(option.key.upper() for option in options))
    return len(options) >= 2 and expected == list(string.ascii_uppercase[:len(expected)])


def _keys(answer: str, lower: bool = False, options: list[Option] = ()) -> tuple[tuple[str, ...], str | None]:
    """The keys the answer opens with, and the reason after them, without the correct
    option said again (``B) node server.js``)."""
    body = answer[LEADING_WRAPPERS.match(answer).end():]  # ``<div dir='rtl'>`` over the key
    match = _ANSWER_KEYS[lower].match(body)
    if not match:
        return (), answer.strip() or None
    keys = tuple(dict.fromkeys(re.findall(r"[A-H]", latin(match.group(1)).upper())))
    rest = body[match.end():]
    line, _, after = rest.partition("\n")
    if line.strip(" )）.．:：") in {option.text for option in options if option.key.upper() in keys}:
        rest = after
    # ``B. 因为…``: the stop after the key is not the reason's own.
    reason = rest.lstrip(" \n。.，,)）").rstrip() or None
    return keys, reason
