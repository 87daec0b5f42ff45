"""Which pools of a scope can possibly fit a pod, found through an index of their labels.

Matching every pod against every pool costs pods x pools: 1,000 applications
and 10,000 node groups took more than ten minutes. A pool can only fit a pod
that requires label ``k`` (a nodeSelector entry, an ``In``/``Exists``/``Gt``/
``Lt`` requirement) if its nodes may carry ``k``, and for ``In`` only with one
of the listed values (or any value). So each scope's pools are indexed once by
label key and by key and value, and a pod is matched only against the pools
listed under the most selective key it requires (in every alternative term).

The index works on a pool's ``node_labels`` before capacity types are taken
apart (:func:`~spotlint.placement.pools.labels_for_capacity` only narrows them),
so it never leaves out a pool that full matching would accept; it only spares
the pools that certainly fail.
"""

from __future__ import annotations

from collections.abc import Sequence

from spotlint.model import PodPlacement, Pool, Requirement
from spotlint.placement.matching import compiled_terms


class PoolIndex:
    """The pools of one scope by the labels their nodes may carry."""

    def __init__(self, pools: Sequence[Pool]) -> None:
        self.pools = tuple(pools)
        self._position = {id(p): i for i, p in enumerate(self.pools)}
        self._with_key: dict[str, list[Pool]] = {}
        self._any_value: dict[str, list[Pool]] = {}
        self._with_value: dict[tuple[str, str], list[Pool]] = {}
        for pool in self.pools:
            for key, values in pool.node_labels.items():
                self._with_key.setdefault(key, []).append(pool)
                if values is None:
                    self._any_value.setdefault(key, []).append(pool)
                else:
                    for value in values:
                        self._with_value.setdefault((key, value), []).append(pool)

    def candidates(self, placement: PodPlacement) -> Sequence[Pool]:
        """The pools that may fit ``placement``, in scope order (a superset of the fitting)."""
        found: dict[int, Pool] = {}
        for term in compiled_terms(placement):
            narrowest: list[Pool] | None = None
            for key, group in term.required:
                size = self._size(key, group)
                if narrowest is None or size < len(narrowest):
                    narrowest = self._pools_for(key, group)
                    if not narrowest:
                        break
            if narrowest is None:
                return self.pools  # an alternative that requires no label: every pool
            for pool in narrowest:
                found[id(pool)] = pool
        if len(found) == len(self.pools):
            return self.pools
        return sorted(found.values(), key=lambda p: self._position[id(p)])

    def with_key(self, key: str) -> Sequence[Pool]:
        """The pools whose nodes may carry label ``key`` (in scope order)."""
        return self._with_key.get(key, ())

    def may_satisfy(self, req: Requirement) -> Sequence[Pool]:
        """The pools that may meet one requirement on their own (a superset, in scope order)."""
        if req.operator in ("NotIn", "DoesNotExist") or req.unknown:
            return self.pools  # met by nodes without the label: no narrowing
        found = self._pools_for(req.key, [req])
        return sorted(found, key=lambda p: self._position[id(p)])

    def _size(self, key: str, group: Sequence[Requirement]) -> int:
        values = _in_values(group)
        if values is None:
            return len(self._with_key.get(key, ()))
        return len(self._any_value.get(key, ())) + sum(
            len(self._with_value.get((key, v), ())) for v in values
        )

    def _pools_for(self, key: str, group: Sequence[Requirement]) -> list[Pool]:
        values = _in_values(group)
        if values is None:
            return list(self._with_key.get(key, ()))
        pools = {id(p): p for p in self._any_value.get(key, ())}
        for value in values:
            pools.update((id(p), p) for p in self._with_value.get((key, value), ()))
        return list(pools.values())


def _in_values(group: Sequence[Requirement]) -> frozenset[str] | None:
    """The values an ``In`` requirement of the group allows (their intersection); None
    when no requirement of the group is ``In`` (then only the key is known to be needed)."""
    allowed: frozenset[str] | None = None
    for req in group:
        if req.operator == "In":
            values = frozenset(req.values)
            allowed = values if allowed is None else allowed & values
    return allowed
