"""The index's listing of a project (git's, spotlint.index.listing) is the walk's.

The index lists a work tree with ``git ls-files`` instead of walking it, and must
find the same candidate files in the same order as the walk
(spotlint.load.discover): pools are read in that order. Held here on a tree
with the shapes that order and filtering could get wrong: names that are
prefixes of others, files and directories sharing a start, skipped
directories, a virtualenv (found by its ``pyvenv.cfg``), names the walk does
not lint, untracked and ignored files.
"""

from __future__ import annotations

import os
import random
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from spotlint.index import listing
from spotlint.index.listing import project_files, walk_key, walk_order
from spotlint.load.discover import discover

FILES = [
    "a.yaml", "a-b.yaml", "ab.yaml", "a/x.yaml", "a/b/y.yml", "a-b/z.json", "a.b/c.sh",
    "A/upper.YAML", "b/run.conf", "b/main.tf", "b/vars.tfvars", "b/readme.md",
    "b/notes.txt", "c/d/e/f/deep.yaml", "c/d.yaml", "c/d-e/g.yaml",
    "node_modules/m.yaml", "pkg.egg-info/p.yaml",
    "env/pyvenv.cfg", "env/lib/v.yaml", "env/w.yaml",
    "dir/pyvenv.cfg/inside.yaml",  # a directory named so: no virtualenv
    "ignored/i.yaml", "skip-me.yaml", "untracked/u.yaml",
]


def _tree(root: Path) -> None:
    for rel in FILES:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("kind: Pod\n" if not rel.endswith("pyvenv.cfg") else "home = x\n")
    (root / ".gitignore").write_text("ignored/\nskip-*.yaml\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    tracked = [rel for rel in FILES if not rel.startswith(("untracked/", "ignored/", "skip-"))]
    subprocess.run(["git", "-C", str(root), "add", "--", ".gitignore", *tracked], check=True)


def test_the_listing_finds_what_the_walk_finds_in_its_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    walked = [os.path.relpath(c.path, tmp_path).replace(os.sep, "/")
              for c in discover([str(tmp_path)], str(tmp_path))]
    listed = project_files(str(tmp_path), lambda path: False)
    assert listed is not None
    assert [rel for rel, _, _ in listed[0]] == walked
    assert "env/w.yaml" not in walked and "dir/pyvenv.cfg/inside.yaml" in walked
    assert "untracked/u.yaml" in walked and "ignored/i.yaml" not in walked


def test_a_virtualenv_is_left_out_when_git_lists_it(tmp_path: Path) -> None:
    _tree(tmp_path)
    listed = project_files(str(tmp_path), lambda path: False)
    assert listed is not None
    assert not [rel for rel, _, _ in listed[0] if rel.startswith("env/")]
    (tmp_path / "env" / "pyvenv.cfg").unlink()  # no longer a virtualenv: its files count
    listed = project_files(str(tmp_path), lambda path: False)
    assert listed is not None
    assert {"env/w.yaml", "env/lib/v.yaml"} <= {rel for rel, _, _ in listed[0]}


def test_the_string_order_is_the_walk_key_order() -> None:
    """walk_order (one string) sorts every path as walk_key (a tuple) does."""
    rng = random.Random(19)
    alphabet = ["a", "b", "-", ".", "_", "A", "\x01", "\x02", " ", "~", "é", "z"]
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
             for _ in range(40)]
    paths = {"/".join(rng.choice(names) for _ in range(rng.randint(1, 4)))
             for _ in range(3000)}
    paths.update({"a", "a/a", "a/a/a", "a\x01/b", "a/\x01", "\x01", "b", "a b/c"})
    ordered = sorted(paths, key=walk_key)
    assert sorted(paths, key=walk_order) == ordered
    assert all(walk_order(p) < walk_order(q) for p, q in pairwise(ordered))


def _fake_git(directory: Path, script: str) -> str:
    """A directory whose only ``git`` is this shell script (for PATH)."""
    directory.mkdir()
    git = directory / "git"
    git.write_text("#!/bin/sh\n" + script)
    git.chmod(0o755)
    return str(directory)


def _open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not hasattr(os, "posix_spawnp") or not os.path.isdir("/proc/self/fd"),
                    reason="git is spawned with posix_spawnp here")
