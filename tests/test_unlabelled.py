"""Question headings where labels are few or none (``generator/unlabelled.py``)."""

import pytest

from generator.errors import NotABank
from generator.lint import lint_banks

from .conftest import assert_spans_cover, count_lines, read


def test_a_heading_that_asks_without_a_question_mark_among_unlabelled_questions_is_one():
    """Seen in a real bank (FAQGURU, html5: 10 of 54 questions left out): one ``**Answer:**``
    among questions that ask with a question mark made ``### Explain meta tags in HTML``
    skipped text. A heading after the last question (``### References``) stays out."""
    bank = read("""
        ## HTML5

        ### What is a doctype?

        **Answer:** The first line of a page.

        ### What is a landmark?

        A region of the page.

        ### Explain meta tags in HTML

        Name/value pairs in the head.

        ### What is `<canvas>`?

        A drawing surface.

        ### What does `defer` do?

        Runs the script after parsing.

        ### References

        - MDN
        """)
    assert [q.title for q in bank.questions] == ["What is a doctype?", "What is a landmark?", "Explain meta tags in HTML",
                                                 "What is `<canvas>`?", "What does `defer` do?"]
    assert [(f.code, f.line) for f in bank.findings] == [("skipped-text", 23)]


def test_one_labelled_question_does_not_make_a_bank_of_unlabelled_headings_a_labelled_one():
    """Seen in a real bank (DeepLearning-500-questions, chapter 1: 28 questions read as 1):
    one ``问: … 答: …`` pair among headings with no labels made the bank a labelled one, where
    a part without a label has no questions."""
    sections = "\n\n".join(f"### 1.{part}.{n} 概念 {part}{n}{'有什么区别？' if n == 2 else ''}\n\n解释 {part}{n}。"
                             for part in (1, 2) for n in (1, 2, 3, 4, 5))
    text = (f"# 第一章 数学基础\n\n## 1.1 向量和矩阵\n\n{sections}\n\n## 1.5 常见概率分布\n\n"
            "### 1.5.3 何时采用正态分布\n\n问: 何时采用正态分布?\n答: 缺乏先验知识时。\n")
    bank = read(text)
    assert len(bank.questions) == 11
    assert bank.questions[-1].answer == "缺乏先验知识时。"
    assert not [f for f in bank.findings if f.code.startswith("skipped")]
    assert_spans_cover(bank, count_lines(text))


def test_a_stray_label_deep_in_a_numbered_part_does_not_make_the_part_a_question():
    """Seen in a real bank (an LLM guide's distributed training questions: 26 read as 3):
    ``### 1. 理论篇`` parts over ``#### 1.1 …？`` questions answered in prose, and one
    ``答：`` in the last question's answer. That label made its part, numbered and so in the
    style of a question, the question, and so every part; the questions, inside them, were
    their answers."""
    def questions(part, count):
        return "\n\n".join(f"#### {part}.{n} 什么是 概念{part}{n}？\n\n概念{part}{n} 的解释。" for n in range(1, count + 1))
    text = (f"# 分布式训练题目\n\n### 1. 理论篇\n\n{questions(1, 5)}\n\n### 2. 实践篇\n\n{questions(2, 3)}\n\n"
            "### 3. 策略篇\n\n#### 3.1 多机多卡场景\n\n可以选择 ZeRO，**那么 PP 能与 ZeRO 2/3 一起训练吗**？\n\n"
            "答：不推荐一起训练。\n")
    bank = read(text)
    assert [(q.title, q.part) for q in bank.questions] == [
        *((f"1.{n} 什么是 概念1{n}？", "1. 理论篇") for n in range(1, 6)),
        *((f"2.{n} 什么是 概念2{n}？", "2. 实践篇") for n in range(1, 4)), ("3.1 多机多卡场景", "3. 策略篇")]
    assert bank.questions[0].answer == "概念11 的解释。" and bank.questions[-1].answer == "不推荐一起训练。"
    assert not [f for f in bank.findings if f.code.startswith("skipped")]
    assert_spans_cover(bank, count_lines(text))


