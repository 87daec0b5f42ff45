"""CloudFormation templates (YAML or JSON): EKS node groups and Auto Scaling groups as Pools.

A template is a document with a ``Resources`` map whose entries have a
``Type``. Read:

* ``AWS::EKS::Nodegroup``: ``CapacityType`` (``ON_DEMAND`` when unset,
  ``SPOT``, ``CAPACITY_BLOCK``), ``InstanceTypes``, ``Labels``, ``Taints``
  (``Key``, ``Value``, ``Effect``), ``ClusterName``, ``NodegroupName``,
  ``LaunchTemplate`` (types chosen there);
* ``AWS::AutoScaling::AutoScalingGroup`` with a ``MixedInstancesPolicy``, when a
  tag marks it as a Kubernetes node group (``kubernetes.io/cluster/...``,
  ``k8s.io/cluster-autoscaler/...``): ``InstancesDistribution``
  (``OnDemandBaseCapacity``, ``OnDemandPercentageAboveBaseCapacity``, default
  100, ``SpotAllocationStrategy``), ``LaunchTemplate.Overrides[].InstanceType``,
  ``AvailabilityZones``.

Intrinsic functions are never evaluated: the YAML loader keeps short forms
(``!Ref``, ``!Sub``, ``!GetAtt``, ``!If``, ``!Join``...) as unknown values
without constructing them, and the JSON forms (``{"Ref": ...}``,
``{"Fn::...": ...}``) are unknown too, except a ``Ref`` to a template
``Parameter`` with a ``Default``, which is that default (a
``CommaDelimitedList`` default is split at commas).
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.model import SpotAllocation
from spotlint.recognize.common import group_size, scalar_text
from spotlint.recognize.kinds import NormalizeContext

NODEGROUP = "AWS::EKS::Nodegroup"
ASG = "AWS::AutoScaling::AutoScalingGroup"
_CLUSTER_TAGS = ("kubernetes.io/cluster/", "k8s.io/cluster-autoscaler/")


class _Template:
    """A template's parameters, to resolve ``Ref``."""

    def __init__(self, doc: Node) -> None:
        self.defaults: dict[str, Node] = {}
        params = doc.get("Parameters")
        for name, spec in params.items() if params is not None and params.is_map else ():
            default = spec.get("Default") if spec.is_map else None
            if default is not None and default.is_scalar and not default.unknown:
                kind = scalar_text(spec.get("Type")) or ""
                if kind == "CommaDelimitedList" or kind.startswith("List<"):
                    items = [Node(part.strip(), default.loc) for part in
                             (default.text() or "").split(",")]
                    default = Node(items, default.loc, default.key)
                self.defaults[name] = default

    def value(self, node: Node | None) -> Node | None:
        """``node`` with a ``Ref`` to a defaulted parameter replaced by the default."""
        if node is None:
            return None
        ref: str | None = None
        if node.tag == "!Ref" and isinstance(node.value, str):
            ref = node.value
        elif node.is_map and len(node.value) == 1:
            (key, inner), = node.value.items()
            if key == "Ref":
                ref = scalar_text(inner)
            elif key.startswith("Fn::"):
                return Node(key, node.loc, node.key, tag=key, unknown=True)
        if ref is not None:
            default = self.defaults.get(ref)
            if default is None:
                return Node(ref, node.loc, node.key, tag="!Ref", unknown=True)
            return Node(default.value, node.loc, node.key, default.tag)
        return node

    def items(self, node: Node | None) -> list[Node] | None:
        node = self.value(node)
        if node is None or node.unknown or not node.is_seq:
            return None
        return [self.value(item) or item for item in node.elements()]


def _resources(doc: Node) -> list[tuple[str, Node, str]]:
    resources = doc.get("Resources")
    found = []
    for name, resource in resources.items() if resources is not None and resources.is_map else ():
        kind = scalar_text(resource.get("Type")) if resource.is_map else None
        if kind:
            found.append((name, resource, kind))
    return found


