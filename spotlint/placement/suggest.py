"""Advice that names only labels a node in scope really carries.

"Select ``karpenter.sh/capacity-type: on-demand``" is good advice on a
Karpenter cluster and harmful on one made of EKS managed node groups: no node
carries that label, so following it silences the warning and leaves the pod
Pending. With pools in scope, advice is read off the pools' own node labels
(the capacity label and value their nodes of that type carry, else the pool's
name label); without pools, the label the pod already uses, else both common
provisioner labels, each named with its provisioner.
"""

from __future__ import annotations

from spotlint.capacity import CapacityLabels
from spotlint.model import Pool
from spotlint.placement.explain import taint_text
from spotlint.placement.keys import EKS_CAPACITY_KEY, KARPENTER_CAPACITY_KEY
from spotlint.placement.pools import labels_for_capacity, pool_title, pool_types
from spotlint.placement.view import CAPACITY_WORDS, RoleView

#: Labels that name a pool (its nodes carry the pool's name), most specific first.
POOL_NAME_KEYS = (
    "karpenter.sh/nodepool",
    "karpenter.sh/provisioner-name",
    "eks.amazonaws.com/nodegroup",
    "alpha.eksctl.io/nodegroup-name",
)


def capacity_selectors(
    pools: tuple[Pool, ...] | list[Pool], capacity_type: str, capacity: CapacityLabels
) -> list[tuple[str, str]]:
    """``(label, value)`` pairs on capacity labels that the pools' ``capacity_type`` nodes carry.

    Remembered on the run's table by the pools (kept with the answer, so their
    identities stay theirs) and the type: every finding advising a selector asks
    about its scope's pools, and jobs of one directory share a scope."""
    memo = capacity.pools_memo
    key = ("capacity selectors", tuple(map(id, pools)), capacity_type)
    known = memo.get(key)
    if known is None:
        known = memo[key] = (tuple(pools), _capacity_selectors(pools, capacity_type, capacity))
    return list(known[1])


def _capacity_selectors(
    pools: tuple[Pool, ...] | list[Pool], capacity_type: str, capacity: CapacityLabels
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for pool in pools:
        if capacity_type not in pool_types(pool):
            continue
        labels = labels_for_capacity(pool, capacity_type, capacity)
        if labels is None:
            continue
        for key in capacity.table:
            if key not in labels:
                continue
            values = labels[key]
            candidates = sorted(values) if values is not None else capacity.values_for(
                key, capacity_type)
            for value in candidates:
                if capacity.canonical(key, value) == capacity_type and (key, value) not in found:
                    found.append((key, value))
    return found


def name_selector(pool: Pool) -> tuple[str, str] | None:
    """A label that selects this pool's nodes by the pool's name."""
    for key in POOL_NAME_KEYS:
        values = pool.node_labels.get(key)
        if values is not None and len(values) == 1:
            return key, next(iter(values))
    return None


def selector_advice(
    view: RoleView, capacity_type: str, capacity: CapacityLabels, key: str | None = None
) -> str:
    """``karpenter.sh/capacity-type: on-demand``, or what else selects that capacity here."""
    words = CAPACITY_WORDS.get(capacity_type, capacity_type)
    if not view.pools:
        if key is not None and capacity.values_for(key, capacity_type):
            return f"{key}: {capacity.values_for(key, capacity_type)[0]}"
        karpenter = capacity.values_for(KARPENTER_CAPACITY_KEY, capacity_type)
        eks = capacity.values_for(EKS_CAPACITY_KEY, capacity_type)
        options = []
        if karpenter:
            options.append(f"{KARPENTER_CAPACITY_KEY}: {karpenter[0]} on Karpenter")
        if eks:
            options.append(f"{EKS_CAPACITY_KEY}: {eks[0]} on EKS managed node groups")
        return " or ".join(options) or f"a {words} capacity label"
    pairs = capacity_selectors(view.pools, capacity_type, capacity)
    pairs.sort(key=lambda pair: pair[0] != key)
    if pairs:
        return " or ".join(f"{k}: {v}" for k, v in pairs[:2])
    offering = [p for p in view.pools if capacity_type in pool_types(p)]
    for pool in offering:
        named = name_selector(pool)
        if named is not None:
            return f"{named[0]}: {named[1]}, the {words} pool {pool_title(pool)}"
    if offering:
        return f"the labels of the {words} pool {pool_title(offering[0])}"
    return f"no pool in scope offers {words} capacity: add one"


def taint_note(view: RoleView, capacity_type: str, role_word: str) -> str:
    """`` NodePool od offers On-Demand but taints its nodes x=y:NoSchedule, ...`` or ``""``."""
    blocked = view.blocked_from(capacity_type)
    if not blocked:
        return ""
    words = CAPACITY_WORDS.get(capacity_type, capacity_type)
    first = blocked[0]
    taints = ", ".join(taint_text(t) for t in first.taints)
    more = f" (and {len(blocked) - 1} more pools)" if len(blocked) > 1 else ""
    return (f" {pool_title(first.pool)}{more} offers {words} nodes the {role_word} could use, "
            f"but its taint {taints} keeps it off: the {role_word} has no toleration for it.")

