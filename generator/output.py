"""Writing output files so that a failed or interrupted build never leaves a half-written
file in place of a good one: every file is written beside its target first, and only
when all of them are complete are they renamed over the old ones."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from pathlib import Path

from .errors import RenderError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; the old file stays if anything fails."""
    write_all_atomic([(Path(path), data)])


def write_all_atomic(outputs: list[tuple[Path, bytes]]) -> None:
    """All files or none: temporary files first, then the renames in a row with Ctrl-C
    held back, so an interrupted build leaves the earlier outputs as they were."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            written.append((_write_temporary(Path(path), data), Path(path)))
        with _interrupts_deferred():
            for temporary, path in written:
                os.replace(temporary, path)
    except BaseException as error:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise RenderError(f"cannot write: {error.strerror}", error.filename or str(outputs[0][0])) from None
        raise


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
    """Hold SIGINT until the block is done, then raise KeyboardInterrupt if one came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []
    previous = signal.signal(signal.SIGINT, lambda *args: received.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
