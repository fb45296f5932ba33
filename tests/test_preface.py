"""What the reader says of a bank's preface (``generator/preface.py``)."""

from .conftest import read


def test_a_preface_longer_than_the_questions_is_said_to_be_so():
    """Seen in real notes (an OS handbook read as one question after 190 lines of sections):
    the sections were kept as the preface with no word of it."""
    sections = "\n\n".join(f"## Section {n}\n\n" + "\n\n".join(f"Notes on {n}, line {i}." for i in range(5))
                           for n in range(1, 4))
    text = f"# Operating systems\n\n{sections}\n\n### What is a process?\n\n**Answer:** A running program.\n"
    bank = read(text)
    assert [q.title for q in bank.questions] == ["What is a process?"]
    assert [(f.code, f.line) for f in bank.findings] == [("long-preface", 1)]
    short = read("# Operating systems\n\nNotes.\n\n### What is a process?\n\n**Answer:** A running program.\n")
    assert not short.findings
