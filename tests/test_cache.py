"""Rebuilding with nothing changed reuses the last outputs; any change renders again.
Builds run in this process and the tests read the build's report: whether it was reused,
its findings, the deck's changes, its pages."""

import shutil
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator.cache import read_html_file
from generator.build import build as build_outputs
from generator.config import BuildConfig

from .conftest import SEED, tiny_png

FORMATS = ("apkg", "json", "html")


def build(**options):
    """A build of ``bank/`` into ``out/`` in the project folder (the working folder)."""
    return build_outputs(BuildConfig(**{"paths": ("bank",), "out": Path("out"), "formats": FORMATS, **options}))


def codes(report) -> set[str]:
    return {finding.code for finding in report.findings}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "bank").mkdir()
    shutil.copy(SEED, tmp_path / "bank" / "llm-interview.md")
    assert not build().reused
    return tmp_path


def test_nothing_changed_keeps_the_outputs_and_reports_the_same(project):
    with_papers = {"formats": ("apkg", "exam", "json", "html"), "count": 3}
    first = build(**with_papers)
    assert not first.reused
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    again = build(**with_papers)
    assert again.reused
    assert again.findings == first.findings and "duplicate-question" in codes(again)  # reported again
    exam = Path("out") / "llm-interview-exam.pdf"
    assert again.pages == first.pages and again.pages[exam] > 0 and exam in dict(again.written)
    assert again.anki.answers.notes == first.anki.answers.notes == 30
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()} == before


def test_an_edited_bank_renders_again(project):
    bank = project / "bank" / "llm-interview.md"
    bank.write_text(bank.read_text("utf-8").replace("分布式计算", "分布式训练", 1), encoding="utf-8")
    report = build()
    assert not report.reused and len(report.anki.answers.changed) == 1
    assert "分布式训练" in (project / "out" / "llm-interview.json").read_text("utf-8")


def test_a_changed_or_new_image_renders_again(project):
    bank = project / "bank" / "llm-interview.md"
    bank.write_text(bank.read_text("utf-8").replace("**题目：** 大模型训练需要大量计算资源",
                                                    "**题目：** ![架构图](img/arch.png) 大模型训练需要大量计算资源", 1),
                    encoding="utf-8")
    missing = [f for f in build().findings if f.code == "image"]
    assert [(f.line, "img/arch.png" in f.message) for f in missing] == [(5, True)]
    assert build().reused
    (project / "bank" / "img").mkdir()
    (project / "bank" / "img" / "arch.png").write_bytes(tiny_png())  # the missing image appears
    report = build()
    assert not report.reused and "image" not in codes(report)
    assert build().reused
    (project / "bank" / "img" / "arch.png").write_bytes(tiny_png() + b"\0")  # and changes
    assert not build().reused
    (project / "bank" / "notes.txt").write_text("unrelated")  # other files do not matter
    assert build().reused


def test_other_options_render_again(project):
    assert not build(seed=5, shuffle=True).reused
    assert build(seed=5, shuffle=True).reused
    assert not build(seed=6, shuffle=True).reused


def test_the_number_of_processes_is_not_a_change(project):
    assert build(jobs=1).reused  # the outputs are the same whatever it is


def test_changed_templates_render_again(project):
    templates = project / "mine" / "html"
    templates.mkdir(parents=True)
    (templates / "study.html.j2").write_text('{% extends "default/html/study.html.j2" %}', encoding="utf-8")
    assert not build(templates="mine").reused
    assert build(templates="mine").reused
    (templates / "study.html.j2").write_text('{% extends "default/html/study.html.j2" %}{# v2 #}', encoding="utf-8")
    assert not build(templates="mine").reused


def test_a_modified_or_missing_output_renders_again(project):
    (project / "out" / "llm-interview.html").write_text("edited by hand")
    assert not build().reused
    assert "edited by hand" not in (project / "out" / "llm-interview.html").read_text("utf-8")
    (project / "out" / "llm-interview.apkg").unlink()
    assert not build().reused
    assert (project / "out" / "llm-interview.apkg").is_file()


@pytest.fixture
def code_digest_recomputed():
    """Tests that change what the code digest is made of leave it as they found it."""
    cache_module.code_digest.cache_clear()
    yield cache_module.code_digest.cache_clear
    cache_module.code_digest.cache_clear()


def test_another_qgen_version_renders_again(project, monkeypatch, code_digest_recomputed):
    assert build().reused
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    code_digest_recomputed()
    assert not build().reused


