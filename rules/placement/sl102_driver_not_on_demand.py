"""The Spark driver is not kept off Spot capacity.

Nothing in the driver's required placement excludes Spot: there is no capacity
label in its ``nodeSelector`` or required node affinity, or the one there also
admits Spot (``In [spot, on-demand]``, ``Exists``). When node pools are scanned
with the job, the rule fires only if one of the pools the driver can land on
offers Spot nodes, and it names those pools; a driver that selects an
On-Demand-only pool through a custom label (``NodeGroupType: spark-driver``) is
fine. Without pools, spotlint cannot tell what a custom label means, so an
unconstrained driver is reported. A driver that can *only* run on Spot is
SL101 instead. A driver whose pod template cannot be read is not reported: the
template may well exclude Spot.

The advice names a label the On-Demand nodes in scope really carry, and the
message says when an On-Demand pool exists but a taint the driver does not
tolerate keeps it off (add the toleration rather than a selector).

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

from spotlint.model import ON_DEMAND, SPOT, Project, Role
from spotlint.placement.suggest import selector_advice, taint_note
from spotlint.placement.view import PlacementIndex, RoleView
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import anchors, each_view, first_constraint_node, index_of, titles


@rule(code="SL102", name="driver-not-on-demand", severity=Severity.WARNING,
      summary="The driver's placement does not exclude Spot capacity.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def driver_not_on_demand(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    index = index_of(ctx)
    yield from each_view(ctx, Role.DRIVER, lambda v: _check(v, index))


def _check(view: RoleView, index: PlacementIndex) -> Violation | None:
    placement = view.placement
    if placement is None or not view.may_use_spot or view.spot_only:
        return None  # nothing admits Spot, or only Spot does (SL101's finding)
    labels = view.labels
    admitting = labels.admitting(SPOT)
    excluding = labels.excluding(SPOT)
    at = (admitting or excluding)[0].node if (admitting or excluding) else (
        first_constraint_node(placement))
    if admitting:
        why = f"{admitting[0].describe()} also admits Spot"
    elif excluding:
        why = (f"{excluding[0].describe()} does not keep it off them, as their nodes do not "
               f"carry {excluding[0].key}")
    else:
        why = "no capacity label in its nodeSelector or required node affinity excludes Spot"
    fix = f"require On-Demand for the driver ({selector_advice(view, ON_DEMAND, index.capacity)})"
    if not view.pools:
        return Violation(at=at, message=(
            f"The driver may be scheduled on Spot: {why}. A Spot interruption of the driver "
            f"fails the whole job; {fix}."))
    spot_pools = view.reaching(SPOT)
    if not spot_pools:
        return None  # it fits no pool in scope: SL106's finding, or a pool not scanned
    return Violation(at=at, message=(
        f"The driver can land on Spot nodes of {titles(spot_pools)}: {why}. A Spot interruption "
        f"of the driver fails the whole job; {fix}.{taint_note(view, ON_DEMAND, 'driver')}"),
        related=anchors(spot_pools))
