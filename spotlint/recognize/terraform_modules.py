"""Terraform modules that create node groups or deploy interruption handling.

Recognized by their inputs, with the ``source`` telling dialects apart (a
module called from a local path, as in the EKS Blueprints examples, has no
registry address):

* the community EKS module (``terraform-aws-modules/eks/aws``):
  ``eks_managed_node_groups`` and ``self_managed_node_groups``, each entry
  completed key by key from ``eks_managed_node_group_defaults`` /
  ``self_managed_node_group_defaults`` (the module reads every setting as
  ``try(entry.x, defaults.x, fallback)``; v21 dropped the defaults inputs);
  the cluster is ``cluster_name`` (v20) or ``name`` (v21). A self-managed group
  is a mixed-instances group only with ``use_mixed_instances_policy = true``;
  its overrides are ``mixed_instances_policy.override`` (v20) or
  ``mixed_instances_policy.launch_template.override`` (v21); without one,
  ``instance_market_options.market_type = "spot"`` makes it Spot;
* its ``//modules/eks-managed-node-group`` and ``//modules/self-managed-node-group``
  sub-modules: one group, written as top-level inputs;
* EKS Blueprints v4 (``managed_node_groups`` / ``self_managed_node_groups``
  with ``node_group_name``, ``k8s_labels``, ``k8s_taints``; a self-managed group
  with ``capacity_type = "spot"`` and several ``instance_types`` gets a
  mixed-instances policy with no On-Demand share and, unless set,
  ``capacity-optimized-prioritized``);
* add-on modules: ``enable_aws_node_termination_handler`` deploys AWS Node
  Termination Handler; ``enable_karpenter`` deploys the Karpenter controller,
  whose interruption queue is ``karpenter_enable_spot_termination`` (EKS
  Blueprints add-ons, default on) or ``karpenter_enable_spot_termination_handling``
  (Blueprints v4 ``kubernetes-addons``, default off);
* the EKS data add-ons' ``karpenter_resources_helm_config``: NodePools.
"""

from __future__ import annotations

from spotlint.load import hcl
from spotlint.location import Node
from spotlint.model import (
    KARPENTER_CONTROLLER,
    NODE_TERMINATION_HANDLER,
    ON_DEMAND,
    SPOT,
    InterruptionHandling,
    SpotAllocation,
)
from spotlint.recognize.common import group_size, scalar_text
from spotlint.recognize.terraform_file import TerraformFile
from spotlint.recognize.terraform_groups import (
    GroupSpec,
    distribution_capacity,
    eks_capacity,
    group_pool,
    kubelet_args,
    present,
    taints_of,
    type_list,
)
from spotlint.recognize.terraform_helm import karpenter_queue, karpenter_resources, values_of

_BLUEPRINT_KEYS = ("node_group_name", "k8s_labels", "k8s_taints", "launch_template_os")


class _Merged:
    """A node group entry completed by the module's defaults, key by key."""

    def __init__(self, entry: Node, defaults: Node | None) -> None:
        self.entry = entry
        self.defaults = defaults if defaults is not None and defaults.is_map else None

    def get(self, key: str) -> Node | None:
        found = present(self.entry.get(key))
        if found is None and self.defaults is not None:
            found = present(self.defaults.get(key))
        return found


def module(tf: TerraformFile, block: hcl.Block) -> None:
    body = tf.block_value(block)
    source = scalar_text(body.get("source")) or ""
    cluster = scalar_text(present(body.get("cluster_name"))) or scalar_text(
        present(body.get("name")) if "terraform-aws-modules/eks" in source else None)
    if "//modules/eks-managed-node-group" in source:
        _community_managed(tf, body, _Merged(body, None), body, cluster)
    elif "//modules/self-managed-node-group" in source:
        _community_self(tf, body, _Merged(body, None), body, cluster)
    else:
        blueprint = "eks-blueprints" in source and "addons" not in source
        groups = [("eks_managed_node_groups", True), ("self_managed_node_groups", False),
                  ("managed_node_groups", True)]
        for key, managed in groups:
            entries = present(body.get(key))
            if entries is None or not entries.is_map:
                continue
            defaults = body.get(
                "eks_managed_node_group_defaults" if managed
                else "self_managed_node_group_defaults")
            for _, entry in entries.items():
                if not entry.is_map:
                    continue
                v4 = blueprint or key == "managed_node_groups" or any(
                    k in entry.value for k in _BLUEPRINT_KEYS)
                merged = _Merged(entry, None if v4 else present(defaults))
                if v4 and managed:
                    _blueprint_managed(tf, body, merged, entry, cluster)
                elif v4:
                    _blueprint_self(tf, body, merged, entry, cluster)
                elif managed:
                    _community_managed(tf, body, merged, entry, cluster)
                else:
                    _community_self(tf, body, merged, entry, cluster)
    _addons(tf, block, body, source, cluster)


