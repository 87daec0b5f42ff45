"""A job's pods may be spread over several availability zones.

Cross-document: with node pools in scope, the rule collects the zones the
job's driver and executors can land in (the zones of each pool they fit, a
role the job says nothing about landing anywhere in its cluster,
narrowed by any zone selector or affinity they set, on
``topology.kubernetes.io/zone``, ``failure-domain.beta.kubernetes.io/zone`` or
``topology.k8s.aws/zone-id``). It fires when that is more than one zone.
Zones are counted in one form (``us-east-1a`` whether a pod pins it with
``topology.kubernetes.io/zone`` or a pool lists it), only where a pool the pod
fits offers them; zone names and AWS zone ids (``use1-az1``) are never added
together, since their mapping differs per account. A pod template no job
references is checked on its own. Pools whose zones are not known statically
(subnets chosen at launch) contribute nothing, so an
unknown never produces a finding.

## Why it matters
Spark shuffles move large amounts of data between executors, and between the
driver and executors. Traffic between availability zones is billed in both
directions and has higher latency than traffic inside one zone, so a job
spread over zones pays for every shuffle byte that crosses and runs slower.
Spot capacity in one zone is also reclaimed together, which is why the pools
stay multi-zone and the job picks one.

## How to fix
Pin the job's pods to one zone, for example with
`spark.kubernetes.node.selector.topology.kubernetes.io/zone=us-east-1a` (both
roles) or a `nodeSelector`/required affinity in both pod templates. To keep
the choice of zone free, use a scheduler that places a whole job in one zone
(gang scheduling with zone affinity in YuniKorn or Volcano) and suppress this
finding with that reason.

## Fix
None. Pinning a job to a zone means choosing the zone, which depends on where
capacity and data are.

## See also
SL403
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.location import Node
from spotlint.model import Pool, Project, Role
from spotlint.placement import ZONE_NAME_KEYS
from spotlint.placement.view import ROLES, PlacementIndex, RoleView
from spotlint.placement.zones import Zone, spread
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import anchors, index_of, titles


@rule(code="SL107", name="job-spans-zones", severity=Severity.WARNING,
      summary="A job's pods are not pinned to one zone while their pools span several zones.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def job_spans_zones(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    if not project.pools and not ctx.settings.declared_pools:
        return
    index = index_of(ctx)
    for job in project.jobs:
        if job.driver is None and job.executor is None:
            continue  # a conf file that says nothing about placement
        roles = [index.for_job(job, role) for role in ROLES]
        if all(v.complete for v in roles):
            yield from _check(roles, job.anchor, f"job {job.name}", index)
    for template in project.templates:
        if not template.referenced_by and template.placement.known:
            yield from _check([index.for_placement(template.placement)],
                              template.placement.anchor, f"pod template {template.name}", index)


def _check(roles: list[RoleView], fallback: Node, what: str, index: PlacementIndex
           ) -> Iterator[Violation]:
    zones: set[Zone] = set()
    used: list[Pool] = []
    for view in roles:
        reach = index.zones(view)
        zones |= reach.zones
        used += [p for p in reach.pools if not _listed(p, used)]
    counted = spread(zones)
    if not counted:
        return
    at = _unpinned_anchor(roles) or fallback
    yield Violation(
        at=at,
        message=(f"The pods of {what} can land in {len(counted)} zones "
                 f"({', '.join(str(z) for z in counted)}) through {titles(used)}: shuffle "
                 f"traffic between zones is billed and slower. Pin the job to one zone "
                 f"({ZONE_NAME_KEYS[0]} in a node selector of both driver and executors)."),
        related=anchors(used),
    )


def _listed(pool: Pool, pools: list[Pool]) -> bool:
    """``pool in pools``, comparing whole pools only when they share an anchor: equal
    pools have the same anchor node (a field, compared by identity), and a pool's
    equality compares its twenty-odd fields (~2 us, for every job against its pools)."""
    anchor = pool.anchor
    return any(p is pool or (p.anchor is anchor and p == pool) for p in pools)


def _unpinned_anchor(roles: list[RoleView]) -> Node | None:
    """Point at the executors when they float (they move the data), else the driver."""
    placed = [v for v in roles if v.placement is not None]
    ordered = sorted(placed, key=lambda v: v.role is not Role.EXECUTOR)
    return ordered[0].placement.anchor if ordered and ordered[0].placement else None
