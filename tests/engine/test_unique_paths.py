"""The walk's candidates each once, whatever the spelling of their paths.

A run shared by several processes numbers the candidates and each process reads
its own by number: a file found twice would be read by both. :func:`discover`
yields every file once by its real path, and a directory it cannot list once by its
normalized path, so the run takes its candidates as they come.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from spotlint.load import discover as discover_module
from spotlint.load.discover import discover, key_of


def _keys(paths: list[str], root: Path) -> list[str]:
    return [key_of(c.path, c.real) for c in discover(paths, str(root))]


def test_each_file_once_whatever_its_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    (tmp_path / "jobs" / "x").mkdir(parents=True)
    (tmp_path / "jobs" / "a.yaml").write_text("a: 1\n")
    (tmp_path / "jobs" / "b.yaml").write_text("b: 1\n")
    monkeypatch.chdir(tmp_path)
    spellings = ["jobs/a.yaml", "./jobs/a.yaml", "jobs//a.yaml", "jobs/x/../a.yaml",
                 "jobs/b.yaml", "jobs/./b.yaml", "jobs", "./jobs"]
    found = [c.path for c in discover(spellings, str(tmp_path))]
    assert found == ["jobs/a.yaml", "jobs/b.yaml"]


def test_a_directory_that_cannot_be_listed_once(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "team" / "locked").mkdir(parents=True)
    (tmp_path / "team" / "job.yaml").write_text("a: 1\n")
    locked = str(tmp_path / "team" / "locked")
    listing = os.scandir

    def scandir(path: str) -> object:
        if os.path.normpath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return listing(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    given = [str(tmp_path / "team"), str(tmp_path), locked, locked + "/"]
    found = list(discover(given, str(tmp_path)))
    problems = [c for c in found if c.problem is not None]
    assert [os.path.normpath(c.path) for c in problems] == [locked]
    assert "cannot read directory" in (problems[0].problem or "")
    keys = _keys(given, tmp_path)
    assert len(keys) == len(set(keys)) == 2
