"""Label styles real banks use, each in the smallest bank that shows it."""

import pytest

from .conftest import read


@pytest.mark.parametrize("answer_line", [
    "**答案：** B", "**答案**：B", "**答案**: B", "答案：B", "答：B", "【答案】B", "Answer: B",
    "> **答案**：B", "【 答案 】 B", "**答案：B**", "**Answer: B**", "**正确答案：** B",
])
def test_answer_label_styles(answer_line):
    bank = read(f"""
        ### 题目 1：选哪个？

        **题目：** A 还是 B？

        {answer_line}
        """)
    (q,) = bank.questions
    assert (q.question, q.answer) == ("A 还是 B？", "B")


def test_bracketed_labels_on_adjacent_lines_split_one_paragraph():
    bank = read("""
        ### 1. 进程

        【题目】什么是进程？
        【答案】资源分配的单位，
        也是调度的单位。
        【解析】见操作系统教材。
        """)
    (q,) = bank.questions
    assert q.question == "什么是进程？"
    assert q.answer == "资源分配的单位，\n也是调度的单位。"  # the soft break stays
    assert q.explanation == "见操作系统教材。"
    assert dict(q.section_lines) == {"question": 3, "answer": 4, "explanation": 6}


def test_a_label_inside_a_blockquote_keeps_the_rest_of_the_quote():
    bank = read("""
        ### 1. 什么是线程？

        > **答案**：调度单位。
        > 共享进程的内存。
        >
        > **解析**：比进程轻。
        """)
    (q,) = bank.questions
    assert q.answer == "调度单位。\n共享进程的内存。"
    assert q.explanation == "比进程轻。"


def test_a_quote_without_a_label_is_part_of_the_answer():
    bank = read("""
        ### 1. 什么是线程？

        **答案：** 调度单位。

        > 引自教材。
        """)
    assert bank.questions[0].answer == "调度单位。\n\n> 引自教材。"


def test_label_headings_below_the_question_level():
    bank = read("""
        ### 1. 输出是什么？

        ```js
        console.log(1)
        ```

        #### Answer: C

        Because.

        #### 解析

        因为如此。
        """)
    (q,) = bank.questions
    assert q.answer == "C\n\nBecause."
    assert q.explanation == "因为如此。"
    assert q.question.startswith("```js")


def test_a_summary_label_opens_its_section():
    bank = read("""
        ### 1. 什么是闭包？

        <details><summary>解析</summary>

        函数与其环境。

        </details>

        **答案：** 一个函数。
        """)
    (q,) = bank.questions
    assert q.explanation == "函数与其环境。"
    assert q.answer == "一个函数。"


def test_a_multi_line_label_paragraph_stays_one_paragraph():
    bank = read("""
        ### 题目 1：一

        **答案：** 第一行
        第二行
        """)
    assert bank.questions[0].answer == "第一行\n第二行"


def test_an_unknown_unbold_word_with_a_colon_is_text():
    bank = read("""
        ### 题目 1：一

        **答案：** 见下。

        注意：这不是标签。
        """)
    (q,) = bank.questions
    assert q.answer == "见下。\n\n注意：这不是标签。" and q.extra == ()


def test_a_bold_question_line_with_no_label_after_it_is_not_repeated_in_its_answer():
    bank = read("""
        # 网络

        **题目1：** 什么是 TCP？

        传输控制协议，面向连接。

        **题目2：** 什么是 UDP？

        用户数据报协议，无连接。
        """)
    assert [(q.title, q.question, q.answer) for q in bank.questions] == [
        ("什么是 TCP？", "什么是 TCP？", "传输控制协议，面向连接。"),
        ("什么是 UDP？", "什么是 UDP？", "用户数据报协议，无连接。")]


def test_lists_joined_across_a_bare_tag_give_the_points_their_text_gives():
    """The bare ``<div>`` is left out of the answer, so its text nests the second list in the
    first item; the points are those of that text, not of the file's two lists."""
    from generator.points import points_of

    bank = read("### 题目 1：问题\n\n**答案：** A\n\n- a\n<div>\n\n  - 缩进的项\n")
    (question,) = bank.questions
    assert question.answer == "A\n\n- a\n\n  - 缩进的项"
    assert question.points == points_of(question)
    assert [p.label for p in question.points] == ["a"]


def test_interview_question_label_headings_one_question_a_file():
    """doocs/advanced-java keeps a question a file: ``## 面试题`` (the question),
    ``## 面试官心理分析`` (why it is asked) and ``## 面试题剖析`` (the answer); 58 of its 92
    files were "no questions"."""
    bank = read("""
        # Redis 集群模式原理

        ## 面试题

        Redis 集群模式的工作原理能说一下么？

        ## 面试官心理分析

        看你有没有研究过 Redis cluster。

        ## 面试题剖析

        ### Redis cluster 介绍

        自动将数据进行分片。
        """)
    (q,) = bank.questions
    assert (q.title, q.question, q.explanation) == ("Redis 集群模式原理", "Redis 集群模式的工作原理能说一下么？",
                                                     "看你有没有研究过 Redis cluster。")
    assert q.answer == "### Redis cluster 介绍\n\n自动将数据进行分片。"
    assert not bank.findings


def test_an_interview_question_keyword_heading_is_a_question():
    bank = read("""
        ## 2.1 数据分析基础

        以下是一个例子：

        #### 面试题：如何清洗一组用户行为数据？

        **解析：** 先去重。

        #### 面试题：如何分析观看行为？

        **解析：** 看留存。
        """)
    assert [(q.title, q.explanation) for q in bank.questions] == [
        ("如何清洗一组用户行为数据？", "先去重。"), ("如何分析观看行为？", "看留存。")]


def test_a_bare_numbered_answer_answers_a_question_heading_with_its_letter():
    bank = read("""
        ## Q1: What is a deadlock?

        A1: Two threads each wait for a lock the other holds.

        ## Q2: How do you avoid it?

        A2: Take locks in one global order.

        A: B
        """)
    assert [(q.number, q.answer) for q in bank.questions] == [
        (1, "Two threads each wait for a lock the other holds."), (2, "Take locks in one global order.\n\nA: B")]
