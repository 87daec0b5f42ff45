"""eksctl ``ClusterConfig`` node groups as model Pools.

Each entry of ``managedNodeGroups`` (EKS managed) and ``nodeGroups``
(self-managed Auto Scaling groups) is one Pool anchored at that entry. Both are
scaled by Cluster Autoscaler, so ``autoscaled_group`` is True and SL401/SL411
compare their instance types.

Capacity, as eksctl's Spot guide describes it
(https://docs.aws.amazon.com/eks/latest/eksctl/spot-instances.html): a managed
group is On-Demand unless ``spot: true``; a self-managed group is On-Demand
unless its ``instancesDistribution`` sets ``onDemandPercentageAboveBaseCapacity``
below its default of 100 (then Spot, or mixed when some On-Demand share remains).

Zones: a group's own ``availabilityZones``, or its ``subnets`` when every one of
them resolves to an AZ through ``vpc.subnets``. A group with neither runs in the
cluster's subnets; its zone label then takes the cluster's ``availabilityZones``
but ``zones`` stays None, because nothing in the group places it explicitly.

Cluster: every group of the file belongs to the cluster ``metadata.name`` in
``metadata.region``, which is how placement keeps one cluster's pools away from
another cluster's jobs.
"""

from __future__ import annotations

import math
import re

from spotlint.load.base import LoadedFile
from spotlint.location import Location, Node
from spotlint.model import ON_DEMAND, SPOT, Pool, SpotAllocation, Taint
from spotlint.placement.keys import EC2_NODE_LABELS
from spotlint.recognize.common import group_size, scalar_text, taint_list
from spotlint.recognize.kinds import NormalizeContext, api_group

_AZ = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d[a-z]$")

#: Labels every eksctl node carries: every EC2 node's, and eksctl's own.
WELL_KNOWN_LABELS = (
    *EC2_NODE_LABELS,
    "alpha.eksctl.io/cluster-name",
    "alpha.eksctl.io/nodegroup-name",
)
#: eksctl's AL2 and Ubuntu bootstrap labels self-managed nodes ``node-lifecycle``
#: (eksctl's pkg/nodebootstrap/assets/scripts/bootstrap.helper.sh, and the Spot guide
#: above for the label); an absent amiFamily is included because older eksctl
#: defaulted to AmazonLinux2, and an extra possible label never hides a pool.
_LIFECYCLE_AMI = re.compile(r"^(AmazonLinux2|Ubuntu.*)$")


def taints_from(node: Node | None) -> list[Taint]:
    """Taints as a list of ``{key, value, effect}`` or a map ``{key: "value:Effect"}``."""
    out: list[Taint] = []
    if node is None:
        return out
    if node.is_seq:
        return taint_list(node)
    if node.is_map:
        for key, value in node.items():
            spec = scalar_text(value)
            if spec is None:
                continue
            val, sep, effect = spec.rpartition(":")
            if sep:
                out.append(Taint(key, val or None, effect, value))
    return out


def _subnet_zones(doc: Node) -> dict[str, str]:
    """Subnet alias or ID -> AZ, from ``vpc.subnets.{private,public}``."""
    zones: dict[str, str] = {}
    for scope in ("private", "public"):
        subnets = doc.path("vpc", "subnets", scope)
        for alias, spec in subnets.items() if subnets is not None else ():
            az = scalar_text(spec.get("az")) or (alias if _AZ.match(alias) else None)
            if az is None:
                continue
            zones[alias] = az
            subnet_id = scalar_text(spec.get("id"))
            if subnet_id:
                zones[subnet_id] = az
    return zones


def _zones(group: Node, subnet_zones: dict[str, str]) -> list[Node] | None:
    azs = group.get("availabilityZones")
    if azs is not None and azs.is_seq and not azs.unknown:
        return [z for z in azs.elements() if z.is_scalar]
    subnets = group.get("subnets")
    if subnets is None or not subnets.is_seq or subnets.unknown:
        return None
    out = []
    for subnet in subnets.elements():
        az = subnet_zones.get(scalar_text(subnet) or "")
        if az is None:
            return None
        out.append(Node(az, subnet.loc, subnet.key, subnet.tag))
    return out


def _instance_types(group: Node, managed: bool) -> list[Node] | None:
    found: list[Node] = []
    single = group.get("instanceType")
    if single is not None and single.is_scalar and single.text() != "mixed":
        found.append(single)
    lists = [group.get("instanceTypes")] if managed else []
    lists.append(group.path("instancesDistribution", "instanceTypes"))
    for seq in lists:
        if seq is not None and seq.is_seq:
            found.extend(t for t in seq.elements() if t.is_scalar)
    return found or None


def _percent(node: Node | None, default: int) -> int | None:
    if node is None:
        return default
    if node.unknown or isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
        return None
    if isinstance(node.value, float) and not math.isfinite(node.value):
        return None  # .nan and .inf are YAML floats no percentage can be
    return int(node.value)


def _capacity(group: Node, managed: bool) -> tuple[frozenset[str] | None, Node | None]:
    if managed:
        spot = group.get("spot")
        if spot is None:
            return frozenset({ON_DEMAND}), None
        if spot.unknown or not isinstance(spot.value, bool):
            return None, spot
        return frozenset({SPOT} if spot.value else {ON_DEMAND}), spot
    dist = group.get("instancesDistribution")
    if dist is None or not dist.is_map:
        return frozenset({ON_DEMAND}), None
    pct_node = dist.get("onDemandPercentageAboveBaseCapacity")
    pct = _percent(pct_node, 100)
    base = _percent(dist.get("onDemandBaseCapacity"), 0)
    decider = pct_node or dist
    if pct is None:
        return None, decider
    if pct >= 100:
        return frozenset({ON_DEMAND}), decider
    if pct <= 0 and base == 0:
        return frozenset({SPOT}), decider
    return frozenset({SPOT, ON_DEMAND}), decider


