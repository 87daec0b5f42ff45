"""Executors are required to run on On-Demand capacity only.

The executors' required placement (``nodeSelector``, required node affinity or
``spark.kubernetes.executor.node.selector.*``) excludes Spot. With node pools
in scope the rule also fires when the executors' selectors lead only to pools
that offer no Spot nodes, and names those pools. A cluster that has no Spot pool
at all is not blamed on each job: executors without selectors are left alone.

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

from spotlint.model import SPOT, PodPlacement, Project, Role
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import (
    anchors,
    capacity_of,
    each_placement,
    first_constraint_node,
    reach_of,
    spot_hint,
    titles,
    verdict_for,
)


@rule(code="SL103", name="executor-not-on-spot", severity=Severity.INFO,
      summary="Executors are required to run on On-Demand only and miss the Spot discount.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def executor_not_on_spot(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    yield from each_placement(project, Role.EXECUTOR, lambda p: _check(p, ctx))


def _check(placement: PodPlacement, ctx: RuleContext) -> Violation | None:
    capacity = capacity_of(ctx)
    verdict = verdict_for(placement, ctx)
    reach = reach_of(placement, ctx)
    if verdict.allowed and SPOT not in verdict.allowed:
        cause = verdict.excluding(SPOT)[0]
        return Violation(
            at=cause.node,
            message=(f"Executors are kept off Spot by {cause.describe()}: the bulk of the job's "
                     f"compute pays the On-Demand price. Let them use Spot "
                     f"({spot_hint(capacity, cause.key)}) with decommissioning enabled."),
            related=anchors(r.pool for r in reach),
        )
    chooses_pools = bool(placement.node_selector or placement.required_terms)
    if chooses_pools and reach and all(SPOT not in r.types for r in reach):
        return Violation(
            at=first_constraint_node(placement),
            message=(f"Every pool the executors can land on is On-Demand only: "
                     f"{titles(r.pool for r in reach)}. The bulk of the job's compute pays the "
                     f"On-Demand price; give the executors a pool that offers Spot."),
            related=anchors(r.pool for r in reach),
        )
    return None
