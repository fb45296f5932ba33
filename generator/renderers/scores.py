"""Paper -> the interview's scores as CSV, to fill in a spreadsheet after a paper interview.

One row per point of each question (``mark`` it with x when the candidate made it) and one
per question's level (``mark`` it poor, mixed, good or excellent, or 差, 一般, 良好, 优秀). The
paper's seed, variant and question ids are on every row, so the file can be checked against
the paper's manifest when it is read back.
"""

from __future__ import annotations

import csv
import io

from ..model import Paper

COLUMNS = ["seed", "variant", "number", "question_id", "item", "label", "weight", "mark"]


def render_scores_csv(paper: Paper) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    seed = "" if paper.seed is None else paper.seed
    for number, question in enumerate(paper.questions, 1):
        for point in question.points:
            writer.writerow([seed, paper.variant, number, question.id, f"point:{point.id}", point.label,
                             point.weight, ""])
        writer.writerow([seed, paper.variant, number, question.id, "level", question.title, "", ""])
    # A BOM so that spreadsheet programs read the Chinese as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