def _name(group: _Merged, anchor: Node, key: str = "name") -> str:
    return scalar_text(group.get(key)) or (anchor.key.text() if anchor.key else None) or "group"


def _types(
    group: _Merged, key: str = "instance_types"
) -> tuple[list[Node] | None, bool, Node | None]:
    node = group.get(key)
    types, unknown = type_list(node)
    return types, unknown, node


def _community_managed(
    tf: TerraformFile, doc: Node, group: _Merged, anchor: Node, cluster: str | None
) -> None:
    capacity, capacity_node = eks_capacity(group.get("capacity_type"))
    types, unknown, node = _types(group)
    prefixed = group.get("use_name_prefix")
    exact = prefixed is not None and prefixed.value is False
    name = _name(group, anchor)
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=name, kind="terraform-eks-node-group", doc=doc, anchor=anchor, managed=True,
        capacity=capacity, capacity_node=capacity_node, instance_types=types,
        types_at=node.key_loc if node is not None else None,
        types_elsewhere=unknown or group.get("launch_template_id") is not None,
        labels=group.get("labels"), taints=taints_of(group.get("taints")),
        nodegroup=name if exact else None, cluster=cluster, region=tf.region,
        size=group_size(group, "min_size", "max_size", "desired_size"),
    )))


def _community_self(
    tf: TerraformFile, doc: Node, group: _Merged, anchor: Node, cluster: str | None
) -> None:
    mixed = group.get("use_mixed_instances_policy")
    policy = group.get("mixed_instances_policy")
    single = group.get("instance_type")
    types: list[Node] | None = [single] if single is not None and single.is_scalar else None
    types_at = single.key_loc if single is not None else None
    elsewhere = single is not None and single.unknown
    allocation: SpotAllocation | None = None
    if mixed is not None and mixed.value is True and policy is not None:
        distribution = present(policy.get("instances_distribution")) if policy.is_map else None
        capacity, capacity_node = (None, policy) if policy.unknown else distribution_capacity(
            distribution, "on_demand_percentage_above_base_capacity", "on_demand_base_capacity")
        template = present(policy.get("launch_template")) if policy.is_map else None
        overrides = present(policy.get("override")) if policy.is_map else None
        if overrides is None and template is not None and template.is_map:
            overrides = present(template.get("override"))
        if overrides is not None:
            listed = [present(o.get("instance_type")) for o in overrides.elements() if o.is_map]
            if overrides.unknown or not overrides.is_seq or any(t is None for t in listed):
                elsewhere = True  # attribute-based selection or unknown overrides
            found = [t for t in listed if t is not None]
            types, types_at = (found or None), overrides.key_loc
        strategy = present(distribution.get("spot_allocation_strategy")) if distribution else None
        allocation = SpotAllocation(
            (distribution or policy).key_loc, strategy, scalar_text(strategy))
    elif mixed is not None and mixed.unknown:
        capacity, capacity_node = None, mixed
    else:
        market = group.get("instance_market_options")
        market_type = (
            present(market.get("market_type")) if market is not None and market.is_map else None)
        if market is not None and (
            market.unknown or (market_type is not None and market_type.unknown)
        ):
            capacity, capacity_node = None, market
        elif scalar_text(market_type) == "spot":
            capacity, capacity_node = frozenset({SPOT}), market_type
        else:
            capacity, capacity_node = frozenset({ON_DEMAND}), None
    labels, taints = kubelet_args(group.get("bootstrap_extra_args"))
    zones = group.get("availability_zones")
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=_name(group, anchor), kind="terraform-self-managed-node-group", doc=doc,
        anchor=anchor, managed=False, capacity=capacity, capacity_node=capacity_node,
        instance_types=types, types_at=types_at, types_elsewhere=elsewhere,
        extra_labels=labels, taints=taints,
        size=group_size(group, "min_size", "max_size", "desired_size"),
        zones=[z for z in zones.elements() if z.is_scalar]
        if zones is not None and zones.is_seq and not zones.unknown else None,
        zones_at=zones.key_loc if zones is not None else None,
        spot_allocation=allocation, cluster=cluster, region=tf.region,
    )))


def _blueprint_managed(
    tf: TerraformFile, doc: Node, group: _Merged, anchor: Node, cluster: str | None
) -> None:
    capacity, capacity_node = eks_capacity(group.get("capacity_type"))
    types, unknown, node = _types(group)
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=_name(group, anchor, "node_group_name"), kind="terraform-eks-node-group",
        doc=doc, anchor=anchor, managed=True, capacity=capacity, capacity_node=capacity_node,
        instance_types=types, types_at=node.key_loc if node is not None else None,
        types_elsewhere=unknown, labels=group.get("k8s_labels"),
        taints=taints_of(group.get("k8s_taints")), cluster=cluster, region=tf.region,
        size=group_size(group, "min_size", "max_size", "desired_size"),
    )))


