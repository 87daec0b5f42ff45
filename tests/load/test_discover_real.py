"""The walk gives each file's real path, which the engine uses instead of realpath."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.engine.reading import FileSet
from spotlint.load.base import Limits
from spotlint.load.discover import discover

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "a" / "b").mkdir(parents=True)
    (root / "real-dir").mkdir()
    (root / "a" / "b" / "pod.yaml").write_text(POD)
    (root / "real-dir" / "inner.yaml").write_text(POD)
    (root / "top.yml").write_text(POD)
    os.symlink(root / "real-dir", root / "a" / "linked-dir")
    os.symlink(root / "top.yml", root / "a" / "linked.yaml")
    os.symlink(root / "a" / "b" / "pod.yaml", root / "a" / "b" / "again.yaml")
    return root


def test_every_walked_file_knows_its_real_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    for top in (str(root), "repo", "repo/a", "./repo/../repo"):
        monkeypatch.chdir(tmp_path)
        found = [c for c in discover([top], str(root)) if c.problem is None]
        assert found
        for candidate in found:
            assert candidate.real == os.path.realpath(candidate.path), candidate


def test_real_paths_of_a_file_set_equal_realpath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    files = FileSet(Limits(), {}, [])
    for candidate in discover(["repo"], str(root)):
        files.take(candidate)
    assert files.order
    assert files.real_paths() == {os.path.realpath(p) for p in files.order}
