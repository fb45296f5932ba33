"""Independent pieces of a build (the pieces of a long file, shares of a deck's notes, the
PDFs of a paper set) run in forked processes, so that a large build uses the machine's processors.

Workers are forked, so they inherit everything the tasks need (text, banks, renderer, templates)
and nothing is pickled on the way in; only results come back. The first task runs in this
process while the workers run the others. A task whose worker failed or died runs again
here, so that its error is raised exactly as it would be without workers.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Callable, TypeVar

T = TypeVar("T")

# Forking a process that has loaded system libraries is well defined on Linux; elsewhere
# Python itself prefers fresh processes, which would have to import and read everything again.
CAN_FORK = sys.platform.startswith("linux")


def usable_processors() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes_for(tasks: int, jobs: int) -> int:
    """How many processes ``tasks`` independent tasks get with ``jobs`` allowed."""
    return max(1, min(jobs, tasks)) if CAN_FORK else 1


def run_tasks(tasks: list[Callable[[], T]], processes: int, meanwhile: Callable[[], None] | None = None) -> list[T]:
    """Each task's result, in order, using up to ``processes`` processes. ``meanwhile`` is
    other work for this process, done once the workers have started."""
    processes = processes_for(len(tasks), processes)
    if processes <= 1:
        if meanwhile:
            meanwhile()
        return [task() for task in tasks]
    import multiprocessing  # only a build that uses workers pays for these imports
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(processes - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_adopt, initargs=(tasks,)) as pool:
        try:
            try:
                pending = [pool.submit(_run_adopted, index) for index in range(1, len(tasks))]
            except OSError:  # no process could be started (memory, process limit): do it all here
                pool.shutdown(wait=False, cancel_futures=True)
                return run_tasks(tasks, 1, meanwhile)
            if meanwhile:
                meanwhile()
            results = [tasks[0]()]
            for index, future in enumerate(pending, start=1):
                try:
                    done, result = future.result()
                except BrokenProcessPool:  # the worker died (killed, out of memory)
                    done, result = False, None
                results.append(result if done else tasks[index]())
        except BaseException:  # an error or Ctrl-C here: the workers' work is not wanted
            pool.shutdown(wait=False, cancel_futures=True)
            for child in multiprocessing.active_children():
                child.terminate()
                child.join(5)
            raise
    return results


def in_worker(parent_pid: int) -> bool:
    """Whether this code runs in a worker forked from ``parent_pid``."""
    return os.getpid() != parent_pid


_adopted_tasks: list = []  # in a forked worker: the tasks it may be given


def _adopt(tasks) -> None:
    global _adopted_tasks
    _adopted_tasks = tasks
    # Ctrl-C is the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_adopted(index: int):
    try:
        return True, _adopted_tasks[index]()
    except Exception:  # noqa: BLE001 - the parent runs the task again and raises its error
        return False, None
