"""Directory walks skip what git ignores, decided as git decides.

Each case runs three ways: in a git work tree (git is asked), in the same work
tree with git unavailable (pathspec over the ignore files), and, where the case
does not need git, in a plain directory.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from spotlint.load import ignore
from spotlint.load.discover import discover

MODES = ["git", "git-missing", "plain"]


def make(tmp_path: Path, mode: str, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
         ) -> Path:
    root = tmp_path / "repo"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    root.mkdir(exist_ok=True)
    if mode != "plain":
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    if mode == "git-missing":
        monkeypatch.setattr(ignore, "git_ignored", lambda top: None)
    return root


def walked(top: Path, root: Path) -> list[str]:
    return sorted(os.path.relpath(c.path, root) for c in discover([str(top)], str(root)))


@pytest.mark.parametrize("mode", MODES)
def test_root_level_double_star_directory(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path, mode, {
        ".gitignore": "**/gen/\n", "gen/a.yaml": "", "x/gen/b.yaml": "", "x/c.yaml": "",
        "generated.yaml": "",
    }, monkeypatch)
    assert walked(root, root) == ["generated.yaml", "x/c.yaml"]


@pytest.mark.parametrize("mode", MODES)
def test_double_star_in_the_middle_matches_zero_directories(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path, mode, {
        ".gitignore": "a/**/c.yaml\n", "a/c.yaml": "", "a/b/c.yaml": "", "a/b/d/c.yaml": "",
        "a/keep.yaml": "", "b/a/c.yaml": "",
    }, monkeypatch)
    assert walked(root, root) == ["a/keep.yaml", "b/a/c.yaml"]


@pytest.mark.parametrize("mode", MODES)
def test_escaped_spaces(mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path, mode, {
        ".gitignore": "my\\ file.yaml\nout\\ \n",
        "my file.yaml": "", "my.yaml": "", "out /a.yaml": "", "out/b.yaml": "",
    }, monkeypatch)
    assert walked(root, root) == ["my.yaml", "out/b.yaml"]


@pytest.mark.parametrize("mode", ["git", "git-missing"])
def test_info_exclude(mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path, mode, {"local.yaml": "", "shared.yaml": ""}, monkeypatch)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("local.yaml\n")
    assert walked(root, root) == ["shared.yaml"]


@pytest.mark.parametrize("mode", MODES)
def test_negation_and_the_deepest_file_wins(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path, mode, {
        ".gitignore": "*.yaml\n!keep.yaml\n", "keep.yaml": "", "drop.yaml": "",
        "sub/.gitignore": "!again.yaml\n", "sub/again.yaml": "", "sub/drop.yaml": "",
    }, monkeypatch)
    assert walked(root, root) == ["keep.yaml", "sub/again.yaml"]


@pytest.mark.parametrize("mode", ["git", "git-missing"])
def test_ignore_files_above_the_walked_directory_apply(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path, mode, {
        ".gitignore": "rendered/\n", "deploy/rendered/a.yaml": "", "deploy/b.yaml": "",
    }, monkeypatch)
    assert walked(root / "deploy", root) == ["deploy/b.yaml"]


def test_a_tracked_file_is_never_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path, "git", {"tracked.yaml": "", "untracked.yaml": ""}, monkeypatch)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "add", "tracked.yaml"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], cwd=root, check=True)
    (root / ".gitignore").write_text("*.yaml\n")
    assert walked(root, root) == ["tracked.yaml"]


def test_git_runs_nothing_the_repository_configures(tmp_path: Path) -> None:
    """A scanned tree's .git/config cannot make the walk start a program (core.fsmonitor)."""
    root = make(tmp_path, "git", {"a.yaml": "", ".gitignore": "b.yaml\n", "b.yaml": ""},
                pytest.MonkeyPatch())
    marker = tmp_path / "ran"
    hook = tmp_path / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    subprocess.run(["git", "config", "core.fsmonitor", str(hook)], cwd=root, check=True)
    assert walked(root, root) == ["a.yaml"]
    assert not marker.exists()


@pytest.mark.parametrize("mode", ["git", "plain"])
def test_patterns_that_would_backtrack_for_minutes_do_not_stall_the_walk(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git's matcher and pathspec's regular expressions both backtrack on ``*a*a*a...b``:
    git is given a deadline, and the fallback leaves such patterns out."""
    monkeypatch.setattr(ignore, "GIT_TIMEOUT", 1)
    name = "a" * 100 + ".yaml"
    root = make(tmp_path, mode, {
        ".gitignore": "\n".join(["*a" * 30 + "b", "*.tmp.yaml"] * 50) + "\n",
        name: "", "x.tmp.yaml": "",
    }, monkeypatch)
    assert walked(root, root) == [name]


def test_more_than_three_stars_in_a_segment_is_left_to_git() -> None:
    assert ignore._usable("*-*-*.yaml") and ignore._usable("**/a/**/b/*-*-*.yaml")
    assert not ignore._usable("*-*-*-*.yaml")
