"""A file recognized into nothing (empty, or nothing in it is a kind spotlint reads) is
neither recognized nor recorded by a split run's part: its record would be empty, and
the run reports what a serial run reports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from support.cli import DRIVER_ON_SPOT
from support.deadline import deadline
from support.splits import Splits

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine.run import lint
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult


def _lint(root: Path, workers: int) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins())


def test_files_recognized_into_nothing_are_not_recorded(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "tree"
    for index in range(8):
        here = root / f"d{index}"
        here.mkdir(parents=True)
        (here / "pod.yaml").write_text(DRIVER_ON_SPOT)
        (here / "notes.yaml").write_text("title: nothing spotlint reads\nitems: [1, 2]\n")
        (here / "empty.yaml").write_text("")
    serial = _lint(root, 1)
    recorded = tmp_path / "recorded"
    real_record = IndexJoins.record

    def record(self: IndexJoins, project: Any, key: str, *args: Any) -> dict[str, Any]:
        with open(recorded, "a") as out:  # (appended to by both processes)
            out.write(f"{os.path.basename(key)}\n")
        return real_record(self, project, key, *args)

    monkeypatch.setattr(IndexJoins, "record", record)
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, 2)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings and split.files == serial.files
    assert sorted(recorded.read_text().split()) == ["pod.yaml"] * 8
    assert any(f.location.path.endswith("pod.yaml") for f in split.findings)
