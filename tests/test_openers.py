"""The paragraphs that open questions: bold question lines and repeated question and
answer label pairs (``generator/openers.py``)."""

import textwrap

import pytest

from generator.errors import NotABank

from .conftest import assert_spans_cover, count_lines, read


def test_bold_questions_inside_chapters_take_the_chapter_as_their_part():
    bank = read("""
        ### 1. 背景

        介绍。

        ### 2. 常见问题

        **问题 1：为什么要检索？**

        **答案：** 因为模型会忘。

        **问题 2：怎样评估？**

        **答案：** 看召回率。

        ### 3. 结语

        完。
        """)
    assert [(q.number, q.part) for q in bank.questions] == [(1, None), (2, None)]
    assert [span.kind for span in bank.spans] == ["preface", "question", "question", "skipped"]


def test_a_bold_question_line_followed_by_an_answer_label():
    bank = read("""
        **什么是进程？**

        答案：资源分配单位。
        """)
    (question,) = bank.questions
    assert (question.title, question.answer) == ("什么是进程？", "资源分配单位。")


def test_a_bank_of_bold_questions_without_labels_answers_each_with_what_follows_it():
    bank = read("""
        # Interview

        ## JavaScript

        **1. What is a closure?**

        A function together with its lexical environment.

        **2. What is hoisting?**

        Declarations are moved to the top of their scope:

        ```js
        f(); function f() {}
        ```

        ## CSS

        **1. What is specificity?**

        How the browser picks between rules.
        """)
    assert [(q.number, q.title, q.part) for q in bank.questions] == [
        (1, "What is a closure?", "JavaScript"), (2, "What is hoisting?", "JavaScript"), (1, "What is specificity?", "CSS")]
    assert bank.questions[1].answer.endswith("```js\nf(); function f() {}\n```")
    assert [span.kind for span in bank.spans] == ["preface", "part", "question", "question", "part", "question"]


def test_bold_questions_inside_answers_stay_in_the_answers():
    bank = read("""
        ### 1. What is a closure?

        A function and its environment.

        **Why does it matter?**

        It keeps state without globals.

        **Where is it used?**

        Callbacks.

        ### 2. What is hoisting?

        Declarations move up.
        """)
    assert [q.title for q in bank.questions] == ["What is a closure?", "What is hoisting?"]
    assert "**Why does it matter?**" in bank.questions[0].answer


def test_question_and_answer_labels_under_one_heading_are_a_question_each():
    bank = read("""
        # 网络

        **题目：** 什么是 TCP？

        **答案：** 面向连接的传输协议。

        **题目：** 什么是 UDP？

        **答案：** 无连接的传输协议。

        ## 进阶

        问：什么是 QUIC？
        答：基于 UDP 的传输协议。

        问：什么是 HTTP/3？
        答：跑在 QUIC 上的 HTTP。
        """)
    assert [(q.title, q.answer, q.part) for q in bank.questions] == [
        ("什么是 TCP？", "面向连接的传输协议。", "网络"), ("什么是 UDP？", "无连接的传输协议。", "网络"),
        ("什么是 QUIC？", "基于 UDP 的传输协议。", "进阶"), ("什么是 HTTP/3？", "跑在 QUIC 上的 HTTP。", "进阶")]
    assert [span.kind for span in bank.spans] == ["part", "question", "question", "part", "question", "question"]


def test_bold_q_and_a_pairs_are_questions_and_a_bare_a_line_stays_an_option():
    bank = read("""
        # Networking

        **Q:** What is TCP?
        **A:** A connection-oriented protocol.

        **Q:** Which transport is connectionless?

        A: TCP
        B: UDP

        **A:** B, because it sends datagrams without a handshake.
        """)
    first, second = bank.questions
    assert (first.title, first.answer) == ("What is TCP?", "A connection-oriented protocol.")
    assert (second.title, [o.text for o in second.options], second.correct) == (
        "Which transport is connectionless?", ["TCP", "UDP"], ("B",))


def test_a_heading_question_keeps_its_one_question_label():
    bank = read("""
        ### 题目 1：网络

        **题目：** 什么是 TCP？

        **答案：** 面向连接的传输协议。
        """)
    (question,) = bank.questions
    assert (question.title, question.question, question.answer) == ("网络", "什么是 TCP？", "面向连接的传输协议。")


