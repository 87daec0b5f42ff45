"""Where a pod may run: capacity types, pools and zones, from its scheduling constraints.

This is the one place that knows Kubernetes scheduling semantics, so every
placement rule (SL1xx) and every "may executors run on Spot?" question (SL2xx)
gets the same answer. It reads only the format-free model: a
:class:`~spotlint.model.PodPlacement` for the pod and
:class:`~spotlint.model.Pool` objects for the nodes.

Two views are computed:

* **Without pools** we reason about a node of each capacity type as carrying
  the capacity labels of :class:`~spotlint.capacity.CapacityLabels` with the
  value for its type ("consistent labelling"). ``karpenter.sh/capacity-type:
  spot`` therefore admits only Spot, and ``NotIn [spot]`` excludes Spot, which
  is what the user meant even though, strictly, a node of another provisioner
  lacks the label. ``DoesNotExist`` on a label that names both Spot and
  On-Demand only says "not this provisioner", so it does not constrain
  capacity; on a marker label that exists only on Spot nodes (kops'
  ``spot-worker``) it excludes Spot.
* **With pools** a pool's ``node_labels`` (including the implied capacity and
  zone labels normalizers add) are matched exactly, per capacity type the pool
  offers, together with its taints and the pod's tolerations.

Placeholder values (``${VAR}``) are unknown: they could be anything, so a
requirement holding one constrains nothing.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spotlint.capacity import LENIENT_LABELS, CapacityLabels
from spotlint.location import Node
from spotlint.model import (
    CAPACITY_BLOCK,
    ON_DEMAND,
    RESERVED,
    SPOT,
    PodPlacement,
    Pool,
    Requirement,
    Taint,
    Toleration,
)

ALL_CAPACITY: frozenset[str] = frozenset({SPOT, ON_DEMAND, RESERVED, CAPACITY_BLOCK})
NOTHING: frozenset[str] = frozenset()

#: Label keys that carry an availability zone name.
ZONE_NAME_KEYS = ("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone")
#: Label key that carries an AWS zone id (``use1-az1``).
ZONE_ID_KEY = "topology.k8s.aws/zone-id"
ZONE_KEYS = (*ZONE_NAME_KEYS, ZONE_ID_KEY)

#: Taint effects that keep a pod off a node unless tolerated.
BLOCKING_EFFECTS = frozenset({"NoSchedule", "NoExecute"})

#: The label key Karpenter validates for its capacity requirement (SL105 on pools).
KARPENTER_CAPACITY_KEY = "karpenter.sh/capacity-type"

Labels = Mapping[str, "frozenset[str] | None"]


# -- capacity verdict (no pools) ----------------------------------------------------


@dataclass(frozen=True)
class CapacityConstraint:
    """One selector entry or required-affinity requirement on a capacity label."""

    key: str
    operator: str
    values: tuple[str, ...]
    node: Node
    allowed: frozenset[str]
    source: str

    def describe(self) -> str:
        """How a message should quote the constraint."""
        if self.source == "nodeSelector":
            return f"nodeSelector {self.key}: {self.values[0]}"
        shown = f" [{', '.join(self.values)}]" if self.values else ""
        return f"required node affinity {self.key} {self.operator}{shown}"


@dataclass(frozen=True)
class InvalidCapacityValue:
    """A capacity label compared with a value no node of that provisioner carries."""

    key: str
    value: str
    node: Node
    suggestion: str | None
    source: str


@dataclass(frozen=True)
class CapacityVerdict:
    """The capacity types a pod may be scheduled on and the constraints that decide it."""

    allowed: frozenset[str]
    constraints: tuple[CapacityConstraint, ...] = ()
    invalid: tuple[InvalidCapacityValue, ...] = ()

    @property
    def constrained(self) -> bool:
        """True when some required selector or affinity looks at a capacity label."""
        return bool(self.constraints)

    @property
    def nodes(self) -> tuple[Node, ...]:
        return tuple(c.node for c in self.constraints)

    @property
    def spot_only(self) -> bool:
        return self.allowed == frozenset({SPOT})

    def admitting(self, capacity_type: str) -> list[CapacityConstraint]:
        """Constraints that let ``capacity_type`` through (where to point a finding)."""
        return [c for c in self.constraints if capacity_type in c.allowed]

    def excluding(self, capacity_type: str) -> list[CapacityConstraint]:
        return [c for c in self.constraints if capacity_type not in c.allowed]


def is_unknown(req: Requirement) -> bool:
    return req.unknown or any(n.unknown for n in req.value_nodes)


def _normalized_value(key: str, value: str, capacity: CapacityLabels) -> str:
    """On a lenient convention label, read a near miss (``ondemand``) as what it means."""
    if key in LENIENT_LABELS and capacity.canonical(key, value) is None:
        return capacity.suggest(key, value) or value
    return value


def _values_meaning(key: str, values: Iterable[str], capacity: CapacityLabels) -> frozenset[str]:
    """Capacity types ``In values`` admits on a capacity label key."""
    admitted: set[str] = set()
    for value in values:
        canonical = capacity.canonical(key, _normalized_value(key, value, capacity))
        if canonical is not None:
            admitted.add(canonical)
        elif key in LENIENT_LABELS:
            return ALL_CAPACITY  # a custom value of a convention label: could be anything
    return frozenset(admitted)


def _marked_types(key: str, capacity: CapacityLabels) -> frozenset[str]:
    """Capacity types whose nodes carry ``key`` at all under consistent labelling."""
    return frozenset(capacity.table.get(key, {}).values())


def _is_provisioner_label(key: str, capacity: CapacityLabels) -> bool:
    """A label that names both Spot and On-Demand: its absence only means another provisioner."""
    return {SPOT, ON_DEMAND} <= _marked_types(key, capacity)


def requirement_capacity(
    key: str, operator: str, values: Sequence[str], capacity: CapacityLabels
) -> frozenset[str]:
    """Capacity types a single requirement on capacity label ``key`` admits."""
    marked = _marked_types(key, capacity)
    if operator == "In":
        return _values_meaning(key, values, capacity)
    if operator == "NotIn":
        excluded = {_normalized_value(key, v, capacity) for v in values}
        return frozenset(
            c for c in ALL_CAPACITY
            if not capacity.values_for(key, c) or set(capacity.values_for(key, c)) - excluded
        )
    if operator == "Exists":
        return marked
    if operator == "DoesNotExist":
        return ALL_CAPACITY if _is_provisioner_label(key, capacity) else ALL_CAPACITY - marked
    if operator in ("Gt", "Lt"):
        return NOTHING if all(not _is_int(v) for v in capacity.table.get(key, {})) else ALL_CAPACITY
    return ALL_CAPACITY  # an operator Kubernetes does not know: SL002's business


def _invalid_values(
    key: str, values: Iterable[str], node: Node, source: str, capacity: CapacityLabels
) -> list[InvalidCapacityValue]:
    if key not in capacity or key in LENIENT_LABELS:
        return []
    return [
        InvalidCapacityValue(key, value, node, capacity.suggest(key, value), source)
        for value in values
        if capacity.canonical(key, value) is None
    ]


def invalid_requirement_values(
    req: Requirement, capacity: CapacityLabels, source: str = "affinity"
) -> list[InvalidCapacityValue]:
    """Values of an ``In``/``NotIn`` requirement on a capacity label that no node carries."""
    if is_unknown(req) or req.operator not in ("In", "NotIn"):
        return []
    return _invalid_values(req.key, req.values, req.node, source, capacity)


def _selector_constraints(
    placement: PodPlacement, capacity: CapacityLabels
) -> tuple[list[CapacityConstraint], list[InvalidCapacityValue]]:
    constraints: list[CapacityConstraint] = []
    invalid: list[InvalidCapacityValue] = []
    for key, node in placement.node_selector.items():
        if key not in capacity or node.unknown:
            continue
        value = node.text() or ""
        allowed = requirement_capacity(key, "In", (value,), capacity)
        constraints.append(CapacityConstraint(key, "In", (value,), node, allowed, "nodeSelector"))
        invalid.extend(_invalid_values(key, (value,), node, "nodeSelector", capacity))
    return constraints, invalid


def _term_constraints(
    term: Sequence[Requirement], capacity: CapacityLabels
) -> tuple[list[CapacityConstraint], list[InvalidCapacityValue]]:
    constraints: list[CapacityConstraint] = []
    invalid: list[InvalidCapacityValue] = []
    for req in term:
        if req.key not in capacity or is_unknown(req):
            continue
        allowed = requirement_capacity(req.key, req.operator, req.values, capacity)
        constraints.append(
            CapacityConstraint(req.key, req.operator, req.values, req.node, allowed, "affinity")
        )
        invalid.extend(invalid_requirement_values(req, capacity))
    return constraints, invalid


def _intersect(constraints: Iterable[CapacityConstraint]) -> frozenset[str]:
    allowed = ALL_CAPACITY
    for constraint in constraints:
        allowed &= constraint.allowed
    return allowed


def allowed_capacity(placement: PodPlacement, capacity: CapacityLabels) -> CapacityVerdict:
    """Capacity types the pod may land on from its required constraints (soft ones ignored).

    The node selector is ANDed with the required affinity; affinity terms are
    ORed, so the result is the selector's set intersected with the union of the
    terms' sets. A term with no requirements (e.g. only ``matchFields``, which the
    model does not carry) is treated as unconstrained rather than as matching
    nothing, to stay quiet about what cannot be seen.
    """
    constraints, invalid = _selector_constraints(placement, capacity)
    allowed = _intersect(constraints)
    if placement.required_terms is not None and placement.required_terms:
        union: set[str] = set()
        for term in placement.required_terms:
            term_constraints, term_invalid = _term_constraints(term, capacity)
            constraints.extend(term_constraints)
            invalid.extend(term_invalid)
            union |= _intersect(term_constraints)
        allowed &= frozenset(union)
    return CapacityVerdict(allowed, tuple(constraints), tuple(invalid))


def soft_capacity_preferences(
    placement: PodPlacement, capacity: CapacityLabels | None = None
) -> list[Requirement]:
    """Preferred (soft) node-affinity requirements that mention a capacity label."""
    table = capacity or CapacityLabels()
    return [req for req in placement.preferred if req.key in table]


# -- matching labels, taints and tolerations ---------------------------------------


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


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
        if len(req.values) != 1 or not _is_int(req.values[0]) or not _is_int(value):
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
            if len(r.values) != 1 or not _is_int(r.values[0]):
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
    return any(requirements_satisfiable(reqs, labels) for reqs in _required_sets(placement))


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


# -- pools -------------------------------------------------------------------------


def _pool_types(pool: Pool) -> frozenset[str]:
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
    for key, values in pool.node_labels.items():
        if key not in capacity:
            continue
        if values is None:
            values = frozenset(capacity.table[key])
        kept = frozenset(v for v in values if capacity.canonical(key, v) in (capacity_type, None))
        if kept:
            labels[key] = kept
        elif _is_provisioner_label(key, capacity) or capacity_type in _marked_types(key, capacity):
            return None
        else:
            del labels[key]  # a Spot marker label is simply absent on other nodes
    return labels


def pool_capacity_for(
    placement: PodPlacement, pool: Pool, capacity: CapacityLabels
) -> frozenset[str]:
    """Capacity types of the pool's nodes this pod can land on (labels and taints)."""
    if untolerated_taints(placement, pool):
        return NOTHING
    fitting = set()
    for capacity_type in _pool_types(pool):
        labels = labels_for_capacity(pool, capacity_type, capacity)
        if labels is not None and labels_satisfy(placement, labels):
            fitting.add(capacity_type)
    return frozenset(fitting)


