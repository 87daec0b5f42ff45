"""The rules of a run are checked with the time budget's timer armed once for all of them.

Each rule's check arms the budget's profiling timer where it is not armed yet
(:meth:`Budget.running`); :func:`check_rules` arms it around all the rules, so a
run's ~35 rules cost one arming (two ``setitimer`` and two ``sigaction`` calls),
not one each, and every rule still runs with it armed (a target's time is charged
to its file by the timer's ticks).
"""

from __future__ import annotations

import signal
from typing import Any

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import budget as budget_module
from spotlint.engine.budget import Budget
from spotlint.engine.checking import check_rules
from spotlint.model import Project
from spotlint.rule import Rule, Severity


def _rule(code: str, armed: list[bool], budget: Budget) -> Rule:
    def check(project: Project, ctx: Any) -> list[Any]:
        armed.append(budget.armed)
        return []

    return Rule(code=code, name=f"rule-{code}", severity=Severity.WARNING, summary="",
                target="project", doc="", check=check)


def test_the_timer_is_armed_once_for_all_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(signal, "setitimer") or not hasattr(signal, "SIGPROF"):
        pytest.skip("no profiling timer here")
    calls: list[float] = []
    setitimer = signal.setitimer

    def counted(which: int, seconds: float, interval: float = 0.0) -> Any:
        calls.append(seconds)
        return setitimer(which, seconds, interval)

    monkeypatch.setattr(budget_module.signal, "setitimer", counted)
    budget = Budget(60.0)
    armed: list[bool] = []
    rules = [_rule(f"SL9{n:02d}", armed, budget) for n in range(3)]
    found = check_rules(rules, Project(), Settings(), budget)
    assert found == [[], [], []]
    assert armed == [True, True, True]
    assert [seconds > 0 for seconds in calls] == [True, False]  # armed once, disarmed once
    assert not budget.armed
