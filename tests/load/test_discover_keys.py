"""The key a run names a walked file by (discover.key_of): ``os.path.normpath`` of its
path, taken as it is when the walk made the path from a real directory (the file's real
path is then that very string), without the call asked two or three times a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.load.discover import Candidate, discover, key_of


@pytest.mark.parametrize("path", [
    "a/b.yaml", "./a/b.yaml", "a//b.yaml", "a/./b.yaml", "a/c/../b.yaml", "/x/y.yaml",
    "//x/y.yaml", "/x//y.yaml", "b.yaml",
])
def test_the_key_is_the_normalized_path(path: str) -> None:
    assert key_of(path, None) == os.path.normpath(path)
    assert key_of(path, os.path.normpath(path) + "x") == os.path.normpath(path)
    same = os.path.normpath(path)
    assert key_of(same, same) is same


def _tree(root: Path) -> None:
    for name in ("a", "b/c"):
        (root / name).mkdir(parents=True)
        (root / name / "pod.yaml").write_text("kind: Pod\n")


def test_a_walk_of_a_real_directory_keys_its_files_without_normalizing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _tree(tmp_path)
    top = os.path.realpath(tmp_path)
    found = list(discover([top], top))
    assert len(found) == 2 and all(c.real is c.path for c in found)
    asked: list[str] = []
    real_normpath = os.path.normpath

    def counting(path: str) -> str:
        asked.append(path)
        return real_normpath(path)

    with monkeypatch.context() as patched:
        patched.setattr(os.path, "normpath", counting)
        keys = [key_of(c.path, c.real) for c in found]
    assert asked == []
    assert keys == [real_normpath(c.path) for c in found]


@pytest.mark.parametrize("spelling", [".", "./", "./a/..", "."])
def test_other_spellings_are_normalized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str,
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = list(discover([spelling], "."))
    assert len(found) == 2
    for candidate in found:
        assert key_of(candidate.path, candidate.real) == os.path.normpath(candidate.path)
    assert not any(c.real is c.path for c in found)  # (relative paths: not their real ones)


def test_candidates_sent_to_a_forked_process_keep_their_one_string() -> None:
    """The walk's candidates cross to a split run's other process pickled together: a
    path that is its real path arrives as one string still."""
    import pickle

    path = os.path.realpath(".") + "/x.yaml"
    sent = [(path, False, None, path), ("./y.yaml", False, None, path[:-6] + "y.yaml")]
    got = [Candidate(*fields) for fields in pickle.loads(pickle.dumps(sent, protocol=5))]
    assert got[0].real is got[0].path and got[1].real is not got[1].path
