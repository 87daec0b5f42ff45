"""Kubernetes node matching: label requirements, node selectors, taints and tolerations.

Given the labels a node may carry (a key mapped to the values it may have, or
None for "any value"), these functions answer whether a pod's nodeSelector and
required node affinity can be met there, and which taints keep it off. They
know Kubernetes scheduling semantics and nothing about pools or formats.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence

from spotlint.location import Node
from spotlint.model import PodPlacement, Pool, Requirement, Taint, Toleration
from spotlint.placement.keys import BLOCKING_EFFECTS, is_int
from spotlint.placement.verdict import is_unknown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Labels = Mapping[str, "frozenset[str] | None"]


def _value_ok(req: Requirement, value: str) -> bool:
    """Does a node whose label ``req.key`` is ``value`` satisfy ``req``?"""
    op = req.operator
    if op == "In":
        return value in req.values
    if op == "NotIn":
        return value not in req.values
    if op == "Exists":
        return True
    if op in ("Gt", "Lt"):
        if len(req.values) != 1 or not is_int(req.values[0]) or not is_int(value):
            return False
        bound, actual = int(req.values[0]), int(value)
        return actual > bound if op == "Gt" else actual < bound
    return False  # DoesNotExist, or an operator no node satisfies


def _absent_ok(req: Requirement) -> bool:
    """Does a node without label ``req.key`` satisfy ``req``?"""
    return req.operator in ("NotIn", "DoesNotExist")


def _any_value_ok(reqs: Sequence[Requirement]) -> bool:
    """Can some value of a label that may hold *any* value satisfy all of ``reqs``?"""
    if any(r.operator not in ("In", "NotIn", "Exists", "Gt", "Lt") for r in reqs):
        return False
    ins = [set(r.values) for r in reqs if r.operator == "In"]
    if ins:
        candidates = set.intersection(*ins)
        return any(all(_value_ok(r, v) for r in reqs) for v in candidates)
    low, high = None, None
    for r in reqs:
        if r.operator in ("Gt", "Lt"):
            if len(r.values) != 1 or not is_int(r.values[0]):
                return False
            bound = int(r.values[0])
            if r.operator == "Gt":
                low = bound if low is None else max(low, bound)
            else:
                high = bound if high is None else min(high, bound)
    if low is None or high is None:
        return True
    excluded = {v for r in reqs if r.operator == "NotIn" for v in r.values}
    window = range(low + 1, min(high, low + 2 + len(excluded)))
    return any(str(n) not in excluded for n in window)


def key_satisfiable(
    reqs: Sequence[Requirement], possible: frozenset[str] | None, present: bool
) -> bool:
    """Can a node whose label has one of ``possible`` values (None: any) satisfy all ``reqs``?"""
    if any(is_unknown(r) for r in reqs):
        return True
    if not present:
        return all(_absent_ok(r) for r in reqs)
    if possible is None:
        return _any_value_ok(reqs)
    return any(all(_value_ok(r, v) for r in reqs) for v in possible)


def selector_requirement(key: str, node: Node) -> Requirement:
    """A nodeSelector entry as the ``In`` requirement it is."""
    return Requirement(key=key, operator="In", values=(node.text() or "",), node=node,
                       unknown=node.unknown)


def requirements_satisfiable(reqs: Sequence[Requirement], labels: Labels) -> bool:
    """Can one node with ``labels`` (missing key: absent; None: any value) meet all ``reqs``?"""
    by_key: dict[str, list[Requirement]] = {}
    for req in reqs:
        by_key.setdefault(req.key, []).append(req)
    return all(
        key_satisfiable(group, labels.get(key), key in labels) for key, group in by_key.items()
    )


def _required_sets(placement: PodPlacement) -> list[list[Requirement]]:
    """The pod's required constraints as alternatives (selector ANDed into every term)."""
    selector = [selector_requirement(k, n) for k, n in placement.node_selector.items()]
    terms = placement.required_terms
    if not terms:
        return [selector]
    return [selector + list(term) if term else selector for term in terms]


def labels_satisfy(placement: PodPlacement, labels: Labels) -> bool:
    """Do nodes with ``labels`` meet the pod's nodeSelector and required affinity?"""
    return any(term.satisfied_by(labels) for term in compiled_terms(placement))


