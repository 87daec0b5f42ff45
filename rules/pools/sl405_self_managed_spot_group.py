"""Spot capacity comes from a self-managed node group.

## Why it matters
A self-managed Auto Scaling group gets no help when EC2 reclaims a Spot
instance: nothing cordons and drains the node during the two-minute notice, so
Spark executors die mid-task instead of decommissioning. EKS managed node groups
and Karpenter (with its interruption queue) handle the notice themselves.

## How to fix
Move Spot capacity to a managed node group (`spot: true`) or a Karpenter
NodePool. If the group has to stay, run the AWS Node Termination Handler
(queue-processor mode) in the cluster and enable `capacityRebalance`.

The rule is silent where a Node Termination Handler of the group's cluster is
deployed in scope (a Helm release, an add-on flag, a manifest); SL412 reports
Spot capacity that nothing handles. A handler belongs to the cluster it names,
or else to the cluster whose pools are nearest to its file in its repository
(as for jobs, see docs/placement.md): one repository's handler does not cover
another's groups when several are checked together.

## See also
SL404, SL412
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import spot_known
from ._interruption import termination_handlers


@rule(
    code="SL405",
    name="self-managed-spot-group",
    severity=Severity.INFO,
    summary="Spot capacity comes from a self-managed node group (no interruption handling).",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-self-managed", "terraform-self-managed-node-group", "terraform-autoscaling-group",
        "cloudformation-autoscaling-group",
    ),
)
def self_managed_spot_group(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    if pool.managed or pool.karpenter or not pool.autoscaled_group or not spot_known(pool):
        return
    if termination_handlers(ctx, pool):
        return
    at = pool.capacity_node or pool.anchor
    yield Violation(
        at=at,
        message=(
            f"self-managed node group '{pool.name}' launches Spot instances; prefer a managed "
            "node group or Karpenter, or make sure AWS Node Termination Handler runs"
        ),
    )
