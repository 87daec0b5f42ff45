"""A pool is explicitly placed in more than one availability zone.

## Why it matters
Spark moves shuffle data between executors all the time. When a pool's nodes
sit in several zones, executors of one job land in different zones and every
cross-zone byte is billed and slower. A pool dedicated to Spark is cheaper and
faster in one zone (with one pool per zone if you need more Spot capacity).

Only explicit placement counts: eksctl `availabilityZones`, node-group
`subnets` whose zones the `vpc.subnets` section names, or a Karpenter
`topology.kubernetes.io/zone` requirement (or, without one, a
`topology.k8s.aws/zone-id` requirement: zone ids such as `use1-az1` name zones
as well as names do). A pool whose zones are not written
down (or are placeholders) gets no finding.

## How to fix
Give the pool a single zone, or keep several zones and pin each Spark job to one
of them (`spark.kubernetes.node.selector.topology.kubernetes.io/zone`).

## See also
SL107
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.location import Location, Node
from spotlint.model import Pool
from spotlint.recognize.karpenter import ZONE_KEYS
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import distinct_texts


def _anchor(pool: Pool, zones: list[Node]) -> Node | Location:
    if pool.zones_at is not None:
        return pool.zones_at
    for req in pool.requirements:
        if req.key in ZONE_KEYS and req.value_nodes and req.value_nodes[0] is zones[0]:
            return req.node
    return zones[0]


@rule(
    code="SL403",
    name="pool-spans-zones",
    severity=Severity.WARNING,
    summary="A pool is explicitly placed in more than one availability zone.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "karpenter-provisioner", "karpenter-nodepool",
        "terraform-eks-node-group", "terraform-self-managed-node-group",
        "terraform-autoscaling-group", "cloudformation-nodegroup",
        "cloudformation-autoscaling-group",
    ),
)
def pool_spans_zones(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    if not pool.zones:
        return
    distinct = distinct_texts(pool.zones)
    if distinct is None or len(distinct) < 2:
        return
    yield Violation(
        at=_anchor(pool, pool.zones),
        message=(
            f"pool '{pool.name}' spans {len(distinct)} zones ({', '.join(distinct)}); "
            "Spark shuffle between zones is billed and slower, so place it in one zone "
            "or pin jobs to one"
        ),
    )