class Term:
    """One alternative of a pod's required constraints, grouped by key once per pod.

    Placement rules match every pod against every pool; rebuilding the
    requirements for each pool made a pod with 200,000 selector labels cost
    labels x pools. Grouped once, a pool is judged by looking up the keys it
    must have (stopping at the first it lacks) and only those of the others it
    actually carries (a ``NotIn`` on a label the pool never sets is met).
    """

    __slots__ = ("optional", "required", "unknown")

    def __init__(self, reqs: Sequence[Requirement]) -> None:
        by_key: dict[str, list[Requirement]] = {}
        for req in reqs:
            by_key.setdefault(req.key, []).append(req)
        #: a group with an unknown value (a template placeholder) may match anything
        self.unknown = {k for k, group in by_key.items() if any(is_unknown(r) for r in group)}
        #: keys a node must carry: some requirement fails on an absent label
        self.required = [
            (k, group) for k, group in by_key.items()
            if k not in self.unknown and not all(_absent_ok(r) for r in group)
        ]
        #: keys whose requirements all hold when the label is absent
        self.optional = {
            k: group for k, group in by_key.items()
            if k not in self.unknown and all(_absent_ok(r) for r in group)
        }

    def satisfied_by(self, labels: Labels) -> bool:
        for key, group in self.required:
            if key not in labels or not key_satisfiable(group, labels[key], True):
                return False
        optional = self.optional
        if len(optional) <= len(labels):
            present = [k for k in optional if k in labels]
        else:
            present = [k for k in labels if k in optional]
        return all(key_satisfiable(optional[k], labels[k], True) for k in present)


#: Compiled terms per placement: id -> (a weak reference keeping the id honest, terms).
_TERMS: dict[int, tuple[weakref.ref[PodPlacement], list[Term]]] = {}


def compiled_terms(placement: PodPlacement) -> list[Term]:
    """The placement's required sets, compiled on first use and kept while it lives.

    A placement is not changed once built (fixes match modified copies), so
    its compiled form stays valid; a weak reference drops it with the placement.
    """
    key = id(placement)
    entry = _TERMS.get(key)
    if entry is not None and entry[0]() is placement:
        return entry[1]

    def forget(_: object, key: int = key) -> None:
        _TERMS.pop(key, None)

    terms = [Term(reqs) for reqs in _required_sets(placement)]
    _TERMS[key] = (weakref.ref(placement, forget), terms)
    return terms


def matching_key(placement: PodPlacement) -> tuple[Any, ...]:
    """What matching a pod against pools reads of it, as a value: two placements with
    equal keys fit the same pools with the same capacity types and the same
    untolerated taints (:func:`labels_satisfy`, :func:`untolerated_taints`).

    The selector's entries and the terms' requirements in order, with whether each is
    unknown (a placeholder matches anything), and each toleration's fields with
    whether one of them is a placeholder; not where any of them is written.
    """
    return (
        tuple((k, n.text() or "", n.unknown) for k, n in placement.node_selector.items()),
        None if placement.required_terms is None else tuple(
            tuple((r.key, r.operator, r.values, is_unknown(r)) for r in term)
            for term in placement.required_terms),
        tuple((t.key, t.operator, t.value, t.effect,
               _child_unknown(t.node, "key", "value", "effect", "operator"))
              for t in placement.tolerations),
    )


def _child_unknown(node: Node, *names: str) -> bool:
    return any((child := node.get(name)) is not None and child.unknown for name in names)


def tolerates(toleration: Toleration, taint: Taint) -> bool:
    """Kubernetes toleration matching (unknown placeholder fields match anything)."""
    if _child_unknown(toleration.node, "key", "value", "effect", "operator"):
        return True
    if toleration.effect and toleration.effect != taint.effect:
        return False
    if not toleration.key:
        return toleration.operator == "Exists"
    if toleration.key != taint.key:
        return False
    if toleration.operator == "Exists":
        return True
    return (toleration.value or "") == (taint.value or "")


def untolerated_taints(placement: PodPlacement, pool: Pool) -> list[Taint]:
    """The pool's blocking taints the pod has no toleration for."""
    return [
        taint for taint in pool.taints
        if taint.effect in BLOCKING_EFFECTS
        and not _child_unknown(taint.node, "key", "value", "effect")
        and not any(tolerates(t, taint) for t in placement.tolerations)
    ]
