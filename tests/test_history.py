"""The practice loop: results and Anki's reviews say which questions are weak; the report
lists them first, and papers are drawn around them."""

import json
import os
import re

import pytest

from generator.history import read_history
from generator.renderers.report import build_report

from .conftest import build_deck, import_package, read, run

BANK = """---
tags: [llm]
---
# 面试题

## 一、基础

### 题目 1：什么是检索增强？ {#rag difficulty=easy}

**答案：**

1. **召回：** 先检索。
2. **生成：** 再生成。

### 题目 2：什么是微调？ {#ft difficulty=hard}

**答案：**

1. **数据：** 准备数据。
2. **训练：** 继续训练。

## 二、进阶

### 题目 1：什么是量化？ {#quant difficulty=hard tags=infer}

**答案：**

1. **精度：** 降低位宽。
2. **校准：** 用校准集。

### 题目 2：什么是蒸馏？ {#distill tags=infer}

**答案：**

1. **教师：** 大模型。
2. **学生：** 小模型。

### 题目 3：什么是剪枝？ {#prune}

**答案：** 去掉不重要的权重。
"""


def result(folder, name, day, scores, levels=None, **bank):
    """A result as ``qgen score`` writes it: per question id the points made of two. ``bank``:
    ``source=`` (a sheet's, from its manifest) or ``bank=`` (a practice file's bank key)."""
    questions = []
    for number, (qid, made) in enumerate(scores.items(), 1):
        points = [{"id": f"p{i}", "label": f"{qid}-p{i}", "weight": 1, "checked": i < made} for i in range(2)]
        questions.append({"number": number, "id": qid, "title": qid, "points": points, **bank,
                          "level": (levels or {}).get(qid), "score": made, "max": 2})
    record = {"paper": {"manifest": None, "seed": None, "variant": None, "question_ids": list(scores)},
              "candidate": "me", "date": day, "questions": questions,
              "total": {"score": sum(scores.values()), "max": 2 * len(scores)}}
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(record, ensure_ascii=False), "utf-8")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "bank.md").write_text(BANK, "utf-8")
    results = tmp_path / "results"
    result(results, "a.json", "2026-11-01", {"rag": 2, "ft": 0, "quant": 1})
    result(results, "b.json", "2026-11-08", {"ft": 1, "quant": 2}, {"quant": "excellent", "ft": "poor"})
    return tmp_path