def _blueprint_self(
    tf: TerraformFile, doc: Node, group: _Merged, anchor: Node, cluster: str | None
) -> None:
    kind = group.get("capacity_type")
    types, unknown, node = _types(group)
    if types is None and not unknown:
        single = group.get("instance_type")
        if single is not None and single.is_scalar:
            types, node = [single], single
    allocation: SpotAllocation | None = None
    text = scalar_text(kind)
    capacity: frozenset[str] | None
    capacity_node: Node | None
    if kind is not None and kind.unknown:
        capacity, capacity_node = None, kind
    elif text == "spot" and types is not None and len(types) > 1:
        capacity, capacity_node = frozenset({SPOT}), kind
        strategy = group.get("spot_allocation_strategy") or Node(
            "capacity-optimized-prioritized", anchor.key_loc)
        allocation = SpotAllocation(kind.key_loc if kind else anchor.key_loc, strategy,
                                    scalar_text(strategy))
    elif text == "spot":
        capacity, capacity_node = None, kind  # one type: the launch template decides
    else:
        capacity, capacity_node = frozenset({ON_DEMAND}), kind
    labels, taints = kubelet_args(group.get("kubelet_extra_args"))
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=_name(group, anchor, "node_group_name"), kind="terraform-self-managed-node-group",
        doc=doc, anchor=anchor, managed=False, capacity=capacity, capacity_node=capacity_node,
        instance_types=types, types_at=node.key_loc if node is not None else None,
        types_elsewhere=unknown, labels=group.get("k8s_labels"), extra_labels=labels,
        taints=taints + taints_of(group.get("k8s_taints")), spot_allocation=allocation,
        cluster=cluster, region=tf.region,
        size=group_size(group, "min_size", "max_size", "desired_size"),
    )))


def _flag(body: Node, name: str) -> tuple[Node | None, bool | None]:
    """An add-on flag: its node and value (None: set but unknown, or absent)."""
    node = present(body.get(name))
    if node is None:
        return None, None
    if node.unknown or not isinstance(node.value, bool):
        return node, None
    return node, node.value


def _addons(tf: TerraformFile, block: hcl.Block, body: Node, source: str,
            cluster: str | None) -> None:
    project = tf.ctx.project
    node, enabled = _flag(body, "enable_aws_node_termination_handler")
    if node is not None and enabled is not False:
        project.interruption.append(
            InterruptionHandling(NODE_TERMINATION_HANDLER, node.key or node, cluster=cluster))
    node, enabled = _flag(body, "enable_karpenter")
    if node is not None and enabled is True:
        project.interruption.append(_karpenter(tf, block, body, source, node, cluster))
    node, enabled = _flag(body, "enable_karpenter_resources")
    configs = _object_item(block.body, "karpenter_resources_helm_config")
    if enabled is not False and isinstance(configs, hcl.Object):
        for item in configs.items:
            values = _item(item.value, "values")
            docs, _ = values_of(tf, values)
            for doc in docs:
                key = tf.ev.loc(item.key.start, item.key.end)
                karpenter_resources(tf.ctx, doc, key)


def _karpenter(tf: TerraformFile, block: hcl.Block, body: Node, source: str, node: Node,
               cluster: str | None) -> InterruptionHandling:
    at = node.key or node
    default: bool | None
    if "eks-blueprints-addons" in source:
        flag, default = "karpenter_enable_spot_termination", True
    elif "kubernetes-addons" in source or body.get("karpenter_enable_spot_termination_handling"):
        flag, default = "karpenter_enable_spot_termination_handling", False
    else:
        flag, default = "karpenter_enable_spot_termination", None
    explicit = []
    for config in ("karpenter", "karpenter_helm_config"):
        values = _item(_object_item(block.body, config), "values")
        if values is not None:
            docs, complete = values_of(tf, values)
            explicit.append(karpenter_queue(docs, {}, complete))
    if any(queue for queue, _ in explicit):
        key = next(k for q, k in explicit if q)
        return InterruptionHandling(KARPENTER_CONTROLLER, at, True, key, cluster)
    set_node, value = _flag(body, flag)
    if set_node is not None:
        return InterruptionHandling(KARPENTER_CONTROLLER, set_node.key or set_node, value,
                                    flag, cluster)
    return InterruptionHandling(KARPENTER_CONTROLLER, at, default, flag, cluster)


def _object_item(body: hcl.Body, name: str) -> hcl.Expr | None:
    attribute = body.attribute(name)
    return attribute.expr if attribute is not None else None


def _item(expr: hcl.Expr | None, name: str) -> hcl.Expr | None:
    if not isinstance(expr, hcl.Object):
        return None
    return next((i.value for i in expr.items if i.name == name), None)
