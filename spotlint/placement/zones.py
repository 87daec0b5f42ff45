"""Zones: where a pool's nodes may be, and which of them a pod can reach.

Zones are counted in one canonical form, :class:`Zone`: the bare value
(``us-east-1a``) and whether it is a zone *name* (``topology.kubernetes.io/zone``,
or the deprecated ``failure-domain.beta.kubernetes.io/zone``) or an AWS zone *id*
(``topology.k8s.aws/zone-id``, ``use1-az1``). A pod pinned with either name
label and a pool listing the same zone count as one zone. Names and ids cannot
be compared without the account's mapping (``use1-az1`` is ``us-east-1a`` in one
account and ``us-east-1c`` in another), so they are counted apart and never
added together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spotlint.capacity import CapacityLabels
from spotlint.model import PodPlacement, Pool, Requirement
from spotlint.placement.keys import ZONE_ID_KEY, ZONE_KEYS, ZONE_NAME_KEYS
from spotlint.placement.matching import labels_satisfy
from spotlint.placement.pools import labels_for_capacity, pool_types
from spotlint.placement.verdict import is_unknown
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


NAME, ID = "name", "id"


@frozen
class Zone(FrozenValue):
    """One availability zone, by name or by AWS zone id (ordered as ``(value, kind)``)."""

    value: str
    kind: str

    def __init__(self, value: str, kind: str = NAME) -> None:
        _set(self, "value", value)
        _set(self, "kind", kind)

    # ordering as @dataclass(order=True) gives it: by the fields' tuple, same class only
    def __lt__(self, other: Zone) -> bool:
        if other.__class__ is self.__class__:
            return (self.value, self.kind) < (other.value, other.kind)
        return NotImplemented

    def __le__(self, other: Zone) -> bool:
        if other.__class__ is self.__class__:
            return (self.value, self.kind) <= (other.value, other.kind)
        return NotImplemented

    def __gt__(self, other: Zone) -> bool:
        if other.__class__ is self.__class__:
            return (self.value, self.kind) > (other.value, other.kind)
        return NotImplemented

    def __ge__(self, other: Zone) -> bool:
        if other.__class__ is self.__class__:
            return (self.value, self.kind) >= (other.value, other.kind)
        return NotImplemented

    def __str__(self) -> str:
        return self.value


def zone_kind(key: str) -> str:
    return ID if key == ZONE_ID_KEY else NAME


def pool_zones(pool: Pool) -> frozenset[Zone] | None:
    """Zones a pool's nodes may be in; None when not statically known."""
    for key in (*ZONE_NAME_KEYS, ZONE_ID_KEY):
        values = pool.node_labels.get(key)
        if values is not None:
            return frozenset(Zone(v, zone_kind(key)) for v in values)
    if pool.zones:
        if any(z.unknown for z in pool.zones):
            return None
        return frozenset(Zone(z.text() or "") for z in pool.zones)
    return None


def pinned_zone(placement: PodPlacement) -> Zone | None:
    """The one zone the pod's required constraints allow, on any zone key (None: not pinned)."""
    for key in ZONE_KEYS:
        node = placement.node_selector.get(key)
        if node is not None and not node.unknown:
            return Zone(node.text() or "", zone_kind(key))
    terms = placement.required_terms
    if not terms:
        return None
    pins = set()
    for term in terms:
        single = [Zone(r.values[0], zone_kind(r.key)) for r in term if _pins_zone(r)]
        if not single:
            return None
        pins.add(single[0])
    return pins.pop() if len(pins) == 1 else None


def _pins_zone(req: Requirement) -> bool:
    return (req.key in ZONE_KEYS and req.operator == "In" and len(req.values) == 1
            and not is_unknown(req))


@frozen
class ZoneReach(FrozenValue):
    """Zones a pod may land in through the pools it fits.

    ``unknown`` is True when a pool it fits has no statically known zones (its
    subnets are chosen at launch): then ``zones`` is only part of the answer.
    """

    zones: frozenset[Zone]
    pools: tuple[Pool, ...]
    unknown: bool
    pinned: Zone | None

    def __init__(
        self,
        zones: frozenset[Zone],
        pools: tuple[Pool, ...],
        unknown: bool,
        pinned: Zone | None,
    ) -> None:
        _set(self, "zones", zones)
        _set(self, "pools", pools)
        _set(self, "unknown", unknown)
        _set(self, "pinned", pinned)


def reachable_zones(
    placement: PodPlacement, fitting: Sequence[Pool], capacity: CapacityLabels
) -> ZoneReach:
    """Zones the pod can reach in the pools it fits: each pool's zones its constraints admit."""
    pinned = pinned_zone(placement)
    if not fitting:
        return ZoneReach(frozenset(), (), False, pinned)
    if pinned is not None:
        return ZoneReach(frozenset({pinned}), tuple(fitting), False, pinned)
    zones: set[Zone] = set()
    unknown = False
    for pool in fitting:
        offered = pool_zones(pool)
        if offered is None:
            unknown = True
            continue
        zones |= {z for z in offered if _fits_in_zone(placement, pool, z, capacity)}
    return ZoneReach(frozenset(zones), tuple(fitting), unknown, None)


def _fits_in_zone(
    placement: PodPlacement, pool: Pool, zone: Zone, capacity: CapacityLabels
) -> bool:
    """Can the pod land on the pool's nodes in ``zone`` (its zone constraints included)?"""
    keys = ZONE_NAME_KEYS if zone.kind == NAME else (ZONE_ID_KEY,)
    for capacity_type in pool_types(pool):
        labels = labels_for_capacity(pool, capacity_type, capacity)
        if labels is None:
            continue
        zoned = dict(labels)
        for key in keys:
            if key == keys[0] or key in zoned:
                zoned[key] = frozenset({zone.value})
        if labels_satisfy(placement, zoned):
            return True
    return False


def spread(zones: Iterable[Zone]) -> list[Zone]:
    """The zones of the most numerous kind when that kind holds several, else [].

    A pod pinned by zone id next to one floating over zone names may or may not
    share a zone with it; only zones of one kind can be counted as distinct.
    """
    by_kind: dict[str, set[Zone]] = {}
    for zone in zones:
        by_kind.setdefault(zone.kind, set()).add(zone)
    best = max(by_kind.values(), key=len, default=set())
    return sorted(best) if len(best) > 1 else []
