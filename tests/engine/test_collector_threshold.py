"""While a run's trees are held frozen, the youngest generation is collected less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from spotlint.engine import collector


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        yield gc.get_threshold()
    finally:
        gc.set_threshold(*before)


def test_held_raises_the_first_threshold_and_puts_it_back(
    thresholds: tuple[int, int, int],
) -> None:
    with collector.holding():
        assert gc.get_threshold() == (collector.HELD_THRESHOLD, 10, 10)
        with collector.holding():  # nested (the CLI around lint's own hold)
            assert gc.get_threshold() == (collector.HELD_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (collector.HELD_THRESHOLD, 10, 10)
    assert gc.get_threshold() == thresholds


def test_put_back_after_an_error(thresholds: tuple[int, int, int]) -> None:
    with pytest.raises(RuntimeError), collector.holding():
        raise RuntimeError("boom")
    assert gc.get_threshold() == thresholds


def test_a_caller_choice_is_kept(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(0, 10, 10)  # collection turned off this way: left off
    with collector.holding():
        assert gc.get_threshold() == (0, 10, 10)
    gc.set_threshold(50_000, 10, 10)  # rarer than ours already: left alone
    with collector.holding():
        assert gc.get_threshold() == (50_000, 10, 10)
    assert gc.get_threshold() == (50_000, 10, 10)


def test_frozen_objects_are_released_when_the_hold_ends(
    thresholds: tuple[int, int, int],
) -> None:
    with collector.holding():
        with collector.building():
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= 100
    assert gc.get_freeze_count() == 0
    assert kept[99] == [99]
