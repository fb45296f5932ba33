"""Rendering a section from the reader's tokens gives the HTML and warnings that parsing
its Markdown again gives; where it could not, the reader keeps no tokens for it."""

import textwrap
from pathlib import Path

import pytest

from generator.blocks import SectionTokens
from generator.markup import MarkupRenderer
from generator.reader import read_bank_file, read_bank_text

from .conftest import SEED


def sections(bank):
    for question in bank.questions:
        for kind in ("question", "answer", "example", "explanation"):
            yield question, question.section(kind), question.section_line(kind)
        for extra in question.extra:
            yield question, extra.text, extra.line


def render_both(bank, section_tokens, bank_dir=None):
    """Every section rendered by a renderer given the reader's tokens and by one without."""
    from_tokens, from_text = MarkupRenderer(section_tokens), MarkupRenderer()
    pairs = [(from_tokens.block(text, q.source, line, bank_dir), from_text.block(text, q.source, line, bank_dir))
             for q, text, line in sections(bank)]
    return pairs, from_tokens.findings, from_text.findings


def read(markdown: str):
    section_tokens = SectionTokens()
    bank = read_bank_text(textwrap.dedent(markdown).lstrip("\n"), "bank.md", section_tokens)
    return bank, section_tokens


def test_the_seed_renders_every_section_from_the_readers_tokens():
    section_tokens = SectionTokens()
    bank = read_bank_file(SEED, None, section_tokens)
    kept = len(section_tokens)
    pairs, findings_from_tokens, findings_from_text = render_both(bank, section_tokens, SEED.parent)
    assert kept >= 100  # question, answer, example and explanation of most of the 30 questions
    assert len(section_tokens) == 0  # every kept section was rendered from its tokens
    assert all(ours == theirs for ours, theirs in pairs)
    assert findings_from_tokens == findings_from_text


@pytest.mark.parametrize("name", [
    "chalarangelo_30-seconds-of-interviews_README.md",
    "lydiahallie_javascript-questions_zh-CN.md",
    "pycnblog_lkf-apple-ai-future_h4-numbered-with-recap.md",
    "yangshun_front-end-interview-handbook_javascript-questions_zh.md",
])
def test_real_banks_render_alike_from_tokens_and_from_text(realworld, name):
    section_tokens = SectionTokens()
    bank = read_bank_file(realworld / name, None, section_tokens)
    assert len(section_tokens) > 0
    pairs, findings_from_tokens, findings_from_text = render_both(bank, section_tokens, realworld)
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]
    assert findings_from_tokens == findings_from_text


def test_a_section_with_raw_html_is_parsed_again():
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：** 看下面

        <div class="x">**不是粗体**</div>

        - 一点
        """)
    answer = bank.questions[0].answer
    assert section_tokens.take(answer) is None
    html = MarkupRenderer(section_tokens).block(answer, "bank.md", 3)
    assert "&lt;div" in html and "<div" not in html


def test_links_to_definitions_elsewhere_in_the_file_resolve_in_every_output():
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：** 见 [文档][doc]

        - 列表里的 [规范]

        ### 题目 2：二

        **答案：** [未定义][nope] 照原样

        [DOC]: https://example.com/doc "说明"
        [规范]: https://example.com/spec
        """)
    assert bank.link_definitions == (("DOC", "https://example.com/doc", "说明"), ("规范", "https://example.com/spec", ""))
    assert len(section_tokens) > 0
    links = {"bank.md": bank.link_definitions}
    from_tokens, from_text = MarkupRenderer(section_tokens, link_definitions=links), MarkupRenderer(link_definitions=links)
    first, second = bank.questions
    html = from_tokens.block(first.answer, "bank.md", 3)
    assert html == from_text.block(first.answer, "bank.md", 3)
    assert '<a href="https://example.com/doc" title="说明">文档</a>' in html
    assert '<a href="https://example.com/spec">规范</a>' in html
    assert from_tokens.block(second.answer, "bank.md", 9) == "<p>[未定义][nope] 照原样</p>\n"
    # Another file's definitions do not apply, and its HTML is not mistaken for this one's.
    assert "<a " not in MarkupRenderer().block(first.answer, "other.md", 3)
    assert "<a " not in from_tokens.block(first.answer, "other.md", 3)


def test_link_definitions_survive_the_cache_and_the_markdown_export():
    from generator.cache import bank_from_record, bank_to_record
    from generator.renderers.markdown import render_markdown

    bank, _ = read("""
        ### 题目 1：一

        **答案：** 见 [文档][doc]

        [doc]: https://example.com/a%20b "带 \\"引号\\" 的说明"
        """)
    import json
    assert bank_from_record(json.loads(json.dumps(bank_to_record(bank)))) == bank
    again = read_bank_text(render_markdown(bank).decode("utf-8"), "bank.md")
    assert again.link_definitions == bank.link_definitions == (("DOC", "https://example.com/a%20b", '带 "引号" 的说明'),)


def test_two_lists_with_a_left_out_separator_between_them_render_as_their_joined_text():
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：**

        - 甲

        <!-- 分隔 -->

        - 乙
        """)
    answer = bank.questions[0].answer
    assert answer == "- 甲\n\n- 乙"
    pairs, _, _ = render_both(bank, section_tokens)
    assert all(ours == theirs for ours, theirs in pairs)
    assert MarkupRenderer().block(answer, "bank.md", 3).count("<ul>") == 1


def test_text_after_a_label_that_is_not_one_paragraph_is_parsed_with_its_section():
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：** 1. 第一

        2. 第二
        """)
    answer = bank.questions[0].answer
    html = MarkupRenderer(section_tokens).block(answer, "bank.md", 3)
    assert html == MarkupRenderer().block(answer, "bank.md", 3)
    assert html.count("<ol>") == 1 and html.count("<li>") == 2


def test_the_same_section_in_two_places_warns_in_each(tmp_path):
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：** [本地](file:///etc/passwd)

        ### 题目 2：二

        **答案：** [本地](file:///etc/passwd)
        """)
    markup = MarkupRenderer(section_tokens)
    for question in bank.questions:
        markup.block(question.answer, question.source, question.section_line("answer"), tmp_path)
    assert [finding.line for finding in markup.findings] == [3, 7]


def test_a_section_seen_twice_renders_once(tmp_path):
    bank, section_tokens = read("""
        ### 题目 1：一

        **答案：** 相同的 **答案**

        ### 题目 2：二

        **答案：** 相同的 **答案**
        """)
    markup = MarkupRenderer(section_tokens)
    first, second = (markup.block(q.answer, q.source, q.section_line("answer"), tmp_path) for q in bank.questions)
    assert first is second and first == "<p>相同的 <strong>答案</strong></p>\n"


def test_a_bank_read_without_tokens_renders_the_same(tmp_path):
    section_tokens = SectionTokens()
    with_tokens = read_bank_file(SEED, None, section_tokens)
    without = read_bank_file(SEED)
    assert with_tokens == without
    ours = [MarkupRenderer(section_tokens).block(t, q.source, line, Path(".")) for q, t, line in sections(with_tokens)]
    theirs = [MarkupRenderer().block(t, q.source, line, Path(".")) for q, t, line in sections(without)]
    assert ours == theirs


def test_a_bank_with_an_unclosed_fence_keeps_no_tokens():
    bank, section_tokens = read("""
        ### 题目 1：一

        **举例：**

        ```python
        x = 1


        """)
    assert len(section_tokens) == 0
    assert [finding.code for finding in bank.findings] == ["unclosed-fence"]
