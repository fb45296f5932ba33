"""Every line of a bank in one span: the outline's regions as runs of lines, and a finding
for each run of text that no output uses (nothing lost, nothing silent)."""

from __future__ import annotations

from dataclasses import replace

from .blocks import Block, BlockKind
from .model import Finding, Question, Span
from .outline import Outline
from .markers import heading_text


def account_for_lines(source: str, blocks: list[Block], outline: Outline, questions: list[Question],
                      line_count: int) -> tuple[list[Span], list[Question], list[Finding]]:
    """The spans covering the file, the questions with their ``end_line`` set to the last
    line of their span, and a finding for each skipped run. Blank lines and link
    definitions between two runs belong to the one before."""
    skipped = {start: (end, code) for start, end, code in outline.skipped}
    findings = []
    runs: list[list] = []  # [kind, first line (0-based), end line (exclusive), ref]
    index = 0
    while index < len(blocks):
        kind, ref = outline.regions[index]
        end = index + 1
        if kind == "skipped":
            end, ref = skipped[index]
            findings.append(_skipped_finding(source, blocks, outline, index, end, ref))
        elif kind == "question":
            ref = questions[ref].id
        elif kind == "part":
            ref = outline.parts[ref].title
        covered = [b for b in blocks[index:end] if b.end > b.start]
        index = end
        if not covered:
            continue
        first, stop = covered[0].start, max(b.end for b in covered)
        if runs and runs[-1][0] == kind and runs[-1][3] == ref and kind != "skipped":
            runs[-1][2] = max(runs[-1][2], stop)
        else:
            runs.append([kind, first, stop, ref])
    spans = []
    for position, (kind, first, _, ref) in enumerate(runs):
        line = 1 if position == 0 else first + 1
        end_line = runs[position + 1][1] if position + 1 < len(runs) else line_count
        spans.append(Span(kind, line, end_line, ref))
    end_of = {span.ref: span.end_line for span in spans if span.kind == "question"}
    questions = [replace(question, end_line=end_of[question.id]) for question in questions]
    return spans, questions, findings


def _skipped_finding(source: str, blocks: list[Block], outline: Outline, start: int, end: int,
                     code: str) -> Finding:
    block = blocks[start]
    if code == "skipped-heading":
        headings = [blocks[i] for i in outline.lost_headings[start]]
        first = heading_text(headings[0])
        if len(headings) > 1:
            message = (f"“{first}” and {len(headings) - 1} more headings like it look like questions but are "
                       "not read as questions: none of them, nor any heading at their level in their part, "
                       "has an answer label")
        elif any(b.kind is not BlockKind.HEADING for b in blocks[start:end]):
            message = (f"“{first}” looks like a question but is not read as one: neither it nor any heading "
                       "at its level in its part has an answer label")
        else:
            message = f"“{first}” looks like a question but has nothing under it; it is left out"
    elif block.kind is BlockKind.HEADING:
        message = f"the text under “{heading_text(block)}” is not part of any question; no output has it"
    else:
        message = "this text is not part of any question; no output has it"
    return Finding(source, block.start + 1, "warning", code, message)
