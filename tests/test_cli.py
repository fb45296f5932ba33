"""The real ``qgen`` command, run as a user runs it."""

import json
import os

import pytest

from .conftest import ROOT, SEED, run


def test_lint_seed_reports_three_warnings():
    result = run("lint")
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert [line.rsplit("[", 1)[1] for line in lines[:-1]] == [
        "code-syntax]", "duplicate-question]", "duplicate-title]"]
    assert all(line.startswith("source/llm-interview.md:") for line in lines[:-1])
    assert lines[-1] == "0 errors, 3 warnings in 30 questions from 1 file"


def test_export_json_shape():
    result = run("export", "--format", "json", "source/")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    (bank,) = document["banks"]
    assert bank["source"] == "source/llm-interview.md"
    assert len(bank["questions"]) == 30
    first = bank["questions"][0]
    assert set(first) >= {"id", "number", "title", "line", "question", "answer", "example",
                          "explanation", "extra", "code", "tags"}
    assert first["code"] == [{"lang": "python", "section": "example", "line": 17,
                              "text": first["code"][0]["text"]}]
    assert {w["code"] for w in document["warnings"]} == {"duplicate-question", "duplicate-title", "code-syntax"}
    assert all(set(w) >= {"source", "line", "code", "message"} for w in document["warnings"])


def test_export_to_file_and_build(tmp_path):
    out_file = tmp_path / "records.json"
    assert run("export", "-o", out_file).returncode == 0
    assert len(json.loads(out_file.read_text("utf-8"))["banks"][0]["questions"]) == 30
    result = run("build", "--out", tmp_path / "out", "--format", "json,html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "llm-interview.json").is_file()
    assert "wrote" in result.stdout


def test_list_shows_every_question():
    result = run("list")
    assert result.returncode == 0
    assert result.stdout.count("\n") == 32  # bank line, header, 30 rows
    assert "如何在大模型时代构建可扩展的架构" in result.stdout


def test_version_and_help():
    assert run("--version").stdout.startswith("qgen ")
    for command in ("build", "lint", "export", "list"):
        result = run(command, "--help")
        assert result.returncode == 0 and "example" in result.stdout and f"qgen {command}" in result.stdout


def _bad_input(tmp_path, name, data):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,data,expected", [
    ("gbk.md", "### 题目 1：标题\n\n**答案：** 回答\n".encode("gbk"), "GBK"),
    ("latin1.md", "### Question 1: café\n\n**Answer:** résumé\n".encode("latin-1"), "Latin-1"),
    ("empty.md", b"", "empty"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("utf16.md", "### 题目 1：标题\n\n**答案：** 回答\n".encode("utf-16-le"), "iconv -f UTF-16LE"),  # no mark
    ("bom-only.md", b"\xef\xbb\xbf\r\n", "empty"),
    ("prose.md", "Just some notes, no questions.\n", "no questions"),
    ("yaml.md", "---\ntitle: [oops\n---\n### 题目 1：x\n**答案：** y\n", "front matter"),
])
def test_bad_input_gets_one_clear_line(tmp_path, name, data, expected):
    path = _bad_input(tmp_path, name, data)
    for command in ("lint", "export", "build"):
        extra = ["--out", tmp_path / "out"] if command == "build" else []
        result = run(command, path, *extra)
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert f"{path}:" in result.stderr and expected in result.stderr
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_missing_path_and_folder_without_markdown(tmp_path):
    result = run("lint", tmp_path / "nope.md", tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path / 'nope.md'}: no such file or folder" in result.stderr
    assert f"{tmp_path}: no Markdown files" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_keeps_previous_outputs_when_input_is_bad(tmp_path):
    out = tmp_path / "out"
    assert run("build", "--out", out, "--format", "apkg,json,html").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = _bad_input(tmp_path, "llm-interview.md", b"\xff\xfe garbage \x00")
    assert run("build", bad, "--out", out).returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_bad_source_date_epoch_is_a_usage_error_before_any_work(tmp_path):
    broken = _bad_input(tmp_path, "broken.md", "### 题目 1：一\n\n**答案：** A\n\n```python\nx\n")
    result = run("build", broken, "--out", tmp_path / "out", "--format", "apkg",
                 env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_lint_exit_codes(tmp_path):
    clean = _bad_input(tmp_path, "clean.md", "### 题目 1：一\n\n**答案：** A\n")
    assert run("lint", clean).returncode == 0
    broken = _bad_input(tmp_path, "broken.md", "### 题目 1：一\n\n**答案：** A\n\n```python\nx\n")
    result = run("lint", broken)
    assert result.returncode == 2
    assert f"{broken}:5: error:" in result.stdout


def test_seed_file_is_the_users_document_byte_for_byte():
    original = ROOT.parent / "shared" / "seed" / "000_9ecce978895e54af.txt"
    if not original.exists():
        pytest.skip("../shared/seed is not present in this clone")
    assert SEED.read_bytes() == original.read_bytes()
