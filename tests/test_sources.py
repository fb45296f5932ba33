"""Finding banks: folders, files that are not banks, exclude globs."""


import pytest

from generator.errors import NotABank
from generator.reader import read_banks
from generator.errors import SourceErrors

from .conftest import run

BANK = "### 题目 1：一\n\n**答案：** A\n"
README = "# 项目\n\n## 安装\n\npip install x\n\n## 用法\n\n运行 x\n"


def test_a_readme_beside_the_banks_is_left_out_with_a_note(tmp_path):
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    (tmp_path / "README.md").write_text(README, "utf-8")
    library = read_banks([str(tmp_path)])
    assert [bank.source.endswith("bank.md") for bank in library.banks] == [True]
    assert [(note.severity, note.code) for note in library.notes] == [("note", "not-a-bank")]
    assert library.notes[0].source.endswith("README.md")


def test_an_empty_file_beside_the_banks_is_left_out_with_a_note(tmp_path):
    """A docs folder has placeholder pages; one of them is no reason to stop."""
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    (tmp_path / "todo.md").write_text("", "utf-8")
    library = read_banks([str(tmp_path)])
    assert len(library.banks) == 1
    assert [(note.code, note.source.endswith("todo.md")) for note in library.notes] == [("not-a-bank", True)]
    with pytest.raises(SourceErrors):
        read_banks([str(tmp_path / "todo.md")])  # named on its own: an error, as before


def test_a_file_named_on_its_own_that_is_not_a_bank_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text(README, "utf-8")
    with pytest.raises(SourceErrors) as raised:
        read_banks([str(tmp_path / "README.md")])
    assert [type(error) for error in raised.value.errors] == [NotABank]
    result = run("lint", str(tmp_path / "README.md"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("README.md: no questions found (see README: input format)")


def test_exclude_globs_leave_files_out(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    (tmp_path / "drafts" / "wip.md").write_text(BANK, "utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text(README, "utf-8")
    library = read_banks([str(tmp_path)], exclude=("drafts/*", "**/README.md"))
    assert [bank.source.rsplit("/", 1)[-1] for bank in library.banks] == ["bank.md"] and library.notes == []


def test_exclude_in_the_configuration(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "bank.md").write_text(BANK, "utf-8")
    (tmp_path / "source" / "README.md").write_text(README, "utf-8")
    (tmp_path / "qgen.yaml").write_text("exclude: [README.md]\n", "utf-8")
    result = run("lint", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    (tmp_path / "qgen.yaml").write_text("exclude: 5\n", "utf-8")
    result = run("lint", cwd=tmp_path)
    assert result.returncode == 2 and "qgen.yaml:1:" in result.stderr


def test_lint_prints_the_note_and_exits_clean(tmp_path):
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    (tmp_path / "README.md").write_text(README, "utf-8")
    result = run("lint", str(tmp_path))
    assert result.returncode == 0
    assert "note: no questions in this file; it is left out [not-a-bank]" in result.stderr