def pool_fits(placement: PodPlacement, pool: Pool, capacity: CapacityLabels | None = None) -> bool:
    return bool(pool_capacity_for(placement, pool, capacity or CapacityLabels()))


def pools_for(
    placement: PodPlacement, pools: Iterable[Pool], capacity: CapacityLabels | None = None
) -> list[Pool]:
    """Pools whose nodes satisfy the pod's required selectors and whose taints it tolerates."""
    table = capacity or CapacityLabels()
    return [pool for pool in pools if pool_capacity_for(placement, pool, table)]


def may_run_on_spot(
    placement: PodPlacement | None, capacity: CapacityLabels, pools: list[Pool] | None = None
) -> bool:
    """Could this pod be scheduled on a Spot node?

    Unknown or absent placement answers True (the safe assumption for the
    interruption rules). With pools, the pools the pod fits decide; when it fits
    none (a finding of its own, SL106) the label-only view is used.
    """
    if placement is None or not placement.known:
        return True
    if pools:
        reachable = [pool_capacity_for(placement, pool, capacity) for pool in pools]
        if any(reachable):
            return any(SPOT in types for types in reachable)
    return SPOT in allowed_capacity(placement, capacity).allowed


# -- explaining an unschedulable pod -----------------------------------------------


#: Labels whose values the platform assigns (zones, instance facts): a value no
#: pool offers there is a real mismatch, never a pool that was not scanned.
SYSTEM_LABEL_PREFIXES = (
    "topology.kubernetes.io/", "failure-domain.beta.kubernetes.io/", "topology.k8s.aws/",
    "kubernetes.io/arch", "kubernetes.io/os", "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/", "karpenter.k8s.aws/",
)


