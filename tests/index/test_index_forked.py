"""A first run's scan and records shared with one forked child (spotlint.index.forked)."""

from __future__ import annotations

import os
import time

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
