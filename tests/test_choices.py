"""Choice, true/false and fill-in questions: options and keys in every style people write,
papers with shuffled options whose key still matches, the deck, the study page and Moodle."""

import base64
import json
import re
import os
import textwrap
import xml.etree.ElementTree as ElementTree

import pytest

from generator.lint import lint_banks
from generator.reader import read_bank_file
from generator.select import select_papers

from .conftest import read, run, tiny_png

STYLES = {
    "list with colons": ("- A: `Lydia`\n- B: `undefined`\n- C: `ReferenceError`", ["`Lydia`", "`undefined`",
                                                                                   "`ReferenceError`"]),
    "bare lines": ("A. MongoDB\nB. MySQL\nC. Redis", ["MongoDB", "MySQL", "Redis"]),
    "one line": ("A. list  B. dict  C. array", ["list", "dict", "array"]),
    "parentheses": ("A) 2 种\nB) 3 种\nC) 4 种", ["2 种", "3 种", "4 种"]),
    "full-width brackets": ("（A）进程\n（B）线程\n（C）协程", ["进程", "线程", "协程"]),
    "ordered list": ("1. A、快排\n2. B、归并\n3. C、堆排", ["快排", "归并", "堆排"]),
    # A blank line between options, so that Markdown does not run them into one line.
    "paragraphs": ("A. epoll\n\nB. select\n\nC. poll", ["epoll", "select", "poll"]),
    "dashes": ("A - 永远\nB - 关闭标签页时\nC – 关闭浏览器时", ["永远", "关闭标签页时", "关闭浏览器时"]),
    "bare keys in paragraphs": ("A 快排\n\nB 归并\n\nC 堆排", ["快排", "归并", "堆排"]),
    "dashed paragraphs": ("A - 永远\n\n B - 关闭标签页时\n\nC - 关闭浏览器时", ["永远", "关闭标签页时", "关闭浏览器时"]),
}
ANSWERS = {"答案：B": ("B",), "【答案】B": ("B",), "**答案：** AC": ("A", "C"), "答案：A、C": ("A", "C"),
           "**Answer:** C": ("C",), "**Correct answer:** C": ("C",), "Ans: B": ("B",)}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("answer", ANSWERS)
def test_options_and_keys_in_every_style(style, answer):
    written, texts = STYLES[style]
    bank = read(f"# 题库\n\n### 1. 选哪个？\n\n{written}\n\n{answer}\n\n### 2. 再选？\n\n{written}\n\n答案：A\n")
    question = bank.questions[0]
    assert [(o.key, o.text) for o in question.options] == list(zip("ABC", texts))
    assert question.correct == ANSWERS[answer] and question.kind == ("multi" if len(ANSWERS[answer]) > 1 else "choice")
    assert question.stem is None  # the options were all of the question section


def test_options_in_paragraphs_leave_the_code_above_them_as_the_stem():
    bank = read("### 1. 输出什么？\n\n```go\nfmt.Println(test())\n```\n\nA: 5\n\nB: 6\n\nC: 0\n\n答案：B\n\n"
                "### 2. 哪个描述了编译结果？\n\nA: 编译通过\n\nB: 编译错误\n\nC 运行时报错\n\nD 接口声明无效\n\n答案：B\n\n"
                "### 3. A or B?\n\nA grade is a letter.\n\nB is a grade.\n\nAnswer: both.\n")
    first, second, third = bank.questions
    assert [(o.key, o.text) for o in first.options] == [("A", "5"), ("B", "6"), ("C", "0")]
    assert first.stem == "```go\nfmt.Println(test())\n```" and first.correct == ("B",)
    # C and D lack the colon A and B have, and are options all the same: in paragraphs of
    # their own, a key and a space are enough when three or more run from A.
    assert [(o.key, o.text) for o in second.options] == [("A", "编译通过"), ("B", "编译错误"), ("C", "运行时报错"),
                                                          ("D", "接口声明无效")]
    assert third.options == () and third.kind == "open"


