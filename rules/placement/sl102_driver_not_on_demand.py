"""The Spark driver is not kept off Spot capacity.

Nothing in the driver's required placement excludes Spot: there is no capacity
label in its ``nodeSelector`` or required node affinity, or the one there also
admits Spot (``In [spot, on-demand]``, ``Exists``). When node pools are scanned
with the job, the rule fires only if one of the pools the driver can land on
offers Spot nodes, and it names those pools; a driver that selects an
On-Demand-only pool through a custom label (``NodeGroupType: spark-driver``) is
fine. Without pools, spotlint cannot tell what a custom label means, so an
unconstrained driver is reported. A driver that can *only* run on Spot is
SL101 instead.

## Why it matters
Karpenter prefers Spot whenever a NodePool allows both capacity types, and a
v1 NodePool with no capacity requirement allows both. A driver left
unconstrained therefore often lands on Spot, and losing it fails the job.

## How to fix
Add a required On-Demand selector to the driver only: `nodeSelector`
`karpenter.sh/capacity-type: on-demand` or `eks.amazonaws.com/capacityType:
ON_DEMAND` in the driver pod template or `spec.driver`, or the conf
`spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type=on-demand`.
Do not use `spark.kubernetes.node.selector.*` for this: it applies to the
executors too.

## Fix
None. Excluding Spot means adding a selector or a required affinity term, and
which label and value exist depends on the cluster's node pools (Karpenter,
managed node groups, custom labels): spotlint would be inventing the
On-Demand pool.

## See also
SL101, SL104
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import SPOT, PodPlacement, Project, Role
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import (
    anchors,
    capacity_of,
    each_placement,
    first_constraint_node,
    on_demand_hint,
    pools_of,
    reachable_pools,
    spot_only_pools,
    titles,
    verdict_for,
)


@rule(code="SL102", name="driver-not-on-demand", severity=Severity.WARNING,
      summary="The driver's placement does not exclude Spot capacity.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def driver_not_on_demand(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    yield from each_placement(project, Role.DRIVER, lambda p: _check(p, ctx))


def _check(placement: PodPlacement, ctx: RuleContext) -> Violation | None:
    capacity = capacity_of(ctx)
    verdict = verdict_for(placement, ctx)
    pools = pools_of(ctx, placement)
    reach = reachable_pools(placement, pools, capacity)
    if verdict.spot_only or spot_only_pools(reach):
        return None  # SL101's finding
    admitting = verdict.admitting(SPOT)
    at = admitting[0].node if admitting else first_constraint_node(placement)
    why = (f"{admitting[0].describe()} also admits Spot" if admitting
           else "no capacity label in its nodeSelector or required node affinity excludes Spot")
    fix = f"require On-Demand for the driver ({on_demand_hint(capacity)})"
    if not pools:
        if SPOT not in verdict.allowed:
            return None
        return Violation(at=at, message=(
            f"The driver may be scheduled on Spot: {why}. A Spot interruption of the driver "
            f"fails the whole job; {fix}."))
    spot_pools = [r.pool for r in reach if SPOT in r.types]
    if not spot_pools:
        return None
    return Violation(at=at, message=(
        f"The driver can land on Spot nodes of {titles(spot_pools)}: {why}. A Spot interruption "
        f"of the driver fails the whole job; {fix} or select an On-Demand pool."),
        related=anchors(spot_pools))