def test_a_few_question_and_answer_pairs_in_one_answer_leave_the_heading_questions_questions():
    """Seen in a real bank (DeepLearning-500-questions, chapter 8: 5 questions read of 48,
    1,400 lines skipped): numbered headings, some asking (``### 8.1.1 什么是目标检测？``), some
    naming a model (``### 8.3.7 RetinaNet``), and in one answer a few ``问：`` / ``答：`` pairs.
    Those pairs were the bank's only questions; now they are questions beside the headings."""
    def section(number, titles):
        return "\n\n".join(f"### {number}.{n} {title}\n\n{title} 的说明。" for n, title in enumerate(titles, 1))
    text = ("# 第八章 目标检测\n\n## 8.1 基本概念\n\n"
            + section("8.1", ["什么是目标检测？", "目标检测要解决的核心问题？", "目标检测有哪些应用？"])
            + "\n\n## 8.3 One Stage目标检测算法\n\n" + section("8.3", ["SSD", "DSSD", "YOLOv1", "YOLOv2", "YOLOv3"])
            + "\n\n### 8.3.6 RetinaNet\n\n**研究背景**\n\n单阶段检测器精度较低。\n\n问：什么是类别不均衡？\n\n"
              "答：负样本远多于正样本。\n\n问：类别不均衡会带来什么问题？\n\n答：训练被简单负样本主导。\n\n"
            + "## 8.4 人脸检测\n\n" + section("8.4", ["如何检测图片中不同大小的人脸？"]) + "\n")
    bank = read(text)
    assert [q.title for q in bank.questions] == [
        "8.1.1 什么是目标检测？", "8.1.2 目标检测要解决的核心问题？", "8.1.3 目标检测有哪些应用？", "8.3.1 SSD",
        "8.3.2 DSSD", "8.3.3 YOLOv1", "8.3.4 YOLOv2", "8.3.5 YOLOv3", "8.3.6 RetinaNet", "什么是类别不均衡？",
        "类别不均衡会带来什么问题？", "8.4.1 如何检测图片中不同大小的人脸？"]
    retina, imbalance = bank.questions[8], bank.questions[9]
    assert retina.answer == "**研究背景**\n\n单阶段检测器精度较低。" and imbalance.answer == "负样本远多于正样本。"
    assert {q.part for q in bank.questions} == {"8.1 基本概念", "8.3 One Stage目标检测算法", "8.4 人脸检测"}
    assert not [f for f in bank.findings if f.code.startswith("skipped")]
    assert_spans_cover(bank, count_lines(text))


def test_with_no_label_the_level_that_asks_holds_the_questions_not_the_more_numerous_one():
    """Seen in a real bank (DeepLearning-500-questions, chapter 12): ``## 12.1.3 TensorFlow特点有哪些？``
    over numbered ``### 1.高度的灵活性`` points; the points, more numerous, were read as the
    questions and the questions as their parts."""
    def points(name):
        return "\n\n".join(f"### {n}.{name} 的第 {n} 点\n\n说明 {n}。" for n in range(1, 5))
    text = (f"# 第十二章 网络搭建\n\n## 12.1.1 TensorFlow是什么？\n\n一个框架。\n\n## 12.1.2 TensorFlow特点有哪些？\n\n"
            f"{points('TensorFlow')}\n\n## 12.1.3 PyTorch的架构是怎样的？\n\n{points('PyTorch')}\n")
    bank = read(text)
    assert [q.title for q in bank.questions] == ["12.1.1 TensorFlow是什么？", "12.1.2 TensorFlow特点有哪些？",
                                                 "12.1.3 PyTorch的架构是怎样的？"]
    assert bank.questions[1].answer.startswith("### 1.TensorFlow 的第 1 点")
    assert not [f for f in bank.findings if f.code.startswith("skipped")]


