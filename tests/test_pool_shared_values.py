"""Pools share one frozenset per distinct set of label values and capacity types.

A pool's labels and capacity types keep their values (equal sets, None where any
value goes, the dict the normalizer gave), but equal sets of different pools are
one object, so a run with thousands of pools does not hold thousands of copies
of ``{"spot"}``. The table is bounded: past its size, new sets are kept as given.
"""

from __future__ import annotations

import pytest

import spotlint.model as model
from spotlint.location import located
from spotlint.model import Pool


def _pool(labels: dict[str, frozenset[str] | None], capacity: frozenset[str] | None) -> Pool:
    anchor = located({}, "pools.yaml", 1, 1, 3, 1)
    return Pool(name="p", kind="karpenter-nodepool", doc=anchor, anchor=anchor,
                capacity_types=capacity, node_labels=labels)


def test_equal_sets_of_two_pools_are_one_object_with_the_same_values() -> None:
    first_labels = {"arch": frozenset({"amd64"}), "zone": frozenset({"a", "b"}), "any": None}
    second_labels = {"zone": frozenset({"b", "a"}), "arch": frozenset({"amd64"}), "any": None}
    first = _pool(first_labels, frozenset({"spot"}))
    second = _pool(second_labels, frozenset({"spot"}))
    assert first.node_labels is first_labels  # the normalizer's dict, as before
    assert first.node_labels == {"arch": {"amd64"}, "zone": {"a", "b"}, "any": None}
    assert list(second.node_labels) == ["zone", "arch", "any"]  # order kept
    assert second.node_labels["zone"] is first.node_labels["zone"]
    assert second.node_labels["arch"] is first.node_labels["arch"]
    assert second.capacity_types is first.capacity_types == {"spot"}
    assert _pool({}, None).capacity_types is None


def test_past_the_bound_new_sets_are_kept_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_SHARED_VALUES", {})
    monkeypatch.setattr(model, "_SHARED_VALUES_MAX", 2)
    kept = [model.shared_values(frozenset({str(i)})) for i in range(2)]
    late = frozenset({"late"})
    assert model.shared_values(late) is late
    assert model.shared_values(frozenset({"late"})) is not late  # not remembered
    assert model.shared_values(frozenset({"0"})) is kept[0]  # known sets still shared