def test_bold_keys_are_options_not_sections_and_a_key_alone_shows_the_code_under_it():
    """A Go quiz writes ``**A**: `true``` or ``**A**:`` (or a bare ``A``) over each option's
    code; read as labels they made an answer labelled A and sections named B, C, D."""
    bank = read("## 1、对变量x的取反操作是~x，这一说法是否正确。\n\n**A**: `true`\n\n**B**: `false`\n\n"
                "### 正确答案：B\n\n**官方解析：**\n\n取反是 `!x`。\n\n"
                "## 2、关于类型转化，下面语法正确的是（）\n\n**A**:\n\n```go\nvar i MyInt = i\n```\n\n"
                "**B**:\n\n```go\nvar i MyInt = MyInt(i)\n```\n\n### 正确答案为：B\n\n"
                "## 3、哪些代码不能编译（）\n\n```go\nvar x [2]int\n```\n\nA\n\n```go\nx[2] = 10\n```\n\n"
                "B\n\n```go\nx := 42\n```\n\nC\n\n![图](c.png)\n\n## 正确答案： AC\n")
    first, second, third = bank.questions
    assert [(o.key, o.text) for o in first.options] == [("A", "`true`"), ("B", "`false`")]
    assert first.correct == ("B",) and [e.label for e in first.extra] == ["官方解析"] and first.stem is None
    assert [(o.key, o.text) for o in second.options] == [("A", "```go\nvar i MyInt = i\n```"),
                                                          ("B", "```go\nvar i MyInt = MyInt(i)\n```")]
    assert second.correct == ("B",) and second.extra == ()
    assert [o.text for o in third.options] == ["```go\nx[2] = 10\n```", "```go\nx := 42\n```", "![图](c.png)"]
    assert third.stem == "```go\nvar x [2]int\n```" and third.correct == ("A", "C") and third.kind == "multi"


def test_a_bold_a_alone_still_labels_the_answer():
    (question,) = read("### 1. 什么是 RAG？\n\n**Q:** 什么是 RAG？\n\n**A:** 检索增强生成。\n").questions
    assert question.answer == "检索增强生成。" and question.options == ()


def test_a_stem_with_code_keeps_the_code_and_the_reason_follows_the_key():
    bank = read("""
        ###### 1. 输出是什么？

        ```javascript
        console.log(typeof null)
        // A. not an option
        ```

        - A: `"object"`
        - B: `"null"`

        <details><summary><b>答案</b></summary>
        <p>

        #### 答案：A

        历史遗留：`null` 的类型标签是 0。

        </p>
        </details>
        """)
    (question,) = bank.questions
    assert question.stem.startswith("```javascript") and "A. not an option" in question.stem
    assert question.correct == ("A",) and question.reason.startswith("历史遗留")


@pytest.mark.parametrize("word, asks", [("Antwort", "Was wird ausgegeben?"), ("Ответ", "Что будет в консоли?"),
                                         ("Đáp án", "Output là gì?"), ("الإجابة", "ماهو الناتج ؟"),
                                         ("Répondre", "Quelle est la sortie?")])  # French, once
def test_a_translated_bank_folds_its_key_under_its_own_word_for_answer(word, asks):
    bank = read(f"""
        ###### 1. {asks}

        ```javascript
        console.log(typeof null)
        ```

        - A: `"object"`
        - B: `"null"`

        <details><summary><b>{word}</b></summary>
        <p>

        #### {word}: A

        `typeof null` ist "object".

        </p>
        </details>
        """)
    (question,) = bank.questions
    assert (question.title, question.correct, question.reason) == (asks, ("A",), '`typeof null` ist "object".')
    assert not [f for f in bank.findings if f.code in ("empty-section", "choice-without-answer")]


def test_a_key_heading_without_a_colon_in_a_fold_is_read():
    """javascript-questions in Traditional Chinese writes ``#### 答案 B`` once where the rest
    write ``#### 答案: B``; a heading that opens an answer with a letter is not a key."""
    bank = read("""
        ###### 3. 將會輸出什麽內容？

        - A: `20` and `62.83`
        - B: `20` and `NaN`

        <details><summary><b>答案</b></summary>
        <p>

        #### 答案 B

        注意 `diameter` 的值是一個一般的函式。

        </p>
        </details>

        ###### 4. 哪一個正確？

        - A: 甲
        - B: 乙

        **答案：**

        ### A. 引言

        都不對。
        """)
    first, second = bank.questions
    assert (first.correct, first.reason) == (("B",), "注意 `diameter` 的值是一個一般的函式。")
    assert second.correct == ()


