"""Results and Anki reviews -> how well each question is known, for ``qgen report`` and
for papers drawn around the weak questions.

A question's *strength* is a number from 0 (never right) to 1: the mean, over the results
that scored it, of the share of its points made (or of its level, poor 0 to excellent 1,
when it has no points; the two averaged when it has both), and, from Anki, the share of its
reviews that were not lapses; the mean of the two when both are known. A question with
neither has no strength. A draw around the history takes the weak first, then the questions
never scored, then the ones already known.

Two banks may hold questions with the same id: a question is known by its bank and its id.
A result names the bank (a sheet's by the bank's path in the manifest, a practice file's by
the bank's key); one that names neither (an earlier qgen's) counts for every bank of the
build that has a question with its id.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError, UsageError
from .model import Bank
from .sheets import LEVELS
from .select import Draw
from .sources import project_path

WEAK = 0.6  # a question below this strength is weak (--tag-weak, the report's mark)
QuestionKey = tuple[str, str]  # (its bank's file as the build names it, Question.source; its id)


@dataclass
class Known:
    """What the history says of one question."""

    source: str  # its bank ("" when the history was read without the banks)
    id: str
    attempts: int = 0
    last_seen: str | None = None  # the date of the latest result that has it
    shares: list[float] = field(default_factory=list)  # per scored attempt, 0 to 1
    levels: list[str] = field(default_factory=list)
    missed: Counter = field(default_factory=Counter)  # point label -> times not made
    points_seen: Counter = field(default_factory=Counter)  # point label -> times asked
    reviews: int = 0  # Anki reviews of its notes
    lapses: int = 0
    ease: float | None = None  # mean ease factor of its cards (2.5 is Anki's start)

    @property
    def result_share(self) -> float | None:
        return sum(self.shares) / len(self.shares) if self.shares else None

    @property
    def recall(self) -> float | None:
        return 1 - self.lapses / self.reviews if self.reviews else None

    @property
    def strength(self) -> float | None:
        known = [value for value in (self.result_share, self.recall) if value is not None]
        return sum(known) / len(known) if known else None


@dataclass
class History:
    """Every question the history knows, the papers it saw (newest first) and a digest of
    the files it was read from (recorded in a paper's manifest)."""

    known: dict[QuestionKey, Known]
    papers: list[tuple[str, tuple[QuestionKey, ...]]]  # (date, questions)
    digest: str
    results: int = 0  # result files read

    def weakest(self) -> list[Known]:
        """Questions with a strength, weakest first (ties: more attempts first, then id)."""
        scored = [k for k in self.known.values() if k.strength is not None]
        return sorted(scored, key=lambda k: (k.strength, -k.attempts, k.id, k.source))

    def recent(self, papers: int) -> set[QuestionKey]:
        """The questions of the last ``papers`` papers."""
        return {key for _, keys in self.papers[:papers] for key in keys}


def result_files(places: list[Path]) -> list[Path]:
    """The ``qgen score`` results in these folders (their ``*.json``) and files; a folder
    that does not exist yet holds none."""
    files = []
    for place in places:
        if place.is_dir():
            files.extend(sorted(place.glob("*.json")))
        elif place.exists() or place.suffix == ".json":
            files.append(place)
    return files


def read_history(results: list[Path], manifests: list[Path] = (), anki: Path | None = None,
                 banks: list[Bank] = (), project: str | None = None) -> History:
    """The results in ``results`` (see result_files), the papers of ``manifests`` (the last
    build's), and, with ``anki``, the reviews of the banks' notes in that Anki collection.
    ``project``: the folder that manifests name bank files relative to."""
    known: dict[QuestionKey, Known] = {}
    papers: list[tuple[str, int, tuple[QuestionKey, ...]]] = []
    fingerprint = hashlib.sha256()
    owners = _Owners(banks, project)
    files = result_files(results)
    for path in files:
        record = _load(path, "result (made by qgen score)")
        fingerprint.update(path.name.encode() + b"\0" + path.read_bytes())
        day = str(record.get("date") or "")
        keys = []
        for question in record["questions"]:
            for key in owners.of(question):
                _add_result(known.setdefault(key, Known(*key)), question, day)
                keys.append(key)
        papers.append((day, 0, tuple(keys)))
    for path in manifests:
        manifest = _load(path, "paper manifest")
        fingerprint.update(path.name.encode() + b"\0" + path.read_bytes())
        # The last build's papers are the newest of their day.
        papers.append((str(manifest.get("date") or ""), 1,
                       tuple(key for question in manifest["questions"] for key in owners.of(question))))
    if anki is not None:
        for key, (reviews, lapses, ease) in read_anki_reviews(anki, banks).items():
            entry = known.setdefault(key, Known(*key))
            entry.reviews, entry.lapses, entry.ease = reviews, lapses, ease
            fingerprint.update(f"{key[0]}\0{key[1]}\0{reviews}\0{lapses}\0{ease}".encode())
    papers.sort(key=lambda paper: paper[:2], reverse=True)
    return History(known, [(day, ids) for day, _, ids in papers], fingerprint.hexdigest()[:16], len(files))


class _Owners:
    """Which question of the build a result's or manifest's question is."""

    def __init__(self, banks: list[Bank], project: str | None):
        self.by_path = {project_path(bank.source, project): bank.source for bank in banks}
        self.by_key = {bank.key: bank.source for bank in banks}
        self.by_id: dict[str, list[str]] = {}
        for bank in banks:
            for question in bank.questions:
                sources = self.by_id.setdefault(question.id, [])
                if bank.source not in sources:
                    sources.append(bank.source)

    def of(self, question: dict) -> list[QuestionKey]:
        qid = question["id"]
        path, key = (value if isinstance(value, str) else None for value in (question.get("source"), question.get("bank")))
        source = self.by_path.get(path) or self.by_key.get(key)  # a hand-edited list or number names no bank
        if source:
            return [(source, qid)]
        return [(source, qid) for source in self.by_id.get(qid, [""])]


def _load(path: Path, what: str) -> dict:
    """A result or a manifest, checked as far as the history reads it: its questions, each
    with an id, numbers for its score, a list of points with labels."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", str(path)) from None
    except ValueError as error:
        raise SourceError(f"not JSON: {getattr(error, 'msg', error)}", str(path), getattr(error, "lineno", None)) from None
    questions = record.get("questions") if isinstance(record, dict) else None
    if not isinstance(questions, list) or not all(
            isinstance(q, dict) and isinstance(q.get("id"), str)
            and all(isinstance(q.get(key, 0), (int, float)) and not isinstance(q.get(key, 0), bool)
                    for key in ("score", "max"))
            and isinstance(q.get("points", []), list)
            and all(isinstance(p, dict) and isinstance(p.get("label"), str) for p in q.get("points", []))
            for q in questions):
        raise SourceError(f"not a qgen {what}", str(path))
    return record


def _add_result(entry: Known, question: dict, day: str) -> None:
    entry.attempts += 1
    if day and (entry.last_seen is None or day > entry.last_seen):
        entry.last_seen = day
    level = question.get("level")
    parts = []
    if question.get("max"):
        parts.append(question["score"] / question["max"])
    if level in LEVELS:
        entry.levels.append(level)
        parts.append(LEVELS.index(level) / (len(LEVELS) - 1))
    if parts:
        entry.shares.append(sum(parts) / len(parts))
    for point in question.get("points", []):
        entry.points_seen[point["label"]] += 1
        if not point.get("checked"):
            entry.missed[point["label"]] += 1


def anki_collection(given: str) -> Path:
    """The collection ``--anki`` names: a collection file, a profile's folder, or a profile
    by its name (``--anki "User 1"``) in the folder Anki keeps its profiles in."""
    path = Path(given).expanduser()
    if path.is_dir():
        path = path / "collection.anki2"
    base = anki_base()
    if not path.is_file() and len(Path(given).parts) == 1 and (base / given / "collection.anki2").is_file():
        path = base / given / "collection.anki2"
    if not path.is_file():
        profiles = sorted(p.parent.name for p in base.glob("*/collection.anki2"))
        raise SourceError("no such Anki collection, profile folder or profile" + (
            f" (the profiles in {base}: {', '.join(profiles)})" if profiles else f" (no profile in {base})"), given)
    return path


def anki_base() -> Path:
    """Where Anki keeps its profiles, as Anki itself finds it: ``$ANKI_BASE``, else its
    platform's own folder (``%APPDATA%\\Anki2``, ``~/Library/Application Support/Anki2``,
    ``$XDG_DATA_HOME/Anki2``)."""
    if os.environ.get("ANKI_BASE"):
        return Path(os.environ["ANKI_BASE"]).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Anki2"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Anki2"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "Anki2"


def read_anki_reviews(collection_path: Path, banks: list[Bank]) -> dict[QuestionKey, tuple[int, int, float | None]]:
    """(reviews, lapses, mean ease) per question, from a copy of an Anki collection:
    the reviews of its whole-answer note's and point notes' cards, matched by GUID. The
    collection itself is never opened, so Anki may be running."""
    try:
        from anki.collection import Collection
    except ImportError:
        raise UsageError("reading an Anki collection needs the anki package: pip install anki") from None
    from .renderers.anki import note_guid
    from .renderers.anki_points import point_guid

    if not collection_path.is_file():
        raise SourceError("no such Anki collection", str(collection_path))
    owner = {}
    for bank in banks:
        for question in bank.questions:
            owner[note_guid(bank, question)] = (bank.source, question.id)
            for point in question.points:
                owner[point_guid(bank, question, point)] = (bank.source, question.id)
    found: dict[str, list] = {}
    with tempfile.TemporaryDirectory(prefix="qgen-anki-") as folder:
        copy = Path(folder) / "collection.anki2"
        shutil.copyfile(collection_path, copy)
        journal = collection_path.with_name(collection_path.name + "-wal")
        if journal.is_file():  # Anki is open: its latest reviews are in the write-ahead log
            shutil.copyfile(journal, copy.with_name(copy.name + "-wal"))
        try:
            collection = Collection(str(copy))
        except Exception as error:  # the backend raises its own kinds for a file it cannot open
            raise SourceError(f"cannot open this Anki collection: {error}", str(collection_path)) from None
        try:
            rows = collection.db.all(
                "select n.guid, c.factor, c.lapses, (select count() from revlog r where r.cid = c.id and r.type != 4) "
                "from cards c join notes n on n.id = c.nid")
        finally:
            collection.close()
    for guid, factor, lapses, reviews in rows:
        if guid in owner:
            entry = found.setdefault(owner[guid], [0, 0, []])
            entry[0] += reviews
            entry[1] += lapses
            if factor:
                entry[2].append(factor / 1000)
    return {key: (reviews, lapses, sum(eases) / len(eases) if eases else None)
            for key, (reviews, lapses, eases) in found.items()}


def practice_history(config, banks: list[Bank], stem: str) -> History | None:
    """The history a build draws on, when it asks for one (``--focus``, ``--exclude-recent``,
    ``--tag-weak``): the results folder, the last build's paper manifests, Anki's reviews."""
    if not (config.focus or config.exclude_recent or config.tag_weak):
        return None
    manifests = sorted(config.out.glob(f"{glob.escape(stem)}-paper*-manifest.json")) if config.out.is_dir() else []
    anki = anki_collection(config.anki_collection) if config.anki_collection else None
    return read_history([Path(config.results)], manifests, anki, banks, config.project)


def draw_for(config, history: History | None) -> Draw:
    """The build's settings and history as the draw of its papers."""
    if history is None:
        return Draw(quota=config.quota)
    strength = {key: k.strength for key, k in history.known.items() if k.strength is not None}
    return Draw(strength=strength if config.focus == "weak" else None,
                leave_out=frozenset(history.recent(config.exclude_recent)) if config.exclude_recent else frozenset(),
                quota=config.quota, history=history.digest, weak=WEAK)
