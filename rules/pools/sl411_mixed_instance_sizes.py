"""An autoscaled node group mixes sizes of the same shape (xlarge with 2xlarge).

## Why it matters
Cluster Autoscaler assumes every node of a group looks like the first instance
type. With `m5.xlarge` and `m5.2xlarge` in one group the ratio matches, but a
new node may have twice or half the vCPUs and memory the autoscaler planned
for, so it adds too many or too few nodes and may leave executors pending.

## How to fix
Keep one vCPU count (and memory) per group and diversify across families of that
size instead (`m5.xlarge`, `m5a.xlarge`, `m6i.xlarge`, ...). Put larger sizes in
a separate group.

## See also
SL401, SL402
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import group_catalog_types


@rule(
    code="SL411",
    name="mixed-instance-sizes",
    severity=Severity.WARNING,
    summary="An autoscaled node group mixes instance sizes with the same vCPU:memory ratio.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "terraform-eks-node-group",
        "terraform-self-managed-node-group", "terraform-autoscaling-group",
        "cloudformation-nodegroup", "cloudformation-autoscaling-group",
    ),
)
def mixed_instance_sizes(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    known = group_catalog_types(pool)
    if len({t.mib_per_vcpu for _, t in known}) != 1:
        return  # none, one type, or different ratios (SL401 reports those)
    first = known[0][1]
    odd = [(node, t) for node, t in known if t.vcpu != first.vcpu]
    if not odd:
        return
    listing = "; ".join(t.describe() for _, t in known)
    yield Violation(
        at=odd[0][0],
        message=(
            f"node group '{pool.name}' mixes instance sizes: {listing}. Cluster Autoscaler "
            f"plans every node as {first.name} ({first.vcpu} vCPU); use one size per group"
        ),
        related=tuple(node for node, _ in odd[1:]),
    )
