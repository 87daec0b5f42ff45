"""Terraform resources that provide nodes or carry Kubernetes objects.

* ``aws_eks_node_group``: an EKS managed node group (``capacity_type``,
  ``instance_types``, ``labels``, ``taint`` blocks, ``launch_template``); without
  ``instance_types`` EKS uses the launch template's type, or a single default.
* ``aws_autoscaling_group`` with a ``mixed_instances_policy``: a self-managed
  group when it is tagged for a Kubernetes cluster (``kubernetes.io/cluster/...``,
  ``k8s.io/cluster-autoscaler/...``); other Auto Scaling groups are not nodes.
* ``kubectl_manifest`` (``yaml_body``) and ``kubernetes_manifest``
  (``manifest``): the Kubernetes objects they apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spotlint.load import hcl
from spotlint.location import Location, Node
from spotlint.model import SpotAllocation
from spotlint.recognize.common import group_size, scalar_text
from spotlint.recognize.terraform_embedded import dispatch, documents
from spotlint.recognize.terraform_file import TerraformFile
from spotlint.recognize.terraform_groups import (
    GroupSpec,
    distribution_capacity,
    eks_capacity,
    group_pool,
    present,
    taints_of,
    type_list,
)

_CLUSTER_TAG = re.compile(r"^(?:kubernetes\.io/cluster|k8s\.io/cluster-autoscaler)/(.+)$")


def first_block(value: Node | None) -> Node | None:
    """The first nested block (or object) of a value written either way."""
    value = present(value)
    if value is None:
        return None
    if value.is_seq:
        first = next(iter(value.elements()), None)
        return first if first is not None and first.is_map else None
    return value if value.is_map or value.unknown else None


def eks_node_group(tf: TerraformFile, block: hcl.Block) -> None:
    body = tf.block_value(block)
    name_node = present(body.get("node_group_name"))
    name = scalar_text(name_node) or (body.key.text() if body.key else None) or "node group"
    capacity, capacity_node = eks_capacity(body.get("capacity_type"))
    types, unknown_types = type_list(body.get("instance_types"))
    types_node = present(body.get("instance_types"))
    launch_template = present(body.get("launch_template"))
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=name,
        kind="terraform-eks-node-group",
        doc=body,
        anchor=body,
        managed=True,
        capacity=capacity,
        capacity_node=capacity_node,
        instance_types=types,
        types_at=types_node.key_loc if types_node is not None else None,
        types_elsewhere=unknown_types or launch_template is not None,
        labels=present(body.get("labels")),
        taints=taints_of(body.get("taint")),
        nodegroup=scalar_text(name_node),
        cluster=scalar_text(present(body.get("cluster_name"))),
        region=tf.region,
        size=group_size(first_block(body.get("scaling_config")), "min_size", "max_size",
                        "desired_size"),
    )))


def autoscaling_group(tf: TerraformFile, block: hcl.Block) -> None:
    raw = tf.ev.source.text[block.start : block.end]
    if "mixed_instances_policy" not in raw or not (
        "kubernetes.io/cluster" in raw or "k8s.io/cluster" in raw
    ):
        return
    body = tf.block_value(block)
    policy = first_block(body.get("mixed_instances_policy"))
    if policy is None:
        return
    name = scalar_text(present(body.get("name"))) or (body.key.text() if body.key else "") or "ASG"
    distribution = first_block(policy.get("instances_distribution")) if policy.is_map else None
    capacity: frozenset[str] | None
    capacity_node: Node | None
    if policy.unknown:
        capacity, capacity_node = None, policy
    else:
        capacity, capacity_node = distribution_capacity(
            distribution, "on_demand_percentage_above_base_capacity", "on_demand_base_capacity")
    template = first_block(policy.get("launch_template")) if policy.is_map else None
    overrides = present(template.get("override")) if template is not None else None
    types: list[Node] | None = None
    elsewhere = overrides is None
    if overrides is not None:
        if overrides.unknown or not overrides.is_seq:
            elsewhere = True
        else:
            types = []
            for override in overrides.elements():
                kind = present(override.get("instance_type")) if override.is_map else None
                if kind is None or not kind.is_scalar:
                    elsewhere = True
                    continue
                types.append(kind)
            types = types or None
    strategy = present(distribution.get("spot_allocation_strategy")) if distribution else None
    at = (distribution or policy).key_loc
    tf.ctx.project.pools.append(group_pool(GroupSpec(
        name=name,
        kind="terraform-autoscaling-group",
        doc=body,
        anchor=body,
        managed=False,
        capacity=capacity,
        capacity_node=capacity_node,
        instance_types=types,
        types_at=overrides.key_loc if overrides is not None else None,
        types_elsewhere=elsewhere,
        zones=_zones(body.get("availability_zones")),
        zones_at=_key_loc(body.get("availability_zones") or body.get("vpc_zone_identifier")),
        spot_allocation=SpotAllocation(at, strategy, scalar_text(strategy)),
        cluster=_tag_cluster(body),
        region=tf.region,
        size=group_size(body, "min_size", "max_size", "desired_capacity"),
    )))


def _zones(node: Node | None) -> list[Node] | None:
    node = present(node)
    if node is None or node.unknown or not node.is_seq:
        return None
    return [z for z in node.elements() if z.is_scalar]


def _key_loc(node: Node | None) -> Location | None:
    return node.key_loc if node is not None else None


def _tag_cluster(body: Node) -> str | None:
    tags = present(body.get("tag"))
    entries = list(tags.elements()) if tags is not None and tags.is_seq else []
    for entry in entries:
        key = scalar_text(entry.get("key")) if entry.is_map else None
        match = _CLUSTER_TAG.match(key or "")
        if match and match.group(1) not in ("enabled",):
            return match.group(1)
    return None


def kubectl_manifest(tf: TerraformFile, block: hcl.Block) -> None:
    attribute = block.body.attribute("yaml_body")
    if attribute is not None:
        docs, _ = documents(attribute.expr, tf.ev, tf.ctx)
        dispatch(docs, tf.ctx)


def kubernetes_manifest(tf: TerraformFile, block: hcl.Block) -> None:
    attribute = block.body.attribute("manifest")
    if attribute is None:
        return
    docs, _ = documents(attribute.expr, tf.ev, tf.ctx)
    if not docs:
        value = tf.ev.value(attribute.expr)
        docs = [value] if value.is_map else []
    dispatch(docs, tf.ctx)


RESOURCES: dict[str, Callable[[TerraformFile, hcl.Block], None]] = {
    "aws_eks_node_group": eks_node_group,
    "aws_autoscaling_group": autoscaling_group,
    "kubectl_manifest": kubectl_manifest,
    "kubernetes_manifest": kubernetes_manifest,
}