def test_one_bold_question_alone_does_not_make_a_bank():
    with pytest.raises(NotABank):
        read("""
            # Notes

            **Why write notes?**

            To remember.
            """)


def test_bare_q_and_a_lines_are_pairs_and_a_bare_a_before_b_is_an_option():
    bank = read("""
        # Networking

        Q: What is TCP?
        A: A connection-oriented protocol.

        Q: Which transport is connectionless?

        A: TCP
        B: UDP

        A: B, it sends datagrams without a handshake.

        Q: What does DNS do?

        A: It turns names into addresses.
        """)
    first, second, third = bank.questions
    assert (first.title, first.answer) == ("What is TCP?", "A connection-oriented protocol.")
    assert ([o.text for o in second.options], second.correct) == (["TCP", "UDP"], ("B",))
    assert (third.title, third.answer) == ("What does DNS do?", "It turns names into addresses.")


def test_bold_q_lines_answered_by_bare_a_lines_numbered_or_not():
    # The FAQ appendix of generated articles: ``**Q1：…？**`` with ``A1：…`` on the next
    # line of the same paragraph, or in a paragraph of its own.
    bank = read(FAQ_APPENDIX)
    assert [(q.number, q.title, q.question, q.answer) for q in bank.questions] == [
        (None, "什么是分布式一致性？", "什么是分布式一致性？", "各个节点对同一数据的状态达成一致。"),
        (2, "如何实现分布式锁？", "如何实现分布式锁？", "用 ZooKeeper 或 etcd。"),
        (3, "分布式事务如何实现？", "分布式事务如何实现？", "两阶段提交。")]
    assert_spans_cover(bank, count_lines(textwrap.dedent(FAQ_APPENDIX).lstrip("\n")))


FAQ_APPENDIX = """
        ### 9. 附录：常见问题与解答

        **Q：什么是分布式一致性？**
        A：各个节点对同一数据的状态达成一致。

        **Q2：如何实现分布式锁？**
        A2：用 ZooKeeper 或 etcd。

        **Q3：分布式事务如何实现？**

        A3：两阶段提交。
        """


def test_bold_numbered_q_and_a_letters_with_the_colon_outside_the_bold():
    bank = read("""
        ### 9. 附录：常见问题与解答

        **Q1**：什么是特征工程？
        **A1**：选择、构建和转换特征。

        **Q2**：什么是信用评分模型？
        **A2**：评估信用风险的统计模型。
        """)
    assert [(q.number, q.title, q.question, q.answer) for q in bank.questions] == [
        (1, "什么是特征工程？", "什么是特征工程？", "选择、构建和转换特征。"),
        (2, "什么是信用评分模型？", "什么是信用评分模型？", "评估信用风险的统计模型。")]


@pytest.mark.parametrize("q, a", [("Q1:", "A1:"), ("Q1.", "A1."), ("Q1：", "A1：")])
def test_numbered_bare_q_and_a_lines(q, a):
    bank = read(f"""
        # FAQ

        {q} What is RAG?
        {a} Retrieval-augmented generation.

        {q.replace("1", "2")} What is LoRA?
        {a.replace("1", "2")} Low-rank adaptation.
        """)
    assert [(q.title, q.answer) for q in bank.questions] == [
        ("What is RAG?", "Retrieval-augmented generation."), ("What is LoRA?", "Low-rank adaptation.")]


def test_a_lettered_option_with_a_stop_stays_an_option():
    bank = read("""
        **Q:** Which transport is connectionless?

        A. TCP
        B. UDP

        **A:** B

        **Q:** Which port does HTTPS use?

        A. 80
        B. 443

        **A:** B
        """)
    assert [([o.text for o in q.options], q.correct) for q in bank.questions] == [
        (["TCP", "UDP"], ("B",)), (["80", "443"], ("B",))]


def test_one_labelled_question_and_answer_make_a_bank_of_one():
    # One question a file: the label pair is all it holds.
    bank = read("""
        **题目**：LRU 缓存机制
        设计一个支持 get 和 put 的 LRU 缓存。

        **出题人**：文景

        **参考答案**：用哈希表加双向链表。
        """)
    (question,) = bank.questions
    assert (question.title, question.answer) == ("LRU 缓存机制", "用哈希表加双向链表。")
    assert question.question == "LRU 缓存机制\n设计一个支持 get 和 put 的 LRU 缓存。"
    assert [(extra.label, extra.text) for extra in question.extra] == [("出题人", "文景")]


