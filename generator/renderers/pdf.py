"""Papers -> printable PDFs (an exam and its answer key) through WeasyPrint.

WeasyPrint loads nothing but the bank's own images (a restricted URL fetcher), and before
anything is rendered qgen checks that an installed font covers the characters it is about
to print, so a missing CJK font is a clear message instead of a PDF of empty boxes.
"""

from __future__ import annotations

import ctypes.util
import gc
import logging
import mimetypes
import subprocess
import unicodedata
from datetime import date
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path

from .. import __version__
from ..errors import RenderError, SourceError
from ..model import Finding, Paper
from ..parallel import processes_for, run_tasks
from ..sheets import LEVELS  # printed in their order: WeasyPrint names a radio button's states by position
from ..sources import decode_bank
from ..templating import environment
from ..languages import text_direction, text_settings
from ..words import words_for
from .highlight import PRINT_STYLE, code_stylesheet
from .math import as_svg
from .markup import MarkupRenderer
from .paper_space import answer_lines, longer_than_a_page
from .view import Views

MEDIA_BASE = "file:///qgen-media/"
CJK_FONT_FAMILY = "Noto Sans CJK SC"
CJK_FONT_PACKAGE = "fonts-noto-cjk"
SCRIPTS_FONT_PACKAGE = "fonts-noto-core"  # Noto for Thai, Devanagari and most other scripts
HARFBUZZ_SUBSET_PACKAGE = "libharfbuzz-subset0"


def paper_html(paper: Paper, kind: str, context, views: Views, printed_date: date,
               languages: dict[str, str] | None = None) -> str:
    """The HTML of an exam (``kind="exam"``), its answer key (``"key"``) or the interviewer's
    sheet (``"interview"``); ``context`` gives the title, the interface language and the
    template folder. The templates read the paper's questions as views (``questions``), the
    text's ``lang``, ``dir`` and ``cjk`` font region, and each bank's language by its source
    (``languages``), for a question whose bank's differs from the first bank's."""
    words = words_for(context.language)
    heading = words[kind]
    variant = words["variant"].format(v=paper.variant) if paper.shuffled else ""
    seed = f"{words['seed']} {paper.seed}" if paper.seed is not None else ""
    return as_svg(environment(context.templates).get_template(f"exam/{kind}.html.j2").render(
        paper=paper, questions=views.paper(paper), words=words, **text_settings(context.text_language),
        languages=languages or {}, direction=text_direction, heading=heading, version=__version__,
        bank_title=context.title, date=printed_date.isoformat(),
        top_right=" · ".join(filter(None, (heading, variant))),
        footer_right=" · ".join(filter(None, (variant, seed))),
        code_css=code_stylesheet(PRINT_STYLE, (".qgen-code",)),
        answer_lines=answer_lines, longer_than_a_page=partial(longer_than_a_page, kind=kind),
        levels=list(zip(LEVELS, words["levels"].split())), answer_grid=context.answer_grid,
        fillable=any(q.closed for q in paper.questions),
    ))


def render_pdfs(documents: list[tuple[str, str]], markup: MarkupRenderer, source: str, jobs: int = 1,
                progress=None, meanwhile=None) -> tuple[list[tuple[bytes, int]], list[Finding]]:
    """(file name, HTML) of each document -> (PDF bytes, page count). WeasyPrint's layout is
    most of a paper's time and the documents are independent, so they render in up to
    ``jobs`` processes (``meanwhile``: other work for this one). Only images the markup
    renderer accepted can be loaded; what WeasyPrint warns about becomes a finding, returned
    with the PDFs."""
    side_by_side = processes_for(len(documents), jobs) > 1
    if progress and side_by_side:
        progress(f"rendering {len(documents)} PDFs side by side", 0, len(documents))

    laid_out_here = []  # the documents this process has rendered in this call

    def task(index: int, name: str, html: str):
        def render():
            if progress and not side_by_side:
                progress(f"rendering {name}", index, len(documents))
            if laid_out_here:
                # A laid-out document is a web of cycles (boxes point to their parents) that
                # the collector reaches late on a large heap: with many papers in one
                # process, memory grew with each. Free the last one first.
                gc.collect()
            laid_out_here.append(index)
            return _render_pdf(html, markup)
        return render

    results = run_tasks([task(index, name, html) for index, (name, html) in enumerate(documents)], jobs, meanwhile)
    findings = [Finding(source, None, "warning", "pdf", message) for _, _, messages in results for message in messages]
    return [(data, pages) for data, pages, _ in results], findings


def _render_pdf(html: str, markup: MarkupRenderer) -> tuple[bytes, int, list[str]]:
    """(PDF bytes, page count, WeasyPrint's warnings) of one document."""
    import weasyprint

    messages: list[str] = []
    handler = _ListHandler(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, base_url=MEDIA_BASE,
                                   url_fetcher=_restricted_fetcher(markup))
        rendered = document.render()
        return (rendered.write_pdf(pdf_identifier=b"qgen", finisher=_radio_buttons_as_widgets), len(rendered.pages),
                list(dict.fromkeys(messages)))
    except OSError as error:
        raise RenderError(f"PDF rendering failed: {error}") from None
    finally:
        logger.removeHandler(handler)


_RADIO = 1 << 15  # a button field's flag (Ff) for a radio group


def _radio_buttons_as_widgets(document, pdf) -> None:
    """WeasyPrint names each radio button after its group (``/T`` on the button), which makes
    every button a field of its own: Chrome's and Edge's viewer then keeps the choice on the
    first button, not on the group where every reader (``qgen score`` too) looks for it. Each
    button becomes a widget of its group alone, as the PDF specification has radio buttons."""
    for group in pdf.objects:
        if isinstance(group, dict) and "Kids" in group and int(group.get("Ff", 0)) & _RADIO:
            for reference in group["Kids"]:
                button = pdf.objects[int(reference.split()[0])]
                for key in ("T", "TU", "FT"):
                    button.pop(key, None)


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record):
        self.messages.append(record.getMessage())


