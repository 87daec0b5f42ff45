"""While a split run's parent waits for the other process's findings it hands its own
to ``ahead`` (a report writes their text ahead: spotlint.engine.parallel._meanwhile),
and only while it waits: once the other's findings are coming it stops."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.cli import DRIVER_ON_SPOT
from support.deadline import deadline
from support.splits import Splits, held_in_forked

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.finding import Finding
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The forked process sends its findings only once a byte is written to the pipe
    end this gives."""
    with held_in_forked(monkeypatch, parallel, "_send") as opened:
        yield opened


def _tree(root: Path) -> Path:
    for index in range(6):
        here = root / f"d{index}"
        here.mkdir()
        (here / "driver.yaml").write_text(DRIVER_ON_SPOT)
    return root


def _lint(root: Path, ahead: Any = None, workers: int | None = 2) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins(), ahead=ahead)


def test_the_parent_hands_its_findings_ahead_while_it_waits(
    tmp_path: Path, splits: Splits, held: int,
) -> None:
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    handed: list[Finding] = []

    def ahead(finding: Finding) -> None:
        handed.append(finding)
        if len(handed) == 1:
            os.write(held, b"x")  # (the child sends once the parent has begun)

    splits.alternate = 0  # (both processes read files: each makes findings)
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    assert handed, "nothing was handed ahead while waiting"
    mine = [f for f in split.findings if any(f is h for h in handed)]
    assert len(mine) == len(handed)  # the parent's own findings, reported as they are
    assert len(handed) < len(split.findings)  # (not the child's)


def test_nothing_is_handed_once_the_others_findings_are_coming(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _tree(tmp_path)
    handed: list[Finding] = []
    parent = os.getpid()

    def ahead(finding: Finding) -> None:
        handed.append(finding)

    # the parent's part waits until the child has sent its findings (it then ends)
    real_meanwhile = parallel._meanwhile

    def late(ahead: Any, findings: Any, sources: Any) -> None:
        import select

        poll = select.poll()
        for source in sources:
            poll.register(source.fileno(), select.POLLIN)
        assert os.getpid() == parent
        poll.poll(30_000)  # (the child's findings are there)
        real_meanwhile(ahead, findings, sources)

    monkeypatch.setattr(parallel, "_meanwhile", late)
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead)
    assert splits.done == 1, splits.given_up
    assert split.findings and handed == []
