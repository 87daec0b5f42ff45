"""A first run's scan begins as soon as git has listed the files (spotlint.index.context
``_Early``): one forked child scans while this process takes every file's ``lstat``;
the scan's result, and so the index, is what it was without it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import test_index_identity
from support.aged import age

from spotlint.config.settings import Settings
from spotlint.index import context, forked, store
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
    """The forked rounds started, and what was true when ``project_files`` was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch,
                 meanwhile: Callable[[], None] | None = None) -> None:
        self.started: list[forked.Round] = []
        self.alive_at_lstat: list[bool] = []
        start, files = forked.start, context.project_files

        def spy_start(task: Callable[[int], Any], count: int) -> forked.Round:
            found = start(task, count)
            self.started.append(found)
            return found

        def spy_files(*args: Any, **kwargs: Any) -> Any:
            self.alive_at_lstat.append(any(r.pid is not None for r in self.started))
            if meanwhile is not None:
                meanwhile()
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
    return set(json.loads(text)["paths"])


def test_the_scan_begins_before_the_lstats_and_the_index_is_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    expected = _plain(repo, monkeypatch)
    parent_scans.clear()
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert rounds.alive_at_lstat == [True]  # (the child scanning while the lstats are taken)
    assert parent_scans == []  # every summary from the round: none scanned again here
    assert found[1] == expected[1] and found[1]  # the index, byte for byte
    assert found[0] is not None and expected[0] is not None
    assert found[0].paths == expected[0].paths
    assert sorted(found[0].known) == sorted(expected[0].known)
    assert all(_reaped(pid) for pid in rounds.pids())


def test_a_file_deleted_after_the_listing_is_left_out(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    gone = repo / "team-a" / "karpenter" / "nodepools.yaml"
    assert gone.is_file()

    def delete() -> None:
        if gone.exists():  # (the first run's lstats: not the second run's)
            time.sleep(0.3)  # (the child has scanned it by now, most likely)
            gone.unlink()

    rounds = _Rounds(monkeypatch, delete)
    found = _run(repo)
    assert rounds.alive_at_lstat == [True]
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
    """git's index still names a file now replaced by a FIFO: the child opens nothing it
    would wait on (the ``lstat`` drops it, as before)."""
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
    assert rounds.alive_at_lstat == [True]
    assert found[1] == expected[1]
    assert rel not in _index_paths(found[1])


def test_an_unusable_listing_ends_the_early_scan(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """git lists a symbolic link: the index is not used (the whole project is read), and
    the child scanning meanwhile is ended, not left behind."""
    (repo / "link.yaml").symlink_to(repo / GIVEN)
    rounds = _Rounds(monkeypatch)
    found = _run(repo)
    assert found == (None, {})
    assert rounds.alive_at_lstat == [True]
    assert rounds.started and all(r.pid is None for r in rounds.started)
    assert all(_reaped(pid) for pid in rounds.pids())


def test_an_early_scan_asking_otherwise_for_handlers_is_not_used(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    """The child scans with or without the handler needles as the given files' records
    said before the ``lstat``; should the run decide otherwise (a given file changed
    meanwhile), the files are scanned again here, as before."""
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
    assert rounds.alive_at_lstat == [True]
    assert len(answers) >= 2
    assert parent_scans  # scanned again here
    assert found[1] == expected[1]
    assert all(_reaped(pid) for pid in [r.pid for r in rounds.started if r.pid] or [])


def test_the_given_files_records_are_built_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Built before the scan's child is forked (they tell whether it asks for handlers),
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
    assert rounds.alive_at_lstat == [False]
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
    assert rounds.alive_at_lstat == [False]
    assert store  # (the index of the first run was read)


def test_a_file_changed_between_its_read_and_its_lstat_is_scanned_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parent_scans: list[str],
) -> None:
    """Rewritten after the child read it, as large, its time set back (``rsync -t``,
    ``cp -p``): the size and time it was read as are not its ``lstat``'s, so this
    process scans it again; the index holds the summary of what the key tells."""
    rel = "team-a/karpenter/nodepools.yaml"
    path = repo / rel
    old = path.read_bytes()
    new = b"# no pool here\n" + b"#" * (len(old) - 16) + b"\n"
    assert len(new) == len(old)

    def rewrite() -> None:
        if path.read_bytes() == old:  # (the first run's lstats)
            time.sleep(0.3)  # (the child has read it by now, most likely)
            path.write_bytes(new)
            stamp = time.time_ns() - 120_000_000_000  # (another time, long past)
            os.utime(path, ns=(stamp, stamp))

    rounds = _Rounds(monkeypatch, rewrite)
    found = _run(repo)
    assert rounds.alive_at_lstat == [True]
    assert parent_scans == [rel]
    expected = _plain(repo, monkeypatch)  # (the tree as it is now)
    assert found[1] == expected[1]
