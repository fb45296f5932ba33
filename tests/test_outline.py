"""Where the questions are: found by the bank's structure, every line in one span."""

import textwrap

import pytest

from generator.errors import NotABank

from .conftest import assert_spans_cover, count_lines, read


def spans_of(bank):
    return [(span.kind, span.line, span.end_line, span.ref) for span in bank.spans]


def test_a_question_is_kept_whatever_style_its_own_answer_uses():
    text = """
        ### 1. 什么是进程？
        **答案：** 资源分配单位。

        ### 2. 什么是线程？
        答：调度单位。

        ### 3. 什么是协程？
        用户态的轻量线程。
        """
    bank = read(text)
    assert [(q.number, q.title, q.question, q.answer) for q in bank.questions] == [
        (1, "什么是进程？", "什么是进程？", "资源分配单位。"),
        (2, "什么是线程？", "什么是线程？", "调度单位。"),
        (3, "什么是协程？", "什么是协程？", "用户态的轻量线程。"),
    ]
    assert bank.findings == ()
    assert spans_of(bank) == [("question", 1, 3, "什么是进程"), ("question", 4, 6, "什么是线程"),
                              ("question", 7, 8, "什么是协程")]


def test_a_project_readme_is_not_a_bank():
    with pytest.raises(NotABank):
        read("""
            # 项目

            ## 安装

            pip install x

            ## 用法

            运行 x

            ## 常见问题

            没有

            ## 许可证

            MIT
            """)


def test_a_table_of_contents_of_links_is_navigation_not_a_question():
    bank = read("""
        # Questions

        ## Table of Contents

        | Topic | |
        | --- | --- |
        | [Closures](#closures) | [Hoisting](#hoisting) |

        [TOC]

        ### What is a closure?

        A function with its scope.

        [[↑] Back to top](#table-of-contents)

        ### What is hoisting?

        Declarations move up.
        """)
    assert [q.title for q in bank.questions] == ["What is a closure?", "What is hoisting?"]
    assert [span.kind for span in bank.spans] == ["preface", "navigation", "question", "question"]
    assert "Back to top" not in bank.questions[0].answer
    assert "Closures" not in bank.preface and "[TOC]" not in bank.preface


def test_parts_hold_questions_and_numbering_starts_again_in_each():
    bank = read("""
        # 面试题

        ## 一、基础

        先看基础。

        ### 1. 什么是进程？

        **答案：** 资源分配单位。

        ## 二、进阶

        ### 1. 什么是协程？

        **答案：** 用户态线程。

        ## 总结

        祝好运。
        """)
    assert [(q.number, q.part) for q in bank.questions] == [(1, "一、基础"), (1, "二、进阶")]
    assert [(p.title, p.line, p.text) for p in bank.parts] == [("一、基础", 3, "先看基础。"), ("二、进阶", 11, "")]
    assert [span.kind for span in bank.spans] == ["preface", "part", "question", "part", "question", "skipped"]
    assert [(f.line, f.code) for f in bank.findings] == [(17, "skipped-text")]


def test_a_level_written_twice_is_no_part_of_a_heading():
    """learning-zone's ``## # 10. Scope & Closures``: GitHub shows the second ``#``; the part is
    ``10. Scope & Closures`` (its tag ``part::10. Scope & Closures``)."""
    bank = read("""
        # JavaScript Basics

        ## # 10. Scope & Closures

        <br>

        ## Q. What is lexical scope?

        Scope decided where a function is written.

        ## ## 11. Hoisting

        <br>

        ## Q. What is hoisting?

        Declarations moved up.
        """)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("What is lexical scope?", "10. Scope & Closures"), ("What is hoisting?", "11. Hoisting")]


def test_a_heading_that_holds_every_question_is_the_banks_not_a_part():
    bank = read("""
        ## Python

        ### 1. 什么是 GIL？

        **答案：** 全局解释器锁。

        ### 2. 什么是装饰器？

        **答案：** 包装函数的函数。
        """)
    assert bank.parts == () and {q.part for q in bank.questions} == {None}


