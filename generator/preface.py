"""What the text before a bank's first question says, when it says too much: questions it
holds that are read as none (a list that asks, headings numbered up to the first question),
and a preface longer than the questions (notes, or a heading's level off). Each is a
finding, since no card, paper or page shows a preface."""

from __future__ import annotations

from . import markers
from .blocks import Block, BlockKind
from .model import Finding, Span


def questions_in_preface(preface: list[Block], source: str, first: Block, number: int | None) -> list[Finding]:
    """A list before the first question that asks two or more questions (bare questions to
    ask, above the bank's answered ones), and headings numbered up to the ``first``
    question's ``number`` at its level (``#### 1.`` and ``#### 2.`` with nothing under them
    before ``#### 3.``): kept as the preface, and said so, since they are read as no question."""
    findings = []
    for block in preface:
        asked = [text for text in block.inline_contents if markers.ends_with_question_mark(markers.unbolded(" ".join(text.split())))]
        if block.kind is BlockKind.LIST and len(asked) >= 2:
            findings.append(Finding(source, block.start + 1, "warning", "questions-in-preface",
                                    f"this list asks {len(asked)} questions before the first question; it is "
                                    "kept as the bank's preface, not read as questions"))
    headings = _numbered_up_to(preface, first, number)
    if headings:
        said = (f"“{headings[0].content}” and {len(headings) - 1} more headings like it are" if len(headings) > 1
                else f"“{headings[0].content}” is")
        findings.append(Finding(source, headings[0].start + 1, "warning", "questions-in-preface",
                                f"{said} numbered as the questions after them but have nothing under them; kept as "
                                "the bank's preface, not read as questions"))
    else:
        asking = [block for block in preface
                  if block.kind is BlockKind.HEADING and markers.asks(markers.heading_marker(block.content))]
        if len(asking) >= 2:
            findings.append(Finding(source, asking[0].start + 1, "warning", "questions-in-preface",
                                    f"“{asking[0].content}” and {len(asking) - 1} more headings before the first "
                                    "question ask like questions; they are kept as the bank's preface, not read as "
                                    "questions (is a heading's level off?)"))
    return sorted(findings, key=lambda finding: finding.line)


def long_preface(spans: tuple[Span, ...], preface: list[Block], source: str) -> list[Finding]:
    """A preface longer than all the questions together, with three headings or more (notes
    with one labelled question, a heading level off): most of the file read as no question,
    and said so, since no card, paper or page shows a preface."""
    lines = {kind: sum(span.end_line - span.line + 1 for span in spans if span.kind == kind)
             for kind in ("preface", "question")}
    headings = [block for block in preface if block.kind is BlockKind.HEADING]
    if len(headings) < 3 or lines["preface"] <= lines["question"]:
        return []
    first = next(span for span in spans if span.kind == "preface")
    return [Finding(source, first.line, "warning", "long-preface",
                    f"the preface ({lines['preface']} lines, {len(headings)} headings) is longer than the "
                    f"questions ({lines['question']} lines); only the deck's description and the JSON and Markdown "
                    "exports show it (is this file notes rather than questions, or a heading's level off?)")]


def _numbered_up_to(preface: list[Block], first: Block, number: int | None) -> list[Block]:
    """The preface's last headings at the first question's level numbered 1, 2, … up to
    the first question's number."""
    if first.kind is not BlockKind.HEADING or not number or number < 2:
        return []
    found: list[Block] = []
    expected = number - 1
    for block in reversed(preface):
        if block.kind is not BlockKind.HEADING or block.level != first.level:
            continue
        if markers.heading_marker(block.content).number != expected:
            break
        found.insert(0, block)
        expected -= 1
    return found if expected == 0 else []
