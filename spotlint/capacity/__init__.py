"""Node labels that say which capacity type a node is, and their exact values.

Values are case-sensitive and differ per provisioner; every spelling maps to one
canonical capacity type so rules can compare across formats.
"""

from __future__ import annotations

from collections.abc import Mapping

from spotlint.model import CAPACITY_BLOCK, ON_DEMAND, RESERVED, SPOT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEFAULT_CAPACITY_LABELS: dict[str, dict[str, str]] = {
    "eks.amazonaws.com/capacityType": {
        "ON_DEMAND": ON_DEMAND,
        "SPOT": SPOT,
        "CAPACITY_BLOCK": CAPACITY_BLOCK,
    },
    "karpenter.sh/capacity-type": {"on-demand": ON_DEMAND, "spot": SPOT, "reserved": RESERVED},
    "node-lifecycle": {"spot": SPOT, "on-demand": ON_DEMAND},
    "node.kubernetes.io/lifecycle": {"spot": SPOT, "normal": ON_DEMAND},
    "node-role.kubernetes.io/spot-worker": {"true": SPOT},
}

#: Labels whose other values are user conventions, not errors: a team may use any value.
LENIENT_LABELS = frozenset({"node.kubernetes.io/lifecycle"})


def squash(text: str) -> str:
    """A capacity value with case, ``_``, ``-`` and spaces dropped: ``ON_DEMAND`` ~ ``on-demand``.

    Two values that squash alike differ only in spelling, which is what makes
    a suggested correction safe to apply (SL105).
    """
    return text.lower().replace("_", "").replace("-", "").replace(" ", "")


class CapacityLabels:
    """The capacity label table of one run (defaults plus the user's extra labels)."""

    def __init__(self, extra: Mapping[str, Mapping[str, str]] | None = None) -> None:
        table = {k: dict(v) for k, v in DEFAULT_CAPACITY_LABELS.items()}
        for key, values in (extra or {}).items():
            table.setdefault(key, {}).update(values)
        self.table = table
        #: Per-pool results computed against this table, by ``id(pool)`` (see
        #: :func:`spotlint.placement.labels_for_capacity`): one table serves one run.
        self.pool_memo: dict[int, Any] = {}
        #: Answers about a list of pools computed against this table, by the pools'
        #: identities (with the pools kept beside each answer: see
        #: :func:`spotlint.placement.suggest.capacity_selectors`).
        self.pools_memo: dict[Any, Any] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def keys(self) -> list[str]:
        return list(self.table)

    def canonical(self, key: str, value: str) -> str | None:
        """Canonical capacity type of ``key=value``; None if no node carries that value."""
        return self.table.get(key, {}).get(value)

    def values_for(self, key: str, capacity: str) -> list[str]:
        """Label values of ``key`` that mean ``capacity``."""
        return [v for v, c in self.table.get(key, {}).items() if c == capacity]

    def suggest(self, key: str, value: str) -> str | None:
        """The valid value a wrong one most likely meant (case, ``_`` vs ``-``)."""
        wanted = squash(value)
        for valid in self.table.get(key, {}):
            if squash(valid) == wanted:
                return valid
        aliases = {"ondemand": ON_DEMAND, "od": ON_DEMAND, "normal": ON_DEMAND, "spot": SPOT}
        capacity = aliases.get(wanted)
        if capacity is not None:
            candidates = self.values_for(key, capacity)
            if candidates:
                return candidates[0]
        return None