def test_a_bare_a_line_is_text_outside_a_question():
    bank = read("""
        ### 1. What is a closure?

        A function with its environment.

        A: not a label here, the open section is the answer.
        """)
    (question,) = bank.questions
    assert question.answer.endswith("A: not a label here, the open section is the answer.")


# A list of questions to ask, as interviewers keep them: imperatives among questions,
# follow-ups nested under a question, code under an item that ends with a colon.
QUESTION_LIST = '''---
title: JavaScript Questions
---

* Explain event delegation.
* Explain how `this` works in JavaScript.
  * Can you give an example of how it changed in ES6?
* What is a closure, and how would you use one?
  * Describe a closure you wrote.
* What is the difference between `==` and `===`?
* Explain the following request headers:
  * Cache-Control
  * ETag

## Coding questions
* Make this work:
```javascript
duplicate([1, 2, 3]); // [1, 2, 3, 1, 2, 3]
```
* What will each of these print?
```javascript
console.log("hello" || "world")
```
* Write an immediately invoked function expression
'''


def test_a_list_of_questions_to_ask_is_read_item_by_item():
    bank = read(QUESTION_LIST)
    assert [q.title for q in bank.questions] == [
        "Explain event delegation.", "Explain how `this` works in JavaScript.",
        "What is a closure, and how would you use one?", "What is the difference between `==` and `===`?",
        "Explain the following request headers:",
        "Make this work:", "What will each of these print?", "Write an immediately invoked function expression"]
    by_title = {q.title: q for q in bank.questions}
    assert by_title["Explain how `this` works in JavaScript."].followups == (
        "Can you give an example of how it changed in ES6?",)
    assert by_title["What is a closure, and how would you use one?"].followups == ("Describe a closure you wrote.",)
    headers = by_title["Explain the following request headers:"]
    assert headers.followups == () and "* ETag" in headers.question  # the list completes the question
    made = by_title["Make this work:"]
    assert "duplicate([1, 2, 3])" in made.question and made.answer is None
    assert [(c.lang, c.section) for c in made.code] == [("javascript", "question")]
    assert all(q.answer is None for q in bank.questions)
    assert [q.part for q in bank.questions][-3:] == ["Coding questions"] * 3
    assert_spans_cover(bank, QUESTION_LIST.count("\n"))
    assert not [f for f in bank.findings if f.code.startswith("skipped")]


def test_question_label_paragraphs_with_no_answers_are_the_questions_of_their_bank():
    bank = read("""
        Question: What is the value of `foo`?
        ```javascript
        var foo = 10 + '20';
        ```

        Question: How would you make this work?
        ```javascript
        add(2)(5); // 7
        ```
        """)
    assert [q.title for q in bank.questions] == ["What is the value of `foo`?", "How would you make this work?"]
    assert all(q.answer is None and "```javascript" in q.question for q in bank.questions)


@pytest.mark.parametrize("text", [
    "# Features\n\n* Fast builds\n* Small outputs\n* Is it free? Yes.\n",
    "# Contents\n\n1. [What is a closure?](#closure)\n2. [What is hoisting?](#hoisting)\n",
])
def test_a_list_that_asks_fewer_than_two_questions_or_only_links_is_not_a_bank(text):
    with pytest.raises(NotABank):
        read(text)


# A study note, not a bank: steps and notes in lists, and one list of two questions with
# their answers nested under them (the only questions the file asks).
STUDY_NOTE = """# Page replacement

When no frame is free, the kernel picks a victim:

1. Find the page on the disk.
2. Pick a victim frame and write it out.
3. Read the page into the frame.

Writing the victim out costs a disk access. A dirty bit saves it:

- Is the dirty bit set?
  - The page changed since it was read: write it out.
- Is the dirty bit clear?
  - The page is the disk's copy: drop it.

## Algorithms

- FIFO
- LRU
- OPT
"""


def test_a_study_note_with_a_list_of_two_questions_asks_only_those():
    bank = read(STUDY_NOTE)
    assert [q.title for q in bank.questions] == ["Is the dirty bit set?", "Is the dirty bit clear?"]
    assert {f.code for f in bank.findings} >= {"skipped-text"}  # the algorithms, said, not read as questions
    assert_spans_cover(bank, STUDY_NOTE.count("\n"))


