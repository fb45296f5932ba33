"""Lists and tables read item by item and row by row: the sections of each item's or row's
text (``generator/itemized.py``)."""

import pytest

from generator.errors import NotABank

from .conftest import assert_spans_cover, read


def test_numbered_list_questions_with_their_answers_nested_under_them():
    bank = read("""
        # JavaScript interview questions

        1. What is a closure?

           A closure is a function that keeps the variables of the scope it was made in.

           ```js
           function counter() { let n = 0; return () => ++n; }
           ```

        2. What is hoisting?

           Declarations move to the top of their scope.

        3. **Q:** What does `===` compare?

           **A:** Value and type, without conversion.
        """)
    closure, hoisting, equals = bank.questions
    assert (closure.number, closure.title, closure.question) == (1, "What is a closure?", "What is a closure?")
    assert closure.answer.startswith("A closure is a function") and "```js\nfunction counter()" in closure.answer
    assert [(c.lang, c.section, c.line) for c in closure.code] == [("js", "answer", 7)]
    assert hoisting.answer == "Declarations move to the top of their scope."
    assert (equals.title, equals.question, equals.answer) == (
        "What does `===` compare?", "What does `===` compare?", "Value and type, without conversion.")


def test_list_items_that_label_their_question_and_answer_in_one_paragraph():
    text = """# 大模型面试题

1. **题目：** 什么是 RAG？
   **答案：** 检索增强生成。
2. **题目：** 什么是 LoRA？
   **答案：** 低秩适配。

   ```python
   model = get_peft_model(model, config)
   ```
"""
    bank = read(text)
    assert [(q.number, q.title, q.question, q.answer) for q in bank.questions] == [
        (1, "什么是 RAG？", "什么是 RAG？", "检索增强生成。"),
        (2, "什么是 LoRA？", "什么是 LoRA？", "低秩适配。\n\n```python\nmodel = get_peft_model(model, config)\n```")]
    assert [(c.lang, c.section) for c in bank.questions[1].code] == [("python", "answer")]
    assert_spans_cover(bank, text.count("\n"))


def test_a_table_of_questions_and_answers_is_read_row_by_row():
    text = """# 速查表

| 序号 | 问题 | 答案 | 解析 | Source |
|---|---|---|---|---|
| 1 | 什么是闭包？ | 记住作用域的**函数**。 | 见 MDN。<br>再看示例。 | MDN |
| 2 | 什么是提升？ | 声明移到作用域顶部。 | | |
"""
    bank = read(text)
    closure, hoisting = bank.questions
    assert [(q.number, q.title, q.question, q.line) for q in bank.questions] == [
        (1, "什么是闭包？", "什么是闭包？", 5), (2, "什么是提升？", "什么是提升？", 6)]
    assert (closure.answer, closure.explanation) == ("记住作用域的**函数**。", "见 MDN。\n\n再看示例。")
    assert [(e.label, e.text) for e in closure.extra] == [("Source", "MDN")]
    assert (hoisting.answer, hoisting.explanation, hoisting.extra) == ("声明移到作用域顶部。", None, ())
    assert [s.kind for s in bank.spans] == ["preface", "navigation", "question", "question"]  # the header names columns
    assert_spans_cover(bank, text.count("\n"))


def test_a_table_inside_an_answer_stays_a_table():
    bank = read("""
        ### 1. TCP 和 UDP 的区别？

        **答案：**

        | Question | Answer |
        |---|---|
        | 可靠吗？ | TCP 可靠 |
        """)
    (question,) = bank.questions
    assert question.answer.startswith("| Question | Answer |") and question.answer.count("\n") == 2


def test_a_table_without_question_and_answer_columns_is_not_a_bank():
    with pytest.raises(NotABank):
        read("| Name | Value |\n|---|---|\n| a | 1 |\n")


def test_bold_question_items_with_prose_answers_take_a_nested_list_as_the_answers_points():
    """A notes export: ``- **question**`` items, answers indented under them; where some
    answer is prose, a list alone under another question is its answer, not follow-ups."""
    text = """# LLM 基础知识

- **有哪些 tokenizer 的方式**
    - word-level
    - subword-level

    subword-level 最为常用。

- **遇到 OOV 怎么做?**

    用子词切分，把未登录词拆成已知的片段。

- **微调时要调哪些超参数？**
    - 数据集
    - lr rate
    - warm up iters
"""
    bank = read(text)
    assert [q.title for q in bank.questions] == ["有哪些 tokenizer 的方式", "遇到 OOV 怎么做?", "微调时要调哪些超参数？"]
    tokenizers, oov, tuning = bank.questions
    assert tokenizers.answer.startswith("- word-level") and oov.answer.startswith("用子词切分")
    assert (tuning.answer, tuning.followups) == ("- 数据集\n- lr rate\n- warm up iters", ())
    assert_spans_cover(bank, text.count("\n"))


