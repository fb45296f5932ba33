"""Independent pieces of a build (the pieces of a long file, shares of a deck's notes, the
PDFs of a paper set) run in forked processes, so that a large build uses the machine's processors.

Workers are forked, so they inherit everything the tasks need (text, banks, renderer, templates)
and nothing is pickled on the way in; only results come back. The tasks are a queue: this
process runs the first, then takes from the back while the workers take from the front. A
task whose worker failed or died runs again here, so that its error is raised exactly as it
would be without workers.
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
    other work for this process, done once the workers have started. The tasks are a
    queue: workers take them from the front, this process the first and then from the
    back, so that all finish at about the same time."""
    processes = processes_for(len(tasks), processes)
    if processes <= 1:
        if meanwhile:
            meanwhile()
        return [task() for task in tasks]
    import multiprocessing  # only a build that uses workers pays for these imports
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    queue = _TaskQueue(context, len(tasks))
    # A worker's results come through a pipe 64 KiB at a time, each read by a thread that
    # must wait for this busy process to let it run: let it in more often.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0005))
    with ProcessPoolExecutor(processes - 1, mp_context=context, initializer=_adopt, initargs=(tasks, queue)) as pool:
        try:
            try:
                workers = [pool.submit(_work_through_queue) for _ in range(processes - 1)]
            except OSError:  # no process could be started (memory, process limit): do it all here
                pool.shutdown(wait=False, cancel_futures=True)
                return run_tasks(tasks, 1, meanwhile)
            if meanwhile:
                meanwhile()
            results = {0: tasks[0]()}
            while (index := queue.take_last()) is not None:
                results[index] = tasks[index]()
            for worker in workers:
                try:
                    results.update(worker.result())
                except BrokenProcessPool:  # a worker died (killed, out of memory)
                    pass
            # What a worker failed at, or took and never finished, runs here: its error is
            # then raised as it would be without workers.
            for index in range(len(tasks)):
                if index not in results:
                    results[index] = tasks[index]()
        except BaseException:  # an error or Ctrl-C here: the workers' work is not wanted
            pool.shutdown(wait=False, cancel_futures=True)
            for child in multiprocessing.active_children():
                child.terminate()
                child.join(5)
            raise
        finally:
            sys.setswitchinterval(switch_interval)
    return [results[index] for index in range(len(tasks))]


class _TaskQueue:
    """The indexes of the tasks not yet taken, 1 to n - 1, shared with forked workers.
    None means nothing is left to take, or the lock was never released (its holder was
    killed): what nobody finished then runs in the main process."""

    def __init__(self, context, count: int):
        self._lock = context.Lock()
        self._first = context.RawValue("i", 1)
        self._last = context.RawValue("i", count - 1)

    def take_first(self) -> int | None:
        return self._take(self._first, 1)

    def take_last(self) -> int | None:
        return self._take(self._last, -1)

    def _take(self, end, step: int) -> int | None:
        if not self._lock.acquire(timeout=10):
            return None
        try:
            if self._first.value > self._last.value:
                return None
            end.value += step
            return end.value - step
        finally:
            self._lock.release()


def in_worker(parent_pid: int) -> bool:
    """Whether this code runs in a worker forked from ``parent_pid``."""
    return os.getpid() != parent_pid


_adopted: tuple = ([], None)  # in a forked worker: the tasks and their queue


def _adopt(tasks, queue) -> None:
    global _adopted
    _adopted = (tasks, queue)
    # Ctrl-C is the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work_through_queue() -> dict:
    """The results of the tasks this worker took from the queue and finished."""
    tasks, queue = _adopted
    results = {}
    while (index := queue.take_first()) is not None:
        try:
            results[index] = tasks[index]()
        except Exception:  # noqa: BLE001 - the parent runs the task again and raises its error
            pass
    return results
