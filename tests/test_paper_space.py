"""How much paper a question takes (``generator/renderers/paper_space.py``)."""

from dataclasses import replace

from generator.reader import read_bank_file
from generator.renderers.paper_space import MAX_ANSWER_LINES, MIN_ANSWER_LINES, answer_lines, longer_than_a_page

from .conftest import SEED, read


def test_answer_space_follows_the_reference_answer():
    question = read_bank_file(SEED).questions[0]
    assert answer_lines(replace(question, answer="对。")) == MIN_ANSWER_LINES
    assert answer_lines(replace(question, answer="字" * 24 * 6)) == 7
    assert answer_lines(replace(question, answer="word " * 72)) == 7  # Latin letters count half
    assert answer_lines(replace(question, answer="字" * 5000)) == MAX_ANSWER_LINES
    assert MIN_ANSWER_LINES < answer_lines(question) < MAX_ANSWER_LINES


def test_only_a_question_that_cannot_fit_on_a_page_is_longer_than_one():
    assert not any(longer_than_a_page(q, kind) for q in read_bank_file(SEED).questions
                   for kind in ("exam", "key", "interview"))
    code = "\n".join(f"line_{n} = {n}" for n in range(70))
    (question,) = read(f"### Question 1: What does this print?\n\n**Answer:**\n\n```python\n{code}\n```\n").questions
    assert longer_than_a_page(question, "key") and not longer_than_a_page(question, "exam")
    (short,) = read(f"### Question 1: What does this print?\n\n**Answer:**\n\n```python\n{code[:400]}\n```\n").questions
    assert not longer_than_a_page(short, "key")


def test_text_that_is_not_printed_does_not_count():
    link = "[MDN](https://developer.mozilla.org/en-US/docs/Web/JavaScript/" + "a" * 4000 + ")"
    (question,) = read(f"### Question 1: What is a closure?\n\n**Answer:** {link}\n").questions
    assert not longer_than_a_page(question, "key")
    (long,) = read("### Question 1: What is a closure?\n\n**Answer:**\n\n" + "- An item.\n" * 60).questions
    assert longer_than_a_page(long, "key")  # sixty list items are sixty lines, not one paragraph