def test_git_spawned_lists_as_subprocess_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git started without :mod:`subprocess` lists the same files; when it cannot be
    found, fails or takes too long there is no listing, and nothing is left behind
    (no process, no descriptor)."""
    root = tmp_path / "repo"
    _tree(root)
    before = _open_descriptors()
    spawned = listing.Listing(str(root))
    assert spawned.pid is not None and spawned.process is None
    found = spawned.result()
    assert spawned.pid is None and _open_descriptors() == before
    with monkeypatch.context() as patch:
        patch.delattr(os, "posix_spawnp")
        popen = listing.Listing(str(root))
        assert popen.process is not None
        assert popen.result() == found
    assert found is not None and "untracked/u.yaml" in found and ".gitignore" in found
    assert "ignored/i.yaml" not in found
    # not found, failing, too slow
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert listing.Listing(str(root)).result() is None
    monkeypatch.setenv("PATH", _fake_git(tmp_path / "failing", "printf 'a.yaml\\0'; exit 1\n"))
    assert listing.Listing(str(root)).result() is None
    monkeypatch.setenv("PATH", _fake_git(tmp_path / "slow", "exec sleep 30\n"))
    monkeypatch.setattr(listing, "TIMEOUT", 0.2)
    slow = listing.Listing(str(root))
    pid = slow.pid
    assert pid is not None and slow.result() is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # killed and waited for
    discarded = listing.Listing(str(root))
    discarded.discard()
    assert discarded.pid is None and _open_descriptors() == before


class _Slow:
    """A listing still running for the first ``polls`` looks, then done."""

    def __init__(self, root: Path, polls: int) -> None:
        real = listing.Listing(str(root))
        self.answer = real.result()
        self.unsure = real.unsure
        self.polls = polls
        self.asked = 0

    def pending(self) -> bool:
        self.asked += 1
        return self.asked <= self.polls

    def result(self) -> list[str] | None:
        return self.answer


@pytest.mark.parametrize("polls", [0, 1, 100])
def test_files_expected_are_taken_while_git_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, polls: int,
) -> None:
    _tree(tmp_path)
    plain = project_files(str(tmp_path), lambda path: False)
    assert plain is not None
    # the index's files: most listed, one gone, one in a virtualenv, one ignored now
    expected = [rel for rel, _, _ in plain[0]] + ["gone.yaml", "env/w.yaml", "ignored/i.yaml"]
    monkeypatch.setattr(listing, "_EARLY_STEP", 4)
    seen: list[str] = []
    real_lstat = os.lstat

    def counted(path: str) -> os.stat_result:
        seen.append(os.path.relpath(path, tmp_path).replace(os.sep, "/"))
        return real_lstat(path)

    monkeypatch.setattr(os, "lstat", counted)
    slow = _Slow(tmp_path, polls)
    found = project_files(str(tmp_path), lambda path: False, slow,
                          expected=expected)
    assert found == plain
    assert len(seen) == len(set(seen))  # each file once, early or not
    early = [rel for rel in expected[:polls * 4] if not rel.startswith("env/")]
    assert seen[:len(early)] == early  # (a virtualenv's files: not asked)
    assert slow.asked == min(polls + 1, -(-len(expected) // 4))


def test_markdown_left_out_is_still_checked(tmp_path: Path) -> None:
    _tree(tmp_path)
    listed = project_files(str(tmp_path), lambda path: False, left_out=(".md",))
    assert listed is not None and "b/readme.md" not in {rel for rel, _, _ in listed[0]}
    plain = project_files(str(tmp_path), lambda path: False)
    assert plain is not None
    assert [row for row in plain[0] if row[0] != "b/readme.md"] == listed[0]
    # a link among them still makes the listing unusable (the walk decides where it leads)
    os.symlink(tmp_path / "c", tmp_path / "b" / "guide.md")
    subprocess.run(["git", "-C", str(tmp_path), "add", "b/guide.md"], check=True)
    assert project_files(str(tmp_path), lambda path: False, left_out=(".md",)) is None


def test_a_spawned_listing_read_while_pending_answers_the_same(tmp_path: Path) -> None:
    _tree(tmp_path)
    whole = listing.Listing(str(tmp_path)).result()
    spawned = listing.Listing(str(tmp_path))
    while spawned.pending():
        pass
    assert not spawned.pending()
    assert spawned.result() == whole and spawned.result() == whole
    assert spawned.pid is None and spawned.fd is None  # reaped, pipe closed


def test_candidates_the_index_expects_keep_its_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _tree(tmp_path)
    plain = project_files(str(tmp_path), lambda path: False)
    assert plain is not None
    walked = [rel for rel, _, _ in plain[0]]
    keys: list[str] = []
    real_order = listing.walk_order

    def counted(rel: str) -> str:
        keys.append(rel)
        return real_order(rel)

    monkeypatch.setattr(listing, "walk_order", counted)
    # the same files: the index's order, no sort key made
    assert project_files(str(tmp_path), lambda path: False, expected=walked) == plain
    assert keys == []
    # one more, one fewer, one other: sorted as ever
    for expected in ([*walked, "more.yaml"], walked[1:], [*walked[:-1], "other.yaml"]):
        keys.clear()
        assert project_files(str(tmp_path), lambda path: False, expected=expected) == plain
        assert len(keys) == len(walked)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True,
                          capture_output=True, text=True).stdout


def _pools_repo(root: Path) -> None:
    """A repository whose pools sit in ``pools/``, tracked, and a job in ``jobs/``."""
    (root / "pools").mkdir(parents=True)
    (root / "pools" / "nodepool.yaml").write_text("kind: NodePool\n")
    (root / "jobs").mkdir()
    (root / "jobs" / "job.yaml").write_text("kind: Pod\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    _git(root, "add", ".")


def _walked(root: Path) -> list[str]:
    return [os.path.relpath(c.path, root).replace(os.sep, "/")
            for c in discover([str(root)], str(root))]


@pytest.mark.parametrize("tracked", [True, False])
def test_a_linked_directory_the_walk_enters_makes_the_listing_unusable(
    tmp_path: Path, tracked: bool,
) -> None:
    # "0link" sorts before "pools": the walk names the pool file through the link, git
    # lists it under "pools/" and the link itself, a file with no candidate name
    _pools_repo(tmp_path)
    os.symlink("pools", tmp_path / "0link")
    if tracked:
        _git(tmp_path, "add", "0link")
    assert _walked(tmp_path)[0] == "0link/nodepool.yaml"
    assert project_files(str(tmp_path), lambda path: False) is None


def test_links_the_walk_does_not_enter_keep_the_listing(tmp_path: Path) -> None:
    _pools_repo(tmp_path / "repo")
    root = tmp_path / "repo"
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "np.yaml").write_text("kind: NodePool\n")
    (root / "LICENSE.txt").write_text("text\n")
    os.symlink("../outside", root / "shared")  # leads out of the project: not walked
    os.symlink("LICENSE.txt", root / "COPYING")  # a file with no candidate name
    (root / "node_modules").mkdir()
    os.symlink("../pools", root / "node_modules" / "p")  # under a skipped directory
    _git(root, "add", "shared", "COPYING", "LICENSE.txt", "-f", "node_modules/p")
    listed = project_files(str(root), lambda path: False)
    assert listed is not None
    assert [rel for rel, _, _ in listed[0]] == _walked(root) == [
        "jobs/job.yaml", "pools/nodepool.yaml"]


def test_a_submodule_checked_out_makes_the_listing_unusable(tmp_path: Path) -> None:
    _pools_repo(tmp_path)
    blob = _git(tmp_path, "hash-object", "pools/nodepool.yaml").strip()
    commit = "1" * len(blob)  # (a gitlink names a commit of the submodule's repository)
    _git(tmp_path, "update-index", "--add", "--cacheinfo", f"160000,{commit},vendor")
    (tmp_path / "vendor").mkdir()  # not checked out: nothing the walk can find there
    listed = project_files(str(tmp_path), lambda path: False)
    assert listed is not None and [row[0] for row in listed[0]] == _walked(tmp_path)
    (tmp_path / "vendor" / "np.yaml").write_text("kind: NodePool\n")  # checked out
    assert "vendor/np.yaml" in _walked(tmp_path)
    assert project_files(str(tmp_path), lambda path: False) is None


def test_a_nested_repository_makes_the_listing_unusable(tmp_path: Path) -> None:
    _pools_repo(tmp_path)
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "np.yaml").write_text("kind: NodePool\n")
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    assert "inner/np.yaml" in _walked(tmp_path)
    assert project_files(str(tmp_path), lambda path: False) is None
    (tmp_path / ".gitignore").write_text("inner/\n")  # ignored: neither walks it
    assert "inner/np.yaml" not in _walked(tmp_path)
    assert project_files(str(tmp_path), lambda path: False) is not None


def test_a_conflicted_file_is_listed_once(tmp_path: Path) -> None:
    _pools_repo(tmp_path)
    blob = _git(tmp_path, "hash-object", "-w", "jobs/job.yaml").strip()
    _git(tmp_path, "rm", "-q", "--cached", "jobs/job.yaml")
    entries = "".join(f"100644 {blob} {stage}\tjobs/job.yaml\n" for stage in (1, 2, 3))
    subprocess.run(["git", "-C", str(tmp_path), "update-index", "--index-info"],
                   input=entries, text=True, check=True)
    assert _git(tmp_path, "ls-files", "--stage").count("jobs/job.yaml") == 3
    found = listing.Listing(str(tmp_path)).result()
    assert found is not None and sorted(found) == ["jobs/job.yaml", "pools/nodepool.yaml"]
    listed = project_files(str(tmp_path), lambda path: False)
    assert listed is not None and [row[0] for row in listed[0]] == _walked(tmp_path)


def test_untracked_files_are_listed_before_tracked_ones_without_a_mode(
    tmp_path: Path,
) -> None:
    _pools_repo(tmp_path)
    (tmp_path / "new.yaml").write_text("kind: Pod\n")
    found = listing.Listing(str(tmp_path)).result()
    assert found == ["new.yaml", "jobs/job.yaml", "pools/nodepool.yaml"]
    # a tracked link or submodule is unsure, as untracked entries are; files are not
    (tmp_path / "notes").write_text("x\n")
    os.symlink("pools", tmp_path / "ln")
    _git(tmp_path, "add", "ln")
    again = listing.Listing(str(tmp_path))
    assert again.result() == ["new.yaml", "notes", "jobs/job.yaml", "ln", "pools/nodepool.yaml"]
    assert again.unsure == ["new.yaml", "notes", "ln"]
