"""The deck's package: genanki's collection in a scratch SQLite file, filled a note at a time,
then zipped by hand with the media so that the same notes give the same bytes."""

from __future__ import annotations

import io
import itertools
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import genanki

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class ScratchCollection:
    """genanki's collection in a scratch file, filled a note at a time, then zipped with
    the media into the .apkg bytes. Each note and its card carry the note's own
    modification time."""

    def __init__(self, path: Path, base_time: int):
        self._path = path
        self._base_time = base_time
        self._ids = itertools.count(base_time * 1000)
        self._connection: sqlite3.Connection | None = None

    def open(self, decks: list[genanki.Deck], model_times: dict[int, int]) -> None:
        """The collection with its decks and note types (the decks hold no notes yet), each
        note type with its own modification time (``model_times`` by id): Anki takes a note
        type's new cards and style on import only when its time is later than its own."""
        self._connection = sqlite3.connect(self._path)
        self._cursor = self._connection.cursor()
        # A scratch file, zipped once written: a crash loses nothing worth a journal or a sync.
        self._cursor.execute("PRAGMA journal_mode = OFF")
        self._cursor.execute("PRAGMA synchronous = OFF")
        genanki.Package(decks).write_to_db(self._cursor, self._base_time, self._ids)
        (models,) = self._cursor.execute("SELECT models FROM col").fetchone()
        models = json.loads(models)
        for model_id, mod in model_times.items():
            models[str(model_id)]["mod"] = mod
        self._cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))

    def add(self, note: genanki.Note, deck_id: int, mod: int) -> None:
        note.write_to_db(self._cursor, mod, deck_id, self._ids)

    def package(self, media) -> bytes:
        """The .apkg bytes; the collection and the images go into the archive straight
        from their files, never whole into memory."""
        self._connection.commit()
        self.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            _add(archive, "collection.anki2", self._path)
            _add(archive, "media", json.dumps({str(i): m.name for i, m in enumerate(media)}).encode())
            for index, item in enumerate(media):
                _add(archive, str(index), item.path)
        return buffer.getvalue()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _add(archive: zipfile.ZipFile, name: str, content: bytes | Path) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with archive.open(info, "w") as entry:
        if isinstance(content, bytes):
            entry.write(content)
        else:
            with content.open("rb") as source:
                shutil.copyfileobj(source, entry, 1 << 20)
