"""Banks rewritten in the reference format (``generator/renderers/markdown.py``)."""

from generator.reader import read_bank_file
from generator.renderers.markdown import render_markdown, unfaithful

from .conftest import SEED, read, run

# Unlabelled headings, the body the answer; one answer has a bold line of its own, which the
# reference format, where bold lines are labels, reads as a section.
HEADINGS_BANK = """
    ## 5.1 开发环境搭建

    **环境要求**：

    - Python 3.8

    ## 5.2 如何训练？

    先加载数据，再训练。
    """


def test_the_export_says_which_questions_it_does_not_give_back():
    bank = read(HEADINGS_BANK)
    assert [q.answer for q in bank.questions] == ["**环境要求**：\n\n- Python 3.8", "先加载数据，再训练。"]
    (finding,) = unfaithful(bank, render_markdown(bank))
    assert (finding.line, finding.severity, finding.code) == (bank.questions[0].line, "warning", "export-differs")
    assert "**环境要求**：" in finding.message
    assert unfaithful(read_bank_file(SEED), render_markdown(read_bank_file(SEED))) == []


def test_export_prints_its_warnings_and_still_writes(tmp_path):
    import textwrap

    (tmp_path / "bank.md").write_text(textwrap.dedent(HEADINGS_BANK), "utf-8")
    result = run("export", "--format", "md", str(tmp_path / "bank.md"), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 0
    assert [line.rsplit(" ", 1)[-1] for line in result.stderr.splitlines()] == ["[export-differs]"]
    assert "### 题目：5.2 如何训练？" in (tmp_path / "out.md").read_text("utf-8")


def test_headings_in_an_answer_are_written_below_the_questions_and_read_back():
    bank = read("""
        # [1. 两数之和](https://leetcode.cn/problems/two-sum)

        ## 题目描述

        给定数组和目标值。

        ## 解法

        ### 方法一：哈希表

        ```python
        # 一行注释，不是标题
        d = {}
        ```

        #### Go

        写法相同。
        """)
    written = render_markdown(bank).decode("utf-8")
    assert [line for line in written.split("\n") if line.startswith("#")] == [
        "### 题目 1：两数之和", "#### 方法一：哈希表", "# 一行注释，不是标题", "##### Go"]
    assert unfaithful(bank, written.encode("utf-8")) == []
    (again,) = read(written).questions
    assert again.answer.startswith("#### 方法一：哈希表")
