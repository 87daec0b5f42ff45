"""An autoscaled node group mixes instance types with different memory per vCPU.

## Why it matters
Cluster Autoscaler plans scale-ups for a whole Auto Scaling group from a single
instance type (the first override). When the group also launches types with a
different amount of memory per vCPU, the nodes that actually arrive are bigger or
smaller than planned: pending Spark executors stay pending, or capacity is
wasted. The comparison uses exact MiB from the instance catalog, because nominal
sizes hide real differences (`c5n.4xlarge` has 42 GiB, `c5.4xlarge` 32 GiB).
Karpenter pools are not checked: Karpenter sizes each node for the pods it
launches it for.

## How to fix
Split the group so each one lists types with the same vCPU count and memory
(for example `m5.xlarge`, `m5a.xlarge`, `m5d.xlarge`, `m6i.xlarge`), or move the
workload to a Karpenter NodePool.

## See also
SL411, SL402
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.capacity.instances import format_ratio
from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import group_catalog_types


@rule(
    code="SL401",
    name="mixed-vcpu-memory-ratio",
    severity=Severity.ERROR,
    summary="An autoscaled node group lists instance types with different MiB per vCPU.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "terraform-eks-node-group",
        "terraform-self-managed-node-group", "terraform-autoscaling-group",
        "cloudformation-nodegroup", "cloudformation-autoscaling-group",
    ),
)
def mixed_vcpu_memory_ratio(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    known = group_catalog_types(pool)
    if len({t.mib_per_vcpu for _, t in known}) < 2:
        return
    first = known[0][1]
    odd = [(node, t) for node, t in known if t.mib_per_vcpu != first.mib_per_vcpu]
    listing = "; ".join(t.describe() for _, t in known)
    yield Violation(
        at=odd[0][0],
        message=(
            f"node group '{pool.name}' mixes vCPU:memory ratios: {listing}. Cluster "
            f"Autoscaler sizes nodes like {first.name} ({format_ratio(first.mib_per_vcpu)} "
            "MiB/vCPU); keep one ratio per group"
        ),
        related=tuple(node for node, _ in odd[1:]),
    )
