"""A first run's index is written by the child of its first records round after the
scan, which lingers (spotlint.index.forked.start ``linger``) and is sent the records
made since it forked: waited for before the command ends and before an index is read
again; whatever fails there leaves no index and changes no result."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import test_index_identity
from support.aged import age

from spotlint.cli.check import CheckOptions, run_check
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
    # (the generated project, ~50 files: its records rounds forked, its index written apart)
    monkeypatch.setattr(context, "SAVE_APART_FROM", 10)
    monkeypatch.setattr(context, "PARALLEL_FROM", 2)
    monkeypatch.setattr(context, "CHUNK", 1)
    return root


def _indexed(root: Path) -> context.Context | None:
    settings = Settings(root=str(root))
    return context.indexed_context([str(root / GIVEN)], settings, default_registry().kinds,
                                   str(root), None)


def _saved(root: Path) -> dict[str, bytes]:
    cache = root / ".spotlint_cache"
    return {p.name: p.read_bytes() for p in sorted(cache.glob("*.json"))} if cache.is_dir() else {}


def _forget(root: Path) -> None:
    store.wait_saved()
    for path in (root / ".spotlint_cache").glob("*.json"):
        path.unlink()


def _same(found: context.Context | None, expected: context.Context | None) -> bool:
    assert found is not None and expected is not None
    return (found.paths, sorted(found.known)) == (expected.paths, sorted(expected.known))


def _slow_save(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index written 0.3 s late: whoever reads or ends before it must wait."""
    save = store.save

    def slow(*args: Any, **kwargs: Any) -> bool:
        time.sleep(0.3)
        return save(*args, **kwargs)

    monkeypatch.setattr(store, "save", slow)


def test_the_index_is_written_by_the_lingering_child_and_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    with monkeypatch.context() as here:
        here.setattr(context, "SAVE_APART_FROM", 1 << 30)
        expected = _indexed(repo)
        assert not store._saving
        written_here = _saved(repo)
    assert written_here
    _forget(repo)
    found = _indexed(repo)
    pids = list(store._saving)
    assert len(pids) == 1  # (a child writes it)
    store.wait_saved()
    assert not store._saving
    with pytest.raises(ChildProcessError):  # (waited for)
        os.waitpid(pids[0], os.WNOHANG)
    assert _saved(repo) == written_here
    assert _same(found, expected)


def test_an_index_being_written_is_waited_for_before_it_is_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _slow_save(monkeypatch)
    _indexed(repo)
    assert store._saving
    settings = Settings(root=str(repo))
    name = store.key(context.settings_key(settings, default_registry().kinds))
    table, _, _ = store.load_table(store.cache_dir(None, str(repo)), name)
    assert not store._saving
    assert GIVEN in table.paths


def test_a_failing_child_leaves_no_index_and_the_same_result(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = _indexed(repo)
    _forget(repo)
    here = os.getpid()

    def failing(*args: Any, **kwargs: Any) -> bool:
        if os.getpid() != here:
            raise OSError("disk full")  # (any error there: the child ends, nothing written)
        raise AssertionError("saved in this process")

    with monkeypatch.context() as patched:
        patched.setattr(store, "save", failing)
        found = _indexed(repo)
        store.wait_saved()
    assert _saved(repo) == {}
    assert _same(found, expected)
    # the next run is a first run again, and writes it
    assert _indexed(repo) is not None
    store.wait_saved()
    assert _saved(repo)


def test_an_error_after_the_round_ends_the_lingering_child(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[forked.Round] = []
    start = forked.start

    def spy(task: Any, count: int, linger: Any = None) -> forked.Round:
        begun = start(task, count, linger)
        if linger is not None:
            started.append(begun)
        return begun

    monkeypatch.setattr(forked, "start", spy)
    select = context.select
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if started:
            raise RuntimeError("an error after the round")
        return select(*args, **kwargs)

    monkeypatch.setattr(context, "select", failing)
    with pytest.raises(RuntimeError, match="after the round"):
        _indexed(repo)
    assert started and all(r.lingering is None for r in started)
    assert not store._saving
    assert _saved(repo) == {}


def test_nothing_to_save_releases_the_child(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = time.time_ns()  # (every file changed just now: no entry is kept)
    for path in repo.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, ns=(stamp, stamp))
    released: list[int] = []
    release = forked.Round.release

    def spy(self: forked.Round) -> None:
        if self.lingering is not None:
            released.append(self.lingering[0])
        release(self)

    monkeypatch.setattr(forked.Round, "release", spy)
    assert _indexed(repo) is not None
    assert released and not store._saving
    assert _saved(repo) == {}


def test_a_small_project_writes_its_index_here(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "SAVE_APART_FROM", 1000)
    _indexed(repo)
    assert not store._saving
    assert _saved(repo)


def test_the_check_command_waits_for_the_index(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    _slow_save(monkeypatch)
    monkeypatch.chdir(repo)
    out = tmp_path / "out.json"
    run_check(CheckOptions(paths=[GIVEN], formats=["json"], outputs=[str(out)], exit_zero=True))
    assert not store._saving  # (nothing left running behind the command)
    assert _saved(repo)
