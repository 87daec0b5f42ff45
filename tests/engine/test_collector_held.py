"""While a run's trees are held frozen, the cyclic collector is off; the hold puts back
what it found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from spotlint.engine import collector


@pytest.fixture
def enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


def test_off_while_held_and_on_again_after(enabled: None) -> None:
    with collector.holding():
        assert not gc.isenabled()
        with collector.holding():  # nested (the CLI around lint's own hold)
            assert not gc.isenabled()
        assert not gc.isenabled()
        with collector.building():
            assert not gc.isenabled()
        assert not gc.isenabled()  # building() does not turn it on inside a hold
    assert gc.isenabled()


def test_on_again_after_an_error(enabled: None) -> None:
    with pytest.raises(RuntimeError), collector.holding():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off(enabled: None) -> None:
    gc.disable()
    with collector.holding():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_frozen_objects_are_released_when_the_hold_ends(enabled: None) -> None:
    with collector.holding():
        with collector.building():
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= 100
    assert gc.get_freeze_count() == 0
    assert kept[99] == [99]


def test_garbage_made_while_held_is_collected_after(enabled: None) -> None:
    class Cycle:
        other: object = None

    with collector.holding():
        first, second = Cycle(), Cycle()
        first.other, second.other = second, first
        del first, second
    assert gc.collect() >= 2
