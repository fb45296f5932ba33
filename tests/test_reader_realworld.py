"""Banks written by other people (../shared/realworld): counts from its SOURCES.md."""

from pathlib import Path

import pytest

from generator.reader import read_bank_file, read_bank_text
from generator.renderers.markdown import render_markdown

EXPECTED_QUESTIONS = {
    "pycnblog_lkf-apple-ai-future_h4-numbered-with-recap.md": 30,
    "pycnblog_data-governance_timuN-inline.md": 40,
    "github_unresolved_sustainable-consumption_timu-h4.md": 5,
    "github_unresolved_ar-game-interview_timu-go.md": 5,
    "lydiahallie_javascript-questions_zh-CN.md": 155,
    "yangshun_front-end-interview-handbook_javascript-questions_zh.md": 55,
    "chalarangelo_30-seconds-of-interviews_README.md": 124,
    "aigenius_pycnblog_huawei-embedded-interview.md": 15,
    "aigenius_pycnblog_agent-retrieval-faq.md": 44,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_QUESTIONS))
def test_question_counts(realworld, name):
    bank = read_bank_file(realworld / name)
    assert len(bank.questions) == EXPECTED_QUESTIONS[name]
    assert all(q.answer for q in bank.questions if "agent-retrieval" not in name)


@pytest.mark.parametrize("name", sorted(EXPECTED_QUESTIONS))
def test_rewriting_in_the_reference_format_keeps_every_record(realworld, name):
    """Any variant written out as ``### 题目 N：`` Markdown reads back to the same records."""
    bank = read_bank_file(realworld / name)
    again = read_bank_text(render_markdown(bank).decode("utf-8"), bank.source)
    assert len(again.questions) == len(bank.questions)
    # Known loss: an unlabelled answer holding "**优点：**" lines reads back with those as
    # extra sections, because the rewritten question has labels (six questions in yangshun).
    kept = [(a, b) for a, b in zip(bank.questions, again.questions) if not _has_bold_label_line(a.answer)]
    assert len(kept) >= 0.85 * len(bank.questions)
    assert [_content(b) for a, b in kept] == [_content(a) for a, b in kept]


def _has_bold_label_line(text):
    return any(line.startswith("**") and line.rstrip().endswith("：**") for line in (text or "").split("\n"))


def _content(question):
    return (question.id, question.number, question.title, question.question, question.answer,
            question.example, question.explanation, [(e.label, e.text) for e in question.extra],
            [(c.lang, c.section, c.text) for c in question.code])


def test_details_answers_and_anchors(realworld):
    bank = read_bank_file(realworld / "lydiahallie_javascript-questions_zh-CN.md")
    numbers = [q.number for q in bank.questions]
    assert numbers == list(range(1, 156))
    q55 = bank.questions[54]
    assert q55.title == "输出是什么？"
    assert q55.answer.startswith("A\n\n")
    assert bank.questions[100].title == "输出什么？"  # "###### 101.输出什么？"


def test_thirty_seconds_extras_and_code(realworld):
    bank = read_bank_file(realworld / "chalarangelo_30-seconds-of-interviews_README.md")
    assert len({q.title for q in bank.questions}) == 103
    langs = [c.lang for q in bank.questions for c in q.code]
    assert langs.count("js") == 127 and langs.count("html") == 12 and langs.count("css") == 5
    first = bank.questions[0]
    assert [e.label for e in first.extra] == ["Good to hear", "Additional Links"]


def test_truncated_file_keeps_its_last_question(realworld):
    bank = read_bank_file(realworld / "aigenius_pycnblog_agent-retrieval-faq.md")
    assert bank.questions[-1].number == 42


def test_all_real_banks_build_together(realworld, tmp_path):
    """Every real bank in one build: one deck with a sub-deck each, a study page, records."""
    import shutil

    from .conftest import deck_changes, run

    folder = tmp_path / "banks"
    folder.mkdir()
    for name in EXPECTED_QUESTIONS:
        shutil.copy(realworld / name, folder / name)
    result = run("build", folder, "--format", "apkg,json,html", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    total = sum(EXPECTED_QUESTIONS.values())
    assert deck_changes(tmp_path / "out")["notes"] == total
    import json

    records = json.loads((tmp_path / "out" / "banks.json").read_text("utf-8"))
    assert [len(b["questions"]) for b in records["banks"]] == [EXPECTED_QUESTIONS[Path(b["source"]).name]
                                                              for b in records["banks"]]
