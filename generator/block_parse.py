"""Markdown's block structure, for the reader; a long file is parsed in pieces side by side.

After a blank line, a heading at the margin (``### 题目 9``) starts a new top-level block in
CommonMark unless a fenced code block, a raw HTML block of the kinds that outlast blank
lines (``<!--``, ``<script``, …) or the front matter is still open there: paragraphs, lists,
quotes and tables have all ended. So a long file is cut before such headings, the pieces are
parsed by forked processes and their tokens joined, lines shifted back to the file's. A
piece that ends inside a fence or an HTML block shows it (that block reaches the piece's
last line, a blank one that no closed block includes), and then the file is parsed whole.
"""

from __future__ import annotations

import marshal
import os
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .parallel import in_worker, processes_for, run_tasks

# Inline parsing is the costly half of markdown-it; the reader needs it only for the few
# headings and bold lines it inspects, so the block parser skips it.
BLOCK_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
BLOCK_PARSER.disable(["inline", "text_join"])

PARALLEL_MIN_LINES = 20_000  # a shorter piece parses faster than its tokens travel back
FIRST_PIECE_WEIGHT = 1.25
_HEADING_AT_MARGIN = re.compile(r"#{1,6}(?:[ \t]|$)")
_OPEN_UNTIL_CLOSED = ("fence", "html_block")  # blocks a blank line does not end


def parse_blocks(text: str, env: dict, jobs: int = 1) -> list[Token]:
    """markdown-it's block tokens for ``text``, as one ``BLOCK_PARSER.parse`` gives them,
    using up to ``jobs`` processes; link definitions go into ``env`` as that call puts them."""
    lines = text.split("\n")
    cuts = piece_starts(lines, processes_for(len(lines) // PARALLEL_MIN_LINES, jobs))
    if not cuts:
        return BLOCK_PARSER.parse(text, env)
    bounds = list(zip([0, *cuts], [*cuts, len(lines)]))
    parent = os.getpid()

    def piece_task(start: int, end: int):
        def task():
            piece_env: dict = {}
            tokens = parse_piece(lines, start, end, piece_env)
            return (_packed(tokens) if in_worker(parent) else tokens), piece_env
        return task

    pieces = run_tasks([piece_task(start, end) for start, end in bounds], len(bounds))
    return join_pieces([(_unpacked(tokens), piece_env) for tokens, piece_env in pieces], bounds, lines, text, env)


def piece_starts(lines: list[str], pieces: int) -> list[int]:
    """Up to ``pieces - 1`` lines, in order, before which the file may be cut: headings at
    the margin after a blank line, each the first such line past its share of the lines.
    The first piece, parsed by this process, is a little longer: the others' tokens travel
    faster than they parse, but this process rebuilds them afterwards."""
    weights = [FIRST_PIECE_WEIGHT] + [1.0] * (pieces - 1)
    cuts: list[int] = []
    for share in range(1, pieces):
        line = max(int(sum(weights[:share]) / sum(weights) * len(lines)), cuts[-1] + 1 if cuts else 1)
        while line < len(lines) and not (lines[line - 1] == "" and _HEADING_AT_MARGIN.match(lines[line])):
            line += 1
        if line < len(lines):
            cuts.append(line)
    return cuts


def parse_piece(lines: list[str], start: int, end: int, env: dict) -> list[Token]:
    """The tokens of ``lines[start:end]`` parsed alone, their lines counted from the file's start."""
    # A piece that is not the last ends with its blank line, which the text must keep.
    tokens = BLOCK_PARSER.parse("\n".join(lines[start:end]) + ("\n" if end < len(lines) else ""), env)
    if start:
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + start, token.map[1] + start]
        for reference in [*env.get("references", {}).values(), *env.get("duplicate_refs", [])]:
            reference["map"] = [reference["map"][0] + start, reference["map"][1] + start]
    return tokens


def join_pieces(pieces: list[tuple[list[Token], dict]], bounds: list[tuple[int, int]], lines: list[str],
                text: str, env: dict) -> list[Token]:
    """The pieces' tokens and link definitions as one parse of the whole file has them; when
    a piece ends inside a block that goes on past it, the whole file parsed again."""
    if lines[0].startswith("---") and not (pieces[0][0] and pieces[0][0][0].type == "front_matter"):
        return BLOCK_PARSER.parse(text, env)  # the front matter may run on past the first piece
    for (tokens, _), (_, end) in zip(pieces[:-1], bounds[:-1]):
        if any(token.level == 0 and token.type in _OPEN_UNTIL_CLOSED and token.map[1] == end for token in tokens):
            return BLOCK_PARSER.parse(text, env)
    joined: list[Token] = []
    for tokens, piece_env in pieces:
        joined += tokens
        for label, reference in piece_env.get("references", {}).items():
            references = env.setdefault("references", {})
            if label in references:  # the first definition of a label is the one that counts
                env.setdefault("duplicate_refs", []).append({**reference, "label": label})
            else:
                references[label] = reference
        if piece_env.get("duplicate_refs"):
            env.setdefault("duplicate_refs", []).extend(piece_env["duplicate_refs"])
    return joined


def _packed(tokens: list[Token]) -> bytes:
    """Tokens as marshalled tuples: they travel between processes several times faster
    than pickled Token objects."""
    return marshal.dumps([(t.type, t.tag, t.nesting, t.map, t.level, t.content, t.markup, t.info, t.block,
                           t.hidden, t.attrs or None, t.meta or None, t.children) for t in tokens])


def _unpacked(tokens: list[Token] | bytes) -> list[Token]:
    if not isinstance(tokens, bytes):
        return tokens  # parsed in this process
    return [Token(kind, tag, nesting, attrs or {}, map_, level, children, content, markup, info, meta or {}, block,
                  hidden)
            for kind, tag, nesting, map_, level, content, markup, info, block, hidden, attrs, meta, children
            in marshal.loads(tokens)]
