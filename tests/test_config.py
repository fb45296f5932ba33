"""qgen.yaml, --templates, the interface language, --strict, feedback and start-up time."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from generator.config import load_config, resolve_config
from generator.errors import ConfigError

from .conftest import ROOT, SEED, run


def qgen(*args, cwd=ROOT, env=None):
    return run(*args, cwd=cwd, env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path):
    """A user's project folder with the seed bank under notes/."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "llm.md").write_bytes(SEED.read_bytes())
    return tmp_path


def test_every_problem_is_reported_with_its_line(tmp_path):
    config = tmp_path / "qgen.yaml"
    config.write_text("title: 面试\nformts: [apkg]\nexam:\n  count: 0\n  shufle: true\n  seed: abc\n"
                      "strict: maybe\nformats: [apkg, docx]\njobs: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert error.value.details == [
        f"{config}:2: unknown key “formts”; did you mean “formats”?",
        f"{config}:4: “exam.count” must be a whole number of at least 1",
        f"{config}:5: unknown key “exam.shufle”; did you mean “exam.shuffle”?",
        f"{config}:6: “exam.seed” must be a whole number",
        f"{config}:7: “strict” must be true or false",
        f"{config}:8: “formats” has unknown format docx; known: apkg, exam, key, html, json, interview, moodle",
        f"{config}:9: “jobs” must be a whole number of at least 1",
    ]


def test_invalid_yaml_names_the_line(project):
    (project / "qgen.yaml").write_text("title: x\nexam: {count: 3\n", encoding="utf-8")
    result = qgen("lint", cwd=project)
    assert result.returncode == 2
    assert "qgen.yaml:3: not valid YAML" in result.stderr and "Traceback" not in result.stderr


def test_config_is_read_and_flags_override_it(project):
    (project / "qgen.yaml").write_text(
        "title: 大模型面试题\nsources: [notes]\nout: site\nformats: [exam, json]\n"
        "exam: {count: 4, shuffle: true, seed: 9}\n", encoding="utf-8")
    config = resolve_config({"paths": (), "count": 2}, str(project / "qgen.yaml"))
    assert config.paths == (str(project / "notes"),)
    assert (config.count, config.shuffle, config.seed, config.title) == (2, True, 9, "大模型面试题")
    assert config.out == project / "site"

    result = qgen("build", "--count", "3", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "site").iterdir() if p.is_file()) == [
        "llm-exam.pdf", "llm-paper-manifest.json", "llm.json"]
    manifest = json.loads((project / "site" / "llm-paper-manifest.json").read_text())
    assert manifest["seed"] == 9 and len(manifest["questions"]) == 3
    assert "seed: 9" in result.stdout


def test_unknown_config_file_and_default_source(project):
    result = qgen("lint", "--config", "missing.yaml", cwd=project)
    assert result.returncode == 2 and "missing.yaml:1: no such configuration file" in result.stderr


def test_user_templates_replace_and_extend_the_built_in_ones(project):
    templates = project / "mytemplates" / "exam"
    templates.mkdir(parents=True)
    (templates / "exam.html.j2").write_text(
        '{% extends "default/exam/exam.html.j2" %}\n'
        '{% block header_extra %}<p class="house">内部模拟面试 · 请勿外传</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8")
    (templates / "key.html.j2").write_text(
        "<html><body><h1>自定义答案页</h1>{% for q in paper.questions %}<p>{{ q.title }}</p>{% endfor %}"
        "</body></html>", encoding="utf-8")
    result = qgen("build", "notes", "--format", "exam,key", "--count", "2", "--templates", "mytemplates",
                  "--out", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    import pdfplumber

    with pdfplumber.open(project / "out" / "llm-exam.pdf") as pdf:
        exam = pdf.pages[0].extract_text()
    with pdfplumber.open(project / "out" / "llm-key.pdf") as pdf:
        key = pdf.pages[0].extract_text()
    assert "内部模拟面试 · 请勿外传" in exam and "姓名" in exam  # extended, the rest kept
    assert "自定义答案页" in key and "解析" not in key  # replaced
    missing = qgen("build", "notes", "--templates", "nope", cwd=project)
    assert missing.returncode == 2 and "nope: templates folder does not exist" in missing.stderr


def test_interface_language_follows_the_bank_and_can_be_overridden(project):
    (project / "en.md").write_text("### Question 1: What is a closure?\n\n**Answer:** A function with its scope.\n",
                                   encoding="utf-8")
    import pdfplumber

    assert qgen("build", "en.md", "--format", "exam", "--out", "a", cwd=project).returncode == 0
    with pdfplumber.open(project / "a" / "en-exam.pdf") as pdf:
        english = pdf.pages[0].extract_text()
    assert "Mock exam" in english and "Page 1 of 1" in english and "Name" in english
    (project / "qgen.yaml").write_text("language: zh\ntitle: 闭包\n", encoding="utf-8")
    assert qgen("build", "en.md", "--format", "exam", "--out", "b", cwd=project).returncode == 0
    with pdfplumber.open(project / "b" / "en-exam.pdf") as pdf:
        chinese = pdf.pages[0].extract_text()
    assert "模拟试卷" in chinese and "第 1 页 / 共 1 页" in chinese and "闭包" in chinese


def test_strict_fails_on_warnings_and_writes_nothing(project):
    result = qgen("build", "notes", "--strict", "--format", "json", "--out", "out", cwd=project)
    assert result.returncode == 1
    assert "3 warnings with --strict; nothing was written" in result.stderr
    assert "[duplicate-question]" in result.stderr
    assert not (project / "out").exists()


def test_quiet_verbose_and_plain_progress(project):
    quiet = qgen("build", "notes", "--quiet", "--format", "apkg,exam", "--count", "2", "--out", "q", cwd=project)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = qgen("build", "notes", "--verbose", "--format", "apkg,exam", "--count", "2", "--out", "v", cwd=project)
    assert loud.returncode == 0
    assert "building the deck (0/30)" in loud.stderr and "rendering llm-exam.pdf (0/1)" in loud.stderr
    assert "\r" not in loud.stderr  # not a terminal: plain lines, no bar
    assert "wrote v/llm-exam.pdf" in loud.stdout and "pages)" in loud.stdout
    assert "30 questions from 1 file, 0 errors, 3 warnings" in loud.stdout


def test_progress_bar_on_a_terminal():
    import io

    from generator.feedback import Feedback

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    feedback = Feedback(quiet=False, verbose=False, stream=stream)
    feedback.progress("rendering exam.pdf", 1, 2)
    feedback.done()
    assert stream.getvalue().startswith("\r[############............] 1/2 rendering exam.pdf")
    assert stream.getvalue().endswith("\r\033[K")


def test_doctor_reports_each_dependency():
    result = qgen("doctor")
    assert result.returncode == 0, result.stdout
    for name in ("Python", "WeasyPrint", "Pango", "HarfBuzz subset library", "CJK font", "genanki"):
        assert f"ok    {name}: " in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["lint"], ["export"], ["list"]])
