"""What the command prints after a build: the printed output itself is what is tested here."""

from pathlib import Path

from generator.build import BuildReport
from generator.model import NoteChanges
from generator.rendering import AnkiSummary
from generator.terminal import print_build_summary, print_result

from .conftest import read


def test_a_reused_build_says_its_outputs_were_kept(capsys):
    bank = read("### 题目 1：一\n\n**答案：** 甲\n")
    exam = Path("out/bank-exam.pdf")
    report = BuildReport([bank], written=[(exam, 20_480)], pages={exam: 3}, reused=True,
                         anki=AnkiSummary(Path("out/bank.apkg"), NoteChanges(1), NoteChanges()))
    print_build_summary(report)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "kept out/bank-exam.pdf (20.0 KiB, 3 pages)"
    assert lines[1] == "nothing changed since the last build: its outputs were kept"
    assert lines[2] == "anki: 1 notes, 0 added, 0 changed, 0 removed since the last build"


def test_removed_notes_are_listed_up_to_ten(capsys):
    removed = [f"q{n}" for n in range(12)]
    report = BuildReport([read("### 题目 1：一\n\n**答案：** 甲\n")], written=[(Path("out/bank.apkg"), 100)],
                         anki=AnkiSummary(Path("out/bank.apkg"), NoteChanges(1, ["a"], [], removed), NoteChanges()))
    print_build_summary(report)
    out = capsys.readouterr().out
    assert out.startswith("wrote out/bank.apkg (")
    assert "anki: 1 notes, 1 added, 0 changed, 12 removed since the last build" in out
    assert "  removed (delete these notes in Anki; an import cannot): q0, q1, q2, q3, q4, q5, q6, q7, q8, q9 " \
           "and 2 more (all in the .anki.json)" in out


def test_a_marked_exam_shows_what_was_answered_and_the_right_answer_where_it_was_wrong(capsys):
    def question(number, title, answered, correct, right):
        return {"number": number, "title": title, "answered": answered, "score": int(right), "max": 1,
                "points": [{"id": "answer", "label": correct, "weight": 1, "checked": right}], "level": None}

    result = {"candidate": "王五", "date": "2026-12-04", "total": {"score": 1, "max": 2},
              "questions": [question(1, "哪个是 **不可变** 类型？", "c", "C", True),
                            question(3, "哪些是并发原语？", "A, C", "AB", False)],
              "unmarked": [{"number": 2, "id": "q2", "title": "什么是闭包？"}, {"number": 4, "id": "q4", "title": "x"}]}
    print_result(result, "quiz-exam.pdf", "results/quiz.json")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "quiz-exam.pdf: 王五 · 2026-12-04"
    assert lines[1].split() == ["1.", "哪个是", "不可变", "类型？", "c", "right", "1/1"]
    assert lines[2].split() == ["3.", "哪些是并发原语？", "A,", "C", "wrong,", "AB", "0/1"]
    assert lines[3] == "  for a person to mark (open questions): 2, 4"
    assert lines[4] == "  total 1/2 -> results/quiz.json"
