"""A directory the walk cannot list is reported at the directory, never skipped silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, build_chain, check_json, remove_chain

NAME = "n" * 200  # 25 levels of these pass PATH_MAX (4096 on Linux)


def test_a_path_longer_than_the_system_allows_is_reported(tmp_path: Path) -> None:
    build_chain(tmp_path, NAME, 25)
    add_canary(tmp_path)
    try:
        run = check_json(tmp_path)
    finally:
        remove_chain(tmp_path, NAME)
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
