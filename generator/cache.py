"""A content-addressed cache in ``<out>/.qgen-cache`` so that a rebuild costs what changed.

Three things are kept: each bank as read (keyed by its bytes, its path and qgen's code),
the HTML of the Markdown the last build rendered (``HtmlStore``), and a record of the last
build: the fingerprint of everything the outputs were made from (qgen's code and libraries,
the templates, the banks, the options, the printed date), the size and modification time of
every output and of every image the banks show (or looked for and did not find), and the
findings it gave. A build whose fingerprint matches and whose outputs are all still there,
unmodified, is reused as a whole; anything else renders again, taking the HTML of what did
not change from the store. Records are JSON: the cache never runs code it reads.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from . import __version__
from .model import Bank, CodeBlock, ExtraSection, Finding, Option, Part, Point, Question, Span
from .output import write_all_atomic

CACHE_FOLDER = ".qgen-cache"
PACKAGE = Path(__file__).resolve().parent


# The libraries whose versions an output depends on (their distributions' names, normalised).
LIBRARIES = ("cssselect2", "fonttools", "genanki", "jinja2", "markdown_it_py", "markupsafe", "mdit_py_plugins",
             "pydyf", "pygments", "pyphen", "pyyaml", "tinycss2", "weasyprint")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """qgen's version, the bytes of every module of the package and the installed versions
    of its libraries, so that an edited or upgraded qgen, or an upgraded Markdown parser or
    highlighter, never keeps outputs, banks or HTML made by other code (about 1 ms)."""
    return digest(__version__, [(str(p.relative_to(PACKAGE)), hashlib.sha256(p.read_bytes()).hexdigest())
                                for p in sorted(PACKAGE.rglob("*.py"))], libraries_state())


def libraries_state() -> list[str]:
    """The ``name-version.dist-info`` folders of qgen's libraries, where markdown-it-py is
    installed: a folder listing (``importlib.metadata`` takes 70 ms for the same)."""
    import markdown_it

    folder = Path(markdown_it.__file__).resolve().parent.parent
    return sorted(p.name for p in folder.glob("*.dist-info")
                  if p.name.split("-")[0].lower().replace(".", "_") in LIBRARIES)


def digest(*parts) -> str:
    """SHA-256 of JSON-encoded parts: a key that changes when any part changes."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode(
        "utf-8", "surrogatepass")).hexdigest()


def file_state(path: Path) -> list | None:
    """Size and modification time of a file, or None when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def templates_state(*folders: Path | None) -> str:
    return digest([(str(p), p.read_bytes().hex()) for folder in folders if folder
                   for p in sorted(Path(folder).rglob("*")) if p.is_file()])


LINE_FRAGMENTS = 500  # fragments in a line of the HTML store's files


class HtmlStore:
    """The HTML of every Markdown fragment a build rendered whose HTML depends on its text
    alone (no image, link definition, footnote or warning), kept for the next build, so
    that after an edit only what changed is rendered again. One file per set of renderer
    settings (Moodle's HTML differs from the deck's), keyed by qgen's code too; each build
    keeps only the fragments it used.

    It earns its place on an edit: one answer of a 2,000-question bank changed, the deck, JSON
    and study page rebuild in 3.39 s against 4.82 s with nothing kept (32% less; medians of
    three interleaved pairs), and a first build takes no longer (5.05 s against 5.40 s for the
    deck alone). What is left is mostly reading the edited file again."""

    def __init__(self, folder: Path):
        self.folder = folder / "html"
        self._renderers: list = []

    def attach(self, renderer, settings) -> tuple[dict, dict]:
        """The stored (block, inline) HTML by Markdown text for a renderer with these
        settings; what it renders is kept by ``save``."""
        self._renderers.append((renderer, settings))
        return read_html_file(self._path(settings))

    def save(self) -> None:
        """A line of JSON for every few hundred fragments, written as it goes: the store of a
        10,000-question deck is about 40 MB, which encoded as one document took the deck's
        peak from 390 to 518 MB."""
        kept: dict[Path, tuple[dict, dict]] = {}
        for renderer, settings in self._renderers:
            blocks, inline = kept.setdefault(self._path(settings), ({}, {}))
            more_blocks, more_inline = renderer.html_by_text()
            blocks.update(more_blocks)
            inline.update(more_inline)
        if not kept:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, (blocks, inline) in kept.items():
            partial = path.with_suffix(".partial")
            with open(partial, "w", encoding="utf-8", errors="surrogatepass") as handle:
                for kind, fragments in (("block", blocks), ("inline", inline)):
                    items = list(fragments.items())
                    for start in range(0, len(items), LINE_FRAGMENTS):
                        handle.write(json.dumps([kind, items[start:start + LINE_FRAGMENTS]], ensure_ascii=False) + "\n")
            partial.replace(path)
        for stale in self.folder.iterdir():
            if stale not in kept:
                stale.unlink()

    def _path(self, settings) -> Path:
        return self.folder / f"{digest(code_digest(), settings)[:32]}.jsonl"


def read_html_file(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(block, inline) HTML by Markdown text from a file of the store; nothing from one
    that is missing or damaged."""
    blocks: dict[str, str] = {}
    inline: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8", errors="surrogatepass") as handle:
            for line in handle:
                kind, items = json.loads(line)
                (blocks if kind == "block" else inline).update(items)
    except (OSError, ValueError, TypeError):
        return {}, {}
    return blocks, inline


