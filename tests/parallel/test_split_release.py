"""A split run's parent lets its part's trees go before the report only when the part
is large enough for them to matter beside it (parallel.RELEASE_FROM): freeing a small
part's trees object by object took ~2.5 ms at 1,000 files, on the critical path when the
parent ends last, for no lower peak. The report is the same either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.cli import DRIVER_ON_SPOT
from support.splits import Splits

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.fix.place import place_fixes
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult


def _lint(root: Path, workers: int) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins(),
                finish=place_fixes)


@pytest.mark.parametrize("release_from", [1, 4, 5, 1_000])
def test_the_parent_releases_its_trees_only_from_a_part_s_size(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch, release_from: int,
) -> None:
    for index in range(8):
        (tmp_path / f"d{index}").mkdir()
        (tmp_path / f"d{index}" / "pod.yaml").write_text(DRIVER_ON_SPOT)
    serial = _lint(tmp_path, 1)
    released: list[tuple[int, int]] = []  # (process, files the part read)
    real = parallel.Part.release

    def release(part: parallel.Part) -> None:
        released.append((os.getpid(), len(part.run.files.files)))
        real(part)

    monkeypatch.setattr(parallel.Part, "release", release)
    monkeypatch.setattr(parallel, "RELEASE_FROM", release_from)
    splits.alternate = 0  # (four files a process)
    split = _lint(tmp_path, 2)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    assert any(f.fix is not None and f.fix.edits for f in split.findings)
    if release_from <= 4:
        assert released == [(os.getpid(), 4)]  # (this process's part, before the report)
    else:
        assert released == []