def test_arabic_letters_key_the_options_of_an_arabic_bank():
    """javascript-questions in Egyptian Arabic: options ``- أ:`` to ``- د:``, the key under
    ``#### الاجابة الصحيحة: د``; its 43 questions were read with no options and no answer."""
    bank = read("""
        ###### 1. ايه اللي هيتطبع؟

        - أ: `Lydia` و `undefined`
        - ب: `Lydia` و `ReferenceError`
        - ج: `ReferenceError` و `21`
        - د: `undefined` و `ReferenceError`
        - هـ: `undefined` و `21`

        <details><summary><b>الاجابة</b></summary>
        <p>

        #### الاجابة الصحيحة: د

        و دي حاجه اسمها `temporal dead zone`.

        </p>
        </details>
        """)
    (question,) = bank.questions
    assert [option.key for option in question.options] == ["A", "B", "C", "D", "E"]
    assert question.options[1].text == "`Lydia` و `ReferenceError`"
    assert (question.kind, question.correct) == ("choice", ("D",))
    assert question.reason == "و دي حاجه اسمها `temporal dead zone`."  # "و" (and) on the next line is no key


def test_a_reason_that_opens_with_a_letter_on_the_next_line_keeps_it():
    bank = read("""
        ### 1. Which is pure?

        - A: `Math.random`
        - B: `add`
        - C: `Date.now`

        **Answer:** B

        A pure function always returns the same result.
        """)
    (question,) = bank.questions
    assert (question.kind, question.correct) == ("choice", ("B",))
    assert question.reason == "A pure function always returns the same result."


def test_true_false_and_fill_in():
    bank = read("""
        ### 1. TCP 是面向连接的协议。（　）

        答案：对

        ### 2. 判断：UDP 保证顺序。

        **答案：** 错误。UDP 不保证顺序。

        ### 3. Python 中用 ______ 关键字定义函数，用 ______ 定义类。

        答案：def；class

        ### 4. 什么是闭包？

        **答案：** 是一个函数和它的词法环境。

        ### 5. GIL 会阻止多线程并行执行字节码，这一说法是否正确？

        **答案：** 对。同一时刻只有一个线程执行字节码。
        """)
    kinds = [(q.kind, q.correct) for q in bank.questions]
    assert kinds == [("truefalse", ("true",)), ("truefalse", ("false",)), ("fill", ("def", "class")), ("open", ()),
                     ("truefalse", ("true",))]
    assert bank.questions[1].reason == "UDP 不保证顺序。"


def test_lydiahallies_bank_reads_155_choice_questions_each_with_its_key(realworld):
    bank = read_bank_file(realworld / "lydiahallie_javascript-questions_zh-CN.md")
    assert len(bank.questions) == 155 and {q.kind for q in bank.questions} == {"choice"}
    # 607 options written "- X: …" and one "- D:`…`" without the space (question 12).
    assert sum(len(q.options) for q in bank.questions) == 608
    assert all(len(q.correct) == 1 and q.correct[0] in {o.key for o in q.options} for q in bank.questions)
    assert [o.text for o in bank.questions[0].options][3] == "`undefined` 和 `ReferenceError`"


def test_keys_that_cannot_be_right_are_lint_findings_with_their_lines():
    bank = read("""
        ### 1. 选哪个？

        A. 甲
        B. 乙

        答案：E

        ### 2. 再选？

        A. 甲
        A. 乙

        答案：A

        ### 3. 没有答案？

        A. 甲
        B. 乙

        **答案：** 看情况。

        ### 4. 打乱后？

        A. 甲
        B. 乙

        答案：B，因为 A 选项不对。
        """)
    found = [(f.line, f.code, f.severity) for f in lint_banks([bank], shuffle_options=True)
             if f.code in ("answer-not-an-option", "duplicate-option", "choice-without-answer",
                           "letters-in-explanation")]
    assert found == [(6, "answer-not-an-option", "error"), (10, "duplicate-option", "error"),
                     (20, "choice-without-answer", "warning"), (27, "letters-in-explanation", "warning")]
    assert not [f for f in lint_banks([bank]) if f.code == "letters-in-explanation"]


