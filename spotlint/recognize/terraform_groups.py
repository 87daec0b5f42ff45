"""Auto Scaling node groups (EKS managed or self-managed) from infrastructure code, as Pools.

Terraform (``aws_eks_node_group``, ``aws_autoscaling_group``, the community EKS
module and EKS Blueprints) and CloudFormation (``AWS::EKS::Nodegroup``,
``AWS::AutoScaling::AutoScalingGroup``) describe the same two things: an EKS
managed node group, whose nodes EKS labels ``eks.amazonaws.com/capacityType``,
and a self-managed Auto Scaling group, Spot when its instances distribution
leaves On-Demand below 100 % (the Auto Scaling API's
``OnDemandPercentageAboveBaseCapacity`` defaults to 100 and
``OnDemandBaseCapacity`` to 0). Each format module fills a :class:`GroupSpec`
with the located values it read; :func:`group_pool` turns it into the model.
Only known values count: an unknown capacity type leaves the capacity unknown.
"""

from __future__ import annotations

import re

from spotlint.location import Location, Node
from spotlint.model import CAPACITY_BLOCK, ON_DEMAND, SPOT, Pool, SpotAllocation, Taint
from spotlint.placement.keys import EC2_NODE_LABELS
from spotlint.recognize.common import scalar_text
from spotlint.value import Value

#: EKS API taint effects as Kubernetes spells them on the node.
TAINT_EFFECTS = {
    "NO_SCHEDULE": "NoSchedule",
    "NO_EXECUTE": "NoExecute",
    "PREFER_NO_SCHEDULE": "PreferNoSchedule",
    "NoSchedule": "NoSchedule",
    "NoExecute": "NoExecute",
    "PreferNoSchedule": "PreferNoSchedule",
}
_EKS_CAPACITY = {"ON_DEMAND": ON_DEMAND, "SPOT": SPOT, "CAPACITY_BLOCK": CAPACITY_BLOCK}
_EKS_LABEL = {ON_DEMAND: "ON_DEMAND", SPOT: "SPOT", CAPACITY_BLOCK: "CAPACITY_BLOCK"}