def qgen(*args, cwd):
    return run(*args, cwd=cwd, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def test_strength_is_the_share_of_points_made_and_levels_over_attempts(project):
    history = read_history([project / "results"], banks=[read(BANK)])
    # ft: 0/2, then (1/2 and poor 0) / 2 -> mean of 0 and 0.25; quant: 0.5, then (1 + 1) / 2.
    assert {key: k.strength for key, k in history.known.items()} == {
        ("bank.md", "rag"): 1.0, ("bank.md", "ft"): 0.125, ("bank.md", "quant"): 0.75}
    ft = history.known["bank.md", "ft"]
    assert ft.attempts == 2 and ft.last_seen == "2026-11-08"
    assert ft.missed == {"ft-p0": 1, "ft-p1": 2}
    assert {qid for _, qid in history.recent(1)} == {"ft", "quant"}
    assert {qid for _, qid in history.recent(2)} == {"rag", "ft", "quant"}


def test_the_report_puts_the_weakest_first_and_groups_parts_and_tags(project):
    bank = read(BANK)
    report = build_report([bank], read_history([project / "results"], banks=[bank]), 2, False)
    assert [row.question.id for row in report.rows] == ["ft", "quant", "rag", "distill", "prune"]
    assert [(g.name, g.strength) for g in report.parts] == [("基础", (1.0 + 0.125) / 2), ("进阶", 0.75)]
    assert [(g.name, g.strength) for g in report.tags] == [("llm", (1.0 + 0.125 + 0.75) / 3), ("infer", 0.75)]
    assert report.missed[0] == ("什么是微调？", "ft-p1", 2, 2)


def test_qgen_report_prints_the_table_and_writes_a_page_linked_to_the_study_page(project):
    done = qgen("report", "bank.md", cwd=project)
    assert done.returncode == 0, done.stderr
    page = (project / "build" / "bank-report.html").read_text("utf-8")
    table = page.split('<table class="questions">')[1]
    assert table.index("什么是微调？") < table.index("什么是量化？") < table.index("什么是检索增强？")
    assert 'href="bank.html#bank-2"' in page and "<svg" in page and "http" not in page.split("<body>")[1]
    broken = qgen("report", "bank.md", "--results", "nothing.json", cwd=project)
    assert broken.returncode == 2 and "nothing.json" in broken.stderr and "Traceback" not in broken.stderr
    (project / "odd.json").write_text('{"paper": {}, "questions": [{"score": "2"}]}', "utf-8")
    odd = qgen("report", "bank.md", "--results", "odd.json", cwd=project)
    assert odd.returncode == 2 and "odd.json: not a qgen result" in odd.stderr and "Traceback" not in odd.stderr


def test_the_report_names_questions_and_parts_by_their_words_without_marks(tmp_path):
    """The report's bars, table and terminal lines are text: a title's ``**`` or a part's
    link address would be noise there."""
    (tmp_path / "bank.md").write_text(
        "## [基础](https://example.org/1)\n\n### 题目 1：什么是 **RAG**？ {#rag}\n\n**答案：**\n\n1. **召回：** 先检索。\n"
        "2. **生成：** 再生成。\n\n## 进阶\n\n### 题目 1：什么是 `LoRA`？ {#lora}\n\n**答案：** 低秩。\n", "utf-8")
    result(tmp_path / "results", "a.json", "2026-11-01", {"rag": 1, "lora": 0})
    done = qgen("report", "bank.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "build" / "bank-report.html").read_text("utf-8")
    cells = re.findall(r"<td>(?:<a [^>]*>)?([^<]*)", page.split('<table class="questions">')[1].split("</table>")[0])
    assert "什么是 RAG？" in cells and "什么是 LoRA？" in cells and "基础" in cells
    assert not any(mark in page.split("<body>")[1] for mark in ("**", "`", "](")) and "什么是 RAG？" in done.stdout


def test_focus_draws_the_weakest_and_the_same_history_gives_the_same_manifest(project):
    first = qgen("build", "bank.md", "--format", "exam", "--count", "2", "--seed", "5", "--focus", "weak",
                 "--out", "one", cwd=project)
    assert first.returncode == 0, first.stderr
    manifest = json.loads((project / "one" / "bank-paper-manifest.json").read_text("utf-8"))
    assert "ft" in {q["id"] for q in manifest["questions"]} and manifest["history"]
    qgen("build", "bank.md", "--format", "exam", "--count", "2", "--seed", "5", "--focus", "weak", "--out", "two",
         cwd=project)
    assert (project / "one" / "bank-paper-manifest.json").read_bytes() == \
        (project / "two" / "bank-paper-manifest.json").read_bytes()
    # Three questions: the weak ft, quant (0.75, known: after the never scored) is left out.
    third = qgen("build", "bank.md", "--format", "exam", "--count", "3", "--seed", "5", "--focus", "weak",
                 "--out", "three", cwd=project)
    assert third.returncode == 0
    ids = {q["id"] for q in json.loads((project / "three" / "bank-paper-manifest.json").read_text("utf-8"))["questions"]}
    assert "ft" in ids and not {"rag", "quant"} & ids


def test_recent_papers_are_left_out_and_quotas_are_kept(project):
    (project / "qgen.yaml").write_text("exam:\n  quota: {进阶: 2, easy: 1}\n", "utf-8")
    done = qgen("build", "bank.md", "--format", "exam", "--count", "3", "--seed", "3", "--exclude-recent", "1",
                cwd=project)
    assert done.returncode == 0, done.stderr
    ids = [q["id"] for q in json.loads((project / "build" / "bank-paper-manifest.json").read_text("utf-8"))["questions"]]
    assert sorted(ids) == ["distill", "prune", "rag"]  # the last paper's ft and quant are left out
    (project / "qgen.yaml").write_text("exam:\n  quota: {hard: 1}\n", "utf-8")
    impossible = qgen("build", "bank.md", "--format", "exam", "--count", "2", "--seed", "3", "--exclude-recent", "2",
                      cwd=project)
    assert impossible.returncode == 2 and "Traceback" not in impossible.stderr
    assert "exam.quota hard: 1 cannot be met: 0 questions left after leaving out the recent papers'" in impossible.stderr


def test_tag_weak_marks_the_weak_notes_and_anki_reviews_count(project, collection, tmp_path):
    out = project / "deck"
    build_deck(project / "bank.md", "--out", out, "--tag-weak", "--results", project / "results", cwd=project)
    import_package(collection, out / "bank.apkg")
    weak = {collection.get_note(nid)["Id"] for nid in collection.find_notes("tag:qgen::weak")}
    assert weak == {"ft"}  # 0.125; quant (0.75) and rag (1.0) are not weak

    # In Anki's own scheduler: every card learnt ("easy"), then distill's due again today
    # and forgotten ("again"): a lapse.
    collection.decks.select(collection.decks.id_for_name("面试题"))
    while (card := collection.sched.getCard()) is not None:
        collection.sched.answerCard(card, 4)
    (distill_card,) = collection.find_cards('"Id:distill"')
    collection.sched.set_due_date([distill_card], "0")
    card = collection.sched.getCard()
    assert card.id == distill_card
    collection.sched.answerCard(card, 1)
    anki_file = tmp_path / "anki" / "collection.anki2"
    history = read_history([project / "results"], anki=anki_file, banks=[read(BANK, "bank.md")])
    distill = history.known["bank.md", "distill"]
    assert (distill.reviews, distill.lapses) == (2, 1)
    assert distill.strength == 0.5 and history.known["bank.md", "prune"].strength == 1.0
    assert history.known["bank.md", "ft"].strength == (0.125 + 1.0) / 2  # its results and its one clean review

    done = qgen("report", "bank.md", "--anki", anki_file, cwd=project)
    assert done.returncode == 0, done.stderr
    page = (project / "build" / "bank-report.html").read_text("utf-8")
    distill_row = page.split('href="bank.html#bank-4">')[-1].split("</tr>")[0]
    assert "2 / 1 · " in distill_row  # two reviews, one lapse, then its ease
    drawn = qgen("build", "bank.md", "--format", "exam", "--count", "1", "--seed", "1", "--focus", "weak",
                 "--anki", anki_file, cwd=project)
    assert drawn.returncode == 0, drawn.stderr
    manifest = json.loads((project / "build" / "bank-paper-manifest.json").read_text("utf-8"))
    assert [q["id"] for q in manifest["questions"]] == ["distill"]  # 0.5, the weakest with Anki's reviews in


def test_anki_takes_a_profile_by_its_name_where_anki_keeps_its_profiles(project, collection, tmp_path):
    """``--anki "User 1"`` rather than ``~/.local/share/Anki2/User 1/collection.anki2``: Anki's
    folder as Anki finds it (``ANKI_BASE`` here; the fixture's profile is called "anki")."""
    build_deck(project / "bank.md", "--out", project / "deck", cwd=project)
    import_package(collection, project / "deck" / "bank.apkg")
    collection.decks.select(collection.decks.id_for_name("面试题"))
    while (card := collection.sched.getCard()) is not None:
        collection.sched.answerCard(card, 4)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "ANKI_BASE": str(tmp_path)}
    pages = []
    for given in ("anki", tmp_path / "anki"):  # the profile's name, its folder
        done = run("report", "bank.md", "--anki", given, cwd=project, env=environment)
        assert done.returncode == 0, done.stderr
        pages.append((project / "build" / "bank-report.html").read_text("utf-8"))
    assert pages[0] == pages[1] and pages[0].count("1 / 0 · ") == 5  # each question reviewed once, no lapse
    missing = run("report", "bank.md", "--anki", "User 2", cwd=project, env=environment)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert f"(the profiles in {tmp_path}: anki)" in missing.stderr


def test_two_banks_with_the_same_ids_keep_their_own_history(tmp_path, collection):
    other = BANK.replace("。", "！")  # the same titles and ids, other answers: not the same questions
    (tmp_path / "a.md").write_text(BANK, "utf-8")
    (tmp_path / "b.md").write_text(other, "utf-8")
    results = tmp_path / "results"
    result(results, "sheet.json", "2026-11-01", {"ft": 0}, source="b.md")  # scored on a paper of b.md
    result(results, "practice.json", "2026-11-02", {"rag": 0}, bank="a")  # practised on a.md's study page
    result(results, "older.json", "2026-11-03", {"quant": 0})  # names no bank: counts for both
    banks = [read(BANK, "a.md"), read(other, "b.md")]
    history = read_history([results], banks=banks)
    assert {key for key, known in history.known.items() if known.strength == 0} == {
        ("b.md", "ft"), ("a.md", "rag"), ("a.md", "quant"), ("b.md", "quant")}

    (results / "practice.json").unlink()
    (results / "older.json").unlink()
    drawn = qgen("build", "a.md", "b.md", "--format", "exam", "--focus", "weak", "--shuffle", "--count", "1",
                 "--seed", "5", "--out", "out", cwd=tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    (manifest,) = (tmp_path / "out").glob("*-paper-manifest.json")
    (question,) = json.loads(manifest.read_text("utf-8"))["questions"]
    assert (question["source"], question["id"]) == ("b.md", "ft")

    build_deck("a.md", "b.md", "--out", "deck", "--tag-weak", cwd=tmp_path)
    (package,) = (tmp_path / "deck").glob("*.apkg")
    import_package(collection, package)
    weak = [collection.get_note(nid) for nid in collection.find_notes("tag:qgen::weak")]
    assert [(note["Source"].split(":")[0], note["Id"]) for note in weak] == [("b.md", "ft")]  # Source: file:line


def test_a_hand_edited_bank_name_of_the_wrong_type_counts_the_result_by_id(tmp_path):
    results = tmp_path / "results"
    result(results, "edited.json", "2026-11-01", {"ft": 0}, source=["b.md"], bank=3)
    history = read_history([results], banks=[read(BANK, "a.md")])
    assert list(history.known) == [("a.md", "ft")]
