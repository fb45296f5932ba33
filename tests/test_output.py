"""Writing outputs: all new or all old, nothing stale, nothing half-written, one build at a time."""

import json
import os
import subprocess
from dataclasses import replace

import pytest

from generator import output
from generator.build import build
from generator.config import BuildConfig
from generator.errors import RenderError

from .conftest import QGEN, SEED, run


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "bank.md").write_text(SEED.read_text("utf-8"), "utf-8")
    return tmp_path


def config(**options):
    return BuildConfig(**{"paths": ("bank.md",), "out": output.Path("out"), "formats": ("json", "html"), "jobs": 1,
                          **options})


def test_a_file_that_cannot_be_replaced_leaves_every_old_output(project, monkeypatch):
    build(config())
    before = files(project / "out")
    bank = project / "bank.md"
    bank.write_text(bank.read_text("utf-8") + "\n### 题目 31：新\n\n**答案：** 新\n", "utf-8")  # every output changes
    replace = os.replace

    def refuse_the_page(source, target, *args):  # as for a file made immutable (chattr +i)
        if str(source).endswith("bank.html") or str(target).endswith("bank.html"):
            raise PermissionError(1, "Operation not permitted", str(target))
        return replace(source, target, *args)

    monkeypatch.setattr(output.os, "replace", refuse_the_page)
    with pytest.raises(RenderError) as raised:
        build(config())
    assert raised.value.path.endswith("bank.html") and "every earlier output was kept" in raised.value.message
    assert files(project / "out") == before
    assert not [p for p in (project / "out").iterdir() if p.name.endswith((".part", ".old"))]


@pytest.mark.slow
def test_outputs_the_last_build_made_and_this_one_does_not_are_removed(project):
    papers = {"formats": ("exam", "json"), "count": 3, "seed": 1}
    build(config(**papers, variants=3))
    assert {"bank-exam-A.pdf", "bank-exam-C.pdf"} <= set(files(project / "out"))
    (project / "out" / "mine.txt").write_text("not qgen's", "utf-8")
    report = build(config(**papers))
    assert sorted(p.name for p in report.removed) == sorted(
        name for v in "ABC" for name in (f"bank-exam-{v}.pdf", f"bank-paper-{v}-manifest.json"))
    assert set(files(project / "out")) == {"bank-exam.pdf", "bank-paper-manifest.json", "bank.json", "mine.txt"}
    # Another bank built into the same folder leaves this one's outputs alone.
    (project / "other.md").write_text("### 题目 1：一\n\n**答案：** A\n", "utf-8")
    assert build(replace(config(), paths=("other.md",), formats=("json",))).removed == []
    assert {"bank-exam.pdf", "bank.json", "other.json"} <= set(files(project / "out"))


def test_a_swap_cut_short_is_undone_by_the_next_run(project):
    build(config())
    out = project / "out"
    before = files(out)
    # What a kill half-way through a swap leaves: the journal, an old file set aside and
    # a new one in its place, another new file, and a temporary file.
    plan = [[str(out / "bank.html"), str(out / ".bank.html.1.old"), True],
            [str(out / "bank-new.html"), str(out / ".bank-new.html.1.old"), False]]
    (out / output.JOURNAL).write_text(json.dumps(plan), "utf-8")
    os.replace(out / "bank.html", out / ".bank.html.1.old")
    (out / "bank.html").write_bytes(b"half of a new build")
    (out / "bank-new.html").write_bytes(b"new")
    (out / ".bank.json.abc.part").write_bytes(b"partial")
    assert output.recover(out) == [out / "bank.html"]
    assert files(out) == before and not [p for p in out.iterdir() if p.name.startswith(".bank")]


def test_a_second_build_into_the_same_folder_waits_for_the_first(project):
    (project / "out").mkdir()
    with output.folder_lock(project / "out"):
        process = subprocess.Popen([str(QGEN), "build", "bank.md", "--format", "json", "--out", "out"],
                                   cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stderr.readline().startswith("waiting for another build into out")
        assert not (project / "out" / "bank.json").exists()
    assert process.wait(timeout=60) == 0
    assert (project / "out" / "bank.json").exists()


def test_folders_named_as_outputs_are_refused_with_plain_words(tmp_path):
    (tmp_path / "exports").mkdir()
    result = run("export", str(SEED), "-o", "exports", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("qgen: error: exports is a folder; give -o a file name")
    assert (tmp_path / "exports").is_dir() and list((tmp_path / "exports").iterdir()) == []
    (tmp_path / "afile").write_text("mine", "utf-8")
    result = run("build", str(SEED), "--format", "json", "--out", "afile", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == "qgen: error: afile is a file, not a folder; give --out a folder\n"
    with pytest.raises(RenderError):
        output.write_atomic(tmp_path / "exports", b"x")
    assert (tmp_path / "exports").is_dir()
