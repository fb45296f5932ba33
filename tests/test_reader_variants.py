"""Every variant of the format that real banks use, one small bank each."""

import pytest

from generator.errors import SourceError
from generator.reader import read_bank_text

from .conftest import read


def test_seed_format_sections():
    bank = read("""
        ### 题目 1：什么是闭包？

        **题目：** 请解释闭包。

        **答案：** 闭包是……

        1. 第一点
        2. 第二点

        **举例：**

        ```python
        def f():
            return 1
        ```

        **解析：** 因为……
    """)
    (q,) = bank.questions
    assert (q.number, q.title) == (1, "什么是闭包？")
    assert q.question == "请解释闭包。"
    assert q.answer == "闭包是……\n\n1. 第一点\n2. 第二点"
    assert q.example == "```python\ndef f():\n    return 1\n```"
    assert q.explanation == "因为……"
    assert [(c.lang, c.section, c.line) for c in q.code] == [("python", "example", 12)]


@pytest.mark.parametrize("level", [2, 3, 4, 5, 6])
def test_heading_levels_two_to_six(level):
    hashes = "#" * level
    bank = read(f"""
        {hashes} 题目 1：一

        **答案：** A

        {hashes} 题目 2：二

        **答案：** B
    """)
    assert [(q.number, q.title, q.answer) for q in bank.questions] == [(1, "一", "A"), (2, "二", "B")]


@pytest.mark.parametrize("heading", [
    "### 题目 7：标题", "### 题目 7: 标题", "### 题目7：标题", "### 题目7:标题",
    "### 7. 标题", "### 7、标题", "### 7.标题", "### Question 7: 标题", "### 问题 7：标题",
    "###### <a name=20190629></a>7. 标题",
])
def test_question_heading_spellings(heading):
    bank = read(f"""
        {heading}

        **答案：** 回答
    """)
    (q,) = bank.questions
    assert (q.number, q.title, q.answer) == (7, "标题", "回答")


def test_english_labels():
    bank = read("""
        ## Question 1: What is a closure?

        **Question:** Explain closures.

        **Answer:** A function with its scope.

        **Example:**

        ```js
        const f = () => x;
        ```

        **Explanation:** Because.
    """)
    (q,) = bank.questions
    assert (q.question, q.answer, q.explanation) == ("Explain closures.", "A function with its scope.", "Because.")
    assert q.example.startswith("```js")
    assert bank.language == "en"


@pytest.mark.parametrize("label,kind", [
    ("题目", "question"), ("问题", "question"), ("题目描述", "question"),
    ("答案", "answer"), ("解答", "answer"), ("参考答案", "answer"), ("解答过程", "answer"), ("解答思路", "answer"),
    ("举例", "example"), ("示例", "example"), ("实例", "example"), ("代码示例", "example"),
    ("代码实现示例", "example"),
    ("解析", "explanation"), ("答案解析", "explanation"), ("解题思路", "explanation"),
])
def test_label_synonyms(label, kind):
    bank = read(f"""
        ### 题目 1：标题

        **答案：** 主要回答

        **{label}：** 内容
    """)
    (q,) = bank.questions
    assert q.section(kind) in ("内容", "主要回答\n\n内容")
    if kind != "answer":
        assert q.section(kind) == "内容"


def test_other_bold_labels_are_extra_sections_in_order():
    bank = read("""
        ### 题目 1：标题

        **答案：** 回答

        **应用场景：**
        - 图像识别

        **扩展阅读：** 书

        **解析：** 因为
    """)
    (q,) = bank.questions
    assert [(e.label, e.text) for e in q.extra] == [("应用场景", "- 图像识别"), ("扩展阅读", "书")]
    assert q.explanation == "因为"
    assert q.answer == "回答"


def test_bold_text_inside_an_answer_is_not_a_label():
    bank = read("""
        ### 题目 1：标题

        **答案：** 回答

        1. **分布式计算：** 使用框架
        2. **注意** 这里

        **注意** 不是标签
    """)
    (q,) = bank.questions
    assert q.extra == ()
    assert q.answer.endswith("**注意** 不是标签")


