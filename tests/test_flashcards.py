"""Flashcards as Obsidian's Spaced Repetition plugin writes them (``generator/flashcards.py``)."""

import textwrap

import pytest

from generator.errors import NotABank
from generator.flashcards import untagged_cards
from generator.structure import parsed

from .conftest import assert_spans_cover, count_lines, read

DECK = """
    # Helix

    #flashcards/helix
    `hjkl`:::move
    `std::move`::casts to an rvalue
    `i`:: insert before selection

    ## Multi-line

    What does `typeof null`
    return?
    ?
    `"object"`,
    a bug kept for compatibility.

    Which two cards
    does this make?
    ??
    One each way.
    """


def test_each_card_is_a_question_its_front_asks_and_its_back_answers():
    bank = read(DECK)
    assert [(q.title, q.question, q.answer, q.line, q.part) for q in bank.questions] == [
        ("`hjkl`", "`hjkl`", "move", 4, "Helix"),
        # A separator inside code is code: the card is parted after it.
        ("`std::move`", "`std::move`", "casts to an rvalue", 5, "Helix"),
        ("`i`", "`i`", "insert before selection", 6, "Helix"),
        ("What does `typeof null` return?", "What does `typeof null`\nreturn?",
         '`"object"`,\na bug kept for compatibility.', 10, "Multi-line"),
        ("Which two cards does this make?", "Which two cards\ndoes this make?", "One each way.", 16, "Multi-line"),
    ]
    # The deck's tag is the part's text; every line is in a span.
    assert bank.parts[0].text == "#flashcards/helix"
    assert bank.findings == ()
    assert_spans_cover(bank, count_lines(textwrap.dedent(DECK).lstrip("\n")))


def test_double_colons_in_prose_are_no_cards():
    with pytest.raises(NotABank):
        read("""
            # C++ notes

            Use std::vector instead of raw arrays.

            Prefer std::unique_ptr for ownership.

            The rule of five covers copy and move.

            Templates are instantiated at compile time.
            """)


def test_cards_are_read_only_where_nothing_else_asks():
    bank = read("""
        ### 1. What is RAII?

        Resources are tied to object lifetimes: std::lock_guard::lock_guard locks.

        ### 2. What is a move?

        `std::move`::casts to an rvalue
        `std::forward`::keeps the value category
        """)
    assert [q.title for q in bank.questions] == ["What is RAII?", "What is a move?"]
    assert bank.questions[1].answer.startswith("`std::move`::casts")


def test_a_deck_tagged_in_the_front_matter_has_single_line_cards():
    bank = read("""
        ---
        tags: [flashcards, javascript]
        ---

        What is a closure::A function with its lexical environment.

        What is hoisting::Declarations move to the top of their scope.
        """)
    assert [(q.title, q.answer, q.line) for q in bank.questions] == [
        ("What is a closure", "A function with its lexical environment.", 5),
        ("What is hoisting", "Declarations move to the top of their scope.", 7)]
    assert bank.tags == ("flashcards", "javascript")


def test_questions_tagged_as_cards_in_paragraphs_and_headings():
    paragraphs = read("""
        ## Flashcards

        Why is cosine similarity preferred for embeddings? #card
        Because it ignores the vectors' magnitude.

        What does a tokenizer do? #card/nlp

        It maps text to token ids.
        """)
    assert [(q.title, q.question, q.answer) for q in paragraphs.questions] == [
        ("Why is cosine similarity preferred for embeddings?", "Why is cosine similarity preferred for embeddings?",
         "Because it ignores the vectors' magnitude."),
        ("What does a tokenizer do?", "What does a tokenizer do?", "It maps text to token ids.")]
    headings = read("""
        ### Q: What is the complexity of Bellman-Ford? #card

        ?

        O(V·E).

        ### Q: What does Dijkstra need of the weights? #card-reverse

        ?

        They must not be negative.
        """)
    # The tag is no part of the title, and the ``?`` between front and back no part of the answer.
    assert [(q.title, q.question, q.answer) for q in headings.questions] == [
        ("What is the complexity of Bellman-Ford?", "What is the complexity of Bellman-Ford?", "O(V·E)."),
        ("What does Dijkstra need of the weights?", "What does Dijkstra need of the weights?",
         "They must not be negative.")]


def test_logseq_blocks_tagged_as_cards_are_questions_without_their_properties():
    bank = read("""
        - What is a closure? #card
        \t- A function bundled with its lexical environment.
        - Explain hoisting #card
        \t- Declarations move to the top of their scope.
        \t  id:: 642bb74e-129f-4b05-9a87-956ee6926de1
        - TCP vs UDP #card
          card-last-interval:: 4
          card-repeats:: 1
        \t- TCP is connection-oriented; UDP is not.
        """)
    assert [(q.title, q.question, q.answer) for q in bank.questions] == [
        ("What is a closure?", "What is a closure?", "- A function bundled with its lexical environment."),
        ("Explain hoisting", "Explain hoisting", "- Declarations move to the top of their scope."),
        ("TCP vs UDP", "TCP vs UDP", "- TCP is connection-oriented; UDP is not.")]


