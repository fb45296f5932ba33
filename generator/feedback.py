"""What a long build shows while it runs: a bar redrawn in place on a terminal, plain lines
in a log, nothing with --quiet."""

from __future__ import annotations

import sys
import time


class Feedback:
    """Progress for long steps: a bar redrawn in place on a terminal, plain lines
    otherwise (logs, CI), nothing with --quiet; --verbose adds the time of each step."""

    def __init__(self, quiet: bool, verbose: bool, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._last_line = ""

    def progress(self, what: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.tty:
            width = 24
            filled = width * done // max(total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what}\033[K")
            self.stream.flush()
            self._last_line = what
        elif (what != self._last_line and done < total) or self.verbose:
            elapsed = f" at {time.perf_counter() - self.started:.1f} s" if self.verbose else ""
            print(f"{what} ({done}/{total}){elapsed}", file=self.stream)
            self._last_line = what

    def done(self) -> None:
        """Clear the bar so the summary starts on a clean line."""
        if self.tty and self._last_line and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()
