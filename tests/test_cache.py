"""Rebuilding with nothing changed reuses the last outputs; any change renders again."""

import os
import shutil

import pytest

from generator import cache as cache_module

from .conftest import SEED, run

FORMATS = ["--format", "apkg,json,html"]
WITH_PAPERS = ["--format", "apkg,exam,json,html", "--count", "3"]  # the last --format counts


def build(project, *args):
    result = run("build", "bank", "--out", "out", *FORMATS, *args, cwd=project,
                 env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    return result


def reused(result) -> bool:
    return "nothing changed since the last build" in result.stdout


@pytest.fixture
def project(tmp_path):
    (tmp_path / "bank").mkdir()
    shutil.copy(SEED, tmp_path / "bank" / "llm-interview.md")
    first = build(tmp_path)
    assert not reused(first)
    return tmp_path


def test_nothing_changed_keeps_the_outputs_and_reports_the_same(project):
    assert not reused(build(project, *WITH_PAPERS))
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    again = build(project, *WITH_PAPERS)
    assert reused(again)
    assert "[duplicate-question]" in again.stderr  # the findings are reported again
    assert "kept out/llm-interview-exam.pdf" in again.stdout and "pages)" in again.stdout
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()} == before


def test_an_edited_bank_renders_again(project):
    bank = project / "bank" / "llm-interview.md"
    bank.write_text(bank.read_text("utf-8").replace("分布式计算", "分布式训练", 1), encoding="utf-8")
    result = build(project)
    assert not reused(result) and "1 changed" in result.stdout
    assert "分布式训练" in (project / "out" / "llm-interview.json").read_text("utf-8")


def test_a_changed_or_new_image_renders_again(project):
    from .conftest import tiny_png

    bank = project / "bank" / "llm-interview.md"
    bank.write_text(bank.read_text("utf-8").replace("**题目：** 大模型训练需要大量计算资源",
                                                    "**题目：** ![架构图](img/arch.png) 大模型训练需要大量计算资源", 1),
                    encoding="utf-8")
    result = build(project)
    assert "image “img/arch.png” does not exist" in result.stderr
    assert reused(build(project))
    (project / "bank" / "img").mkdir()
    (project / "bank" / "img" / "arch.png").write_bytes(tiny_png())  # the missing image appears
    result = build(project)
    assert not reused(result) and "does not exist" not in result.stderr
    assert reused(build(project))
    (project / "bank" / "img" / "arch.png").write_bytes(tiny_png() + b"\0")  # and changes
    assert not reused(build(project))
    (project / "bank" / "notes.txt").write_text("unrelated")  # other files do not matter
    assert reused(build(project))


def test_other_options_render_again(project):
    assert not reused(build(project, "--seed", "5", "--shuffle"))
    assert reused(build(project, "--seed", "5", "--shuffle"))
    assert not reused(build(project, "--seed", "6", "--shuffle"))


def test_the_number_of_processes_is_not_a_change(project):
    assert reused(build(project, "--jobs", "1"))  # the outputs are the same whatever it is


def test_changed_templates_render_again(project):
    templates = project / "mine" / "html"
    templates.mkdir(parents=True)
    (templates / "study.html.j2").write_text('{% extends "default/html/study.html.j2" %}', encoding="utf-8")
    assert not reused(build(project, "--templates", "mine"))
    assert reused(build(project, "--templates", "mine"))
    (templates / "study.html.j2").write_text('{% extends "default/html/study.html.j2" %}{# v2 #}', encoding="utf-8")
    assert not reused(build(project, "--templates", "mine"))


def test_a_modified_or_missing_output_renders_again(project):
    (project / "out" / "llm-interview.html").write_text("edited by hand")
    assert not reused(build(project))
    assert "edited by hand" not in (project / "out" / "llm-interview.html").read_text("utf-8")
    (project / "out" / "llm-interview.apkg").unlink()
    assert not reused(build(project))
    assert (project / "out" / "llm-interview.apkg").is_file()


@pytest.fixture
def code_digest_recomputed():
    """Tests that change what the code digest is made of leave it as they found it."""
    cache_module.code_digest.cache_clear()
    yield cache_module.code_digest.cache_clear
    cache_module.code_digest.cache_clear()


def test_another_qgen_version_renders_again(project, monkeypatch, code_digest_recomputed):
    from generator import build as build_module
    from generator.config import BuildConfig

    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = BuildConfig(paths=("bank",), out=build_module.Path("out"), formats=("apkg", "json", "html"))
    assert build_module.build(config).reused
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    code_digest_recomputed()
    assert not build_module.build(config).reused


def test_a_changed_byte_in_qgens_own_code_renders_again(project, monkeypatch, tmp_path, code_digest_recomputed):
    """An edited module (here a copy of the package with one byte of the JSON renderer
    changed) must not keep the outputs or the banks the old code made."""
    from generator import build as build_module
    from generator.config import BuildConfig

    copy = tmp_path / "generator"
    shutil.copytree(cache_module.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", copy)
    code_digest_recomputed()
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = BuildConfig(paths=("bank",), out=build_module.Path("out"), formats=("apkg", "json", "html"))
    assert build_module.build(config).reused
    module = copy / "renderers" / "json.py"
    module.write_bytes(module.read_bytes().replace(b"every record as data", b"every record as Data"))
    code_digest_recomputed()
    report = build_module.build(config)
    assert not report.reused
    cache = cache_module.BuildCache(build_module.Path("out"))
    assert cache.load_bank(cache.bank_key("bank/llm-interview.md", SEED.read_bytes())) is not None


def test_a_corrupt_cache_is_ignored(project):
    for path in (project / "out" / ".qgen-cache").rglob("*.json"):
        path.write_text("{not json")
    result = build(project)
    assert not reused(result) and "Traceback" not in result.stderr
    assert reused(build(project))


def test_outputs_inside_the_bank_folder_do_not_defeat_the_cache(tmp_path):
    shutil.copy(SEED, tmp_path / "llm-interview.md")
    command = ["build", ".", "--out", "build", "--format", "apkg,json"]
    first, again = run(*command, cwd=tmp_path), run(*command, cwd=tmp_path)
    assert first.returncode == again.returncode == 0
    assert not reused(first) and reused(again)


def test_the_cache_keeps_only_the_banks_it_still_reads(project):
    bank = project / "bank" / "llm-interview.md"
    for word in ("一", "二", "三"):
        bank.write_text(bank.read_text("utf-8") + f"\n{word}\n", encoding="utf-8")
        build(project)
    assert len(list((project / "out" / ".qgen-cache" / "banks").glob("*.json"))) == 1
