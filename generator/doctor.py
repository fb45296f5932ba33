"""``qgen doctor``: is everything the outputs need installed? Each check says ok or what
to install."""

from __future__ import annotations

import ctypes.util
import importlib
import platform
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    optional: bool = False


def run_checks() -> list[Check]:
    return [_python(), _weasyprint(), _pango(), _harfbuzz_subset(), _cjk_font(), _genanki(), _anki()]


def _python() -> Check:
    ok = sys.version_info >= (3, 10)
    return Check("Python", ok, platform.python_version() + ("" if ok else ": qgen needs 3.10 or newer"))


def _weasyprint() -> Check:
    try:
        weasyprint = importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:
        return Check("WeasyPrint", False, f"cannot be imported ({error}); reinstall qgen: make build")
    return Check("WeasyPrint", True, weasyprint.__version__)


def _pango() -> Check:
    try:
        from weasyprint.text.ffi import pango
    except (ImportError, OSError) as error:
        return Check("Pango", False, f"not found ({error}); install Debian's libpango-1.0-0")
    version = pango.pango_version()  # e.g. 15012 for 1.50.12
    ok = version >= 14400
    text = f"{version // 10000}.{version // 100 % 100}.{version % 100}"
    return Check("Pango", ok, text if ok else f"{text}: WeasyPrint needs 1.44 or newer")


def _harfbuzz_subset() -> Check:
    found = ctypes.util.find_library("harfbuzz-subset")
    return Check("HarfBuzz subset library", bool(found),
                 found or "missing: PDFs take about 8x longer; install Debian's libharfbuzz-subset0",
                 optional=True)


def _cjk_font() -> Check:
    from .renderers.pdf import CJK_FONT_PACKAGE, cjk_font_match

    match = cjk_font_match()
    if match is None:
        return Check("CJK font", False, "fontconfig's fc-match is missing; install Debian's fontconfig")
    picked = f"{match[0]} ({match[1]})" if match[0] else "nothing"
    ok = "CJK" in match[0]
    return Check("CJK font", ok, picked if ok else
                 f"no Noto CJK font (fontconfig picks {picked}); install Debian's {CJK_FONT_PACKAGE}")


def _genanki() -> Check:
    try:
        genanki = importlib.import_module("genanki")
    except ImportError:
        return Check("genanki", False, "cannot be imported; reinstall qgen: make build")
    return Check("genanki", True, getattr(genanki, "__version__", "installed"))


def _anki() -> Check:
    try:
        anki = importlib.import_module("anki.buildinfo")
    except ImportError:
        return Check("anki (for the tests)", False, "not installed; make test installs it", optional=True)
    return Check("anki (for the tests)", True, anki.version)