CHOICE_BANK = """---
title: 数据库选择题
---
## 一、基础

### 1. 以下哪个是关系型数据库？

A. MongoDB
B. MySQL
C. Redis
D. 以上都不是

答案：B

解析：MySQL 按表存数据。

### 2. 下列哪些是 Python 的内置类型？

A. list  B. dict  C. array  D. tuple

**答案：** ABD

### 3. 事务的隔离级别有几种？

```sql
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
```

（A）2 种
（B）3 种
（C）4 种
（D）5 种

【答案】C

## 二、进阶

### 1. TCP 是面向连接的协议。（　）

答案：对

### 2. Python 中用 ______ 关键字定义函数。

答案：def

### 3. 什么是索引？

![B 树](tree.png)

**答案：** 加速查找的数据结构。

### 4. Python 中用 ______ 定义函数，用 ______ 定义类。

答案：def；class
"""


@pytest.fixture(scope="module")
def choice_bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("choices")
    (folder / "bank.md").write_text(CHOICE_BANK, "utf-8")
    (folder / "tree.png").write_bytes(tiny_png())
    (folder / "qgen.yaml").write_text("exam:\n  shuffle_options: true\n  answer_grid: true\n", "utf-8")
    return folder


def qgen(*args, cwd):
    return run(*args, cwd=cwd, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def pdf_text(path):
    """The text of a PDF, runs of spaces as one (pypdf: a third of pdfplumber's time)."""
    import pypdf

    return re.sub(r"[ \t]+", " ", "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


@pytest.mark.slow
def test_shuffled_options_keep_the_key_right_in_every_variant(choice_bank):
    done = qgen("build", "bank.md", "--format", "exam,key", "--seed", "11", "--variants", "2", "--out", "out",
                cwd=choice_bank)
    assert done.returncode == 0, done.stderr
    bank = read_bank_file(choice_bank / "bank.md")
    text_of = {q.id: {o.key: o.text for o in q.options} for q in bank.questions}
    orders = set()
    for variant in "AB":
        manifest = json.loads((choice_bank / "out" / f"bank-paper-{variant}-manifest.json").read_text("utf-8"))
        exam, key = pdf_text(choice_bank / "out" / f"bank-exam-{variant}.pdf"), pdf_text(choice_bank / "out" / f"bank-key-{variant}.pdf")
        assert "答题卡" in exam
        for question in manifest["questions"]:
            if "options" not in question:
                continue
            orders.add(tuple(question["options"]))
            printed = [f"{letter}. {text_of[question['id']][original]}" for letter, original in zip("ABCD", question["options"])]
            for line in printed:
                assert line in exam and line in key
            correct = {q.id: q.correct for q in bank.questions}[question["id"]]
            letters = "".join(letter for letter, original in zip("ABCD", question["options"]) if original in correct)
            assert question["correct"] == letters
            block = key.split(printed[-1], 1)[1]
            assert block.split("答案", 1)[1].split()[0] == letters  # the key prints the shuffled letters
            if question["id"] == "以下哪个是关系型数据库":
                assert question["options"][-1] == "D"  # "以上都不是" stays last
    assert len(orders) > 3  # the variants did shuffle
    # The same seed draws the same orders again: the manifests are the seeded draw's.
    again = select_papers([bank], None, False, 11, 2, "", shuffle_options=True)
    for variant, paper in zip("AB", again):
        manifest = json.loads((choice_bank / "out" / f"bank-paper-{variant}-manifest.json").read_text("utf-8"))
        assert [q["id"] for q in manifest["questions"]] == [q.id for q in paper.questions]
        assert [tuple(q.get("options", ())) for q in manifest["questions"]] == list(paper.option_orders)


def test_moodle_xml_imports_what_the_bank_says(choice_bank):
    done = qgen("build", "bank.md", "--format", "moodle", "--out", "moodle", cwd=choice_bank)
    assert done.returncode == 0, done.stderr
    root = ElementTree.parse(choice_bank / "moodle" / "bank-moodle.xml").getroot()
    # Only elements of Moodle's documented format.
    allowed = {"quiz", "question", "category", "text", "name", "questiontext", "generalfeedback", "defaultgrade",
               "penalty", "hidden", "idnumber", "single", "shuffleanswers", "answernumbering", "answer", "feedback",
               "file", "usecase", "responseformat", "responserequired", "responsefieldlines", "attachments",
               "attachmentsrequired", "graderinfo", "responsetemplate"}
    assert {element.tag for element in root.iter()} <= allowed
    questions = root.findall("question")
    categories = [q.find("category/text").text for q in questions if q.get("type") == "category"]
    assert categories == ["$course$/top/数据库选择题/一、基础", "$course$/top/数据库选择题/二、进阶"]
    by_id = {q.findtext("idnumber"): q for q in questions if q.get("type") != "category"}
    bank = read_bank_file(choice_bank / "bank.md")
    assert [by_id[q.id].get("type") for q in bank.questions] == [
        "multichoice", "multichoice", "multichoice", "truefalse", "shortanswer", "essay", "cloze"]
    for question in bank.questions[:3]:
        element = by_id[question.id]
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in element.findall("answer")]
        assert [text for text, _ in answers] == [o.text for o in question.options]
        assert sum(f for _, f in answers if f > 0) == pytest.approx(100)
        assert {o.text for o, (_, f) in zip(question.options, answers) if f > 0} == {
            o.text for o in question.options if o.key in question.correct}
        assert element.findtext("single") == ("false" if question.kind == "multi" else "true")
    assert "MySQL 按表存数据" in by_id[bank.questions[0].id].findtext("generalfeedback/text")
    code = by_id[bank.questions[2].id].findtext("questiontext/text")
    assert "SERIALIZABLE" in code and 'style="color:' in code and 'class="' not in code.split("<pre", 1)[1]
    truth = by_id[bank.questions[3].id]
    assert [(a.findtext("text"), a.get("fraction")) for a in truth.findall("answer")] == [("true", "100"), ("false", "0")]
    assert by_id[bank.questions[4].id].findtext("answer/text") == "def"
    essay = by_id[bank.questions[5].id]
    assert "加速查找的数据结构" in essay.findtext("graderinfo/text")
    image = essay.find("questiontext/file")
    assert image.get("encoding") == "base64" and base64.b64decode(image.text) == tiny_png()
    assert f'src="@@PLUGINFILE@@/{image.get("name")}"' in essay.findtext("questiontext/text")
    # Two blanks: each graded on its own, in Moodle's embedded-answer (cloze) syntax.
    blanks = by_id[bank.questions[6].id]
    assert bank.questions[6].correct == ("def", "class")
    assert "Python 中用 {1:SHORTANSWER:=def} 定义函数，用 {1:SHORTANSWER:=class} 定义类。" in blanks.findtext(
        "questiontext/text")
    assert blanks.find("answer") is None and blanks.find("defaultgrade") is None


def test_choice_cards_show_the_options_and_mark_the_key(choice_bank, collection):
    from .conftest import import_package

    done = qgen("build", "bank.md", "--format", "apkg", "--out", "deck", cwd=choice_bank)
    assert done.returncode == 0, done.stderr
    import_package(collection, choice_bank / "deck" / "bank.apkg")
    (note_id,) = collection.find_notes('"Number:2" "Title:*内置类型*"')
    note = collection.get_note(note_id)
    assert [text in note["Question"] for text in ("list", "dict", "array", "tuple")] == [True] * 4
    assert "✓ <b>A.</b> list" in note["Answer"] and "✓ <b>D.</b> tuple" in note["Answer"]
    assert "array" not in note["Answer"]


def test_cloze_only_when_each_blank_has_its_answer():
    from markupsafe import Markup

    from generator.renderers.moodle import cloze

    two = Markup("<p>用 ____ 定义函数，用 （　） 定义类</p>")
    assert cloze(two, ("def", "class")) == Markup("<p>用 {1:SHORTANSWER:=def} 定义函数，用 {1:SHORTANSWER:=class} 定义类</p>")
    assert cloze(two, ("def",)) is None  # one answer: a plain short answer
    assert cloze(two, ("def", "class", "lambda")) is None  # the blanks and answers do not pair up
    assert cloze(two, ("a}b", "class")) is None  # Moodle's own syntax in an answer: left as a short answer


TASK_LIST_QUIZ = """
    # Python quiz

    #### Q1. What does `len([1, 2, 3])` return?

    - [ ] 2
    - [x] 3
    - [ ] 4

    #### Q2. Which of these are immutable?

    ```python
    x = (1, 2)
    ```

    - [x] tuple
    - [ ] list
    - [X] str
    - [ ] dict

    Tuples and strings cannot be changed after they are made.

    #### Q3. What should a code review check?

    - [x] tests
    - [x] naming

    #### Q4. What keyword defines a function?

    **Question:** Pick one.

    - [ ] func
    - [ ] def

    **Answer:** B
    """


def test_task_lists_are_options_and_their_ticks_the_key():
    q1, q2, q3, q4 = read(TASK_LIST_QUIZ).questions
    assert (q1.kind, [o.text for o in q1.options], q1.correct, q1.stem) == ("choice", ["2", "3", "4"], ("B",), None)
    assert (q2.kind, [o.key for o in q2.options], q2.correct) == ("multi", ["A", "B", "C", "D"], ("A", "C"))
    assert q2.stem.startswith("```python") and q2.reason == "Tuples and strings cannot be changed after they are made."
    assert (q3.kind, q3.options) == ("open", ())  # every item ticked: a checklist answer, not options
    assert (q4.kind, [o.text for o in q4.options], q4.correct, q4.stem) == ("choice", ["func", "def"], ("B",), "Pick one.")


def test_a_task_list_quiz_prints_its_options_and_its_key(tmp_path):
    (tmp_path / "quiz.md").write_text(textwrap.dedent(TASK_LIST_QUIZ).lstrip("\n"), "utf-8")
    done = qgen("build", "quiz.md", "--format", "exam,key,json", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exam, key = (pdf_text(tmp_path / "out" / f"quiz-{kind}.pdf") for kind in ("exam", "key"))
    assert all(line in exam for line in ("A. 2", "B. 3", "C. 4", "A. tuple", "D. dict")) and "[x]" not in exam
    assert re.search(r"^B$", key, re.M) and re.search(r"^A, ?C$|^AC$", key, re.M)
    exported = json.loads((tmp_path / "out" / "quiz.json").read_text("utf-8"))["banks"][0]["questions"]
    assert [(q["kind"], q["correct"]) for q in exported] == [("choice", ["B"]), ("multi", ["A", "C"]),
                                                            ("open", []), ("choice", ["B"])]


def test_lower_case_keys_are_options_when_the_answer_gives_one_and_parts_otherwise():
    bank = read("""
        ### 1. Which transport is connectionless?

        a) TCP
        b) UDP

        **Answer:** b, it has no handshake.

        ### 2. Explain the two protocols.

        a. what TCP guarantees
        b. what UDP leaves out

        **Answer:** a function of the transport layer: TCP orders bytes, UDP does not.
        """)
    choice, parts = bank.questions
    assert (choice.kind, [(o.key, o.text) for o in choice.options], choice.correct) == (
        "choice", [("A", "TCP"), ("B", "UDP")], ("B",))
    assert (parts.kind, parts.options) == ("open", ())  # "a function …" is prose, not key A


SHOWN_OPTIONS_QUIZ = """
    ## Python

    #### Q1. Which one defines a function?

    ```python
    # pick the definition
    ```

    - [ ] A

    ```python
    f = lambda: 1
    ```

    - [x] B:

    ```python
    def f():
        pass
    ```

    - [ ] `class`

    ```python
    class F: pass
    ```

    - `def` binds a name to a new function
    - `lambda` makes an expression

    #### Q2. Which shape is a decision?

    - [ ] A

    ![process](process.png)

    - [x] B

    <img src="decision.png" alt="decision">

    #### Q3. What does a Lambda need to read a table?

    - [ ] an HTTPS certificate
    - [x]\u00a0IAM role permissions
    - [ ]

    #### Q4. What is printed?

    - [x] 1

    ```text
    1
    ```
    """


def test_options_shown_as_code_or_pictures_each_under_its_own_task_item():
    """Seen in real quizzes (LinkedIn skill assessments, 309 questions of 9,467): an
    unindented fence under each ``- [ ] A`` cuts the task list into lists of one item."""
    q1, q2, q3, q4 = read(SHOWN_OPTIONS_QUIZ).questions
    assert (q1.kind, q1.correct) == ("choice", ("B",))
    assert [o.text for o in q1.options] == ["```python\nf = lambda: 1\n```", "```python\ndef f():\n    pass\n```",
                                           "`class`\n\n```python\nclass F: pass\n```"]
    assert q1.stem == "```python\n# pick the definition\n```"
    assert q1.reason.startswith("- `def` binds")
    assert [p.label for p in q1.points] == ["`def` binds a name to a new…", "`lambda` makes an expression"]
    assert (q2.kind, q2.correct) == ("choice", ("B",))
    assert [o.text for o in q2.options] == ["![process](process.png)", '<img src="decision.png" alt="decision">']
    # A no-break space after the box, and an empty last item, as written in the same quizzes.
    assert [(o.key, o.text) for o in q3.options] == [("A", "an HTTPS certificate"), ("B", "IAM role permissions")]
    assert (q3.correct, q3.points) == (("B",), ())  # the options are no points to mark
    assert (q4.kind, q4.options) == ("open", ())  # one item over code: no options


@pytest.fixture(scope="module")
def shown_options(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shown")
    (folder / "quiz.md").write_text(textwrap.dedent(SHOWN_OPTIONS_QUIZ).lstrip("\n"), "utf-8")
    for name in ("process.png", "decision.png"):
        (folder / name).write_bytes(tiny_png())
    done = qgen("build", "quiz.md", "--format", "key,moodle,apkg", "--count", "4", "--out", "out", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "out"


def test_a_paper_prints_the_code_of_each_option_under_its_letter(shown_options):
    key = pdf_text(shown_options / "quiz-key.pdf")  # the exam prints the options as the key does
    q1 = key.split("Which one defines a function?", 1)[1]
    assert re.search(r"A\.\s+f = lambda: 1\s+B\.\s+def f\(\):\s+pass\s+C\.\s+`?class`?\s+class F: pass\s+"
                     r"Answer\s+B\s", q1)
    options = q1.split("Answer", 1)[0]
    assert "[x]" not in options and "[ ]" not in options


def test_moodle_and_anki_show_each_option_with_its_code_or_picture(shown_options, collection):
    from .conftest import import_package

    root = ElementTree.parse(shown_options / "quiz-moodle.xml").getroot()
    by_title = {q.findtext("name/text"): q for q in root.findall("question") if q.get("type") == "multichoice"}
    answers = by_title["Which one defines a function?"].findall("answer")
    assert [("<pre" in a.findtext("text"), a.get("fraction")) for a in answers] == [
        (True, "0"), (True, "100"), (True, "0")]
    pictures = by_title["Which shape is a decision?"].findall("answer")
    assert [len(a.findall("file")) for a in pictures] == [1, 1]  # each option carries its picture
    import_package(collection, shown_options / "quiz.apkg")
    (note_id,) = collection.find_notes('"Title:Which one defines*"')
    note = collection.get_note(note_id)
    front = re.sub(r"<[^>]+>", "", note["Question"])
    assert all(code in front for code in ("f = lambda: 1", "def f():", "class F: pass"))
    back = re.sub(r"<[^>]+>", "", note["Answer"])
    assert "✓ B. def f():" in back and "lambda: 1" not in back


def test_options_in_an_unlabelled_body_keyed_by_a_bold_answer_line():
    """Seen in a real bank (learning-zone's scenario MCQ, 77 questions read as open ones):
    ``- A) …`` options right under the heading, ``**Answer: B) the option again**``, the
    reason quoted, a "back to top" link in HTML."""
    q1, q2 = read("""
        ## # 1. Introduction

        ### Q. Which command runs `server.js`?

        - A) `node run server.js`
        - B) `node server.js`
        - C) `npm server.js`

        **Answer: B) `node server.js`**

        > Node runs the file it is given.

        <div align="right">
            <b><a href="#">↥ back to top</a></b>
        </div>

        ### Q. Which sentence is bold but no key?

        - A) this one
        - B) that one

        **Note: both are sentences**
        """).questions
    assert (q1.kind, [o.text for o in q1.options], q1.correct) == (
        "choice", ["`node run server.js`", "`node server.js`", "`npm server.js`"], ("B",))
    assert q1.reason == "> Node runs the file it is given."
    assert (q2.kind, q2.options, q2.answer) == ("open", (), "- A) this one\n- B) that one\n\n**Note: both are sentences**")
