"""Which reading of a file finds its questions (``generator/structure.py``)."""

from .conftest import assert_spans_cover, count_lines, read

LISTED_WITH_A_CODE_CHAPTER = """
    # Front-end interview questions

    ### General

    * What did you learn this week?
    * What excites you about coding?
    * How do you organise your code?

    ### CSS

    * What is a CSS reset?
    * How does the box model work?

    ### Code examples:

    ```javascript
    ~~3.14
    ```

    Question: What does the statement above return?

    ```javascript
    "i'm a lasagna hog".split("").reverse().join("");
    ```

    Question: What does this return?
    """


def test_a_chapter_of_code_questions_does_not_outweigh_the_listed_questions():
    bank = read(LISTED_WITH_A_CODE_CHAPTER)
    titles = [q.title for q in bank.questions]
    assert titles[:5] == ["What did you learn this week?", "What excites you about coding?",
                          "How do you organise your code?", "What is a CSS reset?", "How does the box model work?"]
    assert [q.part for q in bank.questions][:5] == ["General"] * 3 + ["CSS"] * 2
    assert_spans_cover(bank, count_lines(LISTED_WITH_A_CODE_CHAPTER.replace("\n    ", "\n").lstrip("\n")))


def test_a_question_that_lists_what_its_answer_covers_stays_one_question():
    bank = read("""
        # 面试题：IO 多路复用是什么？

        面试官想知道：

        1. **IO 多路复用到底是什么？**
        2. **所谓“多路”指的是什么？**
        3. **所谓“复用”又复用了什么？**

        ## 一、定义

        一个线程同时监控多个 IO 事件。
        """)
    assert [q.title for q in bank.questions] == ["IO 多路复用是什么？"]


def test_questions_to_ask_in_one_chapter_give_way_to_the_lists_of_the_others():
    bank = read("""
        # 面接の質問

        ### 一般的な質問

        * 昨日何を学びましたか？
        * 好きな開発環境は何ですか？
        * 最近の技術的な困難は何ですか？

        ### HTML

        * DOCTYPE は何をしますか？
        * data- 属性は何に使いますか？
        * セマンティック HTML とは何ですか？
        * HTML5 の新しい要素は何ですか？

        ### JSコードの例

        質問: `~~3.14` の値は何ですか？

        質問: `[] + {}` の値は何ですか？
        """)
    *listed, chapter = bank.questions
    assert [q.part for q in listed] == ["一般的な質問"] * 3 + ["HTML"] * 4
    # The chapter reads as one question over its lines, as a heading over a question label does.
    assert chapter.title == "JSコードの例"
    assert "`~~3.14`" in chapter.question and "`[] + {}`" in chapter.question


def test_one_heading_that_asks_is_not_traded_for_the_lists_after_it():
    """Read as listed questions, the heading's question would have been the preface, unsaid."""
    bank = read("""
        ### What is an event loop?

        It runs tasks.

        ## General

        - What is X?
        - What is Y?
        - What is Z?
        """)
    assert [(q.title, q.answer) for q in bank.questions] == [("What is an event loop?", "It runs tasks.")]
    assert [(f.code, f.line) for f in bank.findings] == [("skipped-text", 5)]
