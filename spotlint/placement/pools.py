"""Pools as placement sees them: the labels of their nodes per capacity type, and fit.

A pool's ``node_labels`` (including the implied capacity and zone labels
normalizers add) are matched exactly, per capacity type the pool offers,
together with its taints and the pod's tolerations.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable

from spotlint.capacity import CapacityLabels
from spotlint.model import PodPlacement, Pool
from spotlint.placement.keys import ALL_CAPACITY, NOTHING
from spotlint.placement.matching import Labels, labels_satisfy, untolerated_taints
from spotlint.placement.verdict import is_provisioner_label, marked_types


def pool_types(pool: Pool) -> frozenset[str]:
    return pool.capacity_types if pool.capacity_types is not None else ALL_CAPACITY


def labels_for_capacity(
    pool: Pool, capacity_type: str, capacity: CapacityLabels
) -> Labels | None:
    """The pool's node labels as carried by its ``capacity_type`` nodes (None: no such nodes).

    The answer depends on the pool and the table only, yet the placement rules
    ask for it for every job against every pool; it is computed once per pool
    and capacity type and kept on the run's table (``capacity.pool_memo``), so a
    run costs jobs x pools lookups rather than label recomputations. Callers
    share the mapping and must not change it. An entry lives as long as its pool
    (a weak reference drops it), so temporary pools do not accumulate and a
    reused ``id`` never finds a stale answer.
    """
    memo: dict[int, tuple[weakref.ref[Pool], dict[str, Labels | None]]] = capacity.pool_memo
    key = id(pool)
    entry = memo.get(key)
    if entry is None or entry[0]() is not pool:

        def forget(_: object, key: int = key) -> None:
            memo.pop(key, None)

        entry = (weakref.ref(pool, forget), {})
        memo[key] = entry
    results = entry[1]
    if capacity_type not in results:
        results[capacity_type] = _labels_for_capacity(pool, capacity_type, capacity)
    return results[capacity_type]


def _labels_for_capacity(
    pool: Pool, capacity_type: str, capacity: CapacityLabels
) -> dict[str, frozenset[str] | None] | None:
    """:func:`labels_for_capacity`, computed.

    A capacity label keeps only the values that mean this type; when none is
    left, a provisioner's label says the pool has no such nodes, while a
    marker label (present only on Spot nodes) is just absent.
    """
    labels: dict[str, frozenset[str] | None] = dict(pool.node_labels)
    table = capacity.table  # (``key in capacity``, without a Python call per label)
    for key, values in pool.node_labels.items():
        if key not in table:
            continue
        if values is None:
            values = frozenset(capacity.table[key])
        kept = frozenset(v for v in values if capacity.canonical(key, v) in (capacity_type, None))
        if kept:
            labels[key] = kept
        elif is_provisioner_label(key, capacity) or capacity_type in marked_types(key, capacity):
            return None
        else:
            del labels[key]  # a Spot marker label is simply absent on other nodes
    return labels


def label_capacity_for(
    placement: PodPlacement, pool: Pool, capacity: CapacityLabels
) -> frozenset[str]:
    """Capacity types of the pool's nodes whose labels meet the pod's constraints (no taints)."""
    fitting = set()
    for capacity_type in pool_types(pool):
        labels = labels_for_capacity(pool, capacity_type, capacity)
        if labels is not None and labels_satisfy(placement, labels):
            fitting.add(capacity_type)
    return frozenset(fitting)


def pool_capacity_for(
    placement: PodPlacement, pool: Pool, capacity: CapacityLabels
) -> frozenset[str]:
    """Capacity types of the pool's nodes this pod can land on (labels and taints)."""
    if untolerated_taints(placement, pool):
        return NOTHING
    return label_capacity_for(placement, pool, capacity)


def pool_fits(placement: PodPlacement, pool: Pool, capacity: CapacityLabels | None = None) -> bool:
    return bool(pool_capacity_for(placement, pool, capacity or CapacityLabels()))


def pools_for(
    placement: PodPlacement, pools: Iterable[Pool], capacity: CapacityLabels | None = None
) -> list[Pool]:
    """Pools whose nodes satisfy the pod's required selectors and whose taints it tolerates."""
    table = capacity or CapacityLabels()
    return [pool for pool in pools if pool_capacity_for(placement, pool, table)]


POOL_KIND_WORDS = {
    "karpenter-nodepool": "NodePool",
    "karpenter-provisioner": "Provisioner",
    "eksctl-managed": "managed node group",
    "eksctl-self-managed": "self-managed node group",
    "terraform-eks-node-group": "managed node group",
    "terraform-self-managed-node-group": "self-managed node group",
    "terraform-autoscaling-group": "Auto Scaling group",
    "cloudformation-nodegroup": "managed node group",
    "cloudformation-autoscaling-group": "Auto Scaling group",
    "declared": "declared pool",
}


def pool_title(pool: Pool) -> str:
    """``NodePool spark-spot (karpenter.yaml)``: how messages name a pool.

    Only the file's base name: the finding's related locations carry the full
    path, and a message must not change with the directory spotlint runs from.
    """
    return f"{pool_label(pool)} ({os.path.basename(pool.path)})"


def pool_label(pool: Pool) -> str:
    """``NodePool spark-spot``: a pool's kind in words and its name."""
    return f"{POOL_KIND_WORDS.get(pool.kind, pool.kind)} {pool.name}"
