"""Writing output files so that a failed or interrupted build never leaves a half-written
file in place of a good one: every file is written beside its target first, and only
when all of them are complete are they renamed over the old ones."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
import threading
from pathlib import Path

from . import interrupts
from .errors import RenderError


JOURNAL = ".qgen-swap.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; the old file stays if anything fails."""
    write_all_atomic([(Path(path), data)])


def write_all_atomic(outputs: list[tuple[Path, bytes]], remove: list[Path] = (), journal: Path | None = None) -> None:
    """All files or none: temporary files first, then a swap with Ctrl-C held back. The old
    files are set aside, the new ones put in and the files in ``remove`` set aside too;
    if any step fails, everything done is undone and the folder holds the old files. With
    a ``journal``, a swap cut short by a kill is undone by ``recover`` on the next run."""
    for path in [*(path for path, _ in outputs), *remove]:
        if Path(path).is_dir():
            raise RenderError("is a folder; an output needs a file name here", str(path))
    written: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            written.append((_write_temporary(Path(path), data), Path(path)))
        with _interrupts_deferred():
            interrupts.raise_if_stopped()
            _swap(written, [Path(path) for path in remove], journal)
    except BaseException as error:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise RenderError(f"cannot write: {error.strerror}", error.filename or str(outputs[0][0])) from None
        raise


def _swap(written: list[tuple[str, Path]], remove: list[Path], journal: Path | None) -> None:
    moves: list[tuple[Path, str | None, bool]] = []  # (target, where the old file went, new file placed)
    plan = [(target, _aside_name(target)) for _, target in written] + [(target, _aside_name(target))
                                                                        for target in remove]
    if journal:
        _write_journal(journal, plan)
    current = None
    try:
        for (temporary, target), (_, aside) in zip(written, plan):
            current = target
            moves.append((target, _set_aside(target, aside), False))
            os.replace(temporary, target)
            moves[-1] = (target, moves[-1][1], True)
        for target, aside in plan[len(written):]:
            current = target
            moves.append((target, _set_aside(target, aside), False))
    except OSError as error:
        _undo(moves)
        if journal:
            with contextlib.suppress(OSError):
                os.unlink(journal)
        raise RenderError(f"cannot replace it: {error.strerror}; every earlier output was kept as it was",
                          str(current)) from None
    if journal:
        with contextlib.suppress(OSError):
            os.unlink(journal)
    for _, aside, _ in moves:
        if aside:
            with contextlib.suppress(OSError):
                os.unlink(aside)


def _aside_name(target: Path) -> str:
    return str(target.with_name(f".{target.name}.{os.getpid()}.old"))


def _set_aside(target: Path, aside: str) -> str | None:
    """Move an existing file out of the way (None when there is none)."""
    try:
        os.replace(target, aside)
    except FileNotFoundError:
        return None
    return aside


def _undo(moves: list[tuple[Path, str | None, bool]]) -> None:
    for target, aside, placed in reversed(moves):
        with contextlib.suppress(OSError):
            if placed:
                os.unlink(target)
            if aside:
                os.replace(aside, target)


def _write_journal(journal: Path, plan: list[tuple[Path, str]]) -> None:
    """What the swap is about to do, so that a killed swap can be undone; written before the
    first rename and removed after the last."""
    data = json.dumps([[str(target), aside, target.exists()] for target, aside in plan]).encode("utf-8")
    temporary = _write_temporary(journal, data)
    os.replace(temporary, journal)


def recover(folder: Path, journal_name: str = JOURNAL) -> list[Path]:
    """Undo a swap that a kill cut short (the old files come back, new ones go), and remove
    the temporary files an interrupted run left; returns the files restored."""
    restored = []
    journal = folder / journal_name
    try:
        plan = json.loads(journal.read_text("utf-8"))
    except (OSError, ValueError):
        plan = []
    if isinstance(plan, list):
        for entry in plan:
            if not (isinstance(entry, list) and len(entry) == 3):
                continue
            target, aside, existed = Path(str(entry[0])), str(entry[1]), bool(entry[2])
            if os.path.exists(aside):
                with contextlib.suppress(OSError):
                    os.replace(aside, target)
                    restored.append(target)
            elif not existed:
                with contextlib.suppress(OSError):
                    os.unlink(target)
    with contextlib.suppress(OSError):
        os.unlink(journal)
    for leftover in [*folder.glob(".*.part"), *folder.glob(".*.old")]:
        with contextlib.suppress(OSError):
            leftover.unlink()
    return restored


@contextlib.contextmanager
def folder_lock(folder: Path, waiting=None):
    """One build at a time per output folder: a second one waits (``waiting`` is called
    once when it has to) instead of interleaving its files with the first one's. The lock
    is on the folder itself; a folder made for a build that then wrote nothing goes again."""
    import fcntl

    if folder.exists() and not folder.is_dir():
        from .errors import UsageError

        raise UsageError(f"{folder} is a file, not a folder; give --out a folder")
    made = not folder.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise RenderError(f"cannot write into this folder: {error.strerror}", str(folder)) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty


def _write_temporary(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise RenderError(f"cannot write here: {error.strerror}", str(path.parent)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise RenderError(f"cannot write: {error.strerror}", str(path)) from None
        raise
    return temporary


@contextlib.contextmanager
def _interrupts_deferred():
    """Hold SIGINT and SIGTERM until the block is done, then raise KeyboardInterrupt if one
    came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []
    previous = {number: signal.signal(number, lambda *args: (received.append(True), interrupts.remember()))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise KeyboardInterrupt
