"""Laws of the reader, checked on generated banks (hypothesis)."""

import re
from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.errors import QgenError
from generator.ids import assign_ids, slugify
from generator.model import Bank, CodeBlock, ExtraSection, Question
from generator.reader import read_bank_text
from generator.renderers.markdown import render_markdown

from .conftest import assert_spans_cover

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
LATIN = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
WORD = st.text(st.one_of(CJK, LATIN), min_size=1, max_size=8)


@st.composite
def sentences(draw, bold=True):
    """One line of prose: CJK and Latin words, sometimes with **bold** inside."""
    words = draw(st.lists(WORD, min_size=1, max_size=6))
    if bold and len(words) > 1 and draw(st.booleans()):
        index = draw(st.integers(1, len(words) - 1))
        words[index] = f"**{words[index]}**"
    punctuation = draw(st.sampled_from(["", "。", "？", "."]))
    return " ".join(words) + punctuation


@st.composite
def code_blocks(draw):
    lines = draw(st.lists(st.one_of(
        st.just("### 题目 9：不是题目"), st.just("# comment"), st.just("**答案：** 不是标签"),
        st.just("    indented = 1"), sentences(bold=False),
    ), min_size=1, max_size=5))
    lang = draw(st.sampled_from(["python", "js", "go", ""]))
    fence = draw(st.sampled_from(["```", "~~~", "````"]))
    return lang, "\n".join(lines) + "\n", fence


@st.composite
def section_texts(draw):
    """Markdown of one section: paragraphs, lists and fences separated by blank lines."""
    parts = []
    for kind in draw(st.lists(st.sampled_from(["p", "list", "code"]), min_size=1, max_size=4)):
        if kind == "p":
            parts.append(draw(sentences()))
        elif kind == "list":
            items = draw(st.lists(sentences(), min_size=1, max_size=3))
            parts.append("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))
        else:
            lang, text, fence = draw(code_blocks())
            parts.append(f"{fence}{lang}\n{text}{fence}")
    return "\n\n".join(parts)


OPTIONAL_TEXT = st.one_of(st.none(), st.just(""), section_texts())


@st.composite
def titles(draw):
    """One to six titles, each with a different slug."""
    drawn = draw(st.lists(sentences(bold=False), min_size=1, max_size=6, unique_by=lambda title: slugify(title)))
    assume(all(slugify(title) for title in drawn))
    return drawn


@st.composite
def banks(draw):
    language = draw(st.sampled_from(["zh", "en"]))
    questions = []
    for number, title in enumerate(draw(titles()), 1):
        extras = draw(st.lists(st.tuples(st.sampled_from(["应用场景", "扩展阅读", "Notes"]), section_texts()),
                               max_size=2, unique_by=lambda e: e[0]))
        questions.append(Question(
            id=slugify(title), number=number, title=title, line=0, source="bank.md",
            question=draw(st.one_of(st.just(""), section_texts())),
            answer=draw(OPTIONAL_TEXT), example=draw(OPTIONAL_TEXT), explanation=draw(OPTIONAL_TEXT),
            extra=tuple(ExtraSection(label, text, 0) for label, text in extras),
        ))
    return Bank(source="bank.md", title="Generated bank", language=language, questions=tuple(questions))


def _comparable(question: Question) -> Question:
    """Drop what depends on layout (line numbers) and what the reader derives (code, points,
    and a kind from the text: an answer drawn as "FALSE" is a true/false question)."""
    return replace(question, line=0, end_line=0, section_lines=(), code=(), points=(), followups=(),
                   kind="open", options=(), correct=(), stem=None, reason=None,
                   extra=tuple(replace(e, line=0) for e in question.extra))


@given(banks())
def test_written_banks_read_back_equal(bank):
    text = render_markdown(bank).decode("utf-8")
    again = read_bank_text(text, "bank.md")
    assert [_comparable(q) for q in again.questions] == [_comparable(q) for q in bank.questions]
    assert (again.title, again.language) == (bank.title, bank.language)


@pytest.mark.slow
@given(banks())
def test_code_blocks_are_found_in_their_sections(bank):
    again = read_bank_text(render_markdown(bank).decode("utf-8"), "bank.md")
    lines = render_markdown(bank).decode("utf-8").split("\n")
    for question in again.questions:
        for block in question.code:
            assert isinstance(block, CodeBlock)
            assert block.section in ("question", "answer", "example", "explanation",
                                     *[e.label for e in question.extra])
            assert re.match(r"^(```|~~~)", lines[block.line - 1])
            owner = question.section(block.section) if block.section in (
                "question", "answer", "example", "explanation") else next(
                e.text for e in question.extra if e.label == block.section)
            assert block.text.rstrip("\n") in owner


ARBITRARY = st.lists(st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=5),
    st.sampled_from(["\n", "### ", "**答案：**", "```", "~~~", "<details>", "</details>", "---\n",
                     "1. ", "- ", "> ", "题目 1：", "<summary>答案</summary>", "\r\n", "{#x}",
                     # quotes and callouts, flashcards, worked problems, numbered bold lines
                     "[!tip] ", "[!question]- ", "**Q: ", "A: ", "::", "?", "#card", "#flashcards", "<!--x-->",
                     "## 描述\n", "## 题解\n", "**1.2 ", "1️⃣ ", "**A1.**", "[English](x.md)",
                     # Obsidian_to_Anki's notes
                     "\nSTART\nBasic\n", "Back: ", "Tags: a b\n", "\nEND\n", "<!--ID: 12-->"]),
), max_size=80).map("".join)