def _restricted_fetcher(markup: MarkupRenderer):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    media = {f"{MEDIA_BASE}{m.name}": m.path for m in markup.media.values()}

    class RestrictedFetcher(URLFetcher):
        """Serves the bank's own images and refuses every other address."""

        def fetch(self, url, headers=None):
            path = media.get(url)
            if path is None:
                raise ValueError(f"qgen loads nothing from outside the bank: {url}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    return RestrictedFetcher()


# -- fonts ------------------------------------------------------------------------------

PrintedText = tuple[str, "int | None", str]  # (source, line of its first line or None, text)


def check_fonts(texts: list[PrintedText]) -> list[Finding]:
    """Fail when the CJK font is missing for CJK text, or when no installed font has the
    letters of another script (Thai, Devanagari, …); warn for other uncovered characters.
    Each names the file and line of the first character it is about."""
    needed = {c for _, _, text in texts for c in text if not c.isspace() and ord(c) > 0x7F}
    if not needed:
        return []
    covered = _cjk_font_coverage()
    missing = sorted(c for c in needed if ord(c) not in covered and unicodedata.category(c)[0] != "C")
    wide = [c for c in missing if unicodedata.east_asian_width(c) in "WF" and not _is_symbol(c)]
    if wide:
        raise RenderError(
            f"no installed font covers the Chinese text to print ({''.join(wide[:10])}…); "
            f"install Debian's {CJK_FONT_PACKAGE} (apt-get install {CJK_FONT_PACKAGE}), "
            "or run 'make build', which installs it", *_place_of(wide, texts))
    bare = _in_no_font([c for c in missing if unicodedata.category(c)[0] in "LMN"])
    if bare:
        letters = [c for c in bare if unicodedata.category(c)[0] == "L"] or bare
        script = unicodedata.name(letters[0], "").split(" ")[0].title()
        raise RenderError(
            f"no installed font covers the {script} text to print ({''.join(letters[:10])}…), which would print as "
            f"boxes; install Debian's {SCRIPTS_FONT_PACKAGE} (apt-get install {SCRIPTS_FONT_PACKAGE})",
            *_place_of(letters, texts))
    if missing:
        return [Finding(*_place_of(missing, texts), "warning", "font-coverage",
                        f"{CJK_FONT_FAMILY} has no glyph for {''.join(missing[:20])}; "
                        "another installed font may stand in, or they print as boxes")]
    return []


def _place_of(chars: list[str], texts: list[PrintedText]) -> tuple[str, int | None]:
    """The file and line of the first of ``chars`` in the texts: the line of the file, from
    the text's own, that holds it (the text's line when the file cannot be read again)."""
    wanted = set(chars)
    source, line = next(((source, line) for source, line, text in texts if wanted & set(text)), (texts[0][0], None))
    if line is None:
        return source, None
    try:
        lines = decode_bank(Path(source).read_bytes(), source).split("\n")
    except (OSError, SourceError):
        return source, line
    return source, next((number for number in range(line, len(lines) + 1) if wanted & set(lines[number - 1])), line)


def _in_no_font(letters: list[str]) -> list[str]:
    """The letters no installed font has, as fontconfig says: one question for each block of
    128 code points (a font that has them all), then one for each letter where none has."""
    bare = []
    for _, block in groupby(sorted(letters), key=lambda c: ord(c) >> 7):
        block = list(block)
        if _fonts_with(block) is False:
            bare += [c for c in block if len(block) == 1 or _fonts_with([c]) is False]
    return bare


def _fonts_with(chars: list[str]) -> bool | None:
    """Whether some installed font has every one of ``chars`` (None: fc-list cannot run)."""
    try:
        found = subprocess.run(["fc-list", ":charset=" + " ".join(f"{ord(c):x}" for c in chars), "family"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return bool(found.stdout.strip()) if found.returncode == 0 else None


def _is_symbol(char: str) -> bool:
    """Emoji and other wide symbols (✅, ★, 🚀): no CJK font has them all, and none of them is
    Chinese text; a missing one is a warning, not a missing font."""
    return unicodedata.category(char)[0] == "S" or ord(char) >= 0x1F000


def cjk_font_match() -> tuple[str, str] | None:
    """(family, file) of the font fontconfig picks for Noto Sans CJK SC, which may be another
    font when it is not installed; None when fontconfig's fc-match cannot run."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", CJK_FONT_FAMILY],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    family, _, path = found.stdout.partition("\n")
    return (family, path) if found.returncode == 0 else ("", "")


@lru_cache(maxsize=1)
def _cjk_font_coverage() -> frozenset[int]:
    """Code points of the font fontconfig picks for Noto Sans CJK SC (empty when none)."""
    family, path = cjk_font_match() or ("", "")
    if "CJK" not in family or not Path(path).is_file():
        return frozenset()
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        font = TTCollection(path, lazy=True).fonts[0]
    else:
        font = TTFont(path, lazy=True)
    return frozenset(font.getBestCmap())


def harfbuzz_subset_missing() -> Finding | None:
    """WeasyPrint subsets fonts with fontTools, about 8x slower, without this library."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return None
    return Finding("qgen", None, "warning", "slow-fonts",
                   f"libharfbuzz-subset is not installed: PDFs take about 8x longer; "
                   f"install Debian's {HARFBUZZ_SUBSET_PACKAGE}")