def test_statements_nested_under_question_items_answer_them_where_no_nested_item_asks():
    """``- What is an inode?`` over ``- A structure…``: in a bank that answers nothing in
    prose, the nested lists are its answers unless some of them ask (then they are prompts
    to follow up with, as h5bp's ``* Describe what you like…`` beside ``* What are the exceptions?``)."""
    statements = """# Linux interview

- What does `chmod 755` do?
  - Gives the owner read, write and execute, and others read and execute.
- What is an inode?
  - A structure holding a file's metadata.
  - Not its name: names live in directories.
"""
    bank = read(statements)
    assert [(q.answer, q.followups, len(q.points)) for q in bank.questions] == [
        ("- Gives the owner read, write and execute, and others read and execute.", (), 1),
        ("- A structure holding a file's metadata.\n- Not its name: names live in directories.", (), 2)]
    assert_spans_cover(bank, statements.count("\n"))
    prompts = statements + "- How many resources will a browser download at a time?\n  - What are the exceptions?\n"
    assert [(q.answer, len(q.followups)) for q in read(prompts).questions] == [(None, 1), (None, 2), (None, 1)]


def test_lines_after_an_items_question_in_its_paragraph_answer_it():
    """``1. What does chmod 755 do?`` with its answer on the next line, no blank line
    between: the lines after the last one that asks are the answer (labelled or not); an
    item whose paragraph ends asking is all question."""
    text = """# Linux interview

1. What does `chmod 755` do?
   Gives the owner read, write and execute,
   and others read and execute.
2. Given a file, how do you
   find which process holds it open?
   `lsof FILE`.
3. 什么是 inode？它和文件名有什么关系？
   **答案：** 保存文件元数据的结构，不含文件名。
   - 文件名在目录项里
4. What is a hard link?
   What is a soft link?
"""
    bank = read(text)
    assert [(q.title, q.answer) for q in bank.questions] == [
        ("What does `chmod 755` do?", "Gives the owner read, write and execute,\nand others read and execute."),
        ("Given a file, how do you find which process holds it open?", "`lsof FILE`."),
        ("什么是 inode？它和文件名有什么关系？", "保存文件元数据的结构，不含文件名。\n- 文件名在目录项里"),
        ("What is a hard link? What is a soft link?", None)]
    assert [(q.line, q.end_line, q.section_line("answer")) for q in bank.questions[:3]] == [(3, 5, 4), (6, 8, 8), (9, 11, 10)]
    assert_spans_cover(bank, text.count("\n"))


def test_every_cell_of_a_row_lands_in_a_section_even_under_an_unnamed_column():
    bank = read("""
        | 序号 | 问题 | 答案 | |
        |---|---|---|---|
        | 1a | 什么是闭包？ | 记住作用域的函数。 | 常考 |
        | 2 | 什么是提升？ | 声明移到顶部。 | |
        """)
    closure, hoisting = bank.questions
    assert [(e.label, e.text) for e in closure.extra] == [("序号", "1a"), ("Column 4", "常考")]
    assert (closure.number, hoisting.number, hoisting.extra) == (None, 2, ())


def test_a_cell_beyond_the_header_is_kept_as_a_column_without_a_name():
    bank = read("""
        | Question | Answer |
        |---|---|
        | What is a closure? | A function with its scope. | asked at Acme |
        | What is hoisting? | Declarations move up. |
        """)
    closure, hoisting = bank.questions
    assert [(e.label, e.text) for e in closure.extra] == [("Column 3", "asked at Acme")]
    assert hoisting.extra == ()


def test_an_item_nested_under_a_question_that_opens_with_a_label_is_its_answer():
    bank = read("""
        # Java 面试

        1. HashMap 的底层结构是什么？
           - 答：数组 + 链表 + 红黑树，
             链表长了转成红黑树。
        2. ArrayList 和 LinkedList 的区别？
           - 答：前者基于数组，后者基于双向链表。
        """)
    assert [(q.number, q.answer) for q in bank.questions] == [
        (1, "数组 + 链表 + 红黑树，\n链表长了转成红黑树。"), (2, "前者基于数组，后者基于双向链表。")]


def test_a_row_is_its_question_whole_and_notes_after_the_table_are_said_to_be_left_out():
    bank = read("""
        | Q | A |
        | --- | --- |
        | What is a process? | A running program. |
        | What is a thread? | A unit of execution. |

        A note after the table.
        """)
    assert [q.answer for q in bank.questions] == ["A running program.", "A unit of execution."]
    assert [(f.code, f.line) for f in bank.findings] == [("skipped-text", 6)]
