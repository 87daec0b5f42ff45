"""SARIF line hashes come from the run's sources when their text is the file's own,
from the file on disk otherwise; a repository-relative path is relpath's answer."""

from __future__ import annotations

import os
import random
from pathlib import Path

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.base import relative_path
from spotlint.report.sarif import SarifReporter, line_hashes
from spotlint.result import RunResult, Source
from spotlint.rule import Severity


def _hash_of(tmp_path: Path, source: Source | None) -> str:
    path = str(tmp_path / "f.yaml")
    finding = Finding(code="SL101", name="x", severity=Severity.WARNING, message="m",
                      location=Location(path, 2, 1, 2, 3))
    result = RunResult(findings=[finding], root=str(tmp_path),
                       sources={} if source is None else {path: source})
    return SarifReporter()._hashes_for([finding], result)[path][2]


def test_the_loaded_text_is_used_only_when_it_is_the_files_own(tmp_path: Path) -> None:
    on_disk, held = "a: 1\nb: 2\n", "a: 1\nb: 3\n"
    (tmp_path / "f.yaml").write_text(on_disk)
    disk, other = line_hashes(on_disk)[2], line_hashes(held)[2]
    assert disk != other
    assert _hash_of(tmp_path, None) == disk
    assert _hash_of(tmp_path, Source(held, "yaml", utf8=False)) == disk  # read again
    assert _hash_of(tmp_path, Source(held, "yaml", utf8=True)) == other  # not read
    (tmp_path / "f.yaml").unlink()
    assert _hash_of(tmp_path, Source(held, "yaml", utf8=True)) == other


def test_relative_paths_equal_relpath(tmp_path: Path) -> None:
    rng = random.Random(4)
    parts = ["a", "b", "..", ".", "a b", "é", "x.yaml", ""]
    roots = [str(tmp_path), str(tmp_path / "a"), str(tmp_path / "a") + os.sep, os.sep, ".",
             "a", "a/..", str(tmp_path / "ab")]
    for _ in range(2000):
        root = rng.choice(roots)
        path = os.path.join(rng.choice([str(tmp_path), ".", "a", os.sep]),
                            *(rng.choice(parts) for _ in range(rng.randint(0, 4))))
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
        expected = None if rel == ".." or rel.startswith("../") else rel
        if path in ("", "-"):
            expected = None
        assert relative_path(path, root) == expected, (path, root)