class GroupSpec(Value):
    """What one node group says, located; filled by a format module."""

    name: str
    kind: str
    doc: Node
    anchor: Node
    managed: bool
    capacity: frozenset[str] | None
    capacity_node: Node | None
    instance_types: list[Node] | None
    types_at: Node | Location | None
    types_elsewhere: bool
    labels: Node | None
    extra_labels: dict[str, frozenset[str] | None]
    taints: list[Taint]
    zones: list[Node] | None
    zones_at: Location | None
    spot_allocation: SpotAllocation | None
    #: the EKS node group name when it is known exactly (no generated prefix)
    nodegroup: str | None
    cluster: str | None
    region: str | None
    #: min, max and desired size as written (see ``Pool.size``)
    size: tuple[tuple[str, str], ...]

    def __init__(
        self, name: str, kind: str, doc: Node, anchor: Node, managed: bool,
        capacity: frozenset[str] | None = None, capacity_node: Node | None = None,
        instance_types: list[Node] | None = None, types_at: Node | Location | None = None,
        types_elsewhere: bool = False, labels: Node | None = None,
        extra_labels: dict[str, frozenset[str] | None] | None = None,
        taints: list[Taint] | None = None, zones: list[Node] | None = None,
        zones_at: Location | None = None, spot_allocation: SpotAllocation | None = None,
        nodegroup: str | None = None, cluster: str | None = None, region: str | None = None,
        size: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.name = name
        self.kind = kind
        self.doc = doc
        self.anchor = anchor
        self.managed = managed
        self.capacity = capacity
        self.capacity_node = capacity_node
        self.instance_types = instance_types
        self.types_at = types_at
        self.types_elsewhere = types_elsewhere
        self.labels = labels
        self.extra_labels = {} if extra_labels is None else extra_labels
        self.taints = [] if taints is None else taints
        self.zones = zones
        self.zones_at = zones_at
        self.spot_allocation = spot_allocation
        self.nodegroup = nodegroup
        self.cluster = cluster
        self.region = region
        self.size = size


def present(node: Node | None) -> Node | None:
    """``node`` unless absent or ``null`` (Terraform's "not set")."""
    if node is None or (node.value is None and not node.unknown):
        return None
    return node


def eks_capacity(node: Node | None) -> tuple[frozenset[str] | None, Node | None]:
    """An EKS managed group's capacity from its ``capacity_type`` (On-Demand when unset)."""
    node = present(node)
    if node is None:
        return frozenset({ON_DEMAND}), None
    text = scalar_text(node)
    if text is None or text not in _EKS_CAPACITY:
        return None, node
    return frozenset({_EKS_CAPACITY[text]}), node


def _percent(node: Node | None, default: int) -> int | None:
    node = present(node)
    if node is None:
        return default
    if node.unknown or isinstance(node.value, bool):
        return None
    value = node.value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return int(value) if isinstance(value, (int, float)) and value == value else None


def distribution_capacity(
    distribution: Node | None, percent_key: str, base_key: str
) -> tuple[frozenset[str] | None, Node | None]:
    """Capacity of a mixed-instances group from its instances distribution.

    Without a distribution every instance is On-Demand (the API's defaults).
    """
    if distribution is None:
        return frozenset({ON_DEMAND}), None
    if distribution.unknown or not distribution.is_map:
        return None, distribution
    pct_node = present(distribution.get(percent_key))
    pct = _percent(pct_node, 100)
    base = _percent(distribution.get(base_key), 0)
    decider = pct_node or distribution
    if pct is None or base is None:
        return None, decider
    if pct >= 100:
        return frozenset({ON_DEMAND}), decider
    if pct <= 0 and base == 0:
        return frozenset({SPOT}), decider
    return frozenset({SPOT, ON_DEMAND}), decider


def type_list(node: Node | None) -> tuple[list[Node] | None, bool]:
    """Instance types of a list value, and whether the list itself is unknown."""
    node = present(node)
    if node is None:
        return None, False
    if node.unknown or not node.is_seq:
        return None, True
    return [t for t in node.elements() if t.is_scalar], False


def taint_entries(entries: list[Node], key: str = "key", value: str = "value",
                  effect: str = "effect") -> list[Taint]:
    out: list[Taint] = []
    for entry in entries:
        if not entry.is_map:
            continue
        k, e = scalar_text(entry.get(key)), scalar_text(entry.get(effect))
        if k is None or e is None:
            continue
        out.append(Taint(k, scalar_text(entry.get(value)), TAINT_EFFECTS.get(e, e), entry))
    return out


def taints_of(node: Node | None) -> list[Taint]:
    """Taints as a list of ``{key, value, effect}`` or a map of them (the EKS module's form)."""
    node = present(node)
    if node is None or node.unknown:
        return []
    entries = list(node.elements()) if node.is_seq else [v for _, v in node.items()]
    if node.is_seq and node.tag == "blocks":
        entries = list(node.elements())
    return taint_entries(entries)


_NODE_LABELS = re.compile(r"--node-labels[= ]([^\s'\"]+)")
_NODE_TAINTS = re.compile(r"--register-with-taints[= ]([^\s'\"]+)")


def kubelet_args(node: Node | None) -> tuple[dict[str, frozenset[str] | None], list[Taint]]:
    """Labels and taints a self-managed group's kubelet arguments register.

    ``--node-labels=k=v,k2=v2`` and ``--register-with-taints=k=v:Effect``, as
    kubelet reads them; an argument string that is not known adds nothing.
    """
    text = scalar_text(present(node))
    labels: dict[str, frozenset[str] | None] = {}
    taints: list[Taint] = []
    if not text or node is None:
        return labels, taints
    import shlex

    try:
        words = " ".join(shlex.split(text))
    except ValueError:
        words = text
    for match in _NODE_LABELS.finditer(words):
        for pair in match.group(1).split(","):
            key, sep, value = pair.partition("=")
            if key and sep:
                labels[key] = frozenset({value})
    for match in _NODE_TAINTS.finditer(words):
        for spec in match.group(1).split(","):
            key_value, sep, effect = spec.rpartition(":")
            key, _, value = key_value.partition("=")
            if key and sep:
                taints.append(Taint(key, value or None, effect, node))
    return labels, taints


def labels_of(node: Node | None) -> dict[str, frozenset[str] | None]:
    """A labels map: known values exactly, unknown ones as "any value"."""
    node = present(node)
    labels: dict[str, frozenset[str] | None] = {}
    for key, value in node.items() if node is not None and node.is_map else ():
        text = scalar_text(value)
        labels[key] = frozenset({text}) if text is not None else None
    return labels


def group_pool(spec: GroupSpec) -> Pool:
    """The model's Pool for one node group."""
    labels: dict[str, frozenset[str] | None] = dict.fromkeys(EC2_NODE_LABELS)
    capacity = spec.capacity
    if spec.managed:
        labels["eks.amazonaws.com/capacityType"] = (
            frozenset(_EKS_LABEL[c] for c in capacity if c in _EKS_LABEL)
            if capacity is not None else None
        )
        labels["eks.amazonaws.com/nodegroup"] = (
            frozenset({spec.nodegroup}) if spec.nodegroup else None
        )
        labels["eks.amazonaws.com/nodegroup-image"] = None
    texts = [scalar_text(t) for t in spec.instance_types or ()]
    if texts and all(texts):
        labels["node.kubernetes.io/instance-type"] = frozenset(t for t in texts if t)
    zones = [scalar_text(z) for z in spec.zones or ()]
    if zones and all(zones):
        labels["topology.kubernetes.io/zone"] = frozenset(z for z in zones if z)
    labels.update(spec.extra_labels)
    labels.update(labels_of(spec.labels))
    return Pool(
        name=spec.name,
        kind=spec.kind,
        doc=spec.doc,
        anchor=spec.anchor,
        capacity_types=capacity,
        capacity_node=spec.capacity_node,
        node_labels=labels,
        taints=spec.taints,
        instance_types=spec.instance_types,
        zones=spec.zones,
        autoscaled_group=True,
        managed=spec.managed,
        types_at=spec.types_at,
        types_elsewhere=spec.types_elsewhere,
        zones_at=spec.zones_at,
        spot_allocation=spec.spot_allocation,
        cluster=spec.cluster,
        region=spec.region,
        size=spec.size,
    )
