"""What capacity a pod's required constraints admit, read from capacity labels alone.

This is the view without pools: a node of each capacity type is taken to carry
the capacity labels of :class:`~spotlint.capacity.CapacityLabels` with the
value for its type ("consistent labelling"). ``karpenter.sh/capacity-type:
spot`` therefore admits only Spot, and ``NotIn [spot]`` excludes Spot, which
is what the user meant even though, strictly, a node of another provisioner
lacks the label. ``DoesNotExist`` on a label that names both Spot and
On-Demand only says "not this provisioner", so it does not constrain
capacity; on a marker label that exists only on Spot nodes (kops'
``spot-worker``) it excludes Spot.

Placeholder values (``${VAR}``) are unknown: they could be anything, so a
requirement holding one constrains nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spotlint.capacity import LENIENT_LABELS, CapacityLabels
from spotlint.location import Node
from spotlint.model import ON_DEMAND, SPOT, PodPlacement, Requirement
from spotlint.placement.keys import ALL_CAPACITY, NOTHING, is_int
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


@frozen
class CapacityConstraint(FrozenValue):
    """One selector entry or required-affinity requirement on a capacity label."""

    key: str
    operator: str
    values: tuple[str, ...]
    node: Node
    allowed: frozenset[str]
    source: str

    def __init__(
        self,
        key: str,
        operator: str,
        values: tuple[str, ...],
        node: Node,
        allowed: frozenset[str],
        source: str,
    ) -> None:
        _set(self, "key", key)
        _set(self, "operator", operator)
        _set(self, "values", values)
        _set(self, "node", node)
        _set(self, "allowed", allowed)
        _set(self, "source", source)

    def describe(self) -> str:
        """How a message should quote the constraint."""
        if self.source == "nodeSelector":
            return f"nodeSelector {self.key}: {self.values[0]}"
        shown = f" [{', '.join(self.values)}]" if self.values else ""
        return f"required node affinity {self.key} {self.operator}{shown}"


@frozen
class InvalidCapacityValue(FrozenValue):
    """A capacity label compared with a value no node of that provisioner carries."""

    key: str
    value: str
    node: Node
    suggestion: str | None
    source: str
    #: the scalar spelling the value inside an expression's ``values`` (where a
    #: finding points); None when ``node`` is that scalar already (a selector)
    value_node: Node | None

    def __init__(
        self,
        key: str,
        value: str,
        node: Node,
        suggestion: str | None,
        source: str,
        value_node: Node | None = None,
    ) -> None:
        _set(self, "key", key)
        _set(self, "value", value)
        _set(self, "node", node)
        _set(self, "suggestion", suggestion)
        _set(self, "source", source)
        _set(self, "value_node", value_node)

    @property
    def at(self) -> Node:
        """Where a finding about this value points: the wrong value, not its key."""
        return self.value_node if self.value_node is not None else self.node


@frozen
class CapacityVerdict(FrozenValue):
    """The capacity types a pod may be scheduled on and the constraints that decide it."""

    allowed: frozenset[str]
    constraints: tuple[CapacityConstraint, ...]
    invalid: tuple[InvalidCapacityValue, ...]

    def __init__(
        self,
        allowed: frozenset[str],
        constraints: tuple[CapacityConstraint, ...] = (),
        invalid: tuple[InvalidCapacityValue, ...] = (),
    ) -> None:
        _set(self, "allowed", allowed)
        _set(self, "constraints", constraints)
        _set(self, "invalid", invalid)

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


def marked_types(key: str, capacity: CapacityLabels) -> frozenset[str]:
    """Capacity types whose nodes carry ``key`` at all under consistent labelling."""
    return frozenset(capacity.table.get(key, {}).values())


def is_provisioner_label(key: str, capacity: CapacityLabels) -> bool:
    """A label that names both Spot and On-Demand: its absence only means another provisioner."""
    return {SPOT, ON_DEMAND} <= marked_types(key, capacity)


def requirement_capacity(
    key: str, operator: str, values: Sequence[str], capacity: CapacityLabels
) -> frozenset[str]:
    """Capacity types a single requirement on capacity label ``key`` admits."""
    marked = marked_types(key, capacity)
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
        return ALL_CAPACITY if is_provisioner_label(key, capacity) else ALL_CAPACITY - marked
    if operator in ("Gt", "Lt"):
        return NOTHING if all(not is_int(v) for v in capacity.table.get(key, {})) else ALL_CAPACITY
    return ALL_CAPACITY  # an operator Kubernetes does not know: SL002's business


def _invalid_values(
    key: str, values: Iterable[str], node: Node, source: str, capacity: CapacityLabels,
    value_nodes: tuple[Node, ...] = (),
) -> list[InvalidCapacityValue]:
    if key not in capacity or key in LENIENT_LABELS:
        return []
    texts = tuple(values)
    spelled = value_nodes if len(value_nodes) == len(texts) else (None,) * len(texts)
    return [
        InvalidCapacityValue(key, value, node, capacity.suggest(key, value), source, at)
        for value, at in zip(texts, spelled, strict=True)
        if capacity.canonical(key, value) is None
    ]


def invalid_requirement_values(
    req: Requirement, capacity: CapacityLabels, source: str = "affinity"
) -> list[InvalidCapacityValue]:
    """Values of an ``In``/``NotIn`` requirement on a capacity label that no node carries."""
    if is_unknown(req) or req.operator not in ("In", "NotIn"):
        return []
    return _invalid_values(req.key, req.values, req.node, source, capacity, req.value_nodes)


def _selector_constraints(
    placement: PodPlacement, capacity: CapacityLabels
) -> tuple[list[CapacityConstraint], list[InvalidCapacityValue]]:
    constraints: list[CapacityConstraint] = []
    invalid: list[InvalidCapacityValue] = []
    table = capacity.table  # (``key in capacity``, without a Python call per entry)
    for key, node in placement.node_selector.items():
        if key not in table or node.unknown:
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
    table = capacity.table
    for req in term:
        if req.key not in table or is_unknown(req):
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
