"""Navigation: what a bank holds to move around it, neither a question nor text left out
(``generator/navigation.py``)."""

import pytest

from .conftest import read


@pytest.mark.parametrize("switch", [
    "[English Version](/solution/0000-0099/0001.Two%20Sum/README_EN.md)",
    "[English](README_EN.md) | [简体中文](README.md)",
    "[中文文档](README.md)",
])
def test_a_link_to_the_page_in_another_language_is_navigation(switch):
    bank = read(f"""
        # [1. 两数之和](https://leetcode.cn/problems/two-sum)

        {switch}

        ## 题目描述

        给定数组和目标值。

        ## 解法

        哈希表。
        """)
    (question,) = bank.questions
    assert question.question == "给定数组和目标值。" and question.answer == "哈希表。"
    assert bank.findings == ()
