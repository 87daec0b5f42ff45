"""budget.charged: a call's time charged to a path as a ``with Budget.charging`` block
charges it, in fewer steps when the timer is armed (its ticks then charge the path set
for the call): set while the call runs, put back after it, whatever the call does."""

from __future__ import annotations

import time

import pytest

from spotlint.engine.budget import Budget, OverBudget, charged


def test_with_the_timer_armed_the_call_runs_charged_to_its_path() -> None:
    budget = Budget(60.0)
    seen: list[str | None] = []
    with budget.running():
        if not budget.armed:
            pytest.skip("no profiling timer here")
        budget._explicit = "outer.yaml"
        assert charged(budget, "f.yaml", lambda x: seen.append(budget._explicit) or x, 7) == 7
        assert budget._explicit == "outer.yaml"

        def fails() -> None:
            seen.append(budget._explicit)
            raise OverBudget("f.yaml")

        with pytest.raises(OverBudget):
            charged(budget, "g.yaml", fails)
        assert budget._explicit == "outer.yaml"
    assert seen == ["f.yaml", "g.yaml"]


def test_without_the_timer_the_call_s_time_is_charged_when_it_ends() -> None:
    budget = Budget(0.05)

    def spin() -> str:
        start = time.process_time()
        while time.process_time() - start < 0.06:
            pass
        return "done"

    assert not budget.armed
    with pytest.raises(OverBudget):
        charged(budget, "slow.yaml", spin)
    assert "slow.yaml" in budget.over
    assert budget._explicit is None
    assert charged(budget, "quick.yaml", str, 5) == "5"
    assert "quick.yaml" in budget.spent and "quick.yaml" not in budget.over