def test_a_recap_part_without_labels_is_skipped_with_one_finding():
    """Seen in a real bank: the questions again, as bulleted notes, in a part of their own."""
    bank = read("""
        ### 题库

        #### 1. 什么是 CNN？

        **题目：** 解释 CNN。

        **答案：** 卷积神经网络。

        #### 2. 什么是 RNN？

        **题目：** 解释 RNN。

        **答案：** 循环神经网络。

        ### 答案解析

        #### 1. 什么是 CNN？

        - **答案解析：** 卷积。

        #### 2. 什么是 RNN？

        - **答案解析：** 循环。
        """)
    assert len(bank.questions) == 2
    (finding,) = bank.findings
    assert (finding.line, finding.code) == (15, "skipped-heading")
    assert bank.spans[-1] == type(bank.spans[-1])("skipped", 15, 23, "skipped-heading")


def test_questions_after_a_heading_that_restarts_the_parts_are_read_as_elsewhere_and_dividers_are_parts():
    """``## Q. …?`` questions under ``## # N.`` parts, until a stray ``# # 13.`` heading puts
    the rest under a part of its own where no question has a label: still questions."""
    text = """# JavaScript Basics

## # 1. Variables

## Q. What is hoisting?

**Answer:** Declarations move up.

## Q. What is a closure?

**Answer:** A function with its scope.

# # 13. CLASSES

## Q. What is a class?

A template for objects.

## Q. What is a getter?

A property read through a function.
"""
    bank = read(text)
    assert [q.title for q in bank.questions] == [
        "What is hoisting?", "What is a closure?", "What is a class?", "What is a getter?"]
    assert bank.questions[3].answer == "A property read through a function."
    # ``## # 1. Variables``, with nothing under it, is the part of the questions after it.
    assert [q.part for q in bank.questions] == ["1. Variables"] * 2 + ["13. CLASSES"] * 2
    assert_spans_cover(bank, count_lines(text))
    assert not bank.findings


def test_headings_wholly_in_bold_are_numbered_as_they_read():
    bank = read("""
        # HR 问题

        ### **1.你最大的缺点**

        **问题分析：**考察自我认知。

        ### **2.谈谈薪酬待遇？**

        **参考答案：** 够在这个城市生活就好。

        ### **3.为什么应聘这个岗位？**

        **问题分析：**考察求职动机。

        ### **4. int (\\*s[10])(int) 表示的是什么？**

        **参考答案：** 函数指针数组。
        """)
    assert [(q.number, q.title) for q in bank.questions] == [
        (1, "你最大的缺点"), (2, "谈谈薪酬待遇？"), (3, "为什么应聘这个岗位？"),
        (4, "int (\\*s[10])(int) 表示的是什么？")]  # an escaped * inside the bold too
    assert not bank.findings


def test_a_sub_heading_whose_body_labels_the_question_asks_it_itself():
    """A generated article: numbered chapters, and under one of them sub-headings each over
    ``**题目**：…``. The sub-headings are the questions; the chapters are not."""
    text = """### 1. 背景介绍

校招面试越来越看重算法。

### 2. 核心算法原理 & 具体操作步骤

本章给出两道题。

#### 2.1 贪心算法

**题目**：找出出现次数超过一半的元素。

**解答**：摩尔投票。

#### 2.2 动态规划

**题目**：求最长连续递增子序列的长度。

**解答**：一次遍历。

### 3. 总结：未来发展趋势与挑战

多练习。
"""
    bank = read(text)
    assert [(q.title, q.question, q.answer) for q in bank.questions] == [
        ("2.1 贪心算法", "找出出现次数超过一半的元素。", "摩尔投票。"),
        ("2.2 动态规划", "求最长连续递增子序列的长度。", "一次遍历。")]
    assert_spans_cover(bank, count_lines(text))
    assert [(s.kind, s.line) for s in bank.spans] == [("preface", 1), ("question", 9), ("question", 15), ("skipped", 21)]


def test_a_numbered_question_heading_with_no_title_takes_its_question_line():
    bank = read("""
        ### 附录：常见问题与解答

        #### 问题1

        **问题**：什么是动态规划？

        **解答**：把问题拆成重叠的子问题。

        #### 问题2

        **问题**：什么是贪心算法？

        **解答**：每步取当前最优。
        """)
    assert [(q.number, q.title, q.id) for q in bank.questions] == [
        (1, "什么是动态规划？", "什么是动态规划"), (2, "什么是贪心算法？", "什么是贪心算法")]