FINE_TUNING = """
# What is fine-tuning, and why is it needed?

**Fine-tuning** continues training a pre-trained model on task data.

### Why Fine-Tuning Is Needed:
1.  **Domain Adaptation:** general models lack domain knowledge.

# How to make the decision of fine-tuning?

Use this decision framework:

### 1. Evaluate Task Requirements
Is the task defined?

### 2. Assess Resource Availability
- **Data:** do you have 500 examples?

# How do you fine-tune LLM on consumer hardware?

Use QLoRA.
"""


def test_level_one_headings_that_ask_are_the_questions_of_a_bank_without_labels():
    """``# What is fine-tuning?`` heading each question of a file (an LLM interview guide):
    level 1 is no title there, and the numbered ``###`` headings inside are answer structure."""
    bank = read(FINE_TUNING)
    assert [q.title for q in bank.questions] == ["What is fine-tuning, and why is it needed?",
                                                  "How to make the decision of fine-tuning?",
                                                  "How do you fine-tune LLM on consumer hardware?"]
    assert "### 1. Evaluate Task Requirements" in bank.questions[1].answer and not bank.findings
    assert_spans_cover(bank, count_lines(FINE_TUNING.lstrip("\n")))
    # One level-1 heading, or several that do not ask, still title the file.
    titled = read("# 面试题\n\n## 什么是 RAG？\n\n检索增强。\n\n## 什么是 LoRA？\n\n低秩适配。\n")
    assert titled.title == "面试题" and [q.title for q in titled.questions] == ["什么是 RAG？", "什么是 LoRA？"]


def test_headings_that_ask_with_nothing_under_them_are_questions_where_nothing_else_asks():
    """Seen in a real bank (DeepLearning-500-questions, chapter 16: "no questions found"):
    a history section, then 24 ``## 16.1 如何理解序列到序列模型？`` headings, the answers not
    written yet. They are questions without answers, which the lint names; a heading with
    nothing under it among answered ones is still left out, and one such heading alone is
    no bank."""
    text = ("# 第十六章 NLP\n\n## 16.0 NLP 发展史简述\n\n### 第一个浪潮\n\n"
            "## 16.1 如何理解序列到序列模型？\n\n## 16.2 序列到序列模型有什么限制吗？\n\n## 16.3 如何理解词向量？\n\n"
            "## 16.4 词向量哪家好？\n")
    bank = read(text)
    assert [(q.title, q.answer, q.line) for q in bank.questions] == [
        ("16.1 如何理解序列到序列模型？", None, 7), ("16.2 序列到序列模型有什么限制吗？", None, 9),
        ("16.3 如何理解词向量？", None, 11), ("16.4 词向量哪家好？", None, 13)]
    assert [span.kind for span in bank.spans] == ["preface"] + ["question"] * 4
    assert_spans_cover(bank, count_lines(text))
    assert [f.code for f in lint_banks([bank])] == ["missing-section"]
    answered = read("# Q\n\n## What is X?\n\nX is a letter.\n\n## What is Y?\n\n## What is Z?\n\nZ is last.\n")
    assert [q.title for q in answered.questions] == ["What is X?", "What is Z?"]
    assert [f.code for f in answered.findings] == ["skipped-heading"]
    with pytest.raises(NotABank):
        read("# Notes\n\nSome text.\n\n## What is X?\n")


