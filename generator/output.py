"""Writing output files so that a failed or interrupted build never leaves a half-written
file in place of a good one: write beside the target, then rename over it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RenderError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; the old file stays if anything fails."""
    path = Path(path)
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
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise RenderError(f"cannot write: {error.strerror}", str(path)) from None
        raise