def test_headings_that_open_with_a_bold_label_are_a_question_and_its_sections():
    # One question a file, each part a heading with its label in bold.
    text = """##### **问题**：如何实现一个高效的单向链表逆序输出？

##### **出题人**：阿里巴巴出题专家

##### **参考答案**：下面是其中一种写法。

```c
void reverse(node* head);
```
"""
    (question,) = read(text).questions
    assert (question.title, question.question) == ("如何实现一个高效的单向链表逆序输出？",) * 2
    assert question.answer == "下面是其中一种写法。\n\n```c\nvoid reverse(node* head);\n```"
    assert [(extra.label, extra.text) for extra in question.extra] == [("出题人", "阿里巴巴出题专家")]


def test_a_wholly_bold_numbered_heading_ending_in_a_colon_is_a_question_not_a_label():
    bank = read("""
        ## **1.结构与联合有何区别？**

        联合的成员共用一块地址空间。

        ## **2.试写出程序结果：**

        ```c
        int a = 4;
        ```
        """)
    assert [(q.number, q.title) for q in bank.questions] == [(1, "结构与联合有何区别？"), (2, "试写出程序结果：")]


def test_a_label_under_a_sub_heading_is_evidence_for_the_question_above_it():
    """``## N.`` questions whose answers have sub-headings, one of them over an
    ``#### Example:``: the questions are the ``##`` headings, not that sub-heading."""
    text = """# LLM interview questions

## 1. What are large language models?

### Core components

Attention layers.

## 2. Discuss pre-training and fine-tuning.

### Pre-training

Learning from raw text.

#### Example: inference

```python
print(model.generate(prompt))
```

### Fine-tuning

Adapting to a task.

## 3. What are positional encodings?

Positions as vectors.
"""
    bank = read(text)
    assert [(q.number, q.title) for q in bank.questions] == [
        (1, "What are large language models?"), (2, "Discuss pre-training and fine-tuning."),
        (3, "What are positional encodings?")]
    second = bank.questions[1]
    assert second.answer.startswith("### Pre-training") and "model.generate" in second.example  # labelled "Example"
    assert "Adapting to a task." in second.answer + second.example
    assert_spans_cover(bank, count_lines(text))
    assert not bank.findings


def test_a_list_of_questions_before_the_first_question_is_said_to_be_preface():
    bank = read("""
        # HR 问题

        1. **你的职业规划是什么？**
        2. **为什么选择我们公司？**

        ### 1. 你最大的缺点？

        **答案：** 经验不足。
        """)
    assert [q.title for q in bank.questions] == ["你最大的缺点？"]
    assert [(f.code, f.line) for f in bank.findings] == [("questions-in-preface", 3)]


def test_headings_numbered_up_to_the_first_question_with_nothing_under_them_are_said_to_be_preface():
    """Seen in a real bank: the first two questions have no answer yet."""
    bank = read("""
        ## Communication (5 questions)

        #### 1. Explain a technical concept of your role.
        #### 2. Introduce me to something you are passionate about.
        #### 3. How would you explain an A/B test to an engineer?
          - Compare two variants on live traffic.
        #### 4. What does 95% confidence mean?
          - The interval catches the true value 95 times in 100.
        """)
    assert [q.number for q in bank.questions] == [3, 4]
    assert [(f.code, f.line) for f in bank.findings] == [("questions-in-preface", 3)]
    assert "1. Explain a technical concept" in bank.preface


def test_numbered_sections_before_the_first_question_are_no_finding():
    bank = read("""
        ## 1. 背景

        介绍。

        ### 1. 什么是检索？

        **答案：** 找到相关的文本。

        ### 2. 什么是重排？

        **答案：** 再排一次。
        """)
    assert [q.number for q in bank.questions] == [1, 2]
    assert not bank.findings