def test_no_labels_heading_is_question_body_is_answer():
    bank = read("""
        # 前端问题

        ## 目录

        - [请解释事件委托。](#请解释事件委托)
        - [什么是闭包？](#什么是闭包)

        ### 请解释事件委托。

        事件委托是……

        ###### 参考

        - https://example.org

        [[↑] 回到顶部](#目录)

        ### 什么是闭包？

        闭包是……

        **优点：**

        - 封装

        ###### 参考

        - https://example.com
    """)
    assert [q.title for q in bank.questions] == ["请解释事件委托。", "什么是闭包？"]
    first = bank.questions[0]
    assert first.number is None
    assert first.question == "请解释事件委托。"
    assert first.answer == "事件委托是……"
    assert [(e.label, e.text) for e in first.extra] == [("参考", "- https://example.org")]
    assert bank.title == "前端问题"
    # A one-off bold label in an unlabelled question is part of its answer.
    assert bank.questions[1].answer == "闭包是……\n\n**优点：**\n\n- 封装"


def test_bold_line_questions():
    bank = read("""
        #### 相关领域的典型问题

        **题目1：** 如何评估能力？

        **答案：**
        1. 一

        **问题 2：如何提高检索性能？**

        **答案：** 可以……

        **问题：请简要介绍嵌入式系统的特点。**

        **解答过程：** 特点是……

        ### 2. 下一章

        正文
    """)
    got = [(q.number, q.title, q.answer) for q in bank.questions]
    assert got == [(1, "如何评估能力？", "1. 一"), (2, "如何提高检索性能？", "可以……"),
                   (None, "请简要介绍嵌入式系统的特点。", "特点是……")]
    assert "正文" not in bank.questions[-1].answer


def test_answer_inside_details():
    bank = read("""
        ###### 1. 输出是什么？

        ```javascript
        console.log(1)
        ```

        - A: `1`
        - B: `2`

        <details><summary><b>答案</b></summary>
        <p>

        #### 答案：A

        因为……

        </p>
        </details>

        ---

        ###### 2. 输出是什么？

        <details>
        <summary>View answer</summary>

        Two.

        #### Good to hear

        * point

        #### Details

        More.

        </details>
    """)
    first, second = bank.questions
    assert first.question.startswith("```javascript\nconsole.log(1)\n```\n\n- A: `1`")
    assert first.answer == "A\n\n因为……"
    assert first.extra == ()
    assert first.code[0].section == "question"
    # A sub-heading found in one question only is structure inside its answer.
    assert second.answer == "Two.\n\n#### Good to hear\n\n* point\n\n#### Details\n\nMore."


def test_table_of_contents_in_details_is_not_a_question():
    bank = read("""
        ## Table of Contents

        ### JavaScript

        <details>
        <summary>View contents</summary>

        * [What is a closure?](#what-is-a-closure)

        </details>

        ## JavaScript

        ### What is a closure?

        <details>
        <summary>View answer</summary>

        A closure is…

        </details>

        <br>[⬆ Back to top](#table-of-contents)
    """)
    assert [q.title for q in bank.questions] == ["What is a closure?"]
    assert bank.questions[0].answer == "A closure is…"


def test_crlf_bom_and_trailing_spaces():
    text = "\ufeff### 题目 1：标题  \r\n\r\n**题目：** 问  \r\n\r\n**答案：**   \r\n1. 答  \r\n"
    (q,) = read_bank_text(text, "bank.md").questions
    assert (q.title, q.question, q.answer) == ("标题", "问", "1. 答")
    assert q.line == 1


def test_fences_hide_headings_and_labels():
    bank = read("""
        ### 题目 1：标题

        **答案：** 看代码

        ````markdown
        ### 题目 9：不是题目
        **答案：** 不是标签
        ```python
        # comment
        ```
        ````

        ~~~
        # 测试代码
        ~~~
    """)
    (q,) = bank.questions
    assert [c.lang for c in q.code] == ["markdown", ""]
    assert "### 题目 9：不是题目" in q.code[0].text
    assert q.code[0].text.count("```") == 2


def test_front_matter_is_read_with_yaml():
    bank = read("""
        ---
        title: 大模型面试
        tags: [llm, 面试]
        language: zh-CN
        ---

        前言文字。

        ### 题目 1：标题

        **答案：** 回答
    """)
    assert (bank.title, bank.tags, bank.language) == ("大模型面试", ("llm", "面试"), "zh-CN")
    assert bank.preface == "前言文字。"
    assert bank.questions[0].tags == ("llm", "面试")


def test_invalid_front_matter_names_the_line():
    with pytest.raises(SourceError) as error:
        read("""
            ---
            title: ok
            tags: [unclosed
            ---

            ### 题目 1：标题
        """)
    assert error.value.path == "bank.md"
    assert error.value.line in (3, 4, 5)


