"""Questions kept in quotes and callouts (``generator/quotes.py``, ``generator/structure.py``)."""

import textwrap

import pytest

from generator.quotes import callout_title

from .conftest import assert_spans_cover, count_lines, read

NOTE_WITH_CALLOUTS = """
    ---
    tags: [foundations]
    ---

    # Tokenization

    ## BPE

    BPE 从字符开始，反复合并最常见的相邻对。

    > [!intuition] 核心权衡
    > 词表大小和序列长度之间找平衡。

    ## Limits

    > [!warning]
    > - 训练后固定

    > [!interview] 面试要点
    > **Q: 为什么 LLM 做算术不好？**
    > A: 数字被拆成不一致的子词片段。
    >
    > **Q: BPE 和 WordPiece 的核心区别？**
    > A: BPE 按频率合并，
    > WordPiece 按似然增益合并。
    >
    > ```python
    > tokenizer.encode("380")
    > ```
    >
    > **Q: 为什么 Llama 3 把词表扩到 128k？**
    > A: 序列更短，多语言更省。
    """


def test_the_questions_of_notes_are_those_in_their_interview_callout():
    bank = read(NOTE_WITH_CALLOUTS)
    assert [(q.title, q.line) for q in bank.questions] == [
        ("为什么 LLM 做算术不好？", 20), ("BPE 和 WordPiece 的核心区别？", 23), ("为什么 Llama 3 把词表扩到 128k？", 31)]
    first, second, _ = bank.questions
    assert first.answer == "数字被拆成不一致的子词片段。"
    # The quote's marks are gone from what the outputs show; the code is the answer's.
    assert second.answer.startswith("BPE 按频率合并，\nWordPiece 按似然增益合并。\n\n```python")
    assert [(block.lang, block.text, block.line) for block in second.code] == [("python", 'tokenizer.encode("380")\n', 27)]
    # The notes before are the preface, by design: no long-preface warning for them.
    assert "核心权衡" in bank.preface and "面试要点" in bank.preface
    assert [finding.code for finding in bank.findings] == []
    assert bank.tags == ("foundations",)
    assert_spans_cover(bank, count_lines(textwrap.dedent(NOTE_WITH_CALLOUTS).lstrip("\n")))


def test_pairs_in_callouts_under_topic_headings_take_the_heading_as_their_part():
    bank = read("""
        # Notes

        ## BPE

        BPE 从字符开始。

        > [!interview] 面试要点
        > **Q: 为什么 LLM 做算术不好？**
        > A: 数字被拆开。

        ## Thread pools

        Bounded queues make overload visible.

        > [!question]- Interview Questions
        >
        > **Q: Why is a bounded queue important?**
        > A: It makes overload visible.
        """)
    assert [(q.title, q.part, q.answer) for q in bank.questions] == [
        ("为什么 LLM 做算术不好？", "BPE", "数字被拆开。"),
        ("Why is a bounded queue important?", "Thread pools", "It makes overload visible.")]
    # Each callout's title is its part's text, without the callout's marks.
    assert [(part.title, part.text) for part in bank.parts] == [
        ("BPE", "BPE 从字符开始。\n\n面试要点"),
        ("Thread pools", "Bounded queues make overload visible.\n\nInterview Questions")]


def test_quoted_questions_without_answer_labels_in_a_file_that_asks_nothing_else():
    bank = read("""
        ## Networking

        > **Q: What is TCP's three-way handshake?**
        >
        > SYN, SYN-ACK, ACK.

        > **Q: What is TIME_WAIT?**
        >
        > The state after the active close.
        """)
    assert [(q.title, q.answer, q.line) for q in bank.questions] == [
        ("What is TCP's three-way handshake?", "SYN, SYN-ACK, ACK.", 3),
        ("What is TIME_WAIT?", "The state after the active close.", 7)]


def test_a_quoted_dialogue_inside_an_answer_of_a_bank_of_questions_stays_in_the_answer():
    bank = read("""
        ### 1. JDK 和 OpenJDK 有什么区别？

        Oracle 的博客里说：

        > 问：OpenJDK 的源代码与 Oracle JDK 有什么区别？
        >
        > 答：非常接近。
        >
        > 问：会开源吗？
        >
        > 答：会。

        ### 2. 什么是 JVM？

        运行字节码的虚拟机。

        ### 3. 什么是 JIT？

        即时编译器。
        """)
    assert [q.title for q in bank.questions] == ["JDK 和 OpenJDK 有什么区别？", "什么是 JVM？", "什么是 JIT？"]
    assert bank.questions[0].end_line == 12


def test_a_quote_that_asks_nothing_keeps_a_file_with_no_questions_an_error():
    from generator.errors import NotABank

    with pytest.raises(NotABank):
        read("""
            # Notes

            > [!tip] 提示
            > 多读源码。
            """)


@pytest.mark.parametrize(("line", "title"), [
    ("[!interview] 面试要点", "面试要点"),
    ("[!question]- Interview Questions", "Interview Questions"),
    ("[!faq]+", "Faq"),
    ("[!tip]", "Tip"),
    ("[link](https://example.com)", None),
    ("[!] nothing", None),
])
def test_a_callouts_title_is_what_it_says_else_its_type(line, title):
    assert callout_title(line) == title


def test_folded_callouts_whose_title_asks_are_flashcards():
    bank = read("""
        # JavaScript

        ## Functions

        Functions are values.

        > [!question]- What is a closure?
        > A function bundled with its lexical environment.
        >
        > ```js
        > const add = (a) => (b) => a + b;
        > ```

        ## Scope

        > [!faq]+ 什么是变量提升？
        > 声明被移到作用域顶部。

        > [!tip] 记住
        > 多写代码。
        """)
    assert [(q.title, q.part, q.line, q.question) for q in bank.questions] == [
        ("What is a closure?", "Functions", 7, "What is a closure?"),
        ("什么是变量提升？", "Scope", 16, "什么是变量提升？")]
    closure, hoisting = bank.questions
    assert closure.answer == "A function bundled with its lexical environment.\n\n```js\nconst add = (a) => (b) => a + b;\n```"
    # A callout that asks nothing after the last question is the rest of its answer.
    assert hoisting.answer == "声明被移到作用域顶部。\n\n> [!tip] 记住\n> 多写代码。"
