"""Markdown sections -> HTML: links to definitions, warnings per place, one render per text."""

import json

from generator.cache import bank_from_record, bank_to_record
from generator.renderers.markup import MarkupRenderer
from generator.reader import read_bank_text
from generator.renderers.markdown import render_markdown

from .conftest import read


def test_links_to_definitions_elsewhere_in_the_file_resolve_in_every_output():
    bank = read("""
        ### 题目 1：一

        **答案：** 见 [文档][doc]

        - 列表里的 [规范]

        ### 题目 2：二

        **答案：** [未定义][nope] 照原样

        [DOC]: https://example.com/doc "说明"
        [规范]: https://example.com/spec
        """)
    assert bank.link_definitions == (("DOC", "https://example.com/doc", "说明"), ("规范", "https://example.com/spec", ""))
    markup = MarkupRenderer(link_definitions={"bank.md": bank.link_definitions})
    first, second = bank.questions
    html = markup.block(first.answer, "bank.md", 3)
    assert '<a href="https://example.com/doc" title="说明">文档</a>' in html
    assert '<a href="https://example.com/spec">规范</a>' in html
    assert markup.block(second.answer, "bank.md", 9) == "<p>[未定义][nope] 照原样</p>\n"
    # Another file's definitions do not apply, and its HTML is not mistaken for this one's.
    assert "<a " not in MarkupRenderer().block(first.answer, "other.md", 3)
    assert "<a " not in markup.block(first.answer, "other.md", 3)


def test_link_definitions_survive_the_cache_and_the_markdown_export():
    bank = read("""
        ### 题目 1：一

        **答案：** 见 [文档][doc]

        [doc]: https://example.com/a%20b "带 \\"引号\\" 的说明"
        """)
    assert bank_from_record(json.loads(json.dumps(bank_to_record(bank)))) == bank
    again = read_bank_text(render_markdown(bank).decode("utf-8"), "bank.md")
    assert again.link_definitions == bank.link_definitions == (("DOC", "https://example.com/a%20b", '带 "引号" 的说明'),)


def test_two_lists_with_a_left_out_separator_between_them_render_as_one_list():
    bank = read("""
        ### 题目 1：一

        **答案：**

        - 甲

        <!-- 分隔 -->

        - 乙
        """)
    answer = bank.questions[0].answer
    assert answer == "- 甲\n\n- 乙"
    assert MarkupRenderer().block(answer, "bank.md", 3).count("<ul>") == 1


def test_text_after_a_label_that_is_not_one_paragraph_is_parsed_with_its_section():
    bank = read("""
        ### 题目 1：一

        **答案：** 1. 第一

        2. 第二
        """)
    html = MarkupRenderer().block(bank.questions[0].answer, "bank.md", 3)
    assert html.count("<ol>") == 1 and html.count("<li>") == 2


def test_the_same_section_in_two_places_warns_in_each(tmp_path):
    bank = read("""
        ### 题目 1：一

        **答案：** [本地](file:///etc/passwd)

        ### 题目 2：二

        **答案：** [本地](file:///etc/passwd)
        """)
    markup = MarkupRenderer()
    for question in bank.questions:
        markup.block(question.answer, question.source, question.section_line("answer"), tmp_path)
    assert [finding.line for finding in markup.findings] == [3, 7]


def test_a_section_seen_twice_renders_once(tmp_path):
    bank = read("""
        ### 题目 1：一

        **答案：** 相同的 **答案**

        ### 题目 2：二

        **答案：** 相同的 **答案**
        """)
    markup = MarkupRenderer()
    first, second = (markup.block(q.answer, q.source, q.section_line("answer"), tmp_path) for q in bank.questions)
    assert first is second and first == "<p>相同的 <strong>答案</strong></p>\n"


def test_math_is_carried_through_as_written():
    html = MarkupRenderer().block("公式 $a_1 + b_2 \\, c$ 与 \\(x_i < y\\)，价格 $5 和 $6\n\n$$\nE_k = mc^2\n$$",
                                  "bank.md", 1)
    assert "$a_1 + b_2 \\, c$" in html and "\\(x_i &lt; y\\)" in html
    assert "$$\nE_k = mc^2\n$$" in html and "<em>" not in html
    assert "价格 $5 和 $6" in html  # prices are not math


def test_footnotes_defined_anywhere_show_their_text_where_they_are_referred_to():
    bank = read("""
        ### 题目 1：一

        **答案：** 见注[^1]。

        ### 题目 2：二

        **答案：** 无注。

        [^1]: 第一条说明，
            第二行。
        """)
    assert bank.footnotes == (("1", "[^1]: 第一条说明，\n    第二行。"),)
    assert bank.questions[1].answer == "无注。"
    markup = MarkupRenderer(footnotes={"bank.md": bank.footnotes})
    html = markup.block(bank.questions[0].answer, "bank.md", 3)
    assert 'class="footnote-ref"' in html and "第一条说明，\n第二行。" in html
    assert "footnote" not in markup.block(bank.questions[1].answer, "bank.md", 7)
    again = read_bank_text(render_markdown(bank).decode("utf-8"), "bank.md")
    assert again.footnotes == bank.footnotes