@given(ARBITRARY)
def test_arbitrary_text_raises_only_qgen_errors_with_lines_inside_the_file(text):
    try:
        bank = read_bank_text(text, "fuzz.md")
    except QgenError as error:
        assert error.line is None or 1 <= error.line <= text.count("\n") + 2
        return
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for question in bank.questions:
        assert 1 <= question.line <= line_count
        for block in question.code:
            assert 1 <= block.line <= line_count
    for finding in bank.findings:
        assert 1 <= finding.line <= line_count


@pytest.mark.slow
@given(banks(), st.randoms(use_true_random=False), st.integers(0, 5))
def test_ids_survive_renumbering_reordering_and_edits(bank, rng, edit_seed):
    original = read_bank_text(render_markdown(bank).decode("utf-8"), "bank.md")
    ids_by_title = {q.title: q.id for q in original.questions}
    shuffled = list(bank.questions)
    rng.shuffle(shuffled)
    edited = []
    for position, question in enumerate(shuffled):
        changes = {"number": position + 100}
        if (position + edit_seed) % 2 == 0:
            changes["answer"] = (question.answer or "") + "\n\n补充一句。"
            changes["explanation"] = "新的解析。"
        edited.append(replace(question, **changes))
    again = read_bank_text(render_markdown(replace(bank, questions=tuple(edited))).decode("utf-8"), "bank.md")
    assert {q.title: q.id for q in again.questions} == ids_by_title


@given(st.lists(sentences(bold=False), min_size=1, max_size=8), st.lists(sentences(), min_size=8, max_size=8))
def test_assigned_ids_are_unique(titles, bodies):
    ids = assign_ids(titles, [None] * len(titles), bodies[:len(titles)])
    assert len(set(ids)) == len(ids)


LABEL_STYLES = ["bold", "bold-outside", "plain", "bracket", "quote", "heading", "none"]
WORDS_OF = {"question": ("题目", "Question"), "answer": ("答案", "Answer"), "explanation": ("解析", "Explanation")}


def _labelled(style: str, kind: str, text: str, english: bool) -> str:
    word = WORDS_OF[kind][english]
    return {
        "bold": f"**{word}：** {text}", "bold-outside": f"**{word}**：{text}", "plain": f"{word}: {text}",
        "bracket": f"【{word}】{text}", "quote": f"> **{word}**：{text}", "heading": f"#### {word}\n\n{text}",
    }[style]


@st.composite
def mixed_style_banks(draw):
    """(Markdown, expected (title, question, answer, explanation) per question)."""
    chunks, expected = [], []
    for number, title in enumerate(draw(titles()), 1):
        title = title.rstrip("。？.") + "？"
        style = draw(st.sampled_from(LABEL_STYLES))
        english = draw(st.booleans())
        question, answer = draw(sentences(bold=False)), draw(sentences(bold=False))
        explanation = draw(st.one_of(st.none(), sentences(bold=False)))
        if style == "none":
            chunks.append(f"### {number}. {title}\n\n{answer}")
            expected.append((title, title, answer, None))
            continue
        parts = [_labelled(style, "question", question, english), _labelled(style, "answer", answer, english)]
        if explanation:
            parts.append(_labelled(style, "explanation", explanation, english))
        joiner = "\n" if style == "bracket" else "\n\n"
        chunks.append(f"### {number}. {title}\n\n" + joiner.join(parts))
        expected.append((title, question, answer, explanation))
    return "\n\n".join(chunks) + "\n", expected


@given(mixed_style_banks())
def test_every_question_is_read_whatever_label_style_it_uses(case):
    text, expected = case
    bank = read_bank_text(text, "bank.md")
    assert [(q.title, q.question, q.answer, q.explanation) for q in bank.questions] == expected
    assert [span.kind for span in bank.spans] == ["question"] * len(expected)
    assert bank.findings == ()


FRAGMENTS = st.one_of(
    sentences(), st.sampled_from([
        "- a", "1. **要点：** 说明", "2. 不是列表的开头", "* b", "+ c", "> - 引用里的列表", "> 引用",
        "```python", "```", "~~~", "<div>", "</div>", "<!-- 注释", "-->", "    缩进的代码", "  - 缩进的项",
        "---", "===", "| a | b |", "|---|---|", "[ref]: /url", "[^1]: 脚注", "**追问：** - 追问一", "1) 第一",
        "2024 年", "***", "#### 小标题", "**评分要点：**", "  继续上一行",
    ]))


@st.composite
def answers_in_every_shape(draw):
    """A bank whose answers open with text after their label and go on with any blocks."""
    chunks = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        lines = draw(st.lists(FRAGMENTS, min_size=1, max_size=8))
        joiners = draw(st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(lines), max_size=len(lines)))
        body = "".join(line + joiner for line, joiner in zip(lines, joiners))
        chunks.append(f"### 题目 {number}：问题{number}\n\n**答案：** {body}")
    return "\n".join(chunks)


