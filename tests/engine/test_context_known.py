"""Context files whose contribution the index knows (``FileSet.read_context(known=...)``)
take their place in the order unread, as the walk would place them, without a ``stat``
of their own beyond their real path; the others are read as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.engine.reading import FileSet
from spotlint.load.base import Limits

POOL = ("apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: p}\n"
        "spec: {template: {spec: {requirements: []}}}\n")
POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel, text in {"a/pod.yaml": POD, "a/p1.yaml": POOL, "b/p2.yaml": POOL,
                      "b/c/p3.yaml": POOL, "d/read.yaml": POOL, "e/guide.md": "# x\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _read(root: Path, context: list[str], known: set[str]) -> FileSet:
    files = FileSet(Limits(), {}, [])
    files.read(str(root / "a" / "pod.yaml"), explicit=True)
    files.read_context(context, str(root), lambda path: False, known=known)
    return files


def test_known_files_take_their_place_in_order_unread(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    names = ["a/p1.yaml", "d/read.yaml", "b/p2.yaml", "b/c/p3.yaml", "a/pod.yaml",
             "b/p2.yaml", "e/guide.md", "nowhere.yaml"]
    context = [str(root / n) for n in names]
    known = {os.path.normpath(str(root / n)) for n in ("a/p1.yaml", "b/p2.yaml", "b/c/p3.yaml")}
    files = _read(root, context, known)
    # the given file first; then the context in its order, each once (the given file
    # and a repeat left out, Markdown and a missing file too)
    assert files.order == [str(root / "a" / "pod.yaml"), *(str(root / n) for n in (
        "a/p1.yaml", "d/read.yaml", "b/p2.yaml", "b/c/p3.yaml"))]
    for name in ("a/p1.yaml", "b/p2.yaml", "b/c/p3.yaml"):
        assert files.files[str(root / name)].text == ""  # (unread: known)
    assert files.files[str(root / "d" / "read.yaml")].text == POOL
    # as when none is known, but for the texts
    plain = _read(root, context, set())
    assert plain.order == files.order


def test_known_files_are_not_asked_whether_they_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    context = [str(root / n) for n in ("a/p1.yaml", "b/p2.yaml", "d/read.yaml")]
    known = {os.path.normpath(c) for c in context[:2]}
    asked: list[str] = []
    real_exists, real_isdir = os.path.exists, os.path.isdir

    def exists(path: str) -> bool:
        asked.append(str(path))
        return real_exists(path)

    def isdir(path: str) -> bool:
        asked.append(str(path))
        return real_isdir(path)

    monkeypatch.setattr(os.path, "exists", exists)
    monkeypatch.setattr(os.path, "isdir", isdir)
    files = _read(root, context, known)
    assert files.order[1:] == context
    assert not set(asked) & known
    assert context[2] in asked


def test_a_known_file_leading_out_of_the_root_is_left_out(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "p.yaml").write_text(POOL)
    os.symlink(tmp_path / "outside", root / "out")
    path = str(root / "out" / "p.yaml")
    files = _read(root, [path], {os.path.normpath(path)})
    assert files.order == [str(root / "a" / "pod.yaml")]