def test_an_upgraded_library_renders_again(project, monkeypatch, code_digest_recomputed):
    """A new markdown-it-py or Pygments may render the same Markdown otherwise: neither the
    outputs, the banks read nor the HTML kept are reused."""
    assert cache_module.libraries_state() and all(name.endswith(".dist-info") for name in cache_module.libraries_state())
    assert any(name.startswith("markdown_it_py-") for name in cache_module.libraries_state())
    assert build().reused
    upgraded = [name.replace("pygments-", "pygments-99.") for name in cache_module.libraries_state()]
    monkeypatch.setattr(cache_module, "libraries_state", lambda: upgraded)
    code_digest_recomputed()
    assert not build().reused
    assert len(list((project / "out" / ".qgen-cache" / "html").iterdir())) == 1  # the old code's is gone


def test_a_changed_byte_in_qgens_own_code_renders_again(project, monkeypatch, tmp_path, code_digest_recomputed):
    """An edited module (here a copy of the package with one byte of the JSON renderer
    changed) must not keep the outputs or the banks the old code made."""
    copy = tmp_path / "generator"
    shutil.copytree(cache_module.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", copy)
    code_digest_recomputed()
    assert build().reused
    module = copy / "renderers" / "json.py"
    module.write_bytes(module.read_bytes().replace(b"every record as data", b"every record as Data"))
    code_digest_recomputed()
    assert not build().reused
    cache = cache_module.BuildCache(Path("out"))
    assert cache.load_bank(cache.bank_key("bank/llm-interview.md", SEED.read_bytes())) is not None


def test_a_corrupt_cache_is_ignored(project):
    for path in (project / "out" / ".qgen-cache").rglob("*.json"):
        path.write_text("{not json")
    assert not build().reused
    assert build().reused


def test_outputs_inside_the_bank_folder_do_not_defeat_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "llm-interview.md")
    config = BuildConfig(paths=(".",), out=Path("build"), formats=("apkg", "json"))
    assert not build_outputs(config).reused and build_outputs(config).reused


def test_the_cache_keeps_only_the_banks_it_still_reads(project):
    bank = project / "bank" / "llm-interview.md"
    for word in ("一", "二", "三"):
        bank.write_text(bank.read_text("utf-8") + f"\n{word}\n", encoding="utf-8")
        build()
    assert len(list((project / "out" / ".qgen-cache" / "banks").glob("*.json"))) == 1


def _edit_one_answer(project) -> tuple[str, str]:
    """分布式计算 -> 分布式训练 in the first answer that has it: that answer's text before
    and after."""
    from generator.reader import read_bank_file

    bank = project / "bank" / "llm-interview.md"
    before = next(q.answer for q in read_bank_file(bank).questions if "分布式计算" in (q.answer or ""))
    bank.write_text(bank.read_text("utf-8").replace("分布式计算", "分布式训练", 1), encoding="utf-8")
    return before, before.replace("分布式计算", "分布式训练", 1)


def test_after_an_edit_only_the_edited_section_is_rendered_again(project, monkeypatch):
    from markdown_it import MarkdownIt

    parsed, inline = [], []
    parse, render_inline = MarkdownIt.parse, MarkdownIt.renderInline
    monkeypatch.setattr(MarkdownIt, "parse", lambda self, text, env=None: parsed.append(text) or parse(self, text, env))
    monkeypatch.setattr(MarkdownIt, "renderInline",
                        lambda self, text, env=None: inline.append(text) or render_inline(self, text, env))
    _, edited = _edit_one_answer(project)
    parsed.clear()
    report = build()
    assert not report.reused
    whole_file = (project / "bank" / "llm-interview.md").read_text("utf-8")
    assert [text for text in parsed if text.strip() != whole_file.strip()] == [edited]
    assert inline == []  # titles and points: each as it was


def test_outputs_after_an_edit_are_those_of_a_build_that_renders_everything(project):
    before, after = _edit_one_answer(project)
    shutil.copytree(project / "out", project / "fresh")
    shutil.rmtree(project / "fresh" / ".qgen-cache" / "html")
    build()
    build(out=Path("fresh"))
    for output in (project / "out").iterdir():
        if output.is_file():
            assert output.read_bytes() == (project / "fresh" / output.name).read_bytes(), output.name
    (store,) = (project / "out" / ".qgen-cache" / "html").iterdir()
    blocks, _ = read_html_file(store)
    assert after in blocks and before not in blocks  # what this build used, only
