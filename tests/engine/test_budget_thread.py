"""The time budget's timer is armed in the main thread only (where a signal handler may
be set); elsewhere (a language server's thread) the body runs unarmed, without error."""

from __future__ import annotations

import signal
import threading

import pytest

from spotlint.engine.budget import Budget

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGPROF"), reason="no profiling timer")


def test_the_main_thread_arms_the_timer_and_puts_the_handler_back() -> None:
    budget = Budget(1.0)
    before = signal.getsignal(signal.SIGPROF)
    with budget.running():
        assert budget.armed
        assert signal.getsignal(signal.SIGPROF) == budget._tick
        assert signal.getitimer(signal.ITIMER_PROF)[0] > 0
    assert not budget.armed
    assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_another_thread_runs_unarmed() -> None:
    budget = Budget(1.0)
    seen: list[object] = []

    def work() -> None:
        try:
            with budget.running():
                seen.append(budget.armed)
                seen.append(signal.getitimer(signal.ITIMER_PROF))
        except BaseException as exc:  # (the test's failure, reported below)
            seen.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False, (0.0, 0.0)]
