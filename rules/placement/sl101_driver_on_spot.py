"""The Spark driver is placed on Spot capacity only.

The driver's required placement (``nodeSelector`` or required node affinity)
admits Spot and nothing else, or, when node pools are scanned together with the
job, every pool the driver can land on (labels matched, taints tolerated) is
Spot-only. Pools are how custom labels such as ``NodeGroupType: spark-driver``
get their meaning, so with pools in scope this rule decides from them and names
the pool documents it relied on. Only the pools of the job's own cluster count
(see docs/placement.md).

A driver whose pod template cannot be read (``s3://...``) is still checked on
what the job itself sets: Spark adds the node-selector confs
(``spark.kubernetes.driver.node.selector.*``, ``spark.kubernetes.node.selector.*``)
on top of any template, and a template can only narrow them, so a driver
pinned to Spot by conf stays Spot-only whatever the template says.

The advice names a label the On-Demand nodes in scope really carry (on a
cluster of EKS managed node groups, `eks.amazonaws.com/capacityType: ON_DEMAND`,
never Karpenter's label), and says so when an On-Demand pool exists but a taint
the driver does not tolerate keeps it off.

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
On-Demand value, when pools are in scope and none of them carries that
On-Demand value for the driver (the rewrite would leave it Pending), or when
only the scanned pools make the driver Spot-only (which pool it should use
instead is the user's call).

## See also
SL102, SL103, SL106
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.capacity import CapacityLabels
from spotlint.fix.placement import set_scalar, shared_nodes, value_nodes, with_value
from spotlint.model import ON_DEMAND, SPOT, Project, Role
from spotlint.placement import CapacityConstraint
from spotlint.placement.suggest import selector_advice, taint_note
from spotlint.placement.view import PlacementIndex, RoleView
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule

from ._common import anchors, each_view, first_constraint_node, index_of, titles


@rule(code="SL101", name="driver-on-spot", severity=Severity.ERROR,
      summary="The driver can only be scheduled on Spot capacity; one interruption fails the job.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"), fixable=True)
def driver_on_spot(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    index = index_of(ctx)
    yield from each_view(ctx, Role.DRIVER, lambda v: _check(v, index, project),
                         include_incomplete=True)


def _check(view: RoleView, index: PlacementIndex, project: Project) -> Violation | None:
    """Only Spot: certain even when a pod template is unread (it can only narrow)."""
    placement = view.placement
    if placement is None or not view.spot_only:
        return None
    capacity = index.capacity
    reach = [r.pool for r in view.reach]
    note = taint_note(view, ON_DEMAND, "driver")
    if view.labels.spot_only:
        cause = (view.labels.excluding(ON_DEMAND) or list(view.labels.constraints))[0]
        where = f" (pools it can land on: {titles(reach)})" if reach else ""
        advice = selector_advice(view, ON_DEMAND, capacity, cause.key)
        return Violation(
            at=cause.node,
            message=(f"The driver can only run on Spot: {cause.describe()} admits no other "
                     f"capacity{where}. A Spot interruption of the driver fails the whole job; "
                     f"select On-Demand instead ({advice}).{note}"),
            related=anchors(reach),
            fix=_on_demand_fix(view, cause, index, shared_nodes(project, placement)),
        )
    return Violation(
        at=first_constraint_node(placement),
        message=(f"Every pool the driver can land on is Spot-only: {titles(reach)}. A Spot "
                 f"interruption of the driver fails the whole job; select an On-Demand pool for "
                 f"it ({selector_advice(view, ON_DEMAND, capacity)}).{note}"),
        related=anchors(reach),
    )


def _on_demand_fix(
    view: RoleView, cause: CapacityConstraint, index: PlacementIndex, shared: set[int]
) -> Fix | None:
    """Rewrite the Spot value of the constraint to the label's On-Demand value.

    With pools in scope, only when the rewritten driver would reach On-Demand
    nodes there: a value no pool carries would leave the driver Pending.
    """
    capacity: CapacityLabels = index.capacity
    on_demand = capacity.values_for(cause.key, ON_DEMAND)
    if id(cause.node) in shared or not on_demand or cause.operator != "In":
        return None
    if len(cause.values) != 1 or capacity.canonical(cause.key, cause.values[0]) != SPOT:
        return None
    nodes = value_nodes(cause.node, cause.values[0])
    if not nodes or view.placement is None:
        return None
    if view.pools:
        variant = with_value(view.placement, cause.node, on_demand[0])
        if variant is None or ON_DEMAND not in index.admitted_with(view, variant):
            return None
    return Fix(f"Select {cause.key}: {on_demand[0]} for the driver", safe=False,
               changes=(set_scalar(nodes[0], on_demand[0]),))