class BuildCache:
    def __init__(self, out: Path):
        self.folder = out / CACHE_FOLDER
        self.html = HtmlStore(self.folder)
        self.source_digests: dict[str, str] = {}  # SHA-256 of each bank file read in this build
        self._pending: list[tuple[Path, bytes]] = []
        self._banks_to_encode: list[tuple[Path, Bank]] = []
        self._used_banks: set[str] = set()

    # -- banks -----------------------------------------------------------------------------

    def bank_key(self, source: str, data: bytes) -> str:
        """The key of a bank's bytes; also remembers their SHA-256 for the build fingerprint."""
        self.source_digests[source] = hashlib.sha256(data).hexdigest()
        key = digest(code_digest(), source, self.source_digests[source])
        self._used_banks.add(key)
        return key

    def load_bank(self, key: str) -> Bank | None:
        try:
            return bank_from_record(json.loads((self.folder / "banks" / f"{key}.json").read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store_bank(self, key: str, bank: Bank) -> None:
        """Keep a bank read in this build; it is encoded by ``encode_banks`` or ``save``."""
        self._banks_to_encode.append((self.folder / "banks" / f"{key}.json", bank))

    def encode_banks(self) -> None:
        """Encode the banks to keep, at a moment the caller chooses (a large deck's workers
        render meanwhile): a tenth of a second for every thousand questions."""
        self._pending += [(path, _json(bank_to_record(bank))) for path, bank in self._banks_to_encode]
        self._banks_to_encode = []

    # -- whole builds ----------------------------------------------------------------------

    def reusable_build(self, fingerprint: str) -> dict | None:
        """The last build's record when it had this fingerprint and its outputs are intact."""
        try:
            record = json.loads((self.folder / "build.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if record.get("fingerprint") != fingerprint:
            return None
        for name, state in record.get("files", {}).items():
            if file_state(Path(name)) != state:  # an image the bank shows changed, came or went
                return None
        for name, state in record.get("outputs", {}).items():
            if file_state(Path(name)) != state:  # an output was edited, replaced or deleted
                return None
        return record

    def stale_outputs(self, outputs: list[Path], stem: str) -> list[Path]:
        """The outputs of this ``stem`` (its other variants, formats no longer asked for)
        that the last build wrote, this one does not, and are still as it left them; another
        bank's outputs in the same folder are its own. A deck's ``.anki.json`` stays: it is
        the memory of the notes' times, which a later deck needs."""
        try:
            record = json.loads((self.folder / "build.json").read_text("utf-8"))
            previous = dict(record["outputs"])
        except (OSError, ValueError, KeyError, TypeError):
            return []
        keep = {str(path) for path in outputs}
        return [Path(name) for name, state in sorted(previous.items())
                if name not in keep and not name.endswith(".anki.json")
                and Path(name).name.startswith((f"{stem}.", f"{stem}-"))
                and isinstance(state, list) and file_state(Path(name)) == state]

    def store_build(self, fingerprint: str, outputs: list[Path], files: set[Path], summary: dict) -> None:
        """Call after the outputs are written. ``files``: the other files the outputs depend
        on (the images the banks show)."""
        record = {"fingerprint": fingerprint, "qgen": __version__,
                  "outputs": {str(path): file_state(path) for path in outputs},
                  "files": {str(path): file_state(path) for path in sorted(files)},
                  **summary}
        self._pending.append((self.folder / "build.json", _json(record)))

    def save(self) -> None:
        """Write what this build learned and forget banks it no longer reads, so the cache
        does not grow with every edit; a cache that cannot be written is only slower."""
        try:
            self.encode_banks()
            write_all_atomic(self._pending)
            for stale in (self.folder / "banks").glob("*.json"):
                if stale.stem not in self._used_banks:
                    stale.unlink()
            self.html.save()
        except Exception:  # noqa: BLE001 - the cache is an optimisation, never a failure
            pass
        self._pending = []


def _json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def bank_to_record(bank: Bank) -> dict:
    """What ``dataclasses.asdict`` gives for a bank, without its deep copies, which took a
    tenth of a large deck's first build."""
    return {**vars(bank), "findings": [vars(f) for f in bank.findings],
            "parts": [vars(p) for p in bank.parts], "spans": [vars(s) for s in bank.spans], "questions": [
        {**vars(q), "extra": [vars(e) for e in q.extra], "code": [vars(c) for c in q.code],
         "points": [vars(p) for p in q.points], "options": [vars(o) for o in q.options]}
        for q in bank.questions]}


def bank_from_record(record: dict) -> Bank:
    questions = tuple(
        Question(**{**q, "extra": tuple(ExtraSection(**e) for e in q["extra"]),
                    "code": tuple(CodeBlock(**c) for c in q["code"]),
                    "tags": tuple(q["tags"]),
                    "section_lines": tuple(tuple(pair) for pair in q["section_lines"]),
                    "points": tuple(Point(**p) for p in q["points"]), "followups": tuple(q["followups"]),
                    "options": tuple(Option(**o) for o in q["options"]), "correct": tuple(q["correct"])})
        for q in record["questions"])
    return Bank(**{**record, "tags": tuple(record["tags"]), "questions": questions,
                   "findings": tuple(Finding(**f) for f in record["findings"]),
                   "parts": tuple(Part(**p) for p in record["parts"]),
                   "spans": tuple(Span(**s) for s in record["spans"]),
                   "link_definitions": tuple(tuple(d) for d in record["link_definitions"]),
                   "footnotes": tuple(tuple(f) for f in record["footnotes"])})


def findings_record(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]


def findings_from_record(records: list[dict]) -> list[Finding]:
    return [Finding(**r) for r in records]
