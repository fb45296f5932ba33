"""Every line of a bank in one span; text that no output uses is a finding with its line."""

from .conftest import assert_spans_cover, count_lines, read


def spans_of(bank):
    return [(span.kind, span.line, span.end_line, span.ref) for span in bank.spans]


def test_an_unlabelled_heading_that_does_not_look_like_a_question_is_skipped():
    bank = read("""
        ### 1. 什么是进程？

        **答案：** 资源分配单位。

        ### 结语

        以上。
        """)
    assert len(bank.questions) == 1
    assert [(f.line, f.code) for f in bank.findings] == [(5, "skipped-text")]


def test_an_empty_question_heading_is_reported():
    bank = read("""
        ### 1. 什么是进程？

        **答案：** 资源分配单位。

        ### 2. 待补充？
        """)
    assert len(bank.questions) == 1
    assert [(f.line, f.code) for f in bank.findings] == [(5, "skipped-heading")]


def test_every_line_is_in_one_span_with_front_matter_and_trailing_blanks():
    text = "---\ntitle: T\n---\n\n\n### 题目 1：一\n\n**答案：** A\n\n[ref]: https://example.com\n\n\n"
    bank = read(text)
    assert_spans_cover(bank, count_lines(text))
    assert spans_of(bank) == [("front-matter", 1, 5, None), ("question", 6, 12, "一")]
    assert bank.questions[0].end_line == 12


def test_real_banks_keep_every_line(realworld):
    from generator.reader import read_bank_file

    for path in sorted(realworld.glob("*_*.md")):
        bank = read_bank_file(path)
        assert_spans_cover(bank, count_lines(path.read_text("utf-8")))
        kinds = {span.kind for span in bank.spans}
        assert kinds <= {"front-matter", "preface", "part", "question", "navigation", "skipped"}
