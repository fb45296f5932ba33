"""qgen: compile Markdown question banks into Anki decks, printable exams and JSON."""

__version__ = "0.2.0"
