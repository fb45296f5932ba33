"""A long file is block-parsed in pieces, side by side: the tokens and link definitions are
exactly those of one parse of the whole file, whatever the Markdown around the cuts."""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import generate_bank
from generator import block_parse
from generator.block_parse import BLOCK_PARSER, join_pieces, parse_blocks, parse_piece, piece_starts

from .conftest import REALWORLD, SEED

# Lines that open, continue or close every kind of block, and headings to cut before.
LINES = st.sampled_from([
    "", "", "", "### 题目 1：标题", "## Part", "# Title", "#", "paragraph text", "**答案：** yes",
    "```", "```python", "~~~", "    indented code", "  ```", "- item", "1. item", "  continued",
    "> quoted", "> ```", "<!-- comment", "-->", "<script>", "</script>", "<div>", "</div>",
    "| a | b |", "|---|---|", "[label]: /url", "[label]: /other 'title'", "[Label]:", "  /later",
    "---", "title: front", "# yaml comment", "===", "***", "<details>", "</details>",
])
HEADINGS = st.sampled_from(["### 题目 2：标题", "## Part", "# T", "#", "###### deep"])
# Runs of any lines, most of them after a blank line and a heading: a place to cut.
DOCUMENTS = st.lists(
    st.tuples(st.one_of(HEADINGS, st.just("")), st.lists(LINES, max_size=8)).map(
        lambda run: "\n".join([run[0], *run[1]])),
    max_size=12,
).map("\n\n".join)


def whole(text):
    env = {}
    return BLOCK_PARSER.parse(text, env), env


def definitions(env):
    """The definitions that count, and the ones given again later (by line)."""
    return env.get("references"), sorted(env.get("duplicate_refs", []), key=lambda ref: ref["map"])


def in_pieces(text, pieces):
    """The piece-wise parse without the worker processes: cuts, pieces, join."""
    lines = text.split("\n")
    starts = piece_starts(lines, pieces)
    bounds = list(zip([0, *starts], [*starts, len(lines)]))
    parsed = []
    for start, end in bounds:
        piece_env = {}
        parsed.append((parse_piece(lines, start, end, piece_env), piece_env))
    env = {}
    return join_pieces(parsed, bounds, lines, text, env), env, starts


@given(DOCUMENTS, st.integers(2, 6))
def test_pieces_join_into_the_whole_files_parse(text, pieces):
    tokens, env, _ = in_pieces(text, pieces)
    expected_tokens, expected_env = whole(text)
    assert tokens == expected_tokens
    assert definitions(env) == definitions(expected_env)


@pytest.mark.parametrize("text", [
    "para\n\n```\ncode\n\n### not a heading\n\n## nor this\n```\n\n### 2\n",  # fence open at the cut
    "<!-- a comment\n\n### inside the comment\n\n-->\n\n### 2\n",  # raw HTML open at the cut
    "---\ntitle: x\n\n# a YAML comment\n---\n\n### 1\n\ntext\n",  # front matter open at the cut
    "- a\n\n  ```\n  code\n\n### 2\n\n```\n\n### 3\n```\n",  # a fence in a list closes with the list
])
def test_a_cut_inside_an_open_block_gives_the_whole_parse(text):
    for pieces in range(2, 5):
        tokens, env, starts = in_pieces(text, pieces)
        assert starts, "the test must cut somewhere"
        assert tokens == whole(text)[0]


def test_cuts_fall_before_headings_after_a_blank_line():
    lines = ["intro", "### 1", "text", "", "### 2", "text", "", "not a heading", "", "#### 3", "text"]
    for pieces in range(2, 6):
        for cut in piece_starts(lines, pieces):
            assert lines[cut - 1] == "" and lines[cut].startswith("#")
    assert piece_starts(["a", "b", "c"], 3) == []


def test_a_definition_given_twice_keeps_the_first_across_pieces():
    text = "[doc]: /first\n\n### 1\n\n[doc]\n\n### 2\n\n[doc]: /second\n"
    tokens, env, starts = in_pieces(text, 3)
    assert starts
    assert env["references"]["DOC"]["href"] == "/first"
    assert env["references"] == whole(text)[1]["references"]


SOURCES = [SEED] + (sorted(REALWORLD.glob("*_*.md")) if REALWORLD.is_dir() else [])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_parse_real_banks_as_one_parse_does(monkeypatch):
    monkeypatch.setattr(block_parse, "PARALLEL_MIN_LINES", 10)
    texts = [path.read_text("utf-8").replace("\r\n", "\n") for path in SOURCES] + [generate_bank(300)]
    for text in texts:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        for jobs in (2, 3):
            env = {}
            tokens = parse_blocks(text, env, jobs)
            expected_tokens, expected_env = whole(text)
            assert tokens == expected_tokens
            assert definitions(env) == definitions(expected_env)
