"""qgen score: filled interviewer's sheets (PDF fields, CSV) read back against their paper."""

import csv
import io
import json
import os

import pytest

from .conftest import ROOT
from generator.history import read_history

from .conftest import built_once, run

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """Interviewer's sheets of three questions, for seed 42 and for seed 7."""
    def make(out):
        for seed in (42, 7):
            result = run("build", "--format", "interview", "--shuffle", "--count", "3", "--seed", str(seed),
                         "--out", str(out / str(seed)), cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
            assert result.returncode == 0, result.stderr

    return built_once(tmp_path_factory, "sheets", make)


def manifest(folder):
    return json.loads((folder / "llm-interview-paper-manifest.json").read_text("utf-8"))


def score(*args, cwd):
    return run("score", *args, cwd=cwd)


def fill_pdf(source, target, values, level_of):
    """Fill fields as a PDF viewer saves them: boxes and text, and a radio group's value."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
        for annotation in page.get("/Annots", []):
            button = annotation.get_object()
            group = button.get("/Parent")
            name = group.get_object().get("/T") if group is not None else None
            if name in level_of:
                state = pypdf.generic.NameObject(level_of[name])
                group.get_object()[pypdf.generic.NameObject("/V")] = state
                button[pypdf.generic.NameObject("/AS")] = state if level_of[name] in button["/AP"]["/N"] else \
                    pypdf.generic.NameObject("/Off")
    with open(target, "wb") as handle:
        writer.write(handle)


def test_a_filled_pdf_gives_back_its_ticks_and_levels(papers, tmp_path):
    paper = manifest(papers / "42")
    first, second = paper["questions"][0], paper["questions"][1]
    filled = tmp_path / "llm-interview-interview.pdf"
    fill_pdf(papers / "42" / "llm-interview-interview.pdf", filled,
             {"candidate": "张三", "interviewer": "李四", f"{first['id']}/{first['points'][0]['id']}": "/on",
              f"{first['id']}/{first['points'][2]['id']}": "/on"},
             {f"{second['id']}/level": "/2"})
    (tmp_path / "llm-interview-paper-manifest.json").write_text(json.dumps(paper), "utf-8")
    result = score(filled, "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (path,) = (tmp_path / "results").iterdir()
    record = json.loads(path.read_text("utf-8"))
    assert (record["candidate"], record["interviewer"]) == ("张三", "李四")
    assert record["paper"]["seed"] == 42 and record["paper"]["question_ids"] == [q["id"] for q in paper["questions"]]
    ticks = {(q["id"], p["id"]) for q in record["questions"] for p in q["points"] if p["checked"]}
    assert ticks == {(first["id"], first["points"][0]["id"]), (first["id"], first["points"][2]["id"])}
    assert [q["level"] for q in record["questions"]] == [None, "good", None]
    assert record["questions"][0]["score"] == 2 and record["total"] == {"score": 2, "max": 15}
    again = score(filled, "--results", tmp_path / "results", cwd=tmp_path)
    assert again.returncode == 0 and len(list((tmp_path / "results").iterdir())) == 2  # never overwritten


def click_in_pdfium(source, target, clicks: list[tuple[str, int]]):
    """Click form widgets in PDFium, the PDF engine of Chrome and Edge, as someone filling the
    sheet on screen does (by field name and the widget's place in its group), then save."""
    pdfium = pytest.importorskip("pypdfium2")
    raw = pytest.importorskip("pypdfium2.raw")
    centres: dict[tuple[str, int], tuple[int, float, float]] = {}
    for number, page in enumerate(pypdf.PdfReader(source).pages):
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            group = widget.get("/Parent")
            field = group.get_object() if group is not None else widget
            place = [kid.idnum for kid in field["/Kids"]].index(annotation.idnum) if group is not None else 0
            left, bottom, right, top = (float(v) for v in widget["/Rect"])
            centres[(str(field["/T"]), place)] = (number, (left + right) / 2, (bottom + top) / 2)
    document = pdfium.PdfDocument(source)
    document.init_forms()
    for name, place in clicks:
        number, x, y = centres[(name, place)]
        page = document[number]
        for event in (raw.FORM_OnMouseMove, raw.FORM_OnLButtonDown, raw.FORM_OnLButtonUp):
            event(document.formenv, page, 0, x, y)
        raw.FORM_ForceToKillFocus(document.formenv)
    document.save(target)


def test_a_sheet_filled_in_chromes_viewer_gives_back_its_ticks_and_levels(papers, tmp_path):
    """Each radio button was a field of its own (WeasyPrint names it after its group), so
    Chrome's viewer kept the level on a button and the sheet came back with no level."""
    paper = manifest(papers / "42")
    first, second = paper["questions"][0], paper["questions"][1]
    filled = tmp_path / "llm-interview-interview.pdf"
    click_in_pdfium(papers / "42" / "llm-interview-interview.pdf", filled,
                    [(f"{first['id']}/{first['points'][1]['id']}", 0), (f"{first['id']}/level", 3),
                     (f"{second['id']}/level", 0), (f"{second['id']}/level", 2)])  # the second choice stands
    result = score(filled, "--manifest", papers / "42" / "llm-interview-paper-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    record = json.loads(path.read_text("utf-8"))
    assert [q["level"] for q in record["questions"]] == ["excellent", "good", None]
    assert [q["score"] for q in record["questions"]] == [1, 0, 0]
    fields = pypdf.PdfReader(papers / "42" / "llm-interview-interview.pdf").get_fields()
    assert not [name for name in fields if "." in name]  # every button a widget of its group alone


def test_a_level_left_on_its_button_is_read(papers, tmp_path):
    """A sheet of an earlier qgen filled in Chrome: the group holds no value, its chosen
    button shows one."""
    paper = manifest(papers / "42")
    level = f"{paper['questions'][2]['id']}/level"
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(papers / "42" / "llm-interview-interview.pdf"))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            button = annotation.get_object()
            group = button.get("/Parent")
            if group is not None and group.get_object()["/T"] == level and "/1" in button["/AP"]["/N"]:
                button[pypdf.generic.NameObject("/AS")] = pypdf.generic.NameObject("/1")
    filled = tmp_path / "llm-interview-interview.pdf"
    with open(filled, "wb") as handle:
        writer.write(handle)
    result = score(filled, "--manifest", papers / "42" / "llm-interview-paper-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    assert [q["level"] for q in json.loads(path.read_text("utf-8"))["questions"]] == [None, None, "mixed"]


def write_csv(path, rows: list[dict], encoding="utf-8", delimiter=","):
    """The scores CSV saved back, as a spreadsheet may (its code page, its delimiter, CRLF)."""
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_filled_csv_gives_back_the_same(papers, tmp_path):
    paper = manifest(papers / "42")
    text = (papers / "42" / "llm-interview-interview-scores.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    first, second = paper["questions"][0]["id"], paper["questions"][1]["id"]
    for row in rows:
        if row["question_id"] == first and row["item"] == f"point:{paper['questions'][0]['points'][1]['id']}":
            row["mark"] = "x"
        if row["question_id"] == second and row["item"] == "level":
            row["mark"] = "优秀"
    filled = write_csv(tmp_path / "llm-interview-interview-scores.csv", rows)
    result = score(filled, "--manifest", papers / "42" / "llm-interview-paper-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    record = json.loads(path.read_text("utf-8"))
    assert [q["score"] for q in record["questions"]] == [1, 0, 0]
    assert [q["level"] for q in record["questions"]] == [None, "excellent", None]


@pytest.mark.parametrize("encoding, delimiter", [("gbk", ","), ("utf-8-sig", ";"), ("utf-16", "\t")])
def test_a_csv_saved_back_by_a_spreadsheet_reads_the_same(papers, tmp_path, encoding, delimiter):
    """Excel saves a CSV in the system's code page on a Chinese Windows (GBK), with
    semicolons where the decimal separator is a comma, and its "Unicode text" as tab-separated
    UTF-16; each was "cannot read this CSV" or "not a qgen scores CSV"."""
    text = (papers / "42" / "llm-interview-interview-scores.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row["mark"] = "良好" if row["item"] == "level" else "x"
    filled = write_csv(tmp_path / "llm-interview-interview-scores.csv", rows, encoding, delimiter)
    result = score(filled, "--manifest", papers / "42" / "llm-interview-paper-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    record = json.loads(path.read_text("utf-8"))
    assert [q["level"] for q in record["questions"]] == ["good"] * 3
    assert record["total"]["score"] == record["total"]["max"] == 15


def test_a_sheet_of_another_paper_is_refused(papers, tmp_path):
    result = score(papers / "7" / "llm-interview-interview.pdf",
                   "--manifest", papers / "42" / "llm-interview-paper-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "this sheet is not for the paper" in result.stderr and "first difference: question 1" in result.stderr
    assert not (tmp_path / "results").exists()


def practice_file(folder, **changes):
    record = {"qgen": "practice", "page": "llm-interview", "candidate": "Han Meimei", "date": "2026-12-01",
              "questions": [{"bank": "llm-interview", "id": "rag", "title": "RAG", "level": "excellent", "seconds": 61,
                             "points": [{"id": "召回", "label": "召回", "weight": 2, "checked": True},
                                        {"id": "生成", "label": "生成", "weight": 1, "checked": False}]}]}
    record.update(changes)
    path = folder / "practice.json"
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return path


def test_a_practice_file_is_scored_anew_and_never_overwrites(tmp_path):
    path = practice_file(tmp_path)
    for _ in range(2):
        assert score(path, "--results", "results", cwd=tmp_path).returncode == 0
    names = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert names == ["llm-interview-2026-12-01-han-meimei-2.json", "llm-interview-2026-12-01-han-meimei.json"]
    record = json.loads((tmp_path / "results" / names[1]).read_text("utf-8"))
    assert record["paper"]["question_ids"] == ["rag"] and record["paper"]["study_page"] == "llm-interview"
    assert (record["questions"][0]["score"], record["questions"][0]["max"], record["total"]) == (
        2, 3, {"score": 2, "max": 3})


@pytest.mark.parametrize("changes, problem", [
    ({"questions": [{"id": "rag", "level": "brilliant", "points": []}]}, "level “brilliant”"),
    ({"questions": [{"id": "rag", "points": [{"id": "a", "weight": "2", "checked": True}]}]}, "whole weight"),
    ({"qgen": "something else"}, "not a practice file"),
])
def test_a_practice_file_qgen_cannot_trust_is_refused(tmp_path, changes, problem):
    result = score(practice_file(tmp_path, **changes), "--results", "results", cwd=tmp_path)
    assert result.returncode == 2 and problem in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "results").exists()


def test_a_practice_file_that_is_not_json_names_its_line(tmp_path):
    (tmp_path / "practice.json").write_text('{"qgen": "practice",\n "questions": [,]}', "utf-8")
    result = score("practice.json", cwd=tmp_path)
    assert result.returncode == 2 and "practice.json:2:" in result.stderr


def test_a_practice_file_takes_no_manifest(tmp_path):
    result = score(practice_file(tmp_path), "--manifest", "x-paper-manifest.json", cwd=tmp_path)
    assert result.returncode == 2 and "leave out --manifest" in result.stderr


QUIZ = """# 小测验

### 1. 哪个是 Python 的不可变类型？

A. list
B. dict
C. tuple

**答案：** C

### 2. 哪些是 Go 的并发原语？

- A: goroutine
- B: channel
- C: class

**答案：** AB

### 3. Python 的 GIL 会阻止多线程并行执行字节码，这一说法是否正确？

**答案：** 对。同一时刻只有一个线程执行字节码。

### 4. 什么是闭包？

**答案：** 捕获了外部变量的函数。
"""


@pytest.fixture(scope="module")
def exams(tmp_path_factory):
    """The quiz's exam in two variants with shuffled options, and the seed's exam (open questions only)."""
    def make(out):
        (out / "quiz.md").write_text(QUIZ, "utf-8")
        (out / "qgen.yaml").write_text("exam:\n  shuffle_options: true\n", "utf-8")
        for args in (["quiz.md", "--variants", "2", "--seed", "3"], [ROOT / "source", "--count", "2"]):
            result = run("build", *args, "--format", "exam", "--out", out / ("quiz" if args[0] == "quiz.md" else "seed"),
                         cwd=out)
            assert result.returncode == 0, result.stderr

    return built_once(tmp_path_factory, "exams", make)


def fill_exam(exam, target, answers: dict, truth: dict):
    fill_pdf(exam, target, answers, {f"{qid}/answer": "/0" if value else "/1" for qid, value in truth.items()})


def test_a_filled_exam_marks_its_choice_and_true_false_answers(exams, tmp_path):
    """Typed letters in any case and order, with or without commas, are the candidate's
    answer; each question qgen can mark is one point, right or wrong against the variant's
    own order of options; open questions are left for a person."""
    paper = json.loads((exams / "quiz" / "quiz-paper-B-manifest.json").read_text("utf-8"))
    by_title = {q["title"][:4]: (number, q) for number, q in enumerate(paper["questions"], 1)}
    (n_one, one), (n_two, two), (n_three, three), (n_four, four) = (by_title[t] for t in ("哪个是 ", "哪些是 ", "Pyth", "什么是闭"))
    assert (three["correct"], "correct" in four) == ("true", False)
    wrong_one = next(letter for letter in "ABC" if letter != one["correct"])
    filled = tmp_path / "quiz-exam-B.pdf"
    fill_exam(exams / "quiz" / "quiz-exam-B.pdf", filled,
              {"candidate": "王五", f"{one['id']}/answer": wrong_one.lower(),
               f"{two['id']}/answer": ", ".join(reversed(two["correct"]))}, {three["id"]: True})
    (tmp_path / "quiz-paper-B-manifest.json").write_text(json.dumps(paper), "utf-8")
    result = score(filled, "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    record = json.loads(path.read_text("utf-8"))
    assert record["mode"] == "exam" and record["candidate"] == "王五" and record["paper"]["variant"] == "B"
    assert sorted((q["number"], q["id"], q["score"], q["points"][0]["label"]) for q in record["questions"]) == sorted([
        (n_one, one["id"], 0, one["correct"]), (n_two, two["id"], 1, two["correct"]), (n_three, three["id"], 1, "true")])
    assert record["total"] == {"score": 2, "max": 3}
    assert [(q["number"], q["id"]) for q in record["unmarked"]] == [(n_four, four["id"])]  # open: for a person
    # The practice loop reads it as it reads a sheet: the wrong answer is the weak question.
    history = read_history([tmp_path / "results"])
    assert {qid: known.strength for (_, qid), known in history.known.items()} == {one["id"]: 0.0, two["id"]: 1.0,
                                                                                 three["id"]: 1.0}


def test_a_true_false_answer_chosen_in_chromes_viewer_is_marked(exams, tmp_path):
    paper = json.loads((exams / "quiz" / "quiz-paper-A-manifest.json").read_text("utf-8"))
    statement = next(q for q in paper["questions"] if q["title"].startswith("Pyth"))
    filled = tmp_path / "quiz-exam-A.pdf"
    click_in_pdfium(exams / "quiz" / "quiz-exam-A.pdf", filled, [(f"{statement['id']}/answer", 1)])  # false
    result = score(filled, "--manifest", exams / "quiz" / "quiz-paper-A-manifest.json",
                   "--results", tmp_path / "results", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "results").iterdir()
    marked = {q["id"]: q for q in json.loads(path.read_text("utf-8"))["questions"]}
    assert (marked[statement["id"]]["answered"], marked[statement["id"]]["score"]) == ("false", 0)


def test_an_exam_of_another_variant_or_without_fields_is_refused(exams, tmp_path):
    other = score(exams / "quiz" / "quiz-exam-A.pdf", "--manifest", exams / "quiz" / "quiz-paper-B-manifest.json",
                  "--results", tmp_path / "results", cwd=tmp_path)
    assert other.returncode == 2 and "this exam is not for the paper" in other.stderr
    assert "Traceback" not in other.stderr and not (tmp_path / "results").exists()
    plain = score(exams / "seed" / "llm-interview-exam.pdf", "--results", tmp_path / "results", cwd=tmp_path)
    assert plain.returncode == 2 and "no fields to read" in plain.stderr
    assert not pypdf.PdfReader(exams / "seed" / "llm-interview-exam.pdf").get_fields()  # open questions: no fields
