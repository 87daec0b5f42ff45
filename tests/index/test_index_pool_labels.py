"""A pool built back from its record (spotlint.index.pools) has its own labels: pools of
the same label keys start from one template made per set of keys, each a copy of it."""

from __future__ import annotations

import json
from typing import Any

import pytest

import spotlint.index.pools as pools
import spotlint.model as model
from spotlint.index.pools import pools_of
from spotlint.location import Location, Node


def _entry(keys: list[str], values: dict[str, list[str]]) -> dict[str, Any]:
    return {"name": "p", "kind": "karpenter-nodepool", "anchor": [1, 1, 5, 1],
            "label_keys": keys, "label_values": values, "taints": [], "zones": None,
            "types": None, "karpenter": True, "managed": False, "autoscaled": False,
            "node_class": None, "cluster": None, "region": None}


KEYS = ["kubernetes.io/arch", "karpenter.sh/capacity-type", "topology.kubernetes.io/zone"]


def test_pools_of_the_same_keys_have_labels_of_their_own() -> None:
    record = {"pools": [_entry(KEYS, {"0": ["amd64"], "1": ["spot"]}),
                        _entry(list(KEYS), {"1": ["on-demand", "spot"], "2": ["a"]}),
                        _entry(KEYS[:2], {})]}
    first, second, third = pools_of(record, "pools.yaml", {})
    assert first.node_labels == {KEYS[0]: {"amd64"}, KEYS[1]: {"spot"}, KEYS[2]: None}
    assert second.node_labels == {KEYS[0]: None, KEYS[1]: {"on-demand", "spot"},
                                  KEYS[2]: {"a"}}
    assert third.node_labels == {KEYS[0]: None, KEYS[1]: None}
    assert list(second.node_labels) == KEYS  # (the keys' order kept)
    assert first.node_labels is not second.node_labels
    first.node_labels[KEYS[2]] = frozenset({"b"})  # (a pool's labels are its own)
    again = pools_of({"pools": [_entry(KEYS, {})]}, "pools.yaml", {})[0]
    assert again.node_labels == dict.fromkeys(KEYS)


def test_past_the_templates_kept_labels_are_made_as_before(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pools, "_TEMPLATES", {})
    monkeypatch.setattr(pools, "_TEMPLATES_KEPT", 1)
    made = [pools_of({"pools": [_entry([f"k{n}", "x"], {"1": [str(n)]})]}, "p.yaml", {})[0]
            for n in range(3)]
    assert [p.node_labels for p in made] == [
        {f"k{n}": None, "x": frozenset({str(n)})} for n in range(3)]
    assert len(pools._TEMPLATES) == 1


def test_a_pool_past_the_shared_values_bound_keeps_its_own_sets(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "_SHARED_VALUES", {})
    monkeypatch.setattr(model, "_SHARED_VALUES_MAX", 1)
    first = pools_of({"pools": [_entry(KEYS, {"0": ["amd64"]})]}, "p.yaml", {})[0]
    late = pools_of({"pools": [_entry(KEYS, {"0": ["amd64"], "1": ["spot"]})]}, "p.yaml", {})[0]
    assert late.node_labels[KEYS[0]] is first.node_labels[KEYS[0]]  # (known: shared)
    assert late.node_labels[KEYS[1]] == {"spot"}
    assert frozenset({"spot"}) not in model._SHARED_VALUES  # (past the bound: as given)


def test_a_stored_pool_is_the_pool_its_constructor_makes() -> None:
    # (model.stored_pool sets every field without __init__: the same pool, field by field)
    anchor = Node({}, Location("p.yaml", 1, 1, 5, 1))
    zone = Node("a", Location("p.yaml", 2, 1, 2, 3))
    taint = model.Taint("k", "v", "NoSchedule", anchor)
    spot = model.shared_values(frozenset({"spot"}))
    labels: dict[str, frozenset[str] | None] = {"x": spot, "y": None}
    made = model.Pool("p", "karpenter-nodepool", anchor, anchor, capacity_types=spot,
                      node_labels=dict(labels), taints=[taint], instance_types=[zone],
                      zones=[zone], autoscaled_group=True, managed=True, karpenter=True,
                      node_class="default", cluster="c", region="r")
    stored = model.stored_pool("p", "karpenter-nodepool", anchor, anchor, spot, labels,
                               [taint], [zone], [zone], True, True, True, "default", "c", "r")
    assert stored == made
    assert list(vars(stored)) == list(vars(made)) == list(model.Pool.FIELDS)
    assert stored.scale_in == model.ScaleIn()
    assert stored.requirements == [] and stored.requirements is not made.requirements


def test_labels_found_by_their_shared_keys_text_and_positions() -> None:
    shared = {"ab12": "\n".join(KEYS)}
    record = {"pools": [{**_entry(KEYS, {"2": ["a", "b"]}), "label_keys": {"ref": "ab12"}},
                        {**_entry(KEYS, {"0": ["arm64"], "2": ["b", "a"]}),
                         "label_keys": {"ref": "ab12"}}]}
    first, second = pools_of(record, "p.yaml", shared)
    assert first.node_labels == {KEYS[0]: None, KEYS[1]: None, KEYS[2]: frozenset({"a", "b"})}
    assert second.node_labels == {KEYS[0]: frozenset({"arm64"}), KEYS[1]: None,
                                  KEYS[2]: frozenset({"a", "b"})}
    assert first.node_labels is not second.node_labels
    assert second.node_labels[KEYS[2]] is first.node_labels[KEYS[2]]  # (one set of values)
    assert list(second.node_labels) == KEYS


@pytest.mark.parametrize("position", ["3", "-1", "01", "x"])
def test_a_position_no_key_has_leaves_the_file_to_be_parsed(position: str) -> None:
    # (a damaged index: no contribution, so the file is read as any other)
    details = json.dumps({"pools": [_entry(KEYS, {position: ["a"]})]})
    assert pools.contribution(details, "p.yaml", {}) is None
    assert pools.contribution(json.dumps({"pools": [_entry(KEYS, {"2": ["a"]})]}),
                              "p.yaml", {}) is not None
