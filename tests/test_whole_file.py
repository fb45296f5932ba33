"""Banks kept one question a file (``generator/whole_file.py``): the file's name or its front
matter's title asks, the text under it answers."""

from pathlib import Path

from generator.pin import pin_ids
from generator.reader import read_banks

from .conftest import assert_spans_cover, count_lines


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


def test_pinning_ids_leaves_a_file_named_by_its_question_as_it_was(tmp_path):
    path = _write(tmp_path, "什么是索引？.md", "加速查找的数据结构。\n")
    assert pin_ids(path) == []
    assert path.read_text(encoding="utf-8") == "加速查找的数据结构。\n"