class CloudFormationKind:
    """A CloudFormation template: one Pool per node group resource."""

    name = "cloudformation"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        if not doc.is_map or doc.get("apiVersion") is not None:
            return False
        return any(kind in (NODEGROUP, ASG) for _, _, kind in _resources(doc))

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        template = _Template(doc)
        for name, resource, kind in _resources(doc):
            props = resource.get("Properties")
            if props is None or not props.is_map:
                continue
            if kind == NODEGROUP:
                self._nodegroup(doc, name, resource, props, template, ctx)
            elif kind == ASG:
                self._asg(doc, name, resource, props, template, ctx)

    @staticmethod
    def _nodegroup(doc: Node, name: str, resource: Node, props: Node, template: _Template,
                   ctx: NormalizeContext) -> None:
        # Imported with the first template, not with the list of kinds (one-file runs).
        from spotlint.recognize.terraform_groups import (
            GroupSpec,
            eks_capacity,
            group_pool,
            taint_entries,
        )

        capacity, capacity_node = eks_capacity(template.value(props.get("CapacityType")))
        types_node = props.get("InstanceTypes")
        types = template.items(types_node)
        group_name = scalar_text(template.value(props.get("NodegroupName")))
        labels = template.value(props.get("Labels"))
        taints = template.items(props.get("Taints")) or []
        ctx.project.pools.append(group_pool(GroupSpec(
            name=group_name or name, kind="cloudformation-nodegroup", doc=doc,
            anchor=resource, managed=True, capacity=capacity, capacity_node=capacity_node,
            instance_types=types,
            types_at=types_node.key_loc if types_node is not None else None,
            types_elsewhere=(types_node is not None and types is None)
            or props.get("LaunchTemplate") is not None,
            labels=labels if labels is not None and labels.is_map else None,
            taints=taint_entries(taints, "Key", "Value", "Effect"),
            nodegroup=group_name,
            cluster=scalar_text(template.value(props.get("ClusterName"))),
            size=group_size(template.value(props.get("ScalingConfig")), "MinSize", "MaxSize",
                            "DesiredSize", template.value),
        )))

    @staticmethod
    def _asg(doc: Node, name: str, resource: Node, props: Node, template: _Template,
             ctx: NormalizeContext) -> None:
        from spotlint.recognize.terraform_groups import (
            GroupSpec,
            distribution_capacity,
            group_pool,
        )

        policy = props.get("MixedInstancesPolicy")
        if policy is None or not policy.is_map:
            return
        cluster, tagged = None, False
        for tag in template.items(props.get("Tags")) or []:
            key = tag.get("Key") if tag.is_map else None
            text = str(key.value) if key is not None and key.is_scalar else ""
            for prefix in _CLUSTER_TAGS:
                if prefix in text:
                    tagged = True
                    rest = text.split(prefix, 1)[1]
                    if key is not None and not key.unknown and rest and rest != "enabled":
                        cluster = rest
        if not tagged:
            return
        distribution = template.value(policy.get("InstancesDistribution"))
        capacity, capacity_node = distribution_capacity(
            distribution, "OnDemandPercentageAboveBaseCapacity", "OnDemandBaseCapacity")
        launch = policy.get("LaunchTemplate")
        overrides_node = launch.get("Overrides") if launch is not None and launch.is_map else None
        overrides = template.items(overrides_node)
        types: list[Node] | None = None
        elsewhere = overrides is None
        if overrides is not None:
            found = [template.value(o.get("InstanceType")) for o in overrides if o.is_map]
            elsewhere = any(t is None for t in found)
            types = [t for t in found if t is not None] or None
        strategy = distribution.get("SpotAllocationStrategy") if (
            distribution is not None and distribution.is_map) else None
        zones_node = props.get("AvailabilityZones")
        zones = template.items(zones_node)
        ctx.project.pools.append(group_pool(GroupSpec(
            name=name, kind="cloudformation-autoscaling-group", doc=doc, anchor=resource,
            managed=False, capacity=capacity, capacity_node=capacity_node,
            instance_types=types,
            types_at=overrides_node.key_loc if overrides_node is not None else None,
            types_elsewhere=elsewhere,
            zones=[z for z in zones if z.is_scalar] if zones is not None else None,
            zones_at=zones_node.key_loc if zones_node is not None else None,
            spot_allocation=SpotAllocation(
                (distribution or policy).key_loc, template.value(strategy),
                scalar_text(template.value(strategy))),
            cluster=cluster,
            size=group_size(props, "MinSize", "MaxSize", "DesiredCapacity", template.value),
        )))


KINDS = [CloudFormationKind()]
