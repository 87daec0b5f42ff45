"""The scope finder's directory of a path and parent of a directory are
``os.path``'s, on normal absolute paths (its quick answer) and on odd ones."""

from __future__ import annotations

import os
from pathlib import Path

from spotlint.placement.clusters import _directory_of, _parent

PATHS = [
    "/repo/jobs/app.yaml", "/app.yaml", "/", "/repo/", "/repo//jobs/app.yaml",
    "//repo/app.yaml", "///repo/app.yaml", "/repo/./jobs/app.yaml", "/repo/../x/app.yaml",
    "/repo/.github/workflows/ci.yaml", "/repo/jobs/..", "/repo/jobs/.", "repo/app.yaml",
    "app.yaml", "./app.yaml", "../app.yaml", "/a b/c d.yaml", "/ünï/cödé.yaml", "/repo/x.",
    "/repo/.hidden", "/repo/jobs/app.yaml/",
]


def test_directory_of_a_path_is_os_paths() -> None:
    for path in PATHS:
        assert _directory_of(path) == os.path.dirname(os.path.abspath(path)), path


def test_parents_up_to_the_root_are_os_paths() -> None:
    for path in PATHS:
        directory = _directory_of(path)
        for _ in range(20):
            parent = _parent(directory)
            assert parent == os.path.dirname(directory), directory
            if parent == directory:
                break
            directory = parent
        else:
            raise AssertionError(f"no root above {path}")


def test_holds_git_is_os_paths_exists(tmp_path: Path) -> None:
    from spotlint.placement.clusters import _holds_git

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "worktree").mkdir()
    (tmp_path / "worktree" / ".git").write_text("gitdir: ../repo/.git\n")  # a worktree's file
    (tmp_path / "plain" / "deep").mkdir(parents=True)
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / ".git").symlink_to(tmp_path / "nowhere")
    root = str(tmp_path)
    directories = [root + d for d in ("/repo", "/worktree", "/plain", "/plain/deep", "/broken",
                                      "/file.txt", "/missing", "/repo/", "")] + [
        "/", "/no\0where", "", "relative/dir"]
    answers = [_holds_git(d) for d in directories]
    assert answers == [os.path.exists(os.path.join(d, ".git")) for d in directories]
    assert answers[:6] == [True, True, False, False, False, False]