def test_a_link_to_the_answers_after_a_list_of_questions_asks_nothing_but_a_link_that_asks_does():
    bank = read("""
        ## 基础面

        - 1 目前主流的开源模型体系有哪些？
        - 2 大模型的训练目标是什么？
        - [什么是涌现能力？](emergence.md)

        - [点击查看答案](https://example.com/answers)
        """)
    assert [q.title for q in bank.questions] == [
        "1 目前主流的开源模型体系有哪些？", "2 大模型的训练目标是什么？", "[什么是涌现能力？](emergence.md)"]
    assert "[点击查看答案](https://example.com/answers)" in bank.questions[-1].question


# Questions as headings inside a numbered list, answers indented under them, a "back to top"
# line after each, and a table of contents folded in <details> (numbers beside its links).
HEADING_ITEMS = """# React Interview Questions

### Table of Contents

<details open>
<summary>Hide/Show table of contents</summary>

| No. | Questions |
| --- | --------- |
|     | **Core React** |
| 1   | [What is React?](#what-is-react) |
| 2   | [What is JSX?](#what-is-jsx) |

</details>

## Core React

1.  ### What is React?

    React is a library for building user interfaces.

    **[⬆ Back to Top](#table-of-contents)**

2.  ### What is JSX?

    JSX is a syntax extension.

    ```jsx
    const element = <h1>Hello</h1>;
    ```

    **[⬆ Back to Top](#table-of-contents)**

3.  ### What are the drawbacks of the MVW pattern?

    1. DOM manipulation is expensive.
    2. Circular dependencies grow.

4.   ### How do you set a default value for an uncontrolled component?

   Use `defaultValue` instead of `value`.

5.  ### What are fragments?

    A way to group children without a wrapper.

## React Router

6.  ### What is React Router?

    A routing library.
"""


def test_question_headings_inside_a_numbered_list_are_the_questions():
    bank = read(HEADING_ITEMS)
    assert [(q.number, q.title, q.part) for q in bank.questions] == [
        (1, "What is React?", "Core React"), (2, "What is JSX?", "Core React"),
        (3, "What are the drawbacks of the MVW pattern?", "Core React"),
        (4, "How do you set a default value for an uncontrolled component?", "Core React"),
        (5, "What are fragments?", "Core React"), (6, "What is React Router?", "React Router")]
    react, jsx, drawbacks, uncontrolled, fragments, _ = bank.questions
    assert react.answer == "React is a library for building user interfaces."  # without "back to top"
    assert jsx.answer.startswith("JSX is a syntax extension.\n\n```jsx") and [c.lang for c in jsx.code] == ["jsx"]
    assert drawbacks.answer.startswith("1. DOM manipulation") and drawbacks.followups == ()  # points, not follow-ups
    assert "defaultValue" in uncontrolled.answer  # less indented than the item: still its answer
    assert fragments.answer == "A way to group children without a wrapper."
    assert {s.kind for s in bank.spans} == {"preface", "navigation", "part", "question"}
    assert_spans_cover(bank, HEADING_ITEMS.count("\n"))
    assert not bank.findings


# Each question the summary of a folded answer; the closing tags end the answer's last
# paragraph (no block of their own), or stand alone; headings above are parts.
FOLDED = """## Linux Questions

### Linux 101

<details>
<summary>What is Linux?</summary><br><b>

An operating system kernel, and the systems built on it.
</b></details>

<details>
<summary>Explain what a process is</summary><br><b>

A running program with its own memory.

<details><summary>Show more</summary>

Threads share it.

</details>

</b></details>

### I/O Redirection

<details>
<summary>How do you send errors to a file?</summary><br><b>

`cmd 2> errors.txt`
</b></details>
"""


def test_folded_answers_whose_summaries_ask_are_the_questions():
    bank = read(FOLDED)
    assert [(q.title, q.part) for q in bank.questions] == [
        ("What is Linux?", "Linux 101"), ("Explain what a process is", "Linux 101"),
        ("How do you send errors to a file?", "I/O Redirection")]
    linux, process, errors = bank.questions
    assert linux.answer == "An operating system kernel, and the systems built on it."  # no closing tags
    assert process.answer.startswith("A running program with its own memory.")
    assert [e.label for e in process.extra] == ["Show more"]  # a fold inside the answer is a section of it
    assert errors.answer == "`cmd 2> errors.txt`"
    assert_spans_cover(bank, FOLDED.count("\n"))
    assert not bank.findings


