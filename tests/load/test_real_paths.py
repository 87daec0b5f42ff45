"""``RealPaths`` answers as ``os.path.realpath`` does, with each directory resolved once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from spotlint.engine.reading import FileSet
from spotlint.load.base import Limits
from spotlint.load.boundary import RealPaths, real

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links, POSIX paths")

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n"


def _tree(tmp_path: Path) -> Path:
    """A root with files, directory and file links inside and out, relative links that
    climb with ``..``, a dangling link and a loop."""
    root = tmp_path / "repo"
    (root / "a" / "b").mkdir(parents=True)
    (root / "real-dir").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_text(POD)
    (root / "a" / "b" / "pod.yaml").write_text(POD)
    (root / "real-dir" / "inner.yaml").write_text(POD)
    (root / "top.yml").write_text(POD)
    os.symlink(root / "real-dir", root / "a" / "linked-dir")
    os.symlink("../../real-dir", root / "a" / "b" / "up-dir")  # relative, with ..
    os.symlink(tmp_path / "outside", root / "a" / "out-dir")
    os.symlink(root / "top.yml", root / "a" / "linked.yaml")
    os.symlink("../top.yml", root / "a" / "rel-linked.yaml")
    os.symlink(tmp_path / "outside" / "secret.yaml", root / "a" / "out.yaml")
    os.symlink(root / "nowhere", root / "a" / "dangling.yaml")
    os.symlink(root / "a" / "loop-2", root / "a" / "loop-1")
    os.symlink(root / "a" / "loop-1", root / "a" / "loop-2")
    return root


NAMES = [
    "a/b/pod.yaml", "real-dir/inner.yaml", "top.yml", "a/linked-dir/inner.yaml",
    "a/b/up-dir/inner.yaml", "a/out-dir/secret.yaml", "a/linked.yaml", "a/rel-linked.yaml",
    "a/out.yaml", "a/dangling.yaml", "a/loop-1", "a/loop-1/x.yaml", "a/missing/x.yaml",
    "a/b/../b/pod.yaml", "a/linked-dir/../top.yml", "a/./b//pod.yaml", "a/b/", "a/b/.",
    "a/b/..", "a/linked-dir", "a/linked-dir/", "a", "", ".", "..", "../repo/a/b/pod.yaml",
]


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_every_answer_is_realpaths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    root = _tree(tmp_path)
    monkeypatch.chdir(root)
    reals = RealPaths()
    names = [*NAMES, *reversed(NAMES)]  # (asked again: from the cache)
    for name in names:
        path = name if relative else os.path.join(str(root), name) if name else str(root)
        assert reals(path) == os.path.realpath(path), path
        assert reals.checked(path) == real(path), path
    assert reals.checked("a/\x00.yaml") is None
    with pytest.raises(ValueError):
        reals("a/\x00.yaml")  # (as realpath raises)


def test_a_directory_is_resolved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files of one directory cost one ``lstat`` each, not one per component."""
    root = _tree(tmp_path)
    calls: list[str] = []
    lstat = os.lstat

    def counted(path: str, *args: object, **kwargs: object) -> os.stat_result:
        calls.append(path)
        return lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    names = ("x.yaml", "y.yaml", "pod.yaml", "up-dir")
    expected = [os.path.realpath(root / "a" / "b" / name) for name in names]
    reals = RealPaths()
    reals(str(root / "a" / "b" / "pod.yaml"))
    monkeypatch.setattr(os, "lstat", counted)
    assert [reals(str(root / "a" / "b" / name)) for name in names] == expected
    # one each for the new names (pod.yaml was answered already); the link then
    # goes to realpath, which walks every component of it
    assert calls[:3] == [str(root / "a" / "b" / n) for n in ("x.yaml", "y.yaml", "up-dir")]
    assert len(calls) > 3


def test_context_through_links_reads_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``read_context`` (which resolves through one ``RealPaths``): files named through
    links inside the root are read once by their real path, those leading out never."""
    root = _tree(tmp_path)
    monkeypatch.chdir(root)
    context = [str(root / n) for n in (
        "a/linked.yaml", "a/rel-linked.yaml", "top.yml", "a/out.yaml", "a/out-dir/secret.yaml",
        "a/linked-dir/inner.yaml", "a/b/up-dir/inner.yaml", "a/dangling.yaml", "a/loop-1",
        "a/b/pod.yaml", "a/b")]
    files = FileSet(Limits(), {}, [])
    files.read("a/b/pod.yaml", explicit=True)
    files.read_context(context, str(root), lambda path: False)
    assert files.order == ["a/b/pod.yaml", str(root / "a" / "linked.yaml"),
                           str(root / "a" / "linked-dir" / "inner.yaml")]
    assert not any("secret" in p for p in files.files)