def test_cards_stand_beside_the_questions_of_headings_and_hold_only_their_lines():
    bank = read("""
        #flashcards/javascript

        What is hoisting::Declarations move to the top of their scope.

        A note of the author's, no part of the card above.

        ### What does `typeof null` return? #card

        ?

        `"object"`: a bug kept for compatibility.
        """)
    assert [(q.title, q.answer, q.line) for q in bank.questions] == [
        ("What is hoisting", "Declarations move to the top of their scope.", 3),
        ("What does `typeof null` return?", '`"object"`: a bug kept for compatibility.', 7)]
    # What follows a card that has its back is text no output has, and said so.
    assert [(f.code, f.line) for f in bank.findings] == [("skipped-text", 5)]


def test_an_untagged_deck_is_told_what_would_make_its_cards_read():
    text = "What is a closure::A function with its environment.\n\nWhat is hoisting::Declarations move up.\n"
    tokens = parsed(text, {}, "deck.md")
    assert untagged_cards(tokens, text.split("\n")) == [1, 3]
    with pytest.raises(NotABank) as raised:
        read(text)
    assert "#flashcards" in raised.value.message
    tagged = "#flashcards\n\n" + text
    assert untagged_cards(parsed(tagged, {}, "deck.md"), tagged.split("\n")) == []


def test_logseq_properties_left_out_are_said_once_with_their_first_line():
    bank = read("""
        - What is a closure? #card
          card-repeats:: 2
          card-ease-factor:: 2.5
        \t- A function bundled with its scope.
        \t  id:: 642bb74e-129f-4b05-9a87-956ee6926de1
        - What does `a:: b` mean in Haskell? #card
        \t- Nothing:
        \t  ```haskell
        \t  x:: Int
        \t  ```
        """)
    assert [(f.code, f.severity, f.line) for f in bank.findings] == [("outliner-data", "note", 2)]
    # A ``key:: value`` line in code, or an item's own first line, is no property.
    assert "x:: Int" in bank.questions[1].answer and bank.questions[1].title == "What does `a:: b` mean in Haskell?"


OBSIDIAN_TO_ANKI = """
    # Networking

    START
    Basic
    What does TCP guarantee?
    Back: Ordered, reliable delivery of a byte stream.
    END

    START
    Basic (and reversed card)
    Front: What is the three-way handshake?
    Back: SYN, SYN-ACK, ACK.
    Tags: tcp handshake
    <!--ID: 1566052191670-->
    END

    START
    Basic
    What does this print?

    ```python
    print(sum(range(4)))
    ```

    Back: It prints 6.

    The sum of 0, 1, 2 and 3.
    END

    START
    Cloze
    Text: TCP runs over {{c1::IP}}.
    END
    """


def test_obsidian_to_anki_notes_are_cards_with_their_tags_and_every_line_of_them():
    """The Obsidian_to_Anki plugin's notes read "no questions found". A note of a basic type
    is a card: its front the question (its first paragraph the title), ``Back:`` the answer,
    blank lines and code inside it the card's; ``Tags:`` its tags; the ``<!--ID: …-->`` the
    plugin writes back no text. A cloze note is no card: skipped, and said so."""
    bank = read(OBSIDIAN_TO_ANKI)
    assert [(q.title, q.question, q.answer, q.tags, q.line) for q in bank.questions] == [
        ("What does TCP guarantee?", "What does TCP guarantee?", "Ordered, reliable delivery of a byte stream.", (), 3),
        ("What is the three-way handshake?", "What is the three-way handshake?", "SYN, SYN-ACK, ACK.",
         ("tcp", "handshake"), 9),
        ("What does this print?", "What does this print?\n\n```python\nprint(sum(range(4)))\n```",
         "It prints 6.\n\nThe sum of 0, 1, 2 and 3.", (), 17),
    ]
    # The plugin's data (note types, the id it wrote back) is said once, at its first line.
    assert [(f.code, f.line) for f in bank.findings] == [("outliner-data", 4), ("skipped-text", 30)]
    assert_spans_cover(bank, count_lines(textwrap.dedent(OBSIDIAN_TO_ANKI).lstrip("\n")))


def test_an_obsidian_to_anki_note_never_closed_is_no_card():
    bank = read("# Notes\n\n## What is TCP?\n\nA protocol.\n\nSTART\nBasic\nWhat is UDP?\nBack: A protocol.\n")
    assert [q.title for q in bank.questions] == ["What is TCP?"]
    assert "START" in bank.questions[0].answer
