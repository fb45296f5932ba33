"""Independent pieces of a build (the pieces of a long file, shares of a deck's notes, the
PDFs of a paper set) run in forked processes, so that a large build uses the machine's processors.

Workers are forked, so they inherit everything the tasks need (text, banks, renderer, templates)
and nothing is pickled on the way in; only results come back, each as soon as it is done.
Every process takes the next task when it is free. A task whose worker failed or died runs
again here, so that its error is raised exactly as it would be without workers.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Callable, Iterator, TypeVar

from . import interrupts

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
    """Each task's result, in order, using up to ``processes`` processes (see ``iter_tasks``)."""
    return list(iter_tasks(tasks, processes, meanwhile))


def iter_tasks(tasks: list[Callable[[], T]], processes: int,
               meanwhile: Callable[[], None] | None = None) -> Iterator[T]:
    """Each task's result, in order, as soon as it and those before it are done, using up
    to ``processes`` processes: the caller uses one result while later ones render.
    ``meanwhile`` is other work for this process, done once the workers have started.
    Every process takes the next task when it is free, this one the first; with tasks that
    shrink towards the end, all finish at about the same time."""
    processes = processes_for(len(tasks), processes)
    if processes <= 1:
        if meanwhile:
            meanwhile()
        for task in tasks:
            yield task()
        return
    import multiprocessing  # only a build that uses workers pays for these imports
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(processes - 1, mp_context=context, initializer=_adopt, initargs=(tasks,))
    schedule = _Schedule(pool, len(tasks))
    try:
        with interrupts.held():  # a stop waits for the forks to be done
            schedule.start(processes - 1)
    except OSError:  # no process could be started (memory, process limit): do it all here
        pool.shutdown(wait=False, cancel_futures=True)
        yield from iter_tasks(tasks, 1, meanwhile)
        return
    except BaseException:  # stopped as the forks ended
        _stop_workers(pool)
        raise
    # A worker's results come through a pipe 64 KiB at a time, each read by a thread that
    # must wait for this busy process to let it run: let it in more often.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0005))
    try:
        if meanwhile:
            meanwhile()
        done = {0: tasks[0]()}
        for index in range(len(tasks)):
            while index not in done:
                _next_result(schedule, tasks, index, done)
            interrupts.raise_if_stopped()
            yield done.pop(index)
    except BaseException:  # an error, Ctrl-C, or the caller stopped: the workers' work is not wanted
        _stop_workers(pool)
        raise
    finally:
        schedule.futures.clear()
        sys.setswitchinterval(switch_interval)
    pool.shutdown()


def _next_result(schedule: _Schedule, tasks: list, index: int, done: dict) -> None:
    """Into ``done``: the result of task ``index`` if a worker has finished it, else of the
    next task no process has taken yet, run here."""
    future = schedule.futures.get(index)
    if future is None or not future.done():
        taken = schedule.take()
        if taken is not None:
            done[taken] = tasks[taken]()
            return
    # A worker has it. Dropping the future as it is used breaks its cycle with the schedule
    # (its callback), so that its result is freed by reference counting, without waiting
    # for the cyclic collector.
    done[index] = _outcome(schedule.futures.pop(index), tasks[index])


def _stop_workers(pool) -> None:
    """Ends the pool's workers now, and only them: other processes this one started are
    not the pool's to stop. (The pool lists its processes only in a private attribute
    before Python 3.14's ``terminate_workers``.) SIGKILL, as a worker forked a moment ago
    may not have its own handlers yet, and a worker has nothing to tidy: it writes nothing."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(5)


def _outcome(future, task: Callable[[], T]) -> T:
    """A worker's result; what a worker failed at, or took and never finished (it died),
    runs here, so that its error is raised as it would be without workers."""
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - the task runs again here and raises its own error
        return task()


class _Schedule:
    """Which process runs which task: each takes the next one in order. A worker has one
    task at a time and gets the next as its last one finishes (in the pool's own thread);
    this process takes one whenever the result it needs next is not there yet."""

    def __init__(self, pool, count: int):
        self._pool = pool
        self._lock = threading.Lock()
        self._next = 1  # the first task is this process's
        self._count = count
        self.futures: dict = {}

    def start(self, workers: int) -> None:
        for _ in range(workers):
            self._hand_out()

    def take(self) -> int | None:
        with self._lock:
            if self._next == self._count:
                return None
            self._next += 1
            return self._next - 1

    def _hand_out(self, finished=None) -> None:
        """Give a worker the next task (also called when its last one is done)."""
        with self._lock:
            if self._next == self._count:
                return
            try:
                future = self._pool.submit(_run_adopted, self._next)
            except OSError:
                if finished is None:
                    raise  # no worker could start
                return
            except RuntimeError:  # the pool is broken (a worker died) or shut down
                return  # what is left runs in this process
            self.futures[self._next] = future
            self._next += 1
        future.add_done_callback(self._hand_out)


def in_worker(parent_pid: int) -> bool:
    """Whether this code runs in a worker forked from ``parent_pid``."""
    return os.getpid() != parent_pid


_adopted: list = []  # in a forked worker: the tasks


def _adopt(tasks) -> None:
    global _adopted
    _adopted = tasks
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it dies (even by
    SIGKILL), so that no worker is left holding qgen's output open (``qgen | tee``)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's own clean-up still applies
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def _run_adopted(index: int):
    return _adopted[index]()
