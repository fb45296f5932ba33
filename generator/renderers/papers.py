"""The papers the build drew -> for each, the PDFs asked for (exam, answer key, interviewer's
sheet), its manifest (which questions, in which order, with which seed) and, with the sheet,
a CSV of its scores to fill in. Nothing when the bank is too long for a paper without
--count (the build says so)."""

from __future__ import annotations

from .. import __version__
from ..model import Finding, Paper
from ..rendering import Rendered, RenderJob, json_bytes, printed_date
from ..sources import project_path
from . import PAPER_KINDS
from .pdf import PrintedText, check_fonts, harfbuzz_subset_missing, paper_html, render_pdfs
from .scores import render_scores_csv


def render(job: RenderJob) -> Rendered:
    papers, banks, config, context = job.papers, job.banks, job.config, job.context
    if not papers:
        return Rendered()
    kinds = [kind for kind in PAPER_KINDS if kind in config.formats]
    today = printed_date()
    languages = {bank.source: bank.language for bank in banks}
    htmls = [(paper, kind, paper_html(paper, kind, context, job.views, today, languages))
             for paper in papers for kind in kinds]
    font_findings: list[Finding] = []

    def check_installation() -> None:  # while the other processes render
        font_findings.extend(check_fonts(_printed_texts(context.title, banks[0].source, papers, "key" in kinds)))
        slow = harfbuzz_subset_missing()
        if slow:
            font_findings.append(slow)

    # One paper: llm-interview-exam.pdf; variants: llm-interview-exam-A.pdf, …
    suffix = {paper.variant: f"-{paper.variant}" if len(papers) > 1 else "" for paper in papers}
    paths = [config.out / f"{context.stem}-{kind}{suffix[paper.variant]}.pdf" for paper, kind, _ in htmls]
    pdfs, pdf_findings = render_pdfs([(path.name, html) for path, (_, _, html) in zip(paths, htmls)], job.views.markup,
                                     banks[0].source, config.jobs, job.progress, check_installation)
    rendered = Rendered([(path, data) for path, (data, _) in zip(paths, pdfs)], font_findings + pdf_findings,
                        {path: pages for path, (_, pages) in zip(paths, pdfs)})
    if job.progress:
        job.progress("rendering PDFs", len(htmls), len(htmls))
    for paper in papers:
        rendered.files.append((config.out / f"{context.stem}-paper{suffix[paper.variant]}-manifest.json",
                               json_bytes(paper_manifest(paper, config.project))))
        if "interview" in kinds:
            rendered.files.append((config.out / f"{context.stem}-interview-scores{suffix[paper.variant]}.csv",
                                   render_scores_csv(paper)))
    return rendered


def _printed_texts(title: str, source: str, papers: list[Paper], with_answers: bool) -> list[PrintedText]:
    """Every text the papers print, with its file and line, for the font check: the
    answers only on a key."""
    texts = [(source, None, title)]
    for question in {(q.source, q.id): q for paper in papers for q in paper.questions}.values():
        sections = [("question", question.question)] if question.question else []
        if with_answers:
            sections += [(kind, question.section(kind)) for kind in ("answer", "example", "explanation")]
        texts.append((question.source, question.line, question.title))
        texts += [(question.source, question.section_line(kind), text) for kind, text in sections if text]
        if with_answers:
            texts += [(question.source, extra.line, extra.text) for extra in question.extra if extra.text]
    return texts


def paper_manifest(paper: Paper, project: str | None = None) -> dict:
    return {
        "qgen": __version__,
        "variant": paper.variant,
        "seed": paper.seed,
        "shuffled": paper.shuffled,
        "date": printed_date().isoformat(),
        "source_hash": paper.source_hash,
        "history": paper.history,
        "questions": [{"id": q.id, "source": project_path(q.source, project), "number": q.number, "title": q.title,
                       "points": [{"id": p.id, "label": p.label, "weight": p.weight} for p in q.points],
                       **({"options": [key for key in paper.option_orders[index]],
                           "correct": paper.correct_letters(index)} if q.options else
                          {"correct": q.correct[0]} if q.kind == "truefalse" else {})}
                      for index, q in enumerate(paper.questions)],
    }
