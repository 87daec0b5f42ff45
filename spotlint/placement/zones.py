"""Zones: where a pool's nodes may be, and which of them a pod can reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spotlint.capacity import CapacityLabels
from spotlint.model import PodPlacement, Pool, Requirement
from spotlint.placement.keys import ZONE_KEYS, ZONE_NAME_KEYS
from spotlint.placement.pools import pool_capacity_for, pools_for
from spotlint.placement.verdict import is_unknown


def pool_zones(pool: Pool) -> frozenset[str] | None:
    """Zone names a pool's nodes may be in; None when not statically known."""
    for key in ZONE_NAME_KEYS:
        values = pool.node_labels.get(key)
        if values is not None:
            return values
    if pool.zones:
        if any(z.unknown for z in pool.zones):
            return None
        return frozenset(z.text() or "" for z in pool.zones)
    return None


def pinned_zone(placement: PodPlacement) -> str | None:
    """``key=value`` when the pod's required constraints allow exactly one zone (any zone key)."""
    for key in ZONE_KEYS:
        node = placement.node_selector.get(key)
        if node is not None and not node.unknown:
            return f"{key}={node.text()}"
    terms = placement.required_terms
    if not terms:
        return None
    pins = set()
    for term in terms:
        single = [f"{r.key}={r.values[0]}" for r in term if _pins_zone(r)]
        if not single:
            return None
        pins.add(single[0])
    return pins.pop() if len(pins) == 1 else None


def _pins_zone(req: Requirement) -> bool:
    return (req.key in ZONE_KEYS and req.operator == "In" and len(req.values) == 1
            and not is_unknown(req))


@dataclass(frozen=True)
class ZoneReach:
    """Zones a pod may land in through the pools it fits."""

    zones: frozenset[str]
    pools: tuple[Pool, ...]
    unknown: bool
    pinned: str | None


def zones_for(
    placement: PodPlacement, pools: Sequence[Pool], capacity: CapacityLabels | None = None
) -> ZoneReach:
    """Zones reachable by the pod: each fitting pool's zones the pod's constraints admit."""
    table = capacity or CapacityLabels()
    fitting = pools_for(placement, pools, table)
    pinned = pinned_zone(placement)
    zones: set[str] = set()
    unknown = False
    for pool in fitting:
        offered = pool_zones(pool)
        if offered is None:
            unknown = True
            continue
        zones |= {z for z in offered if _fits_in_zone(placement, pool, z, table)}
    if pinned is not None:
        return ZoneReach(frozenset({pinned}), tuple(fitting), False, pinned)
    return ZoneReach(frozenset(zones), tuple(fitting), unknown, None)


def _fits_in_zone(placement: PodPlacement, pool: Pool, zone: str, capacity: CapacityLabels) -> bool:
    labels: dict[str, frozenset[str] | None] = dict(pool.node_labels)
    labels[ZONE_NAME_KEYS[0]] = frozenset({zone})
    if ZONE_NAME_KEYS[1] in labels:
        labels[ZONE_NAME_KEYS[1]] = frozenset({zone})
    zoned = Pool(name=pool.name, kind=pool.kind, doc=pool.doc, anchor=pool.anchor,
                 capacity_types=pool.capacity_types, node_labels=labels, taints=pool.taints)
    return bool(pool_capacity_for(placement, zoned, capacity))