def test_a_question_written_at_the_level_of_the_parts_is_read_where_no_part_holds_it():
    """Seen in real banks (DeepLearning-500-questions, chapter 3: ``## 3.13 深度学习中常用的数据增强方法？``
    after ``## 3.12 Dropout 系列问题`` over its ``### 3.12.1 …``; JavaGuide, ``## Spring 框架中用到了
    哪些设计模式？`` among parts of ``###`` questions): 22 questions in 15 files were left out
    with a warning. A part, a heading that does not ask, one that repeats a question's title
    and one before the first question stay what they were."""
    questions = "\n\n".join(f"## 3.{part} 第 {part} 节\n\n" + "\n\n".join(
        f"### 3.{part}.{n} 概念 {part}{n} 是什么？\n\n解释 {part}{n}。" for n in (1, 2, 3)) for part in (11, 12))
    text = (f"# 第三章 深度学习基础\n\n## 为什么写这一章？\n\n写给准备面试的人。\n\n{questions}\n\n"
            "## 3.13 深度学习中常用的数据增强方法？\n\n翻转、裁剪、颜色变换。\n\n"
            "## 3.14 本章小结\n\n正则化与数据增强。\n\n"
            "## 3.12.1 概念 121 是什么？\n\n见上文。\n\n"
            "## 3.15 Batch Normalization\n\n### 3.15.1 如何理解 Internal Covariate Shift？\n\n各层输入分布的变化。\n")
    bank = read(text)
    titles = [q.title for q in bank.questions]
    assert titles == [f"3.{part}.{n} 概念 {part}{n} 是什么？" for part in (11, 12) for n in (1, 2, 3)] + [
        "3.13 深度学习中常用的数据增强方法？", "3.15.1 如何理解 Internal Covariate Shift？"]
    added = bank.questions[6]
    lines = text.split("\n")
    assert (added.answer, added.line) == ("翻转、裁剪、颜色变换。", lines.index("## 3.13 深度学习中常用的数据增强方法？") + 1)
    assert added.part == "第三章 深度学习基础"  # the heading above the parts, not the part before it
    skipped = [(span.line, span.end_line) for span in bank.spans if span.kind == "skipped"]
    for heading in ("## 3.14 本章小结", "## 3.12.1 概念 121 是什么？"):  # still left out, with a warning
        assert any(first <= lines.index(heading) + 1 <= last for first, last in skipped)
    assert_spans_cover(bank, count_lines(text))


def test_numbered_headings_of_a_part_without_labels_are_questions_as_in_the_other_parts():
    """Seen in a real bank (CS-Notes, ``Leetcode 题解 - 搜索``: 15 of 23 problems left out):
    the problems under ``## BFS`` and ``## DFS`` each have a ``题目描述：`` label in some answer,
    those under ``## Backtracking`` none, so that part's ``### 1. 数字键盘组合`` and 14 more
    were skipped. A lone numbered heading in such a part, and a recap that repeats the
    questions' titles, stay out."""
    def problems(names, label=""):
        return "\n\n".join(f"### {n}. {name}\n\n{label if n == 1 else ''}解法 {name}。" for n, name in enumerate(names, 1))
    text = ("# Leetcode 题解 - 搜索\n\n## BFS\n\nBFS 按层遍历。\n\n" + problems(["最短路径", "最小平方数"], "题目描述：求最短路径。\n\n")
            + "\n\n## DFS\n\n" + problems(["最大连通面积", "连通分量数目"], "题目描述：求面积。\n\n")
            + "\n\n## Backtracking\n\nBacktracking 属于 DFS。\n\n" + problems(["数字键盘组合", "IP 地址划分", "排列"])
            + "\n\n## 小结\n\n### 1. 一句话\n\n多练。\n\n## 回顾\n\n" + problems(["最短路径", "最小平方数"]) + "\n")
    bank = read(text)
    assert [(q.part, q.title) for q in bank.questions][4:] == [
        ("Backtracking", "数字键盘组合"), ("Backtracking", "IP 地址划分"), ("Backtracking", "排列")]
    assert bank.questions[5].answer == "解法 IP 地址划分。"
    lines = text.split("\n")
    skipped = [(span.line, span.end_line) for span in bank.spans if span.kind == "skipped"]
    for heading in ("### 1. 一句话", "## 回顾"):
        assert any(first <= lines.index(heading) + 1 <= last for first, last in skipped)
    assert_spans_cover(bank, count_lines(text))
