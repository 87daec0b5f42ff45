"""A first run's scan and records shared with one forked child (spotlint.index.forked)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from spotlint.index import forked
from spotlint.index.forked import shared_map

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")


def test_results_in_order_whoever_computed_them() -> None:
    parent = os.getpid()
    found = shared_map(lambda i: (i * i, os.getpid() == parent), 300)
    assert [value for value, _ in found] == [i * i for i in range(300)]


def test_the_child_takes_pieces_when_this_process_is_busy() -> None:
    parent = os.getpid()

    def task(i: int) -> bool:
        if os.getpid() == parent:
            time.sleep(0.02)  # this process is slow: the child takes the rest
        return os.getpid() == parent

    found = shared_map(task, 40)
    assert not all(found)


def test_a_failing_child_costs_only_time() -> None:
    parent = os.getpid()

    def task(i: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return i + 1

    assert shared_map(task, 50) == list(range(1, 51))


def test_an_error_here_is_raised() -> None:
    parent = os.getpid()

    def task(i: int) -> int:
        if os.getpid() == parent:
            raise ValueError("here")
        time.sleep(0.2)  # the child is slow: this process surely takes a piece
        return i

    with pytest.raises(ValueError, match="here"):
        shared_map(task, 10)


def test_small_counts_stay_here() -> None:
    parent = os.getpid()
    assert shared_map(lambda i: os.getpid() == parent, 1) == [True]
    assert shared_map(lambda i: i, 0) == []


def test_answers_larger_than_a_pipe_come_back_whole() -> None:
    """The child writes each answer as it is done (frames of any size, the pipe read
    between this process's pieces and at the end): nothing lost, none waits forever."""
    found = shared_map(lambda i: bytes([i % 256]) * (50_000 + i), 60)
    assert found == [bytes([i % 256]) * (50_000 + i) for i in range(60)]


def test_a_child_failing_after_some_answers_costs_only_time() -> None:
    parent = os.getpid()
    done_here: list[int] = []

    def task(i: int) -> int:
        if os.getpid() != parent and i >= 20:
            raise RuntimeError("the child fails after some answers")
        if os.getpid() == parent:
            done_here.append(i)
            time.sleep(0.005)  # (the child answers some pieces first)
        return i * 3

    assert shared_map(task, 40) == [i * 3 for i in range(40)]
    assert len(done_here) == 40  # the child's answers were not used: all computed here


def test_frames_are_read_across_reads() -> None:
    """An answer split over several reads is kept until whole; a damaged one makes the
    child's answers unused."""
    import pickle

    from spotlint.index.forked import _Received

    read_end, write_end = os.pipe()
    try:
        os.set_blocking(read_end, False)
        first = pickle.dumps((3, "three"))
        frames = b"".join(
            len(data).to_bytes(4, "little") + data
            for data in (first, pickle.dumps((5, [5] * 100))))
        received = _Received()
        assert not received.read(read_end)  # nothing yet
        os.write(write_end, frames[:7])
        assert received.read(read_end) and received.answers == {}
        os.write(write_end, frames[7:30])
        assert received.read(read_end) and received.answers == {3: "three"}
        assert len(received.pending) == 30 - 4 - len(first)  # only the second's part is kept
        os.write(write_end, frames[30:])
        assert received.read(read_end) and received.answers == {3: "three", 5: [5] * 100}
        assert received.pending == b""  # frames read whole are not kept
        os.write(write_end, (4).to_bytes(4, "little") + b"junk")
        assert received.read(read_end) and received.damaged and received.answers == {}
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_round_begun_is_computed_meanwhile() -> None:
    """forked.start: the child takes pieces while this process does something else;
    join gives every answer in order, the child's and those computed here."""
    parent = os.getpid()
    begun = forked.start(lambda i: (i, os.getpid() == parent), 20)
    time.sleep(0.3)  # (other work here)
    found = begun.join()
    assert [i for i, _ in found] == list(range(20))
    assert not all(here for _, here in found)
    assert begun.pid is None


def test_a_cancelled_round_leaves_no_child() -> None:
    def slow(i: int) -> int:
        time.sleep(0.05)
        return i

    begun = forked.start(slow, 40)
    pid = begun.pid
    assert pid is not None
    begun.cancel()
    assert begun.pid is None
    with pytest.raises(ChildProcessError):  # (ended and reaped)
        os.waitpid(pid, os.WNOHANG)
    begun.cancel()  # (again: nothing)


def test_a_lingering_child_is_sent_what_to_do(tmp_path: Path) -> None:
    """forked.start(linger=...): once its pieces are answered, the child waits; send()
    gives it data (it calls linger with it and ends), release() ends it unused."""
    out = tmp_path / "sent"

    def linger(data: bytes) -> None:
        out.write_bytes(data)

    begun = forked.start(lambda i: i * 2, 30, linger)
    assert begun.join() == [i * 2 for i in range(30)]
    assert begun.lingering is not None
    pid = begun.send(b"what to write")
    assert pid is not None and begun.lingering is None
    os.waitpid(pid, 0)
    assert out.read_bytes() == b"what to write"
    released = forked.start(lambda i: i, 30, linger)
    released.join()
    out.unlink()
    lingering = released.lingering
    assert lingering is not None
    released.release()
    with pytest.raises(ChildProcessError):  # (ended and reaped)
        os.waitpid(lingering[0], os.WNOHANG)
    assert not out.exists()
    assert released.send(b"late") is None


def test_a_lingering_child_that_fails_is_not_kept() -> None:
    parent = os.getpid()

    def task(i: int) -> int:
        if os.getpid() != parent and i >= 5:
            raise RuntimeError("the child fails")
        if os.getpid() == parent:
            time.sleep(0.005)
        return i + 1

    begun = forked.start(task, 40, lambda data: None)
    assert begun.join() == list(range(1, 41))
    assert begun.lingering is None


def test_answers_are_used_without_waiting_for_the_child_to_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The child says it answered all (a last frame) before it exits: join uses the
    answers then, not once its pipe ends with its exit (which comes after its memory is
    given back); the child is waited for later (reap), before the next round forks."""
    parent = os.getpid()
    exit_now = os._exit

    def slow_exit(status: int) -> None:
        if os.getpid() != parent:
            time.sleep(1.5)  # (a child slow to end)
        exit_now(status)

    monkeypatch.setattr(os, "_exit", slow_exit)
    begun = forked.start(lambda i: (i, os.getpid() == parent), 40)
    pid = begun.pid
    assert pid is not None
    started = time.monotonic()
    found = begun.join()
    assert time.monotonic() - started < 1.0  # (not waiting for its exit)
    assert [i for i, _ in found] == list(range(40))
    assert os.waitpid(pid, os.WNOHANG) == (0, 0)  # (not reaped yet: still ending)
    forked.reap()
    with pytest.raises(ChildProcessError):  # (reaped)
        os.waitpid(pid, os.WNOHANG)
    forked.reap()  # (again: nothing)


def test_a_child_ending_without_its_last_frame_is_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No last frame (the child failed after its answers): its status decides, as before."""
    monkeypatch.setattr(forked, "_DONE", b"")  # (the child writes nothing at the end)
    begun = forked.start(lambda i: i * 3, 40)
    pid = begun.pid
    assert pid is not None
    assert begun.join() == [i * 3 for i in range(40)]
    with pytest.raises(ChildProcessError):  # (waited for at its round)
        os.waitpid(pid, os.WNOHANG)