def test_image_names_with_spaces_and_cjk_are_found_and_large_ones_left_out(tmp_path):
    from .conftest import tiny_png

    (tmp_path / "图 片.png").write_bytes(tiny_png())
    with open(tmp_path / "huge.png", "wb") as handle:  # sparse: 30 MB that take no disk
        handle.truncate(30 * 1024 * 1024)
    markup = MarkupRenderer()
    html = markup.block("![架构](图%20片.png) ![x](<图 片.png>) ![大](huge.png)", "bank.md", 3, tmp_path)
    assert html.count('src="qgen-') == 2 and len(markup.media) == 1
    assert [(f.code, f.line) for f in markup.findings] == [("image", 3)]
    assert "30 MB, over the 20 MB limit" in markup.findings[0].message
    roomy = MarkupRenderer(max_image_mb=40)
    assert roomy.block("![大](huge.png)", "bank.md", 3, tmp_path).count('src="qgen-') == 1


def test_a_very_long_code_line_is_cut_after_lexing_so_that_layout_stays_linear():
    import html
    import re

    from generator.renderers.highlight import MAX_CODE_LINE, highlight

    blob = "".join(chr(ord("a") + i % 26) for i in range(2 * MAX_CODE_LINE + 500))
    code = f'x = "{blob}"\nprint(x)\n'
    rendered = highlight(code, "python")
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert [len(line) for line in text.split("\n")][:4] == [MAX_CODE_LINE, MAX_CODE_LINE, 506, 8]
    assert text.replace("\n", "") == code.replace("\n", "")  # nothing lost, only line breaks added
    assert 'class="err"' not in rendered and rendered.count('class="s2"') >= 3  # still one string, coloured
    assert highlight("y = 1\n", "python").count("\n") == 2  # ordinary code is as it was


def test_tags_that_only_style_text_render_and_every_other_tag_is_text():
    markup = MarkupRenderer()
    html = str(markup.block("不会被<i>初始化</i>：<code>ls > out</code><br />下一行 <B>粗</B>", "bank.md", 1))
    assert html == "<p>不会被<i>初始化</i>：<code>ls &gt; out</code><br>下一行 <b>粗</b></p>\n"
    hostile = str(markup.block('<script>alert(1)</script> <b onclick="x">b</b> <img src=x onerror=y>\n\n'
                               '<div align="right">top</div>', "bank.md", 1))
    assert "<script" not in hostile and "<b onclick" not in hostile and "<img" not in hostile and "<div" not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile and "&lt;div align=&quot;right&quot;&gt;" in hostile


def test_a_tag_shown_as_text_reads_its_character_references_as_the_text_around_it():
    html = str(MarkupRenderer().block('<a href="x?a=1&amp;b=2">l</a> &amp;', "bank.md", 1))
    assert html == "<p>&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;l&lt;/a&gt; &amp;</p>\n"


def test_an_img_tag_is_an_image_like_markdown_s_and_only_its_src_and_alt_are_kept(tmp_path):
    """READMEs size their pictures with ``<img src=… width=…>``; the tag showed as text."""
    from .conftest import tiny_png

    (tmp_path / "schema.png").write_bytes(tiny_png())
    markup = MarkupRenderer()
    html = str(markup.block('Two tables:\n\n<img src="schema.png" width="400" alt="the schema" />\n\n'
                            'and <img src="https://example.com/f.png"> <img src=missing.png onerror=alert(1)>',
                            "bank.md", 3, tmp_path))
    (media,) = markup.media.values()
    assert f'<img src="{media.name}" alt="the schema" />' in html
    assert "width" not in html and "onerror" not in html and "example.com" not in html and "&lt;img" not in html
    assert [(f.code, f.line) for f in markup.findings] == [("image", 7), ("image", 7)]
    assert markup.block("<img src=schema.png>", "bank.md", 1, tmp_path) == markup.block("![](schema.png)", "bank.md", 1,
                                                                                         tmp_path)


def test_lint_finds_a_missing_image_written_as_a_tag(tmp_path):
    from generator.lint import lint_banks
    from generator.reader import read_bank_file

    (tmp_path / "bank.md").write_text("### 1. Schema?\n\n**Answer:** <img src='gone.png'>\n", "utf-8")
    findings = lint_banks([read_bank_file(tmp_path / "bank.md")])
    assert [(f.code, f.line) for f in findings] == [("image", 3)]


def test_an_html_comment_in_an_answer_is_shown_nowhere():
    """Obsidian's Spaced Repetition plugin writes each card's schedule after it as a comment
    (``<!--SR:!2024-01-05,3,250-->``); no Markdown viewer shows a comment, nor does a card."""
    html = str(MarkupRenderer().block("Declarations move up. <!--SR:!2024-01-07,5,270--> Only <b>them</b>.",
                                      "bank.md", 1))
    assert html == "<p>Declarations move up.  Only <b>them</b>.</p>\n"
