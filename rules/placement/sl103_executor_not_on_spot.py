"""Executors are required to run on On-Demand capacity only.

The executors' required placement (``nodeSelector``, required node affinity or
``spark.kubernetes.executor.node.selector.*``) excludes Spot. With node pools
in scope the rule also fires when the executors' selectors lead only to pools
that offer no Spot nodes, and names those pools. A cluster that has no Spot pool
at all is not blamed on each job: executors without selectors are left alone.
Executor node-selector confs count even when the executor pod template cannot
be read (a template can only narrow them). SL201 and SL207 read the same
placement, so they never claim that executors kept off Spot may run on Spot.

## Why it matters
Executors do almost all of a Spark job's compute, and Spark is built to survive
losing them: tasks are retried, and with decommissioning their shuffle and
cached blocks are migrated first. Keeping them off Spot gives up the largest
saving Spot offers (often 60-90% of the On-Demand price) for little gain.

## How to fix
Let executors use Spot: select `karpenter.sh/capacity-type: spot` (or allow
both types and let Karpenter prefer Spot), or a Spot node group, and turn on
the interruption protections (`spark.decommission.enabled` and storage
decommissioning). If On-Demand executors are deliberate (a strict SLA),
suppress the finding with a reason.

## Fix
None. Moving executors to Spot is a cost decision that is only sound together
with decommissioning and shuffle protection (SL201, SL207), and with a Spot
pool that actually exists; rewriting the selector could leave them Pending.

## See also
SL101, SL201, SL207
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import SPOT, Project, Role
from spotlint.placement.suggest import selector_advice, taint_note
from spotlint.placement.view import PlacementIndex, RoleView
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import anchors, each_view, first_constraint_node, index_of, titles


@rule(code="SL103", name="executor-not-on-spot", severity=Severity.INFO,
      summary="Executors are required to run on On-Demand only and miss the Spot discount.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def executor_not_on_spot(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    index = index_of(ctx)
    yield from each_view(ctx, Role.EXECUTOR, lambda v: _check(v, index),
                         include_incomplete=True)


def _check(view: RoleView, index: PlacementIndex) -> Violation | None:
    """Never Spot: certain even when a pod template is unread (it can only narrow)."""
    placement = view.placement
    if placement is None or not view.excludes_spot:
        return None
    reach = [r.pool for r in view.reach]
    labels = view.labels
    if labels.allowed and SPOT not in labels.allowed:
        cause = labels.excluding(SPOT)[0]
        advice = selector_advice(view, SPOT, index.capacity, cause.key)
        return Violation(
            at=cause.node,
            message=(f"Executors are kept off Spot by {cause.describe()}: the bulk of the job's "
                     f"compute pays the On-Demand price. Let them use Spot ({advice}) with "
                     f"decommissioning enabled."),
            related=anchors(reach),
        )
    chooses_pools = bool(placement.node_selector or placement.required_terms)
    if chooses_pools and view.by_pools:
        return Violation(
            at=first_constraint_node(placement),
            message=(f"Every pool the executors can land on is On-Demand only: {titles(reach)}. "
                     f"The bulk of the job's compute pays the On-Demand price; give the "
                     f"executors a pool that offers Spot "
                     f"({selector_advice(view, SPOT, index.capacity)})."
                     f"{taint_note(view, SPOT, 'executors')}"),
            related=anchors(reach),
        )
    return None
