"""A split run's forked process sends its whole part, then ends; the run merges and
reports without waiting for it to have ended (a process's memory takes a while to be
given back: ~1 ms at 1,000 files, on the run's critical path). It is reaped later:
when the next run is shared, or when this process ends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.cli import DRIVER_ON_SPOT
from support.deadline import deadline
from support.splits import Splits, held_in_forked

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A forked process, once it has sent its part, ends only when a byte is written to
    the pipe end this gives (this process is never ended by ``os._exit`` in a test)."""
    with held_in_forked(monkeypatch, os, "_exit") as opened:
        yield opened


def _lint(root: Path) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=2, joins=IndexJoins())


def _alive(pid: int) -> bool:
    return os.waitpid(pid, os.WNOHANG) == (0, 0)


def test_the_run_does_not_wait_for_its_forked_process_to_end(
    tmp_path: Path, splits: Splits, gate: int,
) -> None:
    for index in range(4):
        (tmp_path / f"driver-{index}.yaml").write_text(DRIVER_ON_SPOT)
    with deadline(60, "the run waited for its forked process to end"):
        first = _lint(tmp_path)
    assert splits.done == 1, splits.given_up
    assert len(first.files) == 4 and first.findings
    assert len(parallel._ending) == 1
    child = parallel._ending[0]
    assert _alive(child)  # (held: it sent its part, and ends once let go)
    os.write(gate, b"x" * 2)  # (this run's child, and the next one's)
    with deadline(60, "the next run hung"):
        second = _lint(tmp_path)  # reaps the first one's
    assert splits.done == 2, splits.given_up
    assert second.findings == first.findings
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped
    parallel._reap_ending()
    assert parallel._ending == []
