"""A stop (Ctrl-C, SIGTERM) is never lost, even when a library swallows its KeyboardInterrupt."""

import json
import os
import signal
import sys

import pytest

from generator import interrupts
from generator.renderers import json as json_renderer

from .conftest import SEED, run, snapshot


def test_a_stop_swallowed_by_a_library_still_stops_the_build_before_it_writes(tmp_path, monkeypatch):
    bank = tmp_path / "bank.md"
    bank.write_text(SEED.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    assert run("build", bank, "--out", out, "--format", "json,html").returncode == 0
    before = snapshot(out)
    bank.write_text(bank.read_text("utf-8").replace("题目 1：", "题目 1：改过的", 1), "utf-8")
    render = json_renderer.render

    def swallowing(job):
        try:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C arrives here...
            sum(range(1000))
        except BaseException:  # noqa: BLE001 - ...inside a catch-all, as in a finalizer
            pass
        return render(job)

    monkeypatch.setattr(json_renderer, "render", swallowing)
    result = run("build", bank, "--out", out, "--format", "json,html")
    assert result.returncode == 130
    assert snapshot(out) == before
    monkeypatch.setattr(json_renderer, "render", render)
    assert run("build", bank, "--out", out, "--format", "json,html").returncode == 0  # the next command starts afresh
    assert "改过的" in json.loads((out / "bank.json").read_text("utf-8"))["banks"][0]["questions"][0]["title"]


def test_the_handlers_are_put_back_after_a_command():
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    assert run("--version").returncode == 0
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


def test_a_remembered_stop_is_raised_until_the_next_command_starts():
    interrupts.remember()
    with pytest.raises(KeyboardInterrupt):
        interrupts.raise_if_stopped()
    with interrupts.stops_handled():
        interrupts.raise_if_stopped()


class _StoppedWhileFreed:
    def __del__(self):
        signal.raise_signal(signal.SIGINT)  # Ctrl-C arrives while a finalizer runs


class _FailsWhileFreed:
    def __del__(self):
        raise ValueError("a finalizer's own error")


def test_a_stop_in_a_finalizer_is_not_reported_and_still_stops(monkeypatch):
    """Python reports an exception raised in a finalizer ("Exception ignored in …", with a
    traceback) and goes on: a stop is remembered instead; other errors are reported."""
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    with interrupts.stops_handled():
        _StoppedWhileFreed()  # freed at once
        _FailsWhileFreed()
        with pytest.raises(KeyboardInterrupt):
            interrupts.raise_if_stopped()
    assert [unraisable.exc_type for unraisable in reported] == [ValueError]
    assert sys.unraisablehook == reported.append  # put back
    with interrupts.stops_handled():  # the next command starts afresh: no stop is left for the tests after this
        interrupts.raise_if_stopped()


def test_a_stop_waits_until_a_held_block_is_done():
    """Worker processes are forked in a held block: a SIGTERM that lands inside Python's
    fork hooks would leave a lock half taken and a traceback on the terminal. (This test
    process has other threads, which the signal may reach.)"""
    ran = []
    with interrupts.stops_handled():
        with pytest.raises(KeyboardInterrupt):
            with interrupts.held():
                os.kill(os.getpid(), signal.SIGTERM)
                ran.append("the rest of the block")
            ran.append("after the block")
            interrupts.raise_if_stopped()
    assert ran[:1] == ["the rest of the block"]
    with interrupts.stops_handled():  # the next command starts afresh
        interrupts.raise_if_stopped()
