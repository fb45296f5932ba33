"""qgen: compile Markdown question banks into Anki decks, printable exams and JSON."""

__version__ = "0.1.0"
