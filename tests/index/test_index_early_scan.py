"""A first run's scan begins as soon as git has listed the files (spotlint.index.context
``_Early``): this process and one forked child share the listing at once, each finding
its pieces' files as ``project_files`` would and taking each one's status from the read
(an open that follows no link), so no ``lstat`` loop comes first; the files found, the
scan's result, and so the index, are what they were without it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import test_index_identity
from support.aged import age

from spotlint.config.settings import Settings
from spotlint.index import context, forked, store
from spotlint.load import bounded
from spotlint.plugins.manager import default_registry

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")

GIVEN = "team-a/pod-templates/driver.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    test_index_identity.generate(root)
    age(root)
    # (pieces of a few files: the generated project, ~50 files, is scanned in several)
    monkeypatch.setattr(context, "SCAN_CHUNK", 4)
    return root


class _Rounds:
    """The forked rounds started, whether ``project_files`` (the ``lstat`` loop) was
    asked, and ``meanwhile`` called once git has listed, before the early round."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch,
                 meanwhile: Callable[[], None] | None = None) -> None:
        self.started: list[forked.Round] = []
        self.lstat_loops = 0
        start, files = forked.start, context.project_files
        early = [True]

        def spy_start(task: Callable[[int], Any], count: int, *args: Any) -> forked.Round:
            if early[0] and meanwhile is not None:
                meanwhile()
            early[0] = False
            found = start(task, count, *args)
            self.started.append(found)
            return found

        def spy_files(*args: Any, **kwargs: Any) -> Any:
            self.lstat_loops += 1
            return files(*args, **kwargs)

        monkeypatch.setattr(forked, "start", spy_start)
        monkeypatch.setattr(context, "project_files", spy_files)

    def pids(self) -> list[int]:
        return [r.pid for r in self.started if r.pid is not None]


def _run(root: Path, given: str = GIVEN) -> tuple[context.Context | None, dict[str, bytes]]:
    """A run for ``given`` (no index before it): its context and the index files it left."""
    shutil.rmtree(root / ".spotlint_cache", ignore_errors=True)
    settings = Settings(root=str(root))
    found = context.indexed_context([str(root / given)], settings, default_registry().kinds,
                                    str(root), None)
    cache = root / ".spotlint_cache"
    saved = {str(p.relative_to(cache)): p.read_bytes() for p in sorted(cache.rglob("*"))
             if p.is_file()} if cache.is_dir() else {}
    return found, saved