def test_summaries_that_name_the_answer_stay_answers():
    bank = read("""
        ### 1. What is a closure?

        <details><summary>View answer</summary>

        A function with its scope.

        </details>

        ### 2. What is hoisting?

        <details><summary>View answer</summary>

        Declarations move up.

        </details>
        """)
    assert [(q.title, q.answer) for q in bank.questions] == [
        ("What is a closure?", "A function with its scope."), ("What is hoisting?", "Declarations move up.")]


def test_a_summary_that_asks_is_a_question_whatever_its_words():
    bank = read("""
        <details>
        <summary>How do you view hidden files?</summary><br><b>

        `ls -a`
        </b></details>

        <details>
        <summary>What does chmod do?</summary><br><b>

        Changes a file's mode.
        </b></details>
        """)
    assert [q.title for q in bank.questions] == ["How do you view hidden files?", "What does chmod do?"]


def test_folds_opened_inside_bold_tags_are_questions_numbered_or_asking():
    """Seen in a real bank (yisainan/web-interview, 790 questions in six files, each read as
    one): ``<b><details><summary>…</summary></b>`` is a paragraph to markdown-it, and a
    numbered summary that says "查看" is a question, not a "view answer" toggle."""
    text = textwrap.dedent("""
        # [返回主页](https://example.com/README.md)

        <b><details><summary>1. 简单对比 git pull 和 git pull --rebase 的使用</summary></b>

        参考答案：

        git pull = git fetch + git merge

        </details>

        <b><details><summary>2. 什么时候使用“git rebase”代替“git merge”？</summary></b>

        参考答案：整理自己分支的提交时。

        </details>

        <b><details><summary>3. 如何查看分支的提交历史</summary></b>

        参考答案：git log branch

        </details>

        <b><details><summary>4. 什么是 Git 复刻（fork）？</summary></b>

        参考答案：服务器端的拷贝。

        </details>
        """).lstrip("\n")
    bank = read(text)
    assert [(q.number, q.title, q.answer) for q in bank.questions] == [
        (1, "简单对比 git pull 和 git pull --rebase 的使用", "git pull = git fetch + git merge"),
        (2, "什么时候使用“git rebase”代替“git merge”？", "整理自己分支的提交时。"),
        (3, "如何查看分支的提交历史", "git log branch"), (4, "什么是 Git 复刻（fork）？", "服务器端的拷贝。")]
    assert_spans_cover(bank, count_lines(text))


def test_a_paragraph_that_names_the_details_tag_is_text():
    bank = read("""
        ### What does HTML fold with?

        <code><details></code> folds its content, <summary> names it.
        """)
    assert bank.questions[0].answer == "<code><details></code> folds its content, <summary> names it."


def test_bold_questions_with_a_difficulty_emoji_after_the_question_mark():
    bank = read("""
        # Theoretical questions

        * Legend: 👶 easy ⭐️ medium 🚀 expert

        ## Linear regression

        **What is regression? 👶**

        A part of supervised learning.

        <br/>

        **What methods for solving linear regression do you know? ‍⭐️**

        Matrix algebra, or gradient descent.

        <br/>

        ## Validation

        **Why do we need a validation set? 🚀**

        To choose hyperparameters without touching the test set.
        """)
    assert [(q.title, q.answer, q.part, q.difficulty) for q in bank.questions] == [
        ("What is regression?", "A part of supervised learning.", "Linear regression", "easy"),
        ("What methods for solving linear regression do you know?", "Matrix algebra, or gradient descent.",
         "Linear regression", "medium"),
        ("Why do we need a validation set?", "To choose hyperparameters without touching the test set.", "Validation",
         "hard")]


def test_symbols_after_titles_stay_in_them_without_a_legend_or_beside_settings():
    bank = read("""
        # Questions

        * Legend: 👶 easy 🚀 expert

        **What is a closure? 👶 {difficulty=hard}**

        A function with its environment.

        **What is hoisting? ✅**

        Declarations move up.
        """)
    assert [(q.title, q.difficulty) for q in bank.questions] == [("What is a closure?", "hard"),
                                                                 ("What is hoisting? ✅", None)]