def test_an_unanswered_heading_in_the_numbering_is_no_part_of_the_questions_after_it():
    """Seen in a real bank: question 9 has no answer yet; it was read as the part of 10 to 65."""
    bank = read("""
        ## Questions

        #### 8) What is a receptive field?

        The inputs one node sees.

        #### 9) Implement connected components on a matrix.

        #### 10) Implement a sparse matrix class.

        A map from (row, column) to value.

        #### 11) What is an integral image?

        Sums over the rectangle above and left.
        """)
    assert [(q.number, q.part) for q in bank.questions] == [(8, None), (10, None), (11, None)]
    assert bank.parts == ()
    assert ("skipped-heading", 7) in [(f.code, f.line) for f in bank.findings]


@pytest.mark.parametrize("written", [[4, 3, 4, 4, 4], [4, 3, 3, 4, 4], [4, 4, 4, 3, 3], [3, 4, 4, 4, 4]])
def test_a_question_heading_written_at_another_level_than_its_numbered_neighbours_is_read_at_theirs(written):
    """Seen in real quizzes: one ``### Q156.`` among ``#### Q…`` headings made every question
    before it preface and every one after it part of its answer."""
    text = "## Java\n\n" + "\n\n".join(
        f"{'#' * level} Q{number}. What is {number}?\n\n- [x] {number}\n- [ ] 0"
        for number, level in enumerate(written, 1)) + "\n"
    bank = read(text)
    assert [(q.number, q.correct) for q in bank.questions] == [(n, ("A",)) for n in range(1, 6)]
    moved = [f for f in bank.findings if f.code == "heading-level"]
    assert len(moved) == sum(level != 4 for level in written)
    assert_spans_cover(bank, count_lines(text))


def test_a_run_that_changes_level_after_options_written_as_headings_stays_one_run():
    """Seen in a real quiz: ``#### Q41.`` over ``#### A. Output frame rate`` … ``#### E. …``
    and the ticked list, 44 questions at level 4, then ``### Q45.`` to the end: the first 44
    were preface."""
    lettered = "\n\n".join(f"#### {key}. Setting {key}" for key in "ABC")
    text = "## After Effects\n\n" + "\n\n".join(
        f"#### Q{n}. Which is {n}?\n\n- [x] {n}\n- [ ] 0" for n in (1, 2)) + (
        f"\n\n#### Q3. Which settings does it control?\n\n{lettered}\n\n- [ ] A, B\n- [x] A, C\n\n") + "\n\n".join(
        f"### Q{n}. Which is {n}?\n\n- [x] {n}\n- [ ] 0" for n in (4, 5)) + "\n"
    bank = read(text)
    assert [(q.number, q.correct) for q in bank.questions] == [(1, ("A",)), (2, ("A",)), (3, ("B",)),
                                                                 (4, ("A",)), (5, ("A",))]
    assert "#### B. Setting B" in bank.questions[2].stem
    assert sorted(f.code for f in bank.findings) == ["heading-level", "heading-level"]
    assert_spans_cover(bank, count_lines(text))


def test_a_question_heading_written_twice_the_first_time_empty_is_read_once():
    """Seen in a real quiz: ``#### Q98. What does this code return?`` right over ``#### Q98.
    What does this code print?`` broke the run; the 97 questions before it were preface."""
    text = "## PHP\n\n" + "\n\n".join(f"#### Q{n}. What is {n}?\n\n- [x] {n}\n- [ ] 0" for n in (1, 2, 3)) + (
        "\n\n#### Q4. What is 4?\n\n#### Q4. What is 4 then?\n\n- [x] 4\n- [ ] 0\n\n") + "\n\n".join(
        f"### Q{n}. What is {n}?\n\n- [x] {n}\n- [ ] 0" for n in range(5, 11)) + "\n"
    bank = read(text)
    assert [q.number for q in bank.questions] == list(range(1, 11))
    moved = [f.line for f in bank.findings if f.code == "heading-level"]
    assert moved == [3, 8, 13, 18, 20]  # to level 3, where most of the run is
    assert [(f.code, f.line) for f in bank.findings if f.code != "heading-level"] == [("skipped-heading", 18)]
    assert_spans_cover(bank, count_lines(text))


