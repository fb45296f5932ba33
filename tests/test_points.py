"""The points an answer is marked on: from its list, or from a rubric, with weights."""

import json

import pytest

from generator.errors import SourceError
from generator.reader import read_bank_file

from .conftest import SEED, read


def test_the_seed_gives_144_points_of_weight_one():
    bank = read_bank_file(SEED)
    points = [p for q in bank.questions for p in q.points]
    assert len(points) == 144 and {p.weight for p in points} == {1}
    first = bank.questions[0].points
    assert [p.label for p in first] == ["分布式计算", "硬件资源优化", "数据管道优化", "模型并行化", "资源调度"]
    assert first[0].id == "分布式计算"
    assert first[4].text == "使用资源调度系统（如 Kubernetes）来自动化地管理和分配计算资源。"
    assert all(len(q.points) >= 3 for q in bank.questions)


def test_a_rubric_with_weights_wins_over_the_answer():
    bank = read("""
        ---
        minutes: 8
        ---
        ### 题目 1：如何做检索增强？

        **答案：**

        1. **召回：** 先检索。
        2. **生成：** 再生成。

        **评分要点：**

        - **召回策略：** 说出稠密与稀疏检索（2分）
        - 提到重排序，比如交叉编码器 (3 pts)
        - **评估：** 召回率与忠实度 [2]
        - **边界：** 说清幻觉的来源

        **追问：**

        - 如何处理长文档？
        - 怎样评估检索质量？
        """)
    (q,) = bank.questions
    assert [(p.label, p.weight) for p in q.points] == [
        ("召回策略", 2), ("提到重排序", 3), ("评估", 2), ("边界", 1)]
    assert q.points[1].text == "提到重排序，比如交叉编码器"
    assert q.followups == ("如何处理长文档？", "怎样评估检索质量？")
    assert q.minutes == 8


def test_point_ids_survive_rewording_and_reordering():
    before = read("""
        ### 题目 1：一

        **答案：**

        1. **甲：** 第一点。
        2. **乙：** 第二点。
        3. **甲：** 同名的另一点。
        """).questions[0].points
    after = read("""
        ### 题目 1：一

        **答案：**

        1. **乙：** 第二点，换了说法。
        2. **甲：** 同名的另一点。
        3. **甲：** 第一点。
        """).questions[0].points
    assert len({p.id for p in before}) == 3
    by_text = {p.text: p.id for p in before}
    assert {p.text: p.id for p in after if p.text in by_text} == {
        "同名的另一点。": by_text["同名的另一点。"], "第一点。": by_text["第一点。"]}
    assert [p.id for p in after if p.label == "乙"] == [p.id for p in before if p.label == "乙"] == ["乙"]


def test_items_without_a_bold_label_take_their_first_clause():
    bank = read("""
        ### Question 1: What is a closure?

        **Answer:**

        - A function bundled together with references to its surrounding state, which it keeps.
        - Closures give access to an outer scope.
        """)
    assert [p.label for p in bank.questions[0].points] == ["A function bundled together…",
                                                           "Closures give access to an…"]


def test_a_first_clause_cut_inside_bold_or_code_closes_it():
    bank = read("""
        ### Question 1: How does useReducer work?

        **Answer:**

        - You define a **reducer function** to handle state transitions.
        - They __force React to keep track of the component__ that is rendering.
        - Call `setState(updater, callback)` to update the state.
        """)
    assert [p.label for p in bank.questions[0].points] == [
        "You define a **reducer…**", "They __force React to keep…__", "Call `setState(updater`"]
    assert [p.label_opens_text for p in bank.questions[0].points] == [True, True, True]


def test_minutes_must_be_a_whole_number():
    with pytest.raises(SourceError):
        read("""
            ---
            minutes: soon
            ---
            ### 题目 1：一

            **答案：** A
            """)


def test_points_are_in_the_json_export(tmp_path):

    from .conftest import run

    result = run("export", str(SEED))
    question = json.loads(result.stdout)["banks"][0]["questions"][0]
    assert question["points"][0] == {"id": "分布式计算", "label": "分布式计算", "weight": 1,
                                     "text": "使用分布式计算框架（如 TensorFlow、PyTorch）来训练模型，通过多个节点协同工作来提高计算效率。"}
    assert question["followups"] == [] and question["minutes"] is None


def test_good_to_hear_lists_are_the_points_of_the_english_bank(realworld):
    bank = read_bank_file(realworld / "chalarangelo_30-seconds-of-interviews_README.md")
    with_points = [q for q in bank.questions if q.points]
    assert len(with_points) >= 100
    assert bank.questions[0].points[0].text == "Stateless components are independent of their state."