def test_a_bank_of_bold_numbered_tasks_asks_each_and_answers_with_what_follows_it():
    bank = read("""
        # Technical questions

        ## SQL

        Two tables: Ads(ad_id, status) and Events(event_id, ad_id).

        **1)** The number of active ads.

        ```sql
        SELECT count(*) FROM Ads WHERE status = 'active';
        ```

        <br/>

        **2)** All active campaigns.

        ```sql
        SELECT DISTINCT campaign_id FROM Ads WHERE status = 'active';
        ```

        ## Coding (Python)

        **1) FizzBuzz.** Print the numbers from 1 to 100.

        ```python
        for i in range(1, 101):
            print(i)
        ```

        **2) Factorial**. Compute n!

        ```python
        def factorial(n):
            return 1 if n < 2 else n * factorial(n - 1)
        ```
        """)
    assert [(q.number, q.title, q.question, q.part) for q in bank.questions] == [
        (1, "The number of active ads.", "The number of active ads.", "SQL"),
        (2, "All active campaigns.", "All active campaigns.", "SQL"),
        (1, "FizzBuzz.", "Print the numbers from 1 to 100.", "Coding (Python)"),
        (2, "Factorial", "Compute n!", "Coding (Python)")]
    assert [q.answer.split("\n")[0] for q in bank.questions] == ["```sql", "```sql", "```python", "```python"]
    assert bank.parts[0].text == "Two tables: Ads(ad_id, status) and Events(event_id, ad_id)."


@pytest.mark.parametrize("numbers", [(1,), (1, 3), (2, 3)])
def test_bold_numbers_that_do_not_count_up_from_1_are_no_tasks(numbers):
    paragraphs = "\n\n".join(f"**{n}.** Step {n} of the recipe." for n in numbers)
    with pytest.raises(NotABank):
        read(f"# Notes\n\n{paragraphs}\n")


def test_bold_numbers_in_a_bank_of_headings_stay_in_the_answers():
    bank = read("""
        ### 1. How do you deploy?

        **1.** Build the image.

        **2.** Push it.

        ### 2. How do you roll back?

        Redeploy the previous tag.
        """)
    assert [q.title for q in bank.questions] == ["How do you deploy?", "How do you roll back?"]
    assert bank.questions[0].answer == "**1.** Build the image.\n\n**2.** Push it."


def test_paragraphs_numbered_without_a_space_are_questions_when_two_of_them_ask():
    """Interview notes written ``1.问题`` (no space after the number, so Markdown keeps
    them as text), each answered by the fence or text under it."""
    text = """
        面试记录，凭记忆写的。

        1.算法题
        ```
        判断一棵二叉树是否对称
        ```

        2.分类和回归有什么区别?
        ```text
        回归预测连续值，分类预测类别。
        ```
        3、过拟合怎么办？

        加数据，加正则。

        4）梯度下降为什么要归一化?
        """
    bank = read(text)
    assert [(q.number, q.title, q.question) for q in bank.questions] == [
        (1, "算法题", "算法题"), (2, "分类和回归有什么区别?", "分类和回归有什么区别?"),
        (3, "过拟合怎么办？", "过拟合怎么办？"), (4, "梯度下降为什么要归一化?", "梯度下降为什么要归一化?")]
    assert [q.answer for q in bank.questions] == [
        "```\n判断一棵二叉树是否对称\n```", "```text\n回归预测连续值，分类预测类别。\n```", "加数据，加正则。", None]
    assert bank.preface == "面试记录，凭记忆写的。"
    assert_spans_cover(bank, count_lines(textwrap.dedent(text).lstrip("\n")))


def test_numbered_paragraphs_with_colons_and_a_list_numbered_again_in_an_answer():
    """``1:你先自我介绍一下？`` over its answer, as a page of HR questions writes them (the
    lines under a numbered line that asks answer it); the ``1:`` and ``2:`` lines under
    question 3 start again with no heading: its answer's list, not questions."""
    bank = read("""
        1:你先自我介绍一下？
        时间控制在2-3分钟。

        2：说说你的优缺点？
        ☑参考回答：
        优点：硬技能。

        3:你还有什么想问我的吗？

        1:您对XX行业的看法是什么呢？
        2:公司的晋升机制是怎么样呢？
        """)
    assert [(q.number, q.title, q.question) for q in bank.questions] == [
        (1, "你先自我介绍一下？", "你先自我介绍一下？"), (2, "说说你的优缺点？", "说说你的优缺点？"),
        (3, "你还有什么想问我的吗？", "你还有什么想问我的吗？")]
    assert [q.answer for q in bank.questions] == [
        "时间控制在2-3分钟。", "优点：硬技能。", "1:您对XX行业的看法是什么呢？\n2:公司的晋升机制是怎么样呢？"]
    assert bank.questions[0].section_line("answer") == 2


