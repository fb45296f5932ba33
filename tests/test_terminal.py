"""What the command prints after a build: the printed output itself is what is tested here."""

from pathlib import Path

from generator.build import BuildReport
from generator.model import NoteChanges
from generator.rendering import AnkiSummary
from generator.terminal import print_build_summary

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
