"""Runs of consecutively numbered question headings (``generator/numbering.py``)."""

from generator.blocks import Block, BlockKind
from generator.markers import heading_marker
from generator.numbering import numbered_runs, relevel

from .conftest import read


def headings(*written: tuple[int, str]) -> tuple[list[Block], dict]:
    blocks = [Block(BlockKind.HEADING, i, i + 1, i, i, level=level, content=text)
              for i, (level, text) in enumerate(written)]
    return blocks, {i: heading_marker(block.content) for i, block in enumerate(blocks)}


def test_runs_follow_numbers_marked_alike_and_break_at_other_numbers():
    blocks, markers = headings((2, "Basics"), (4, "Q1. a?"), (4, "Q2. b?"), (3, "Q3. c?"), (4, "5. d?"), (4, "6. e?"),
                               (4, "Q8. f?"))
    assert numbered_runs(list(markers), blocks, markers) == [[1, 2, 3], [4, 5], [6]]


def test_headings_at_the_level_of_an_empty_question_heading_right_under_it_do_not_break_its_run():
    blocks, markers = headings((4, "Q1. a?"), (4, "A. choice"), (4, "B. choice"), (4, "Q2. b?"), (5, "Example"),
                               (4, "Q3. c?"))
    assert numbered_runs(list(markers), blocks, markers) == [[0, 3], [5]]


def test_a_heading_written_twice_is_in_the_run_twice():
    blocks, markers = headings((4, "Q1. a?"), (4, "Q2. b?"), (4, "Q2. b?"), (4, "Q3. c?"))
    assert numbered_runs(list(markers), blocks, markers) == [[0, 1, 2, 3]]


def test_a_run_is_read_at_the_level_most_of_it_is_written_at():
    blocks, markers = headings((4, "Q1. a?"), (3, "Q2. b?"), (4, "Q3. c?"), (3, "1. x"), (4, "2. y"))
    assert relevel(blocks, numbered_runs(list(markers), blocks, markers)) == [(1, 3)]
    assert [block.level for block in blocks] == [4, 4, 4, 3, 4]  # a run of two has no majority to go by


def test_bold_questions_numbered_between_question_headings_are_questions_too():
    """Seen in a real LLM bank: ``**1.2 …？**`` between ``#### **1.1 …？**`` and
    ``#### **1.3 …？**`` was read as part of 1.1's answer, with no word of it."""
    bank = read("""
        # 1.attention

        ### 1.Attention

        #### **1.1 讲讲对Attention的理解？**

        关注输入中重要的部分。

        **1.2 Attention的计算步骤是什么？**

        算 Q、K、V，再加权求和。

        #### **1.3 Attention和Seq2Seq有什么区别？**

        不再压成一个向量。

        ### 2.Transformer

        **2.1 为什么每个head要降维？**

        为了效率。

        **注意：** 降维不减少表达能力。

        #### **2.2 为什么要缩放点积？**

        防止 softmax 饱和。
        """)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("1.1 讲讲对Attention的理解？", "1.Attention"), ("1.2 Attention的计算步骤是什么？", "1.Attention"),
        ("1.3 Attention和Seq2Seq有什么区别？", "1.Attention"), ("2.1 为什么每个head要降维？", "2.Transformer"),
        ("2.2 为什么要缩放点积？", "2.Transformer")]
    assert bank.questions[3].answer == "为了效率。\n\n**注意：** 降维不减少表达能力。"
