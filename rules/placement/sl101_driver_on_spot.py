"""The Spark driver is placed on Spot capacity only.

The driver's required placement (``nodeSelector`` or required node affinity)
admits Spot and nothing else, or, when node pools are scanned together with the
job, every pool the driver can land on (labels matched, taints tolerated) is
Spot-only. Pools are how custom labels such as ``NodeGroupType: spark-driver``
get their meaning, so with pools in scope this rule decides from them and names
the pool documents it relied on.

## Why it matters
The driver holds the job's state: the DAG, the scheduler and the map-output
locations. When its Spot node is reclaimed, Spark does not move the driver; the
whole application fails and every executor's work is lost, however well the
executors themselves survive interruptions.

## How to fix
Pin the driver to On-Demand: `nodeSelector` `karpenter.sh/capacity-type:
on-demand` (Karpenter) or `eks.amazonaws.com/capacityType: ON_DEMAND` (EKS
managed node groups), or the matching Spark conf
`spark.kubernetes.driver.node.selector.<label>`, or point it at a pool that
provides On-Demand nodes. Keep Spot for the executors.

## See also
SL102, SL103, SL106
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import ON_DEMAND, PodPlacement, Project, Role
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import (
    anchors,
    capacity_of,
    first_constraint_node,
    on_demand_hint,
    placements,
    pools_of,
    reachable_pools,
    spot_only_pools,
    titles,
    verdict_for,
)


@rule(code="SL101", name="driver-on-spot", severity=Severity.ERROR,
      summary="The driver can only be scheduled on Spot capacity; one interruption fails the job.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def driver_on_spot(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    for placement in placements(project, Role.DRIVER):
        violation = _check(placement, ctx)
        if violation is not None:
            yield violation


def _check(placement: PodPlacement, ctx: RuleContext) -> Violation | None:
    capacity = capacity_of(ctx)
    verdict = verdict_for(placement, ctx)
    reach = reachable_pools(placement, pools_of(ctx, placement), capacity)
    if verdict.spot_only:
        cause = (verdict.excluding(ON_DEMAND) or list(verdict.constraints))[0]
        where = f" (pools it can land on: {titles(r.pool for r in reach)})" if reach else ""
        return Violation(
            at=cause.node,
            message=(f"The driver can only run on Spot: {cause.describe()} admits no other "
                     f"capacity{where}. A Spot interruption of the driver fails the whole job; "
                     f"select On-Demand instead ({on_demand_hint(capacity, cause.key)})."),
            related=anchors(r.pool for r in reach),
        )
    if spot_only_pools(reach):
        return Violation(
            at=first_constraint_node(placement),
            message=(f"Every pool the driver can land on is Spot-only: "
                     f"{titles(r.pool for r in reach)}. A Spot interruption of the driver fails "
                     f"the whole job; select an On-Demand pool for it "
                     f"({on_demand_hint(capacity)} or that pool's own label)."),
            related=anchors(r.pool for r in reach),
        )
    return None
