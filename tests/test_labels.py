"""The vocabulary of labels and question words (``generator/labels.py``, ``generator/markers.py``)
in the scripts and languages banks are written in."""

import pytest

from generator import labels

from .conftest import read

BANKS = {
    "traditional Chinese": """
        ### 題目 1：什麼是閉包？

        **題目：** 請解釋閉包。

        **參考答案：** 函式與其詞法環境的組合。

        **舉例：**

        ```js
        const add = (a) => (b) => a + b;
        ```

        **詳解：** 閉包讓函式記住外層變數。

        ### 題目 2：什麼是事件迴圈？

        **參考答案：** 從任務佇列取出下一個任務。
        """,
    "Japanese": """
        ### 問題1：JVM とは何ですか？

        **解答：** Java バイトコードを実行する仮想マシンです。

        **コード例：**

        ```js
        const add = (a) => (b) => a + b;
        ```

        **解説：** プラットフォーム非依存を実現します。

        ### 問題2：GC とは何ですか？

        **解答：** 不要になったオブジェクトを回収します。
        """,
    "Korean": """
        ## 질문 1: JVM이란 무엇인가요?

        **답변:** 자바 바이트코드를 실행하는 가상 머신입니다.

        **예제:**

        ```js
        const add = (a) => (b) => a + b;
        ```

        **해설:** 플랫폼 독립성을 제공합니다.

        ## 질문 2: GC란 무엇인가요?

        **답변:** 사용하지 않는 객체를 회수합니다.
        """,
}


@pytest.mark.parametrize("language", BANKS)
def test_banks_in_traditional_characters_japanese_and_korean_read_like_the_seed(language):
    bank = read(BANKS[language])
    first, second = bank.questions
    assert [(q.number, bool(q.answer)) for q in bank.questions] == [(1, True), (2, True)]
    assert not first.title.startswith(("題目", "問題", "질문")) and first.title.endswith(("？", "?"))
    assert first.example.startswith("```js") and first.explanation and first.extra == ()
    assert [block.section for block in first.code] == ["example"]
    assert not any(finding.severity == "error" for finding in bank.findings)


@pytest.mark.parametrize(("label", "kind"), [
    ("問題", "question"), ("質問", "question"), ("질문", "question"), ("面試題", "question"),
    ("參考答案", "answer"), ("답변", "answer"), ("正確答案", "answer"),
    ("範例", "example"), ("例題", "example"), ("예시", "example"),
    ("解説", "explanation"), ("해설", "explanation"), ("解題思路", "explanation"),
    ("例", None), ("注意", None),
])
def test_each_word_names_its_section(label, kind):
    assert labels.section_kind(label) == kind


def test_a_bold_numbered_answer_answers_the_bold_numbered_question():
    bank = read("""
        # SQL

        **Q1.** What is a primary key?

        **A1.** A column that identifies each row.

        **Q2.** Which of these is a join?

        **A.** UNION

        **B.** INNER JOIN

        **A2.** B
        """)
    first, second = bank.questions
    assert (first.number, first.title, first.answer) == (1, "What is a primary key?", "A column that identifies each row.")
    # ``**A.**`` without a number keys an option, as it did before.
    assert second.answer == "B" and [option.key for option in second.options] == ["A", "B"]


def test_a_solution_problem_file_keeps_the_solution_off_the_question():
    bank = read("""
        # [1. 两数之和](https://leetcode.cn/problems/two-sum)

        ## 题目描述

        给定一个整数数组 `nums` 和一个整数目标值 `target`。

        ## 解法

        ### 方法一：哈希表

        ```python
        d = {}
        ```
        """)
    (question,) = bank.questions
    assert (question.number, question.title) == (1, "两数之和")
    assert question.question == "给定一个整数数组 `nums` 和一个整数目标值 `target`。"
    assert question.answer.startswith("### 方法一：哈希表")
