"""Fuzzing the reader and the Markdown-to-HTML step: only QgenError may escape, every
line number it reports lies inside the file, the spans cover every line, and every section
renders with no script let through.

CI runs the small default profile; ``make fuzz`` runs the same tests with the "fuzz" profile
(tens of thousands of examples)."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import QgenError
from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_text

from .conftest import REALWORLD, SEED, assert_spans_cover, count_lines

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
SCRIPTS = st.lists(st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic (RTL)
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.sampled_from(["\x00", "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "\n", "\r", "\t"]),
    st.sampled_from(["### ", "**答案：**", "```", "~~~~", "<details>", "</details>", "> ", "- ", "1. ",
                     "![x](../../etc/passwd)", "{{ 7*7 }}", "题目 1：", "|a|b|\n|-|-|\n"]),
), max_size=120).map("".join)

BANKS = sorted(REALWORLD.glob("*_*.md")) if REALWORLD.is_dir() else []
SOURCES = [SEED.read_text("utf-8")] + [path.read_text("utf-8") for path in BANKS]


def check_reading(text: str) -> None:
    """Reading raises only QgenError with lines inside the file; the spans cover the file;
    every section renders with no script let through."""
    line_count = count_lines(text)
    try:
        bank = read_bank_text(text, "fuzz.md")
    except QgenError as error:
        assert error.line is None or 1 <= error.line <= line_count + 1
        return
    assert_spans_cover(bank, line_count)
    markup = MarkupRenderer(link_definitions={"fuzz.md": bank.link_definitions})
    for finding in bank.findings:
        assert finding.line is None or 1 <= finding.line <= line_count
    for question in bank.questions:
        assert 1 <= question.line <= question.end_line <= line_count
        sections = [question.question, question.answer, question.example, question.explanation,
                    *[extra.text for extra in question.extra]]
        for text_of_section in sections:
            assert "<script" not in markup.block(text_of_section, "fuzz.md", question.line, Path("."))


@given(ANY_TEXT)
def test_any_unicode(text):
    check_reading(text)


@given(SCRIPTS)
def test_scripts_controls_and_markup(text):
    check_reading(text)


@given(st.integers(1, 3000), st.sampled_from(["- ", "> ", "* ", "1. "]))
def test_deep_nesting(depth, marker):
    check_reading("### 题目 1：深\n\n**答案：**\n\n" + marker * depth + "x\n")


@st.composite
def mutated_banks(draw):
    """A real bank with lines deleted, duplicated, swapped, cut or spliced with markup."""
    lines = draw(st.sampled_from(SOURCES)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "splice"]))
        if action == "delete":
            del lines[index:index + draw(st.integers(1, 20))]
        elif action == "duplicate":
            lines[index:index] = lines[index:index + draw(st.integers(1, 20))]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "cut":
            lines[index] = lines[index][:draw(st.integers(0, max(0, len(lines[index]))))]
        else:
            lines.insert(index, draw(SCRIPTS))
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=max(1, settings.default.max_examples // 3))  # each reads and renders a whole bank
@given(mutated_banks())
def test_mutations_of_real_banks(text):
    check_reading(text)


@given(ANY_TEXT)
def test_markup_renders_any_text(text):
    html = MarkupRenderer().block(text, "fuzz.md", 1, Path("."))
    assert "<script" not in html and "<iframe" not in html
