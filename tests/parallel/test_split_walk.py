"""A split run forks once the walk has found enough files, and the walk goes on in
the parent while the other process reads what was found so far
(spotlint.engine.parallel._walk_on): the files found after the fork reach whoever
takes their pieces, and a file the split cannot share (another configuration
scope) found after the fork still makes the run serial, with nothing lost."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from support.cli import DRIVER_ON_SPOT
from support.splits import Splits

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.config.settings import Settings
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult


def _tree(root: Path, directories: int) -> Path:
    for index in range(directories):
        here = root / f"d{index:02}"
        here.mkdir(parents=True)
        (here / "driver.yaml").write_text(DRIVER_ON_SPOT)
        (here / "pool.yaml").write_text(
            "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: p\n"
            "spec:\n  template:\n    spec:\n      requirements:\n"
            "        - key: karpenter.sh/capacity-type\n          operator: In\n"
            "          values: [spot]\n")
    return root


def _lint(root: Path, workers: int | None) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins())


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many candidates the walk found after each fork."""
    counts: list[int] = []
    real = parallel._walk_on

    def walk_on(found: list[Any], *args: Any) -> None:
        before = len(found)
        real(found, *args)
        counts.append(len(found) - before)

    monkeypatch.setattr(parallel, "_walk_on", walk_on)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 6)
    return counts


@pytest.mark.parametrize("parity", [None, 0, 1])
def test_files_found_after_the_fork_are_read_and_checked(
    tmp_path: Path, splits: Splits, streamed: list[int], parity: int | None,
) -> None:
    root = _tree(tmp_path, 20)
    serial = _lint(root, 1)
    assert len(serial.files) == 40 and serial.findings
    splits.alternate = parity
    split = _lint(root, None)
    assert splits.done == 1, splits.given_up
    assert streamed == [34]  # 6 found before the fork
    assert split.findings == serial.findings and split.files == serial.files


def test_another_scope_found_after_the_fork_makes_the_run_serial(
    tmp_path: Path, splits: Splits, streamed: list[int],
) -> None:
    root = _tree(tmp_path, 20)
    (root / "d17" / ".spotlint.yaml").write_text("ignore: [SL101]\n")
    serial = _lint(root, 1)
    assert not any(f.code == "SL101" and "/d17/" in f.location.path for f in serial.findings)
    assert any(f.code == "SL101" and "/d16/" in f.location.path for f in serial.findings)
    split = _lint(root, None)
    assert splits.done == 0
    assert splits.given_up == ["files judged by several configuration files"]
    assert split.findings == serial.findings and split.files == serial.files


def test_a_walk_that_ends_before_enough_files_stays_in_one_process(
    tmp_path: Path, splits: Splits, streamed: list[int],
) -> None:
    root = _tree(tmp_path, 2)  # 4 files: fewer than MIN_FILES
    result = lint([str(root)], Settings(root=str(root)), joins=IndexJoins())
    assert splits.done == 0 and not splits.given_up and streamed == []
    assert len(result.files) == 4


def test_the_children_are_told_the_directories_listed_after_the_fork(
    tmp_path: Path, splits: Splits, streamed: list[int], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A child finds each file's configuration scope from the directories the parent's
    walk listed (as the parent does), without looking for configuration files in them
    itself: it is told them with the files found there."""
    from spotlint.config import scopes

    looked = tmp_path / "looked"
    real = scopes.own_config_file

    def own_config_file(directory: str) -> str | None:
        with open(looked, "a") as out:  # (appended to by both processes)
            out.write(f"{os.getpid()} {directory}\n")
        return real(directory)

    monkeypatch.setattr(scopes, "own_config_file", own_config_file)
    root = _tree(tmp_path / "repo", 20)
    splits.alternate = 1  # (the child takes every other piece: some found after the fork)
    split = _lint(root, None)
    assert splits.done == 1, splits.given_up
    assert streamed == [34] and len(split.files) == 40
    lines = looked.read_text().splitlines() if looked.exists() else []
    assert not [line for line in lines if int(line.split()[0]) != os.getpid()]


def test_each_file_is_recognized_before_the_next_piece_is_taken(
    tmp_path: Path, splits: Splits, streamed: list[int], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading and recognizing go together, piece by piece: the processes, taking pieces
    as they are free, then end their reading together (recognizing all of a process's
    files after reading them all left the one with more files last)."""
    root = _tree(tmp_path, 10)
    events: list[tuple[str, str]] = []
    real_take, real_recognize = parallel.Part._take, parallel.Part._recognize

    def take(self: parallel.Part, candidate: Any) -> str | None:
        events.append(("take", os.path.normpath(candidate.path)))
        return real_take(self, candidate)

    def recognize(self: parallel.Part, key: str) -> None:
        events.append(("recognize", key))
        real_recognize(self, key)

    monkeypatch.setattr(parallel.Part, "_take", take)
    monkeypatch.setattr(parallel.Part, "_recognize", recognize)
    splits.alternate = 0
    serial = _lint(root, 1)
    events.clear()
    split = _lint(root, None)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    taken = [key for kind, key in events if kind == "take"]
    assert len(taken) >= 10  # (this process's half of 20 files)
    for before, after in pairwise(events):
        if before[0] == "take":
            assert after == ("recognize", before[1]), (before, after)