def test_a_mark_before_a_label_is_not_part_of_it():
    (question,) = read("### 说说你的优缺点？\n\n☑参考回答：\n优点：硬技能。\n\n👉 解析：先优点后缺点。\n").questions
    assert (question.answer, question.explanation) == ("优点：硬技能。", "先优点后缺点。")


@pytest.mark.parametrize("paragraphs", [
    "1.安装依赖\n\n2.修改配置\n\n3.启动服务",  # steps: none asks
    "1.什么是进程？\n\n3.什么是线程？",  # not counting up
    "1.5 倍够吗？\n\n2.5 倍呢？",  # numbers that number nothing
])
def test_numbered_paragraphs_that_do_not_ask_or_count_up_are_no_questions(paragraphs):
    with pytest.raises(NotABank):
        read(f"# 笔记\n\n{paragraphs}\n")


ONE_LINE_LISTS = """
    <div dir='rtl'>

    # قائمة أسئلة جافا سكريبت

    الأجوبة توجد في الجزء المطوي بالأسفل.
    </div>

    1. ماهو الناتج ؟

    ```javascript
    console.log(name);
    ```

    - A: `Lydia`
    - B: `undefined`

    <details><summary><b>الإجابة</b></summary>
    <p>

    <div dir='rtl'>
    الإجابة هي الخيار الثاني : B

    المتغير `name` حصلت له عملية hoisting.

    </p>
    </details>
    </div>

    ---

    <div dir='rtl'>
    2. جميع الobjects لديها prototypes?
    </div>

    - A: true
    - B: false

    <details><summary><b>الأجابة</b></summary>
    <p>

    الجواب هو الخيار الثاني: B

    عدا ال base object.

    </p>
    </details>
    """


def test_one_line_numbered_lists_are_the_questions_of_a_bank_titled_above_them():
    """javascript-questions in Arabic: each question a one-line list (``1. ماهو الناتج ؟``)
    or that line alone in a ``<div dir='rtl'>``, its code, options and folded answer under
    it. The file was one question, titled by its heading, every fold counted as its own."""
    bank = read(ONE_LINE_LISTS)
    assert [(q.number, q.title) for q in bank.questions] == [(1, "ماهو الناتج ؟"), (2, "جميع الobjects لديها prototypes?")]
    first, second = bank.questions
    assert first.question.startswith("```javascript\nconsole.log(name);\n```") and len(first.options) == 2
    assert (first.correct, first.reason) == (("B",), "المتغير `name` حصلت له عملية hoisting.")
    assert (second.correct, second.reason) == (("B",), "عدا ال base object.")  # "الأجابة", as often misspelt
    assert bank.title == "قائمة أسئلة جافا سكريبت"
    assert_spans_cover(bank, count_lines(textwrap.dedent(ONE_LINE_LISTS).lstrip("\n")))


def test_one_line_numbered_lists_under_an_asking_or_labelled_heading_stay_in_its_answer():
    bank = read("""
        # 部署

        ### 1. 如何部署？

        1. 打包镜像？

        2. 推送镜像？

        <details><summary>更多</summary>

        先测试。

        </details>
        """)
    assert [q.title for q in bank.questions] == ["如何部署？"]


def test_numbered_paragraphs_in_a_bank_of_headings_stay_in_the_answers():
    bank = read("""
        ### 1. 如何部署？

        1.打包镜像？

        2.推送镜像？

        ### 2. 如何回滚？

        重新部署上一个版本。
        """)
    assert [q.title for q in bank.questions] == ["如何部署？", "如何回滚？"]
    assert bank.questions[0].answer == "1.打包镜像？\n\n2.推送镜像？"


def test_a_list_of_contributors_among_listed_questions_is_no_question():
    bank = read("""
        # Front-end questions

        ### General

        * What did you learn this week?
        * What excites you about coding?
        * Which editor do you use?

        ### Contributors

        * [@cowboy](http://twitter.com/cowboy) - http://benalman.com
        * [@gf3](http://twitter.com/gf3) - <http://gf3.ca>
        * [Paul Irish](http://paulirish.com)
        """)
    assert [q.title for q in bank.questions] == [
        "What did you learn this week?", "What excites you about coding?", "Which editor do you use?"]
    assert [(f.code, f.line) for f in bank.findings] == [("skipped-text", 9)]
