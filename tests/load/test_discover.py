"""Directory walking: each file once, by its real path, whatever links lead to it."""

from __future__ import annotations

import os
from pathlib import Path

from spotlint.load.discover import discover


def test_files_reached_through_links_are_yielded_once(tmp_path: Path) -> None:
    # The real-path shortcut for plain files must agree with os.path.realpath.
    root = tmp_path / "root"
    (root / "real" / "deep").mkdir(parents=True)
    (root / "real" / "deep" / "a.yaml").write_text("kind: Pod\n")
    (root / "real" / "b.conf").write_text("spark.x 1\n")
    os.symlink(root / "real", root / "dirlink")  # the same files again, by a linked directory
    os.symlink(root / "real" / "b.conf", root / "filelink.conf")
    os.symlink("real/deep", root / "relative")
    found = [c.path for c in discover([str(root)], str(root))]
    assert len(found) == 2, found
    assert {os.path.realpath(p) for p in found} == {
        str((root / "real" / "deep" / "a.yaml").resolve()),
        str((root / "real" / "b.conf").resolve()),
    }


def test_a_root_given_through_a_link_is_walked(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("kind: Pod\n")
    os.symlink(tmp_path / "real", tmp_path / "link")
    found = [c.path for c in discover([str(tmp_path / "link")], str(tmp_path / "link"))]
    assert found == [str(tmp_path / "link" / "a.yaml")]
