"""Settings written after a question's title: ``{#id minutes=5 difficulty=hard tags=…}``."""

import pytest

from generator.attributes import split_attributes
from generator.errors import SourceError
from generator.model import Bank
from generator.pin import pin_ids
from generator.reader import read_bank_file, read_bank_text
from generator.renderers.anki import note_tags
from generator.renderers.json import question_record
from generator.renderers.markdown import render_markdown

from .conftest import read


@pytest.mark.parametrize("title, expected", [
    ("什么是RAG？ {#rag}", ("什么是RAG？", "rag", {})),
    ("What is it? {minutes=5}", ("What is it?", None, {"minutes": "5"})),
    ('Q {#q-1 difficulty=高级 tags="rag, 检索"}', ("Q", "q-1", {"difficulty": "高级", "tags": "rag, 检索"})),
    ("What does {a: 1} print?", ("What does {a: 1} print?", None, {})),
    ("Set {x} ends here {y}", ("Set {x} ends here {y}", None, {})),
    ("Empty {}", ("Empty {}", None, {})),
])
def test_attributes_are_read_only_from_a_block_that_ends_the_title(title, expected):
    assert split_attributes(title) == expected


def test_a_question_takes_its_own_settings_over_the_front_matters():
    bank = read("""
        ---
        tags: [llm]
        minutes: 4
        difficulty: 初级
        ---
        ### 题目 1：什么是检索增强？ {#rag minutes=8 difficulty=高级 tags=rag,检索}

        **答案：** 先检索再生成。

        ### 题目 2：什么是微调？

        **答案：** 在新数据上继续训练。

        **什么是进程？** {difficulty=medium tags=os}

        **答案：** 运行中的程序。
        """)
    first, second, third = bank.questions
    assert (first.id, first.minutes, first.difficulty, first.tags) == ("rag", 8, "hard", ("llm", "rag", "检索"))
    assert (second.minutes, second.difficulty, second.tags) == (4, "easy", ("llm",))
    assert (third.title, third.difficulty, third.tags) == ("什么是进程？", "medium", ("llm", "os"))
    record = question_record(first)
    assert (record["minutes"], record["difficulty"], record["tags"]) == (8, "hard", ["llm", "rag", "检索"])


@pytest.mark.parametrize("attributes, line", [("{minutes=soon}", 3), ("{difficulty=insane}", 3),
                                               ("{#x level=2}", 3)])
def test_a_setting_qgen_cannot_use_is_an_error_at_the_titles_line(attributes, line):
    with pytest.raises(SourceError) as caught:
        read_bank_text(f"# 题库\n\n### 题目 1：一 {attributes}\n\n**答案：** A\n", "bank.md")
    assert (caught.value.path, caught.value.line) == ("bank.md", line)


def test_notes_carry_the_questions_own_tags_part_and_difficulty():
    bank = read("""
        ---
        tags: [llm]
        ---
        ## 一、基础

        ### 题目 1：什么是检索增强？ {difficulty=hard tags="vector search,rag"}

        **答案：** 先检索再生成。

        ## 二、进阶

        ### 题目 2：什么是微调？

        **答案：** 继续训练。
        """)
    assert note_tags(bank, bank.questions[0]) == ["llm", bank.slug, "vector_search", "rag", "part::基础",
                                                  "difficulty::hard"]


def test_pinning_goes_into_the_braces_already_there(tmp_path):
    path = tmp_path / "bank.md"
    path.write_text("### 1. What is a closure? {minutes=5} ##\n\n**Answer:** A function.\n\n"
                    "### 2. What is hoisting? {#hoist}\n\n**Answer:** Moving up.\n", "utf-8")
    pinned = pin_ids(path).pinned
    assert [q.id for q in pinned] == ["what-is-a-closure"]
    assert path.read_text("utf-8").splitlines()[0] == "### 1. What is a closure? {#what-is-a-closure minutes=5} ##"
    (first, second) = read_bank_file(path).questions
    assert (first.id, first.minutes, second.id) == ("what-is-a-closure", 5, "hoist")


def test_markdown_written_back_keeps_every_setting():
    bank = read("""
        ---
        tags: [llm]
        minutes: 3
        ---
        ### 题目 1：什么是检索增强？ {#rag difficulty=hard tags="vector search,rag"}

        **答案：** 先检索再生成。
        """)
    again: Bank = read_bank_text(render_markdown(bank).decode("utf-8"), "again.md")
    assert [(q.id, q.minutes, q.difficulty, q.tags) for q in again.questions] == [
        ("rag", 3, "hard", ("llm", "vector search", "rag"))]


def test_how_often_a_question_is_asked_is_read_from_its_title_or_an_attribute():
    bank = read("""
        # JavaScript 面试题

        ### 【高频】什么是闭包？

        **答案：** 函数与其词法环境。

        ### 什么是事件循环？（中频）

        **答案：** 调度任务的循环。

        ### 什么是原型链？ {frequency=低频}

        **答案：** 对象继承的链。

        ### 什么是提升？

        **答案：** 声明被提到作用域顶部。
        """)
    assert [(q.title, q.id, q.frequency) for q in bank.questions] == [
        ("什么是闭包？", "什么是闭包", "high"), ("什么是事件循环？", "什么是事件循环", "medium"),
        ("什么是原型链？", "什么是原型链", "low"), ("什么是提升？", "什么是提升", None)]
    assert question_record(bank.questions[0])["frequency"] == "high"
    assert "frequency::high" in note_tags(bank, bank.questions[0])
    again = read_bank_text(render_markdown(bank).decode("utf-8"), "again.md")
    assert [q.frequency for q in again.questions] == ["high", "medium", "low", None]


@pytest.mark.parametrize("written", [
    "What is X? #card", "What is X? #card {#what-is-x}", "What is X? {#what-is-x} #card-reverse",
    "What is X? #flashcards/js {#what-is-x}",
])
def test_a_flashcard_plugins_tag_is_no_part_of_a_title_beside_its_braces(written):
    title, given, _ = split_attributes(written)
    assert title == "What is X?" and given in (None, "what-is-x")