def test_non_question_heading_ends_the_question():
    bank = read("""
        ### 博客标题

        文章

        #### 题目 1：标题

        **答案：** 回答

        ### 总结

        总结文字
    """)
    (q,) = bank.questions
    assert q.answer == "回答"
    assert bank.preface == "### 博客标题\n\n文章"


def test_recap_headings_without_labels_are_not_questions():
    bank = read("""
        #### 1. 标题一
        **题目：** 问一

        **答案：** 答一

        ### 答案解析说明

        #### 1. 标题一

        - **答案解析：** 重复
    """)
    assert [q.title for q in bank.questions] == ["标题一"]
    assert bank.questions[0].answer == "答一"


def test_explicit_id_wins():
    (q,) = read("""
        ### 题目 1：标题 {#closure-basics}

        **答案：** 回答
    """).questions
    assert (q.id, q.title) == ("closure-basics", "标题")


def test_absent_and_empty_sections():
    (q,) = read("""
        ### 题目 1：标题

        **题目：** 问

        **答案：**

        **解析：** 因为
    """).questions
    assert q.answer == ""
    assert q.example is None
    assert q.explanation == "因为"


def test_a_file_without_questions_is_an_error():
    with pytest.raises(SourceError, match="no questions"):
        read("just some text\n")


def test_unclosed_fence_is_reported_with_its_line():
    bank = read("""
        ### 题目 1：标题

        **答案：** 回答

        ```python
        print(1)
    """)
    (finding,) = bank.findings
    assert (finding.code, finding.line, finding.severity) == ("unclosed-fence", 5, "error")


def test_a_fence_that_its_list_item_ends_is_a_warning_not_an_error():
    """Only the rest of the file read as code is an error; a fence in a list item that the
    item's end closes holds what the item holds."""
    bank = read("""
        ### 题目 1：标题

        **答案：**

        1. 第一步
           ```python
           print(1)
        2. 第二步

        ### 题目 2：下一题

        **答案：** 回答
        """)
    (finding,) = bank.findings
    assert (finding.code, finding.line, finding.severity) == ("unclosed-fence", 6, "warning")
    assert [q.title for q in bank.questions] == ["标题", "下一题"]


@pytest.mark.parametrize("text", [
    # As English banks abbreviate them: ``Ans:`` after a ``Q1.`` heading, ``QUES 1:`` / ``ANS:`` pairs.
    "### Q1. Why are tuples immutable?\n**Ans:** To allow hashing.\n\n### Q2. Can a tuple be a key?\n**Ans:** Yes.\n",
    "**QUES 1:** Why are tuples immutable?\n\n**ANS:** To allow hashing.\n\n**QUES 2:** Can a tuple be a key?\n\n**ANS:** Yes.\n",
    "**Ques:** Why are tuples immutable?\n\n**Ans:** To allow hashing.\n\n**Ques:** Can a tuple be a key?\n\nAns: Yes.\n",
])
def test_abbreviated_question_and_answer_labels(text):
    bank = read(text)
    assert [(q.title, q.question, q.answer) for q in bank.questions] == [
        ("Why are tuples immutable?", "Why are tuples immutable?", "To allow hashing."),
        ("Can a tuple be a key?", "Can a tuple be a key?", "Yes.")]


@pytest.mark.parametrize("preface,title", [
    ('<h1 align="center">\n  30 Seconds of Interviews\n</h1>\n\n## Foreword\n\nHello.\n', "30 Seconds of Interviews"),
    ("## 【大模型应用开发】检索\n\n正文\n", "【大模型应用开发】检索"),
    ("正文在前\n\n## 不是标题\n", "bank"),
    # A title names a deck, a paper and a quiz's category: its words, without Markdown's marks.
    ("# **Java** 面试题：`JVM` 与 [GC](https://example.org/gc)\n", "Java 面试题：JVM 与 GC"),
    ("# C++ 2 * 3 题库\n", "C++ 2 * 3 题库"),
    # A link back to the set's home page heads each file of a set; it names none of them.
    ("# [返回主页](https://github.com/x/web-interview/blob/master/README.md)\n", "bank"),
    ("# [← Back to home](../README.md)\n\n## CSS questions\n", "bank"),
    ("# [Awesome Interviews](https://example.org)\n", "Awesome Interviews"),
])
def test_bank_title_from_the_preface(preface, title):
    bank = read_bank_text(preface + "\n### 题目 1：一\n\n**答案：** A\n", "bank.md")
    assert bank.title == title