def _plain(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[context.Context | None,
                                                                   dict[str, bytes]]:
    """The same run without the early scan (the scan after the ``lstat``, as before)."""
    with monkeypatch.context() as patched:
        patched.setattr(context, "_can_fork", lambda: False)
        return _run(root)


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def parent_scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files this process scans after the ``lstat`` (not the early round's)."""
    here = os.getpid()
    done: list[str] = []
    scan = context._scan

    def spy(root: str, rel: str, *args: Any) -> Any:
        if os.getpid() == here:
            done.append(rel)
        return scan(root, rel, *args)

    monkeypatch.setattr(context, "_scan", spy)
    yield done


def _index_paths(saved: dict[str, bytes]) -> set[str]:
    import json

    (text,) = [data for name, data in saved.items() if not name.endswith(".gitignore")
               and data.startswith(b"{")]
    return set(json.loads(text.split(b"\n", 1)[0])["paths"])  # (the columns' line)


def test_the_round_takes_the_lstats_and_the_index_is_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    expected = _plain(repo, monkeypatch)
    parent_scans.clear()
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.started and rounds.started[0].count > 1
    assert rounds.lstat_loops == 0  # (the files found by the round: no lstat loop)
    assert parent_scans == []  # every summary from the round: none scanned again here
    assert found[1] == expected[1] and found[1]  # the index, byte for byte
    assert found[0] is not None and expected[0] is not None
    assert found[0].paths == expected[0].paths
    assert sorted(found[0].known) == sorted(expected[0].known)
    assert all(_reaped(pid) for pid in rounds.pids())


def test_the_round_finds_the_files_project_files_finds(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Skipped and excluded directories, a virtualenv, Markdown, given and ignored files,
    names that are no candidates: the rows (path, size, time) and configuration files
    are :func:`project_files`' own, in its order."""
    (repo / "node_modules" / "x").mkdir(parents=True)
    (repo / "node_modules" / "x" / "pool.yaml").write_text("a: 1\n")
    (repo / "venv").mkdir()
    (repo / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (repo / "venv" / "pool.yaml").write_text("a: 1\n")
    (repo / "skipped").mkdir()
    (repo / "skipped" / "pool.yaml").write_text("a: 1\n")
    (repo / "team-a" / "NOTES.MD").write_text("# notes\n")
    (repo / "team-a" / "data.csv").write_text("a,b\n")
    (repo / "sub").mkdir()
    (repo / "sub" / "pyproject.toml").write_text("[tool.other]\n")
    settings = Settings(root=str(repo), exclude=["skipped"])
    excluded = context._exclusion(settings)
    listing = context.start_listing(str(repo))
    listed = listing.result()
    assert listed is not None
    expected = context.project_files(str(repo), excluded, context._Listed(listed, []),
                                     context.MARKDOWN_SUFFIXES)
    assert expected is not None and expected[1] == ["sub/pyproject.toml"]
    early = context._Early.start(context._Listed(listed, []), [GIVEN], str(repo), settings,
                                 default_registry().kinds, excluded)
    assert early is not None and early.scan is not None and early.scan.pid is not None
    assert early.files(excluded) == expected
    assert GIVEN in early.listing.paths and GIVEN not in early.found  # (given: not read)
    assert "skipped/pool.yaml" not in early.found and "venv/pool.yaml" not in early.found


def test_a_file_deleted_after_the_listing_is_left_out(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    gone = repo / "team-a" / "karpenter" / "nodepools.yaml"
    assert gone.is_file()
    rounds = _Rounds(monkeypatch, gone.unlink)
    found = _run(repo)
    assert rounds.lstat_loops == 0
    assert "team-a/karpenter/nodepools.yaml" not in _index_paths(found[1])
    # what a run in the tree without the file gives (listed by git all along: untracked
    # files are listed as they are found)
    expected = _plain(repo, monkeypatch)
    assert found[1] == expected[1]


class _Stuck(Exception):
    """(Not a TimeoutError: an OSError, which a read's caller takes for an unreadable file.)"""


def test_a_fifo_where_a_file_was_listed_is_not_waited_on(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """git's index still names a file now replaced by a FIFO: the round opens nothing it
    would wait on, and leaves it out (as the ``lstat`` did)."""
    rel = "team-a/pod-templates/executor.yaml"
    subprocess.run(["git", "-C", str(repo), "add", rel], check=True)
    (repo / rel).unlink()
    os.mkfifo(repo / rel)
    expected = _plain(repo, monkeypatch)
    rounds = _Rounds(monkeypatch)

    def stuck(signum: int, frame: object) -> None:
        raise _Stuck("the run waits on the FIFO")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        found = _run(repo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    for pid in rounds.pids():  # (a child stuck on the FIFO: ended here)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert rounds.lstat_loops == 0
    assert found[1] == expected[1]
    assert rel not in _index_paths(found[1])


@pytest.mark.parametrize("name", ["link.yaml", "LINK.md"])
def test_a_listed_link_makes_the_listing_unusable(
    repo: Path, monkeypatch: pytest.MonkeyPatch, name: str,
) -> None:
    """git lists a symbolic link (Markdown's too: the index keeps none, the walk would
    follow it): the index is not used (the whole project is read), as with the ``lstat``,
    and the child is not left behind."""
    (repo / name).symlink_to(repo / GIVEN)
    assert _plain(repo, monkeypatch) == (None, {})
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert found == (None, {})
    assert rounds.started and all(r.pid is None for r in rounds.started)
    assert all(_reaped(pid) for pid in rounds.pids())


def test_a_directory_where_git_lists_a_file_makes_the_listing_unusable(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    rel = "team-a/pod-templates/executor.yaml"
    subprocess.run(["git", "-C", str(repo), "add", rel], check=True)
    (repo / rel).unlink()
    (repo / rel).mkdir()
    (repo / rel / "inside.yaml").write_text("a: 1\n")
    assert _plain(repo, monkeypatch) == (None, {})
    rounds = _Rounds(monkeypatch)
    assert _run(repo) == (None, {})
    assert rounds.started and all(_reaped(pid) for pid in rounds.pids())


def test_a_file_the_round_cannot_open_is_found_by_its_lstat_and_scanned_here(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    """Unreadable (here: every open of it fails): its ``lstat`` puts it among the files, and
    this process scans it (the read fails again: every role), as before."""
    rel = "team-a/karpenter/nodepools.yaml"
    read = context.read_bounded

    def refused(path: str, *args: Any) -> bytes:
        if path.endswith(rel):
            raise PermissionError(13, "Permission denied", path)
        return read(path, *args)

    monkeypatch.setattr(context, "read_bounded", refused)
    expected = _plain(repo, monkeypatch)
    parent_scans.clear()
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.lstat_loops == 0
    assert parent_scans == [rel]
    assert rel in _index_paths(found[1])
    assert found[1] == expected[1]


def test_an_early_scan_asking_otherwise_for_handlers_is_not_used(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    """The round scans with or without the handler needles as the given files' records
    said before it; should the run decide otherwise (a given file changed meanwhile),
    the files are scanned again here, as before (the files found are the round's)."""
    expected = _plain(repo, monkeypatch)
    parent_scans.clear()
    reads = context.reads_handlers
    answers: list[bool] = []

    def flipped(given: Any, records: Any) -> bool:
        answer = reads(given, records)
        answers.append(answer)
        return answer if len(answers) > 1 else not answer  # (the early call is wrong)

    monkeypatch.setattr(context, "reads_handlers", flipped)
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.lstat_loops == 0
    assert len(answers) >= 2
    assert parent_scans  # scanned again here
    assert found[1] == expected[1]
    assert all(_reaped(pid) for pid in [r.pid for r in rounds.started if r.pid] or [])


def test_the_given_files_records_are_built_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Built before the round's child is forked (they tell whether it asks for handlers),
    and not again."""
    built: list[str] = []
    build_all = context._build_all

    def spy(stale: Any, *args: Any) -> Any:
        built.extend(stale)
        return build_all(stale, *args)

    monkeypatch.setattr(context, "_build_all", spy)
    _Rounds(monkeypatch)
    _run(repo)
    assert built.count(GIVEN) == 1


def test_small_projects_fork_no_early_scan(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "SCAN_CHUNK", 256)
    expected = _plain(repo, monkeypatch)
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.lstat_loops == 1 and not rounds.pids()
    assert found[1] == expected[1]


def test_a_run_with_an_index_begins_no_early_scan(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _run(repo)
    rounds = _Rounds(monkeypatch)
    settings = Settings(root=str(repo))
    (repo / "team-a" / "jobs" / "new.yaml").write_text("a: 1\n")
    assert context.indexed_context([str(repo / GIVEN)], settings, default_registry().kinds,
                                   str(repo), None) is not None
    assert rounds.lstat_loops == 1 and not rounds.started
    assert store  # (the index of the first run was read)


def test_no_early_scan_where_a_link_cannot_be_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (the round's status of a file is its open's fstat: without O_NOFOLLOW a link
    # would be read through, so project_files' lstat loop decides instead)
    expected = _plain(repo, monkeypatch)
    monkeypatch.setattr(bounded, "NOFOLLOW", 0)
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.lstat_loops == 1
    assert found[1] == expected[1]