def test_a_number_said_twice_at_another_level_is_still_in_the_run():
    """Seen in a real bank: ``#### 1)`` to ``#### 65)``, then ``### 66)`` twice; the second
    ``### 66)`` was read as a part heading and its answer left out."""
    text = "## Questions\n\n" + "\n\n".join(f"#### {n}) What is {n}?\n\nIt is {n}." for n in (1, 2, 3)) + (
        "\n\n### 4) What is four?\n\nIt is 4.\n\n### 4) What is also four?\n\nIt is 2 + 2.\n")
    bank = read(text)
    assert [(q.number, q.answer) for q in bank.questions] == [(1, "It is 1."), (2, "It is 2."), (3, "It is 3."),
                                                              (4, "It is 4."), (4, "It is 2 + 2.")]
    assert sorted(f.code for f in bank.findings) == ["heading-level", "heading-level"]
    assert_spans_cover(bank, count_lines(text))


def test_two_numbered_runs_at_their_own_levels_are_left_as_written():
    bank = read("""
        ## 1. Basics

        ### 1. What is a list?

        A sequence.

        ### 2. What is a dict?

        A mapping.

        ## 2. Advanced

        ### 1. What is a generator?

        A lazy iterator.
        """)
    assert [(q.number, q.part) for q in bank.questions] == [(1, "1. Basics"), (2, "1. Basics"), (1, "2. Advanced")]
    assert not [f for f in bank.findings if f.code == "heading-level"]


def test_headings_that_ask_before_the_first_question_are_said_to_be_preface():
    bank = read("""
        # Notes

        ## Why repeat data?

        ## Does it hurt?

        ### 1. What is overfitting?

        **Answer:** Fitting noise.

        ### 2. What is dropout?

        **Answer:** Random zeroing.
        """)
    assert len(bank.questions) == 2
    assert [(f.code, f.line) for f in bank.findings] == [("questions-in-preface", 3)]


def test_headings_indented_under_a_numbered_question_heading_are_its_answer_not_parts():
    # javascript-interview-questions style: ``3. ### …`` items, the answer indented by two
    # spaces (too few to be inside the item for Markdown), with its own ``####``/``##``
    # headings; the table of contents above the items is navigation, not their part.
    text = """
        # JavaScript Interview Questions

        ### Table of Contents

        | No. | Questions |
        | --- | --------- |
        | 1 | [What is call](#what-is-call) |
        | 2 | [What is JSON](#what-is-json) |

        1. ### What is call?

          It invokes a function.

          #### Syntax

          ```js
          f.call(thisArg)
          ```

          ## Key Points

          - **call** takes its arguments one by one.

          **[⬆ Back to Top](#table-of-contents)**

        2. ### What is JSON?

            A text format for data.

        ### Coding Exercise

        1. ### What is the output of below code?

            ```js
            console.log(1)
            ```

            Answer: 1
        """
    bank = read(text)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("What is call?", "JavaScript Interview Questions"), ("What is JSON?", "JavaScript Interview Questions"),
        ("What is the output of below code?", "Coding Exercise")]
    first = bank.questions[0]
    assert "#### Syntax" in first.answer and "f.call(thisArg)" in first.answer
    assert "## Key Points" in first.answer and "takes its arguments one by one" in first.answer
    assert [f.code for f in bank.findings if f.code == "skipped-text"] == []
    assert_spans_cover(bank, count_lines(textwrap.dedent(text).lstrip("\n")))


def test_a_named_anchor_around_a_heading_is_not_part_of_its_title():
    bank = read("""
        # Questions

        ## <a name="css">CSS 相关问题：</a>

        ### <a name="box">What is the box model?</a>

        Content, padding, border, margin.

        ## <a id='js'>JS</a>

        ### <a name="q2"></a>What is a closure?

        A function with its scope.
        """)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("What is the box model?", "CSS 相关问题："), ("What is a closure?", "JS")]


