"""Banks kept one question a file (``generator/whole_file.py``): the file's name, its front
matter's title or its title heading asks, the text under it answers."""

from pathlib import Path

from generator.pin import pin_ids
from generator.reader import read_banks

from .conftest import assert_spans_cover, count_lines, read


def _write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_of_files_each_named_by_its_question(tmp_path):
    _write(tmp_path, "11.MongoDB篇/11.3.0 如何查看使用MongoDB的连接？.md",
           "使用命令 `db.adminCommand(\"connPoolStats\")`。\n\n```js\ndb.adminCommand(\"connPoolStats\")\n```\n")
    _write(tmp_path, "11.MongoDB篇/11.3.1 什么是复制？.md", "")  # asked, not answered yet
    _write(tmp_path, "quiz/floats/en-US.mdx",
           "---\ntitle: Describe `float`s and how they work.\n---\n\nFloated elements stay in the flow.\n")
    _write(tmp_path, "README.md", "# 面试题\n\n按公司分类。\n")
    library = read_banks([str(tmp_path)])
    questions = {q.title: q for bank in library.banks for q in bank.questions}
    assert sorted(questions) == ["Describe `float`s and how they work.", "什么是复制？", "如何查看使用MongoDB的连接？"]
    connection = questions["如何查看使用MongoDB的连接？"]
    assert connection.answer.startswith("使用命令") and [c.lang for c in connection.code] == ["js"]
    assert questions["什么是复制？"].answer is None
    assert questions["Describe `float`s and how they work."].answer == "Floated elements stay in the flow."
    assert [(note.code, note.source.endswith("README.md")) for note in library.notes] == [("not-a-bank", True)]
    for bank in library.banks:  # an empty file is one line, its question's
        assert_spans_cover(bank, max(count_lines(Path(bank.source).read_text(encoding="utf-8")), 1))
    front_matter = next(bank for bank in library.banks if bank.source.endswith(".mdx"))
    assert [span.kind for span in front_matter.spans] == ["front-matter", "question"]


def test_a_file_whose_name_does_not_ask_is_still_no_bank(tmp_path):
    _write(tmp_path, "notes/9.1.0 主键 超键 候选键 外键.md", "主键唯一标识一行。\n")
    _write(tmp_path, "notes/1. 什么是索引？.md", "加速查找的数据结构。\n")
    library = read_banks([str(tmp_path / "notes")])
    assert [q.title for bank in library.banks for q in bank.questions] == ["什么是索引？"]
    assert [note.code for note in library.notes] == ["not-a-bank"]


def test_a_file_whose_one_title_heading_asks_answers_it_under_its_sections(tmp_path):
    """Seen in a real folder bank (lifei6671/interview-go): ``# 为什么MySQL使用B+树做索引？``
    over ``## 一、…`` sections, one question a file; such files were "no questions"."""
    text = ("# 为什么MySQL使用B+树做索引？\n\n先说结论：磁盘读得少。\n\n## 一、磁盘 I/O\n\n一页一次读。\n\n"
            "## 二、范围查询\n\n叶子相连。\n")
    _write(tmp_path, "mysql/b-plus.md", text)
    _write(tmp_path, "mysql/notes.md", "# Redis持久化的原理及优化\n\n## 配置\n\nRDB。\n")  # a title that does not ask
    _write(tmp_path, "mysql/two-titles.md", "# 如何保证可用性？\n\n多副本。\n\n# 面试总结\n\n背下来。\n")
    library = read_banks([str(tmp_path / "mysql")])
    (bank,) = library.banks
    (question,) = bank.questions
    assert question.title == "为什么MySQL使用B+树做索引？"
    assert question.answer == "先说结论：磁盘读得少。\n\n## 一、磁盘 I/O\n\n一页一次读。\n\n## 二、范围查询\n\n叶子相连。"
    assert not bank.findings
    assert_spans_cover(bank, count_lines(text))
    assert sorted(Path(note.source).name for note in library.notes) == ["notes.md", "two-titles.md"]


def test_a_title_question_with_its_description_and_answer_under_label_headings(tmp_path):
    """doocs/advanced-java's big-data questions: ``## 题目描述``, ``## 解答思路`` (the answer,
    which had been read as more of the question) and ``## 方法总结`` (the answer's points)."""
    text = ("# 如何找出访问最多的 IP？\n\n## 题目描述\n\n日志太大，读不进内存。\n\n## 解答思路\n\n"
            "先哈希分片，再逐片统计。\n\n## 方法总结\n\n1. 分而治之；\n2. HashMap 统计频数。\n")
    path = _write(tmp_path, "big-data/find-top-1-ip.md", text)
    (bank,) = read_banks([str(path)]).banks
    (question,) = bank.questions
    assert (question.title, question.question) == ("如何找出访问最多的 IP？", "日志太大，读不进内存。")
    assert question.answer.startswith("先哈希分片，再逐片统计。\n\n## 方法总结")
    assert [point.label for point in question.points] == ["分而治之", "HashMap 统计频数"]
    assert_spans_cover(bank, count_lines(text))