def _labels(
    group: Node, doc: Node, name: str, managed: bool, capacity: frozenset[str] | None,
    zones: list[Node] | None, types: list[Node] | None,
) -> dict[str, frozenset[str] | None]:
    labels: dict[str, frozenset[str] | None] = dict.fromkeys(WELL_KNOWN_LABELS)
    labels["alpha.eksctl.io/nodegroup-name"] = frozenset({name})
    cluster = scalar_text(doc.path("metadata", "name"))
    if cluster:
        labels["alpha.eksctl.io/cluster-name"] = frozenset({cluster})
    if managed:
        labels["eks.amazonaws.com/nodegroup"] = frozenset({name})
        labels["eks.amazonaws.com/nodegroup-image"] = None
        labels["eks.amazonaws.com/capacityType"] = (
            frozenset("SPOT" if c == SPOT else "ON_DEMAND" for c in capacity)
            if capacity is not None else None
        )
    else:
        ami = group.get("amiFamily")
        if ami is None or ami.unknown or _LIFECYCLE_AMI.match(scalar_text(ami) or ""):
            labels["node-lifecycle"] = (
                frozenset("spot" if c == SPOT else "on-demand" for c in capacity)
                if capacity is not None else None
            )
    zone_texts = [scalar_text(z) for z in zones] if zones else []
    if not zone_texts:
        cluster_azs = doc.get("availabilityZones")
        zone_texts = (
            [scalar_text(z) for z in cluster_azs.elements()] if cluster_azs is not None else []
        )
    if zone_texts and all(zone_texts):
        labels["topology.kubernetes.io/zone"] = frozenset(z for z in zone_texts if z)
    type_texts = [scalar_text(t) for t in types] if types else []
    if type_texts and all(type_texts):
        labels["node.kubernetes.io/instance-type"] = frozenset(t for t in type_texts if t)
    explicit = group.get("labels")
    for key, value in explicit.items() if explicit is not None else ():
        known = scalar_text(value)
        labels[key] = frozenset({known}) if known is not None else None
    return labels


#: Keys that mean the types are chosen elsewhere (or written in a shape SL002 reports).
_TYPES_ELSEWHERE = (
    "instanceSelector", "launchTemplate", "instanceTypes", "instanceType", "instancesDistribution",
)


def _types_at(group: Node) -> Node | Location:
    """Where the group's instance-type choice is written (the key of a list)."""
    for key in ("instanceTypes", "instanceType"):
        node = group.get(key)
        if node is not None:
            return node.key_loc if node.is_seq else node
    dist = group.get("instancesDistribution")
    if dist is not None:
        listed = dist.get("instanceTypes")
        return listed.key_loc if listed is not None else dist.key_loc
    return group.key_loc


def _zones_at(group: Node) -> Location | None:
    for key in ("availabilityZones", "subnets"):
        node = group.get(key)
        if node is not None:
            return node.key_loc
    return None


def _spot_allocation(group: Node) -> SpotAllocation | None:
    dist = group.get("instancesDistribution")
    if dist is None:
        return None
    strategy = dist.get("spotAllocationStrategy")
    return SpotAllocation(dist.key_loc, strategy, scalar_text(strategy))


def _pool(doc: Node, group: Node, index: int, managed: bool, subnet_zones: dict[str, str]) -> Pool:
    section = "managedNodeGroups" if managed else "nodeGroups"
    name = scalar_text(group.get("name")) or f"{section}[{index}]"
    capacity, capacity_node = _capacity(group, managed)
    zones = _zones(group, subnet_zones)
    types = _instance_types(group, managed)
    return Pool(
        name=name,
        kind="eksctl-managed" if managed else "eksctl-self-managed",
        doc=doc,
        anchor=group,
        capacity_types=capacity,
        capacity_node=capacity_node,
        node_labels=_labels(group, doc, name, managed, capacity, zones, types),
        taints=taints_from(group.get("taints")),
        instance_types=types,
        zones=zones,
        autoscaled_group=True,
        managed=managed,
        api_version="eksctl.io/v1alpha5",
        types_at=_types_at(group),
        types_elsewhere=any(group.get(key) is not None for key in _TYPES_ELSEWHERE),
        zones_at=_zones_at(group),
        spot_allocation=_spot_allocation(group),
        cluster=scalar_text(doc.path("metadata", "name")),
        region=scalar_text(doc.path("metadata", "region")),
        size=group_size(group, "minSize", "maxSize", "desiredCapacity"),
    )


class ClusterConfigKind:
    """``eksctl.io/v1alpha5`` ``ClusterConfig``: one Pool per node group."""

    name = "eksctl-clusterconfig"
    schema: str | None = "eksctl-clusterconfig.schema.json"
    #: The only document kind :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"ClusterConfig"})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, _, kind = api_group(doc)
        return group == "eksctl.io" and kind == "ClusterConfig"

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        if not doc.is_map:
            return
        subnet_zones = _subnet_zones(doc)
        for section, managed in (("managedNodeGroups", True), ("nodeGroups", False)):
            groups = doc.get(section)
            for index, group in enumerate(groups.elements() if groups is not None else ()):
                if group.is_map:
                    ctx.project.pools.append(_pool(doc, group, index, managed, subnet_zones))


KINDS = [ClusterConfigKind()]
