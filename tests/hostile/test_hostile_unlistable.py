"""A directory the walk cannot list is reported at the directory, never skipped silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, check_json

NAME = "n" * 200  # 25 levels of these pass PATH_MAX (4096 on Linux)


def _chain(top: Path, levels: int) -> None:
    """``top/NAME/NAME/...`` by descriptor (no path gets long), a conf at the bottom."""
    handle = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(NAME, dir_fd=handle)
            deeper = os.open(NAME, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = deeper
        conf = os.open("spark-defaults.conf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle)
        os.write(conf, b"spark.executor.instances 2\n")
        os.close(conf)
    finally:
        os.close(handle)


def _unchain(top: Path) -> None:
    """Remove the chain one level at a time from the top (paths stay short)."""
    inner, spare = top / NAME, top / "spare"
    while inner.is_dir():
        for entry in os.scandir(inner):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        if (inner / NAME).is_dir():
            os.rename(inner / NAME, spare)
            os.rmdir(inner)
            os.rename(spare, inner)
        else:
            os.rmdir(inner)


def test_a_path_longer_than_the_system_allows_is_reported(tmp_path: Path) -> None:
    _chain(tmp_path, 25)
    add_canary(tmp_path)
    try:
        run = check_json(tmp_path)
    finally:
        _unchain(tmp_path)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert run.returncode == 1, run.stderr
    assert_canary(run)
    problems = [f for f in run.report()["findings"] if f["code"] == "SL001"]
    assert len(problems) == 1, problems
    assert "longer than the system allows" in problems[0]["message"]
    assert problems[0]["path"].count(NAME) >= 18


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any directory")
def test_an_unreadable_directory_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "spark-defaults.conf").write_text("spark.executor.instances 2\n")
    add_canary(tmp_path)
    locked.chmod(0)
    try:
        run = check_json(tmp_path)
    finally:
        locked.chmod(0o755)
    assert run.returncode == 1 and "internal error" not in run.stderr
    assert_canary(run)
    [problem] = [f for f in run.report()["findings"] if f["path"] == "locked"]
    assert problem["code"] == "SL001" and "cannot read directory" in problem["message"]
