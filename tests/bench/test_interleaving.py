"""bench/run.py runs slow commands (Checkov) in the same rounds as spotlint's.

The Checkov ratio is only honest when each Checkov run has a spotlint run of
the same minute beside it; these tests pin the round-robin order, the cap on
slow commands and the per-round ratios.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))  # run.py imports generate beside it
    try:
        spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / "bench"))


def test_slow_commands_run_in_the_first_rounds_between_the_others(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []

    def fake_timed(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> object:
        order.append(cmd[0])
        return bench.Sample(wall=float(len(order)), rss_mb=1.0, returncode=0)

    monkeypatch.setattr(bench, "timed", fake_timed)
    commands = {"json": ["json"], "floor": ["floor"], "checkov": ["checkov"]}
    measures = bench.interleaved(commands, {}, runs=3, warm=False, limits={"checkov": 2})
    assert order == ["json", "floor", "checkov", "json", "floor", "checkov", "json", "floor"]
    assert [len(measures[name].runs) for name in commands] == [3, 3, 2]


def test_paired_ratios_compare_runs_of_the_same_round(bench: ModuleType) -> None:
    def measure(*walls: float) -> object:
        m = bench.Measure("m")
        m.runs.extend(bench.Sample(wall=w, rss_mb=1.0, returncode=0) for w in walls)
        return m

    checkov, json = measure(7.0, 8.0), measure(0.25, 0.20, 0.30)
    assert bench.paired_ratios(checkov, json) == [28.0, 40.0]
    assert bench._paired([28.0, 40.0, 30.0]) == "per round 30.0x median of 3 (28.0-40.0x)"
    assert bench._paired([]) == "no paired rounds"
