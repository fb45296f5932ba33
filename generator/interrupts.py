"""Ctrl-C and SIGTERM stop a command, and a stop is never lost.

Python raises KeyboardInterrupt once, wherever the program is at that moment; raised inside
a library's catch-all or a finalizer it is lost (a build interrupted while WeasyPrint loaded
went on to write its outputs and exit 0). So the request is also remembered, and the build
checks it again between its long steps and before it writes anything. Raised inside a
finalizer or a C library's callback, Python prints it as "Exception ignored … Traceback"
and goes on: that report is left out, the stop being remembered.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

_stop_requested = threading.Event()  # cleared when a command starts


def stop(number=None, frame=None):
    """The handler of SIGINT and SIGTERM."""
    remember()
    raise KeyboardInterrupt


def remember() -> None:
    """A stop was asked for (also by a handler that holds it back for a moment)."""
    _stop_requested.set()


@contextlib.contextmanager
def stops_handled():
    """Ctrl-C and SIGTERM stop the command run inside; the handlers and the report of
    unraisable exceptions are put back afterwards."""
    _stop_requested.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    report = sys.unraisablehook

    def unless_a_stop(unraisable) -> None:
        if not (unraisable.exc_type and issubclass(unraisable.exc_type, KeyboardInterrupt)):
            report(unraisable)

    sys.unraisablehook = unless_a_stop
    try:
        yield
    finally:
        sys.unraisablehook = report
        for number, handler in handlers.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def held():
    """Ctrl-C and SIGTERM are remembered, not raised, until the block inside is done, and
    stop the command then: raised inside the hooks a fork runs, a stop leaves a lock half
    taken (which Python reports with a traceback), or reaches the new worker before it has
    handlers of its own. Python runs signal handlers in the main thread, whichever thread
    the signal reaches."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {number: signal.signal(number, _remember) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    raise_if_stopped()


def _remember(number=None, frame=None) -> None:
    remember()


def raise_if_stopped() -> None:
    """KeyboardInterrupt when a stop was asked for, even if the first one was lost."""
    if _stop_requested.is_set():
        raise KeyboardInterrupt