def test_light_commands_do_not_import_heavy_libraries(args):
    code = ("import sys; from generator.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('weasyprint', 'genanki', 'pygments.lexers.python') if m in sys.modules)\n"
            "print('HEAVY', heavy, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True)
    assert "HEAVY []" in result.stderr, result.stderr


@pytest.mark.parametrize("template,line,message", [
    ('{% extends "default/exam/exam.html.j2" %}\n{% block header_extra %}{{ oops( }}{% endblock %}\n', 2,
     "template error: unexpected '}'"),
    ('{% extends "default/exam/nope.html.j2" %}\n', 1, "template not found: default/exam/nope.html.j2"),
    ('{% extends "default/exam/exam.html.j2" %}\n{% block header_extra %}\n{{ missing.value }}{% endblock %}\n', 3,
     "template error: 'missing' is undefined"),
    ('{% extends "default/exam/exam.html.j2" %}\n{% block header_extra %}\n\n{{ 1 / 0 }}{% endblock %}\n', 4,
     "template error: ZeroDivisionError: division by zero"),
    ('{% extends "default/exam/exam.html.j2" %}\n{% block header_extra %}{{ paper.questions[0].title + 1 }}'
     '{% endblock %}\n', 2, "template error: TypeError: can only concatenate str"),
])
def test_a_broken_user_template_names_its_file_and_line(project, template, line, message):
    assert qgen("build", "notes", "--format", "exam", "--count", "2", "--out", "out", cwd=project).returncode == 0
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    (project / "mine" / "exam").mkdir(parents=True)
    (project / "mine" / "exam" / "exam.html.j2").write_text(template, encoding="utf-8")
    result = qgen("build", "notes", "--format", "exam", "--count", "2", "--out", "out", "--templates", "mine",
                  cwd=project)
    assert result.returncode == 2
    assert f"{project / 'mine' / 'exam' / 'exam.html.j2'}:{line}: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()} == before


def test_every_format_is_a_renderers_and_help_loads_no_renderer():
    from importlib import import_module

    from generator.renderers import FORMATS, RENDERERS

    assert sorted(FORMATS) == sorted({"apkg", "exam", "key", "interview", "html", "moodle", "json"})
    for renderer in RENDERERS:
        assert callable(import_module(f"generator.renderers.{renderer.module}").render)
    help_text = qgen("build", "--help").stdout
    assert all(name in help_text for name in FORMATS)
    probe = ("import sys, generator.cli\n"
             "print(sorted(m for m in ('weasyprint', 'genanki', 'jinja2', 'yaml', 'generator.rendering') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_jobs_below_one_is_a_usage_error(project):
    result = qgen("build", "notes", "--format", "apkg", "--jobs", "0", "--out", "out", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "--jobs “0”: must be a whole number of at least 1"
    assert "Traceback" not in result.stderr


def test_every_bad_flag_is_reported_at_once_before_any_work(tmp_path):
    from .conftest import run

    result = run("build", "--count", "0", "--variants", "x", "--format", "pdfx", "--sed", "3", "--out", tmp_path / "o")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[:-1] == [
        "unknown option “--sed”; did you mean “--seed”?",
        "--format “pdfx”: has unknown format pdfx; known: apkg, exam, key, html, json, interview, moodle",
        "--count “0”: must be a whole number of at least 1",
        "--variants “x”: must be a whole number of at least 1",
    ]
    assert not (tmp_path / "o").exists()
    assert run("build", "--format", "", "--out", tmp_path / "o").returncode == 2
    assert run("lint", "--strcit").returncode == 2


def test_a_seed_implies_shuffle():
    from generator.config import resolve_config

    assert resolve_config({"seed": 7}, None).shuffle is True
    assert resolve_config({}, None).shuffle is False


def test_user_templates_run_in_the_sandbox(project):
    """A template from a cloned bank repository cannot reach Python's internals."""
    templates = project / "evil" / "html"
    templates.mkdir(parents=True)
    (templates / "study.html.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    result = qgen("build", "notes", "--format", "html", "--templates", "evil", "--out", "out", cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unsafe" in result.stderr and result.stderr.rstrip().endswith("evil/html/study.html.j2:1: "
                                                                          "template error: access to attribute "
                                                                          "'__class__' of 'str' object is unsafe.")
    assert not (project / "out").exists()


def test_several_banks_are_named_after_their_folder_or_the_configuration(tmp_path, monkeypatch):
    from generator.build import output_stem
    from generator.reader import read_banks

    for name in ("a", "b"):
        (tmp_path / "banks" / "js").mkdir(parents=True, exist_ok=True)
        (tmp_path / "banks" / "js" / f"{name}.md").write_text("### 题目 1：一\n\n**答案：** A\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    files = (str(tmp_path / "banks" / "js" / "a.md"), str(tmp_path / "banks" / "js" / "b.md"))
    banks = read_banks(list(files)).banks
    assert output_stem(banks, files) == "js"  # their folder, not the working one
    assert output_stem(banks, (str(tmp_path / "banks"),)) == "banks"
    assert output_stem(banks, files, "前端 面试") == "前端-面试"


def test_a_misplaced_key_and_a_misspelled_template_path_are_pointed_out(project):
    (project / "qgen.yaml").write_text("count: 10\n", encoding="utf-8")
    result = qgen("lint", "notes", cwd=project)
    assert result.returncode == 2
    assert "qgen.yaml:1: unknown key “count”; it belongs under exam: (exam: {count: …})" in result.stderr
    (project / "qgen.yaml").unlink()
    (project / "mine" / "exams").mkdir(parents=True)
    (project / "mine" / "exams" / "exam.html.j2").write_text("x", encoding="utf-8")
    result = qgen("build", "notes", "--format", "json", "--templates", "mine", "--out", "out", cwd=project)
    assert result.returncode == 0
    assert "mine/exams/exam.html.j2: warning: this template replaces no built-in one" in result.stderr
    assert "[unused-template]" in result.stderr


def test_anki_cards_and_lint_settings_are_read_and_checked(tmp_path):
    config = tmp_path / "qgen.yaml"
    config.write_text("anki:\n  cards: [answer, points]\nlint:\n  long_answer: 300\n", "utf-8")
    settings = load_config(config)
    assert (settings["cards"], settings["long_answer"]) == (("answer", "points"), 300)
    config.write_text("anki:\n  cards: [answers]\nlint:\n  long_anser: 3\n  long_answer: 0\nanki2: {}\n", "utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert [detail.split(": ", 1)[0].rsplit(":", 1)[1] for detail in error.value.details] == ["2", "4", "5", "6"]
    assert "“anki.cards” must list cards from answer, points" in error.value.details[0]
    assert "did you mean “lint.long_answer”?" in error.value.details[1]


def test_cards_flag_overrides_the_file_and_is_checked(project):
    (project / "qgen.yaml").write_text("anki:\n  cards: [answer]\n", "utf-8")
    assert resolve_config({"cards": ("points",)}, str(project / "qgen.yaml")).cards == ("points",)
    result = qgen("build", "--cards", "answer,cloze", cwd=project)
    assert result.returncode == 2 and "--cards “answer,cloze”: must list cards from answer, points" in result.stderr


def test_outputs_name_banks_relative_to_the_project_wherever_qgen_runs(tmp_path):
    project = tmp_path / "project"
    (project / "source").mkdir(parents=True)
    shutil.copy(SEED, project / "source" / "llm-interview.md")
    (project / "qgen.yaml").write_text("sources: [source]\nout: build\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd in (elsewhere, project):
        done = qgen("build", "--config", project / "qgen.yaml", "--format", "json,apkg,exam", "--count", "3",
                    "--seed", "1", cwd=cwd)
        assert done.returncode == 0, done.stderr
        out = project / "build"
        data = json.loads((out / "llm-interview.json").read_text("utf-8"))
        manifest = json.loads((out / "llm-interview-paper-manifest.json").read_text("utf-8"))
        notes = json.loads((out / "llm-interview.anki.json").read_text("utf-8"))["notes"]
        assert data["banks"][0]["source"] == "source/llm-interview.md"
        assert {q["source"] for q in manifest["questions"]} == {"source/llm-interview.md"}
        assert {note["source"] for note in notes.values()} == {"source/llm-interview.md"}
        shutil.rmtree(out)
