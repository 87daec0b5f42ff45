"""The processes of a split run swap their parts' summaries at the same time
(spotlint.engine.parallel._swap): each writes its own while the other's is read, so
summaries larger than a pipe holds (hundreds of KB at 1,000 files) block neither."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from support.deadline import deadline as bounded

from spotlint.engine import parallel

BIG = {"records": {n: {"pools": [f"pool-{n}-{i}" for i in range(20)]} for n in range(4000)}}


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging for ever if the exchange blocks both processes."""
    with bounded(30, "the exchange blocked"):
        yield


def test_both_sides_send_more_than_a_pipe_holds(deadline: None) -> None:
    to_child_r, to_child_w = os.pipe()
    to_parent_r, to_parent_w = os.pipe()
    child_sends = {"records": {n: {"pools": ["child"] * 30} for n in range(3000)}}
    assert len(parallel._framed(BIG)[1]) > 1 << 20
    assert len(parallel._framed(child_sends)[1]) > 1 << 16
    pid = os.fork()
    if pid == 0:  # the child: writes first, then reads (as a split run's child does)
        status = 1
        try:
            os.close(to_child_w)
            os.close(to_parent_r)
            parallel._write_all(to_parent_w, *parallel._framed(child_sends))
            status = 0 if parallel._read_frame(to_child_r) == BIG else 2
        finally:
            os._exit(status)
    os.close(to_child_r)
    os.close(to_parent_w)
    try:
        got = parallel._swap(to_child_w, parallel._framed(BIG), to_parent_r)
    finally:
        os.close(to_child_w)
        os.close(to_parent_r)
        _, status = os.waitpid(pid, 0)
    assert got == child_sends
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_child_that_ends_first_is_seen(deadline: None) -> None:
    to_child_r, to_child_w = os.pipe()
    to_parent_r, to_parent_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os._exit(1)  # ends before it sends anything (its pipe ends close)
    os.close(to_child_r)
    os.close(to_parent_w)
    try:
        with pytest.raises((EOFError, BrokenPipeError)):
            parallel._swap(to_child_w, parallel._framed(BIG), to_parent_r)
    finally:
        os.close(to_child_w)
        os.close(to_parent_r)
        os.waitpid(pid, 0)
