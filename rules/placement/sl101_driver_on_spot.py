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

## Fix
Unsafe: the capacity selector or required `In` value that pins the driver to
Spot is rewritten to the same label's On-Demand value (`spot` ->
`on-demand`, `SPOT` -> `ON_DEMAND`). Unsafe because it changes cost and
needs On-Demand nodes with that label to exist. No fix when the selector is
shared with the executors (`spark.kubernetes.node.selector.*`, one template for
both: changing it would move the executors too), when the label has no known
On-Demand value, or when only the scanned pools make the driver Spot-only
(which pool it should use instead is the user's call).

## See also
SL102, SL103, SL106
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.capacity import CapacityLabels
from spotlint.fix.placement import set_scalar, shared_nodes, value_nodes
from spotlint.model import ON_DEMAND, SPOT, PodPlacement, Project, Role
from spotlint.placement import CapacityConstraint
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule

from ._common import (
    anchors,
    capacity_of,
    each_placement,
    first_constraint_node,
    on_demand_hint,
    reach_of,
    spot_only_pools,
    titles,
    verdict_for,
)


@rule(code="SL101", name="driver-on-spot", severity=Severity.ERROR,
      summary="The driver can only be scheduled on Spot capacity; one interruption fails the job.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"), fixable=True)
def driver_on_spot(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    yield from each_placement(project, Role.DRIVER, lambda p: _check(p, ctx, project))


def _check(placement: PodPlacement, ctx: RuleContext, project: Project) -> Violation | None:
    capacity = capacity_of(ctx)
    verdict = verdict_for(placement, ctx)
    reach = reach_of(placement, ctx)
    if verdict.spot_only:
        cause = (verdict.excluding(ON_DEMAND) or list(verdict.constraints))[0]
        where = f" (pools it can land on: {titles(r.pool for r in reach)})" if reach else ""
        return Violation(
            at=cause.node,
            message=(f"The driver can only run on Spot: {cause.describe()} admits no other "
                     f"capacity{where}. A Spot interruption of the driver fails the whole job; "
                     f"select On-Demand instead ({on_demand_hint(capacity, cause.key)})."),
            related=anchors(r.pool for r in reach),
            fix=_on_demand_fix(cause, capacity, shared_nodes(project, placement)),
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


def _on_demand_fix(
    cause: CapacityConstraint, capacity: CapacityLabels, shared: set[int]
) -> Fix | None:
    """Rewrite the Spot value of the constraint to the label's On-Demand value."""
    on_demand = capacity.values_for(cause.key, ON_DEMAND)
    if id(cause.node) in shared or not on_demand or cause.operator != "In":
        return None
    spot_values = [v for v in cause.values if capacity.canonical(cause.key, v) == SPOT]
    if len(spot_values) != len(cause.values):
        return None
    nodes = [n for v in dict.fromkeys(spot_values) for n in value_nodes(cause.node, v)]
    if not nodes or len(cause.values) != 1:
        return None
    return Fix(f"Select {cause.key}: {on_demand[0]} for the driver", safe=False,
               changes=(set_scalar(nodes[0], on_demand[0]),))
