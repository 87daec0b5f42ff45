"""A pod-template reference that plainly spells a file the run read is that file, found
without ``realpath`` (engine/templates._read_already); any other spelling (``..``, a
symbolic link on the way, a file not read, outside the root) is asked of the file
system as before. The answers are the same either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.engine import templates
from spotlint.engine.templates import _resolve
from spotlint.load import boundary
from spotlint.location import Location, Node


def _node(path: Path) -> Node:
    return Node(None, Location(str(path), 1, 1, 1, 1))


@pytest.fixture
def realpath_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the boundary asks ``realpath`` of from now on, in order."""
    asked: list[str] = []
    real = boundary.real

    def counting(path: str) -> str | None:
        asked.append(path)
        return real(path)

    monkeypatch.setattr(boundary, "real", counting)
    return asked


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "jobs").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "elsewhere" / "deep").mkdir(parents=True)
    (root / "templates" / "t.yaml").write_text("kind: Pod\n")
    (root / "elsewhere" / "t.yaml").write_text("kind: Pod\n")
    (root / "elsewhere" / "deep" / "t.yaml").write_text("kind: Pod\n")
    (root / "jobs" / "job.yaml").write_text("kind: SparkApplication\n")
    (root / "jobs" / "t.yaml").write_text("kind: Pod\n")  # (what a lexical ``link/..`` names)
    (root / "jobs" / "link").symlink_to(root / "elsewhere" / "deep")
    (tmp_path / "outside.yaml").write_text("kind: Pod\n")
    return root


TARGETS = [
    "../templates/t.yaml", "templates/t.yaml", "./link/t.yaml", "link/t.yaml",
    "link/../t.yaml", "link/../../templates/t.yaml", "missing.yaml", "../../outside.yaml",
    "job.yaml", ".//job.yaml", "", " ", "../templates/", "./../templates/t.yaml",
    "..//templates/t.yaml", "../jobs/link/../t.yaml", "./link/./../t.yaml", "t.yaml",
]


def test_every_spelling_resolves_as_the_file_system_says(
    tree: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_root = os.path.realpath(tree)
    read = {os.path.realpath(p) for p in tree.rglob("*.yaml") if p.is_file()}
    read.add(os.path.realpath(tree.parent / "outside.yaml"))  # (read, but outside the root)
    node = _node(tree / "jobs" / "job.yaml")
    targets = [*TARGETS, str(tree / "templates" / "t.yaml"),
               str(tree / "jobs" / "link" / "t.yaml"), str(tree.parent / "outside.yaml")]
    for target in targets:
        asked = _resolve(target, node, real_root)
        told = _resolve(target, node, real_root, read=lambda: read)
        assert (told.path, told.problem) == (asked.path, asked.problem), target


def test_a_plain_spelling_of_a_file_read_asks_no_realpath(
    tree: Path, realpath_calls: list[str],
) -> None:
    real_root = os.path.realpath(tree)
    template = os.path.realpath(tree / "templates" / "t.yaml")
    behind_link = os.path.realpath(tree / "elsewhere" / "deep" / "t.yaml")
    asked = realpath_calls
    node = _node(tree / "jobs" / "job.yaml")
    read = {template, behind_link}
    assert _resolve("../templates/t.yaml", node, real_root, read=lambda: read).path == template
    assert _resolve(template, node, real_root, read=lambda: read).path == template
    assert asked == []
    # through a link (its real path differs from its spelling): the file system decides
    assert _resolve("link/t.yaml", node, real_root, read=lambda: read).path == behind_link
    assert asked
    asked.clear()
    # a file not read: asked as before
    assert _resolve("../templates/t.yaml", node, real_root, read=lambda: set()).path == template
    assert asked
    assert templates._read_already("../x/../t.yaml", str(tree / "x"), real_root,
                                   lambda: {str(tree / "t.yaml")}) is None


def test_answers_are_kept_by_spelling_and_directory(
    tree: Path, realpath_calls: list[str],
) -> None:
    """Jobs naming the same template share one answer (an absolute spelling is resolved
    once); a relative spelling is answered for each directory it is relative to."""
    real_root = os.path.realpath(tree)
    (tree / "templates" / "job.yaml").write_text("kind: SparkApplication\n")
    jobs = [_node(tree / "jobs" / "job.yaml"), _node(tree / "templates" / "job.yaml")]
    targets = ["t.yaml", "/opt/spark/conf/driver.yaml", str(tree / "templates" / "t.yaml"),
               "link/t.yaml", "../elsewhere/t.yaml"]
    asked = realpath_calls
    answers: dict[tuple[str, str], templates.Resolved] = {}
    kept = {(t, j.file_path): _resolve(t, j, real_root, answers=answers)
            for t in targets for j in jobs}
    with_answers = len(asked)
    asked.clear()
    each = {(t, j.file_path): _resolve(t, j, real_root) for t in targets for j in jobs}
    assert {k: (v.path, v.problem) for k, v in kept.items()} == {
        k: (v.path, v.problem) for k, v in each.items()}
    assert kept[("t.yaml", jobs[0].file_path)].path == os.path.realpath(tree / "jobs" / "t.yaml")
    assert kept[("t.yaml", jobs[1].file_path)].path == os.path.realpath(
        tree / "templates" / "t.yaml")
    assert with_answers < len(asked)
    assert len(answers) == 2 * 3 + 2  # (relative: one per directory; absolute: one each)