def test_parts_of_the_same_name_are_named_with_the_headings_that_group_them():
    # devops-exercises style: a heading per topic, levels under each, folded answers.
    text = """
        # DevOps Interview Questions

        ## DevOps

        <a name="devops-beginner"></a>
        #### 初级

        <details>
        <summary>什么是 DevOps？</summary><br><b>
        一种文化。
        </b></details>

        ## Jenkins

        Jenkins 是一个 CI 服务器。

        #### 初级

        <details>
        <summary>什么是 Jenkins？</summary><br><b>
        一个 CI 服务器。
        </b></details>

        #### 高级

        <details>
        <summary>What are the pros/cons of each of the solutions from the admin's perspective? ***</summary><br><b>
        It depends.
        </b></details>
        """
    bank = read(text)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("什么是 DevOps？", "DevOps › 初级"), ("什么是 Jenkins？", "Jenkins › 初级"),
        ("What are the pros/cons of each of the solutions from the admin's perspective? ***", "高级")]
    assert [(part.title, part.line, part.text) for part in bank.parts] == [
        ("DevOps › 初级", 3, ""), ("Jenkins › 初级", 13, "Jenkins 是一个 CI 服务器。"), ("高级", 24, "")]
    assert bank.findings == ()
    assert_spans_cover(bank, count_lines(textwrap.dedent(text).lstrip("\n")))


def test_folds_under_a_question_heading_are_parts_of_its_answer():
    # Waking-Up style: ``### …？`` questions without labels, sub-topics of an answer folded
    # in <details> (some of whose summaries ask), a follow-up ``#####`` over a "展开" fold.
    bank = read("""
        # 数据库

        ### 事务的概念和特性？

        概念：事务是一个操作序列。

        ### 常见的封锁类型？

        读写锁与意向锁。

        <details>
        <summary>封锁粒度的概念</summary>

        行级锁以及表级锁。

        </details>

        <details>
        <summary>什么是触发器？</summary>

        由事件触发的存储过程。

        </details>

        <details>
        <summary>有哪些约束类型？</summary>

        主键、唯一、外键。

        </details>

        ### 在哪些地方适合创建索引？

        - 经常被查询的字段

        ##### 创建索引时需要注意什么？

        <details>
        <summary>展开</summary>

        只应建立在小字段上。

        </details>

        ### 索引的分类？

        普通索引、唯一索引。
        """)
    assert [(q.title, q.answer.split("\n")[0], [e.label for e in q.extra]) for q in bank.questions] == [
        ("事务的概念和特性？", "概念：事务是一个操作序列。", []),
        ("常见的封锁类型？", "读写锁与意向锁。", ["封锁粒度的概念", "什么是触发器？", "有哪些约束类型？"]),
        ("在哪些地方适合创建索引？", "- 经常被查询的字段", ["创建索引时需要注意什么？"]),
        ("索引的分类？", "普通索引、唯一索引。", [])]
    # The follow-up's heading names the section its "展开" fold holds; the answer stops before it.
    assert bank.questions[2].answer == "- 经常被查询的字段"
    assert bank.questions[2].extra[0].text == "只应建立在小字段上。"
    assert [f.code for f in bank.findings] == []


def test_follow_ups_folded_under_a_topic_heading_do_not_hide_the_questions_beside_it():
    # Waking-Up's Python handbook: ``## …？`` questions without labels; under ``## GIL``,
    # ``### …?`` follow-ups each over a "展开" fold; an empty ``## 什么是装饰器？``.
    bank = read("""
        # Python

        ## 什么是 Python 生成器？

        一边循环一边计算的机制。

        ## list 和 tuple 有什么区别？

        list 可变，tuple 不可变。

        ## GIL(Global Interpreter Lock)

        全局解释器锁。

        ### GIL的设计初衷?
        <details>
        <summary>展开</summary>
        单核时代高效利用 CPU。
        </details>

        ### GIL的实现是线程不安全?为什么?
        <details>
        <summary>展开</summary>
        是不安全的。
        </details>

        ## 什么是装饰器？

        ## 什么是 lambda 表达式？

        匿名函数。
        """)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("什么是 Python 生成器？", None), ("list 和 tuple 有什么区别？", None), ("GIL(Global Interpreter Lock)", None),
        ("什么是 lambda 表达式？", None)]
    assert [(f.line, f.code) for f in bank.findings] == [(27, "skipped-heading")]  # 什么是装饰器？ has nothing under it