def test_a_title_over_its_task_and_an_explanation_is_that_task(tmp_path):
    """lifei6671/interview-go keeps one task a file: ``# 实现阻塞读且并发安全的map`` (or a lone
    ``##`` title) over the task in prose, quote or code, then ``**解析：**``; such files were
    "no questions". The text up to the label is the task, not its answer."""
    text = ("# 实现阻塞读且并发安全的map\n\nGO里面MAP如何实现key不存在时 get 等待？\n\n```go\ntype sp interface{}\n```\n\n"
            "**解析：**\n\n看到阻塞协程，第一个想到的就是 `channel`。\n\n1. **阻塞**：读不到就等。\n2. **超时**：`select`。\n")
    quoted = "## 在 golang 协程和channel配合使用\n\n> 写代码实现两个 goroutine。\n\n**解析**\n\n`channel` 无缓冲时读写都阻塞。\n"
    _write(tmp_path, "go/q010.md", text)
    _write(tmp_path, "go/q009.md", quoted)
    _write(tmp_path, "go/notes.md", "# Redis持久化的原理及优化\n\nRDB 与 AOF。\n\n**注意：** fork 有代价。\n")
    library = read_banks([str(tmp_path / "go")])
    questions = {Path(bank.source).name: bank.questions for bank in library.banks}
    assert sorted(questions) == ["q009.md", "q010.md"]
    (task,) = questions["q010.md"]
    assert (task.title, task.answer) == ("实现阻塞读且并发安全的map", None)
    assert task.question == "GO里面MAP如何实现key不存在时 get 等待？\n\n```go\ntype sp interface{}\n```"
    assert task.explanation.startswith("看到阻塞协程") and [c.section for c in task.code] == ["question"]
    (quoted_task,) = questions["q009.md"]
    assert (quoted_task.question, quoted_task.explanation) == ("> 写代码实现两个 goroutine。", "`channel` 无缓冲时读写都阻塞。")
    assert [note.source.endswith("notes.md") for note in library.notes] == [True]
    for bank in library.banks:
        assert_spans_cover(bank, count_lines(Path(bank.source).read_text(encoding="utf-8")))


def test_pinning_ids_leaves_a_file_named_by_its_question_as_it_was(tmp_path):
    path = _write(tmp_path, "什么是索引？.md", "加速查找的数据结构。\n")
    assert pin_ids(path).pinned == []
    assert path.read_text(encoding="utf-8") == "加速查找的数据结构。\n"


def test_a_worked_problem_is_one_question_its_solution_the_answer():
    bank = read("""
        # 最接近的三数之和

        ## 01、题目描述

        给你一个包含 n 个整数的数组 nums，找出所有和为 0 的三元组。

        ## 示例1

        ```text
        输入：[-1,0,1,2,-1,-4]
        ```

        ## 02、题目分析

        先排序，再用双指针。

        ### 复杂度

        O(n²)。

        ## 03、Go语言示例

        ```go
        sort.Ints(nums)
        ```
        """)
    (question,) = bank.questions
    assert question.title == "最接近的三数之和"
    assert question.question.startswith("## 01、题目描述\n\n给你一个") and "## 示例1" in question.question
    # The solution begins at its first heading, which stays in it; the code is the answer's.
    assert question.answer.startswith("## 02、题目分析\n\n先排序") and question.answer.endswith("sort.Ints(nums)\n```")
    assert [(block.lang, block.section) for block in question.code] == [("text", "question"), ("go", "answer")]
    assert bank.findings == ()


def test_notes_whose_sub_headings_are_topics_are_no_worked_problem():
    bank = read("""
        # Redis

        ## 持久化是什么？

        RDB 和 AOF。

        ## 示例

        `SAVE`

        ## 集群怎么分片？

        哈希槽。
        """)
    assert [q.title for q in bank.questions] == ["持久化是什么？", "集群怎么分片？"]


def test_a_bank_of_numbered_problem_headings_is_no_worked_problem():
    bank = read("""
        # 算法题

        ## 题目1

        反转链表。

        ## 题目2

        合并两个有序链表。

        ## 示例

        见上。
        """)
    assert [q.number for q in bank.questions] == [1, 2]
