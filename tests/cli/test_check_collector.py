"""``spotlint check`` keeps the cyclic collector off from start-up to the end of the
command: importing, building the registry (the rules and readers are imported then),
the settings and the outputs make long-lived objects and no garbage, and the run
keeps it off anyway while it builds, checks and reports. A collection before the run
only traverses what start-up made (before a split run's fork, where the second core
has nothing to do yet). The collector is left as the command found it."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from spotlint.cli.check import run_check
from spotlint.cli.main import plain_check

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def collections() -> Iterator[list[int]]:
    """The generations collected once the test appends to the list it is given (every
    threshold at 1: a collection at nearly every allocation while the collector is on)."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and seen:
            seen.append(info["generation"])

    thresholds = gc.get_threshold()
    enabled = gc.isenabled()
    gc.enable()
    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(count)
    try:
        yield seen
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()


def test_check_runs_without_a_collection(collections: list[int], tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", examples)
    report = tmp_path / "report.json"
    options = plain_check(["check", str(examples), "--format", "json", "--output", str(report),
                           "--jobs", "1"])
    assert options is not None
    collections.append(-1)  # (counting from here)
    code = run_check(options)
    during = collections[1:]  # (the collector is on again: this test's lines collect)
    assert code == 1  # (the examples hold findings)
    assert report.read_text().startswith("{")
    assert during == []
    assert gc.isenabled()  # as the command found it