@dataclass(frozen=True)
class Unmet:
    """A constraint of the pod that no pool in scope meets, for SL106's message.

    ``foreign`` marks a constraint on a label key that no pool in scope puts on
    its nodes at all: the pod most likely targets a pool that was not scanned
    (a Terraform node group, another cluster), not a mistake in these pools.
    """

    node: Node
    message: str
    foreign: bool = False


def _describe_requirement(req: Requirement) -> str:
    shown = f" [{', '.join(req.values)}]" if req.values else ""
    return f"{req.key} {req.operator}{shown}"


def _offered(key: str, pools: Sequence[Pool], capacity: CapacityLabels) -> str:
    """What the pools offer for one label key, for 'no pool has X; they have Y'."""
    seen: set[str] = set()
    for pool in pools:
        if key not in pool.node_labels:
            continue
        values = pool.node_labels[key]
        if values is None and key not in capacity:
            return "some pools set it to a value chosen at launch"
        seen |= values if values is not None else set(capacity.table[key])
    if seen:
        return "the pools offer " + ", ".join(sorted(seen))
    return "no pool's nodes carry this label"


def _unmet_labels(
    placement: PodPlacement, pools: Sequence[Pool], capacity: CapacityLabels
) -> list[Unmet]:
    """Single selector entries or requirements that no pool can satisfy on its own."""
    unmet: list[Unmet] = []

    def nobody(reqs: list[Requirement]) -> bool:
        return not any(
            (labels := labels_for_capacity(pool, c, capacity)) is not None
            and requirements_satisfiable(reqs, labels)
            for pool in pools for c in _pool_types(pool)
        )

    def foreign(key: str, values: Sequence[str]) -> bool:
        if all(key not in pool.node_labels for pool in pools):
            return True
        if key in capacity or key.startswith(SYSTEM_LABEL_PREFIXES):
            return False  # values of system labels cannot name an unscanned pool
        # A custom label value (a pool or node-group name) that no scanned pool
        # offers most likely names a pool defined where spotlint does not read
        # (Terraform, a Helm chart), unless it is a near miss of an offered value.
        offered = _custom_values(key, pools)
        return not any(_near_miss(v, offered) for v in values)

    for key, node in placement.node_selector.items():
        if nobody([selector_requirement(key, node)]):
            offered = _offered(key, pools, capacity)
            unmet.append(Unmet(node, f"nodeSelector {key}: {node.text()} ({offered})",
                               foreign(key, [node.text() or ""])))
    terms = placement.required_terms or []
    nonempty = [t for t in terms if t]
    if len(nonempty) == 1:
        for req in nonempty[0]:
            if nobody([req]):
                text = f"required node affinity {_describe_requirement(req)}"
                offered = _offered(req.key, pools, capacity)
                unmet.append(Unmet(req.node, f"{text} ({offered})", foreign(req.key, req.values)))
    elif len(nonempty) == len(terms) and nonempty and all(nobody(list(t)) for t in nonempty):
        unmet.append(Unmet(nonempty[0][0].node,
                           f"none of the {len(terms)} required nodeSelectorTerms matches any pool"))
    return unmet