@given(answers_in_every_shape())
def test_list_items_read_from_the_files_tokens_are_those_of_the_sections_text(text):
    from generator.points import followups_of, points_of

    try:
        bank = read_bank_text(text, "bank.md")
    except QgenError:
        return
    for question in bank.questions:
        assert question.points == points_of(question)  # parsed again from the section's text alone
        assert question.followups == followups_of(question)


@st.composite
def question_lists(draw):
    """(Markdown, expected (title, answer, follow-ups) per question) of a bank that is a list
    of questions, two or more ending in a question mark, each with an answer nested under
    it (a paragraph, then any blocks), on the lines after a question that asks (no blank
    line between), follow-ups, or nothing."""
    drawn = draw(titles())
    assume(len(drawn) >= 2)
    asked = [title.rstrip("。？.") + "？" for title in drawn[:2]] + drawn[2:]
    ordered = draw(st.booleans())
    items, expected = [], []
    for number, title in enumerate(asked, 1):
        marker = f"{number}." if ordered else draw(st.sampled_from(["-", "*", "+"]))
        indent = " " * (len(marker) + 1)
        nested = draw(st.sampled_from(["answer", "next line", "follow-ups", "none"]))
        answer, followups = None, ()
        body = ""
        if nested == "next line" and title.endswith("？"):
            answer = "\n".join(line.rstrip("？") + "。" for line in draw(st.lists(sentences(bold=False), min_size=1, max_size=2)))
            body = "\n" + "\n".join(indent + line for line in answer.split("\n"))
        elif nested == "answer":
            answer = draw(sentences(bold=False)) + draw(st.one_of(st.just(""), section_texts().map(lambda t: "\n\n" + t)))
            body = "\n\n" + "\n".join(indent + line if line else "" for line in answer.split("\n"))
        elif nested == "follow-ups":
            followups = tuple(text.rstrip("。？.") + "？" for text in draw(st.lists(sentences(bold=False), min_size=1, max_size=3)))
            body = "\n" + "\n".join(f"{indent}- {text}" for text in followups)
        items.append(f"{marker} {title}{body}")
        expected.append((title, answer, followups))
    separator = "\n\n" if ordered or any(e[1] for e in expected) else draw(st.sampled_from(["\n", "\n\n"]))
    return "# Questions\n\n" + separator.join(items) + "\n", expected


@given(question_lists())
def test_every_item_of_a_list_of_questions_is_read_with_what_is_nested_under_it(case):
    text, expected = case
    bank = read_bank_text(text, "bank.md")
    assert [(q.title, q.answer, q.followups) for q in bank.questions] == expected
    assert [q.question for q in bank.questions] == [title for title, _, _ in expected]
    assert_spans_cover(bank, text.count("\n"))
    assert not [f for f in bank.findings if f.code.startswith("skipped")]


@given(titles(), st.lists(sentences(bold=False), min_size=6, max_size=6), st.sampled_from(["**Q: {}**", "Q: {}", "问：{}"]))
def test_questions_in_a_quote_read_as_the_same_questions_without_it(asked, answers, style):
    """Quote marks around a file's question and answer lines change nothing that is read,
    not even a line number: the quote is the style, the lines are the questions."""
    assume(len(asked) >= 2)
    pairs = "\n\n".join(f"{style.format(title + '？')}\n答：{answer}" for title, answer in zip(asked, answers))
    quoted = "\n".join(f"> {line}" if line else ">" for line in pairs.split("\n"))
    plain, in_quote = (read_bank_text(f"# Notes\n\n{body}\n", "bank.md") for body in (pairs, quoted))
    assert [(q.title, q.answer, q.line) for q in in_quote.questions] == \
        [(q.title, q.answer, q.line) for q in plain.questions]
    assert [q.title for q in plain.questions] == [f"{title}？" for title in asked]
    assert_spans_cover(in_quote, 2 + pairs.count("\n") + 1)


@given(titles(), st.lists(sentences(bold=False), min_size=6, max_size=6), st.sampled_from(["::", ":::"]),
       st.booleans())
def test_a_deck_of_single_line_flashcards_reads_each_front_and_back(fronts, backs, separator, in_front_matter):
    """Each ``front::back`` line of a note tagged as a deck is one question, its front the
    title and the question, its back the answer, on its own line."""
    assume(len(fronts) >= 2)
    cards = "\n".join(f"{front}{separator}{back}" for front, back in zip(fronts, backs))
    text = f"---\ntags: [flashcards]\n---\n\n{cards}\n" if in_front_matter else f"#flashcards/deck\n{cards}\n"
    bank = read_bank_text(text, "bank.md")
    first = 5 if in_front_matter else 2
    assert [(q.title, q.question, q.answer, q.line) for q in bank.questions] == [
        (front, front, back, first + offset) for offset, (front, back) in enumerate(zip(fronts, backs))]
    assert_spans_cover(bank, text.count("\n"))
