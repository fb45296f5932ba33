"""What headings and lines say beside their words: ``plain_text`` gives the words alone."""

import pytest

from generator.markers import heading_marker, plain_text


@pytest.mark.parametrize("markdown, words", [
    ("**Why** `let`?", "Why let?"),
    ("[Layer Norm 篇](https://example.org/ln)", "Layer Norm 篇"),
    ("![一棵 **树**](tree.png) 的遍历", "一棵 树 的遍历"),
    ('<a name="css"></a>CSS &amp; <b>HTML</b>', "CSS & HTML"),
    (r"int (\*s[10])(int)", "int (*s[10])(int)"),
    ("Two  **spaces** and a  \nbreak", "Two spaces and a break"),
    # Text without marks is returned as it is, spaces and all (a deck keeps its name); marks
    # that mark nothing stay.
    ("Two  spaces", "Two  spaces"),
    ("C++ 2 * 3 题库", "C++ 2 * 3 题库"),
    ("snake_case_name", "snake_case_name"),
    ("<br>", "<br>"),
])
def test_plain_text_is_what_a_reader_sees_of_a_line(markdown, words):
    assert plain_text(markdown) == words


@pytest.mark.parametrize("heading, marker", [
    ("1️⃣ What is a generator?", ("numbered", 1, "What is a generator?")),
    ("1️⃣0️⃣ 什么是闭包？", ("numbered", 10, "什么是闭包？")),
    ("2\u20e3 No variation selector", ("numbered", 2, "No variation selector")),
    ("3. Dotted", ("numbered", 3, "Dotted")),
    ("2024 年总结", ("plain", None, "2024 年总结")),
])
def test_a_heading_numbered_with_keycap_emoji_is_numbered(heading, marker):
    found = heading_marker(heading)
    assert (found.strength, found.number, found.title) == marker


@pytest.mark.parametrize("heading, marker", [
    ("[1. 两数之和](https://leetcode.cn/problems/two-sum)", ("numbered", 1, "两数之和")),
    ('[What is a closure?](closures.md "Closures")', ("plain", None, "What is a closure?")),
    ("[a](x) and [b](y)", ("plain", None, "[a](x) and [b](y)")),
])
def test_a_heading_that_is_one_link_is_read_by_its_words(heading, marker):
    found = heading_marker(heading)
    assert (found.strength, found.number, found.title) == marker


def test_a_comment_in_a_heading_is_no_part_of_its_title():
    found = heading_marker("3. What is attested identity? <!-- kb:card:46fb6f -->")
    assert (found.strength, found.number, found.title) == ("numbered", 3, "What is attested identity?")