def _custom_values(key: str, pools: Sequence[Pool]) -> set[str]:
    values: set[str] = set()
    for pool in pools:
        offered = pool.node_labels.get(key)
        if offered:
            values |= offered
    return values


def _near_miss(value: str, offered: set[str]) -> bool:
    """A value one or two edits (or only case) away from one the pools offer: a typo."""
    import difflib

    lowered = value.lower()
    for candidate in offered:
        if candidate.lower() == lowered:
            return True
        if abs(len(candidate) - len(value)) <= 2 and difflib.SequenceMatcher(
                None, lowered, candidate.lower()).ratio() >= 0.85:
            return True
    return False


def _taint_text(taint: Taint) -> str:
    value = f"={taint.value}" if taint.value else ""
    return f"{taint.key}{value}:{taint.effect}"


def explain_unschedulable(
    placement: PodPlacement, pools: Sequence[Pool], capacity: CapacityLabels | None = None
) -> list[Unmet]:
    """Why no pool fits: the label constraints nobody meets, else the taints that block.

    Empty when some pool does fit.
    """
    table = capacity or CapacityLabels()
    if pools_for(placement, pools, table) or not pools:
        return []
    unmet = _unmet_labels(placement, pools, table)
    if unmet:
        return unmet
    label_fits = [
        pool for pool in pools
        if any((labels := labels_for_capacity(pool, c, table)) is not None
               and labels_satisfy(placement, labels) for c in _pool_types(pool))
    ]
    if label_fits:
        blocked = "; ".join(
            f"{pool_title(pool)} taints "
            + ", ".join(_taint_text(t) for t in untolerated_taints(placement, pool))
            for pool in label_fits
        )
        return [Unmet(placement.anchor, f"the pools its selectors match all carry taints it does"
                                        f" not tolerate ({blocked})")]
    return [Unmet(placement.anchor, "each selector is met by some pool, but no single pool meets"
                                    " all of them together")]


POOL_KIND_WORDS = {
    "karpenter-nodepool": "NodePool",
    "karpenter-provisioner": "Provisioner",
    "eksctl-managed": "managed node group",
    "eksctl-self-managed": "self-managed node group",
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


# -- zones -------------------------------------------------------------------------


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
