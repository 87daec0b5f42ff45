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

from collections.abc import Iterable, Sequence

from spotlint.model import PodPlacement, Pool, Requirement
from spotlint.placement.matching import compiled_terms


class PoolIndex:
    """The pools of one scope by the labels their nodes may carry.

    A label key's entries are gathered when a question first names the key: a pod
    asks about a few keys (a node selector's, an affinity term's), while the pools'
    nodes carry dozens (every instance type of a pool is a value of one key), and a
    repository has an index per scope. Each key's lists hold the pools in scope
    order, as an index of every label built at once would.
    """

    def __init__(self, pools: Sequence[Pool]) -> None:
        self.pools = tuple(pools)
        self._position: dict[int, int] | None = None
        #: key -> (pools whose nodes may carry it, those with any value, those by value)
        self._by_key: dict[str, tuple[list[Pool], list[Pool], dict[str, list[Pool]]]] = {}

    def _entries(self, key: str) -> tuple[list[Pool], list[Pool], dict[str, list[Pool]]]:
        found = self._by_key.get(key)
        if found is None:
            with_key: list[Pool] = []
            any_value: list[Pool] = []
            with_value: dict[str, list[Pool]] = {}
            for pool in self.pools:
                labels = pool.node_labels
                if key not in labels:
                    continue
                with_key.append(pool)
                values = labels[key]
                if values is None:
                    any_value.append(pool)
                else:
                    for value in values:
                        with_value.setdefault(value, []).append(pool)
            found = self._by_key[key] = (with_key, any_value, with_value)
        return found

    def _in_order(self, pools: Iterable[Pool]) -> list[Pool]:
        """``pools`` (of this scope) in scope order."""
        position = self._position
        if position is None:
            position = self._position = {id(p): i for i, p in enumerate(self.pools)}
        return sorted(pools, key=lambda p: position[id(p)])

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
        return self._in_order(found.values())

    def with_key(self, key: str) -> Sequence[Pool]:
        """The pools whose nodes may carry label ``key`` (in scope order)."""
        return self._entries(key)[0] or ()

    def may_satisfy(self, req: Requirement) -> Sequence[Pool]:
        """The pools that may meet one requirement on their own (a superset, in scope order)."""
        if req.operator in ("NotIn", "DoesNotExist") or req.unknown:
            return self.pools  # met by nodes without the label: no narrowing
        return self._in_order(self._pools_for(req.key, [req]))

    def _size(self, key: str, group: Sequence[Requirement]) -> int:
        with_key, any_value, with_value = self._entries(key)
        values = _in_values(group)
        if values is None:
            return len(with_key)
        return len(any_value) + sum(len(with_value.get(v, ())) for v in values)

    def _pools_for(self, key: str, group: Sequence[Requirement]) -> list[Pool]:
        with_key, any_value, with_value = self._entries(key)
        values = _in_values(group)
        if values is None:
            return list(with_key)
        pools = {id(p): p for p in any_value}
        for value in values:
            pools.update((id(p), p) for p in with_value.get(value, ()))
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
