"""Executors get on-demand PVCs, but the driver neither owns nor reuses them.

## Why it matters
With `claimName=OnDemand` Spark creates one volume claim per executor. If the
executor pod owns its claim, a Spot reclaim deletes pod, claim and the shuffle
files on the volume together. When the driver owns the claims and reuses them,
the replacement executor mounts the same volume, so the data written there
survives the node and new executors start faster (no new EBS volume).

## How to fix
Set both `spark.kubernetes.driver.ownPersistentVolumeClaim=true` and
`spark.kubernetes.driver.reusePersistentVolumeClaim=true`.

## Fix
Safe: sets the flags that are off to `true` (not before Spark 3.2, where they
do not exist).

## Version notes
Both flags exist from Spark 3.2 (EMR 6.6). They default to `false` up to Spark
3.3 and to `true` from Spark 3.4 (EMR 6.12), so on 3.4+ (or an unknown version)
only an explicit `false` is reported. The finding points at the explicit
setting, or else at the volume's `claimName`.

## See also
SL205, SL206, SL211
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL204", name="pvc-reuse-disabled", severity=Severity.WARNING,
      summary="Executors use on-demand PVCs but the driver does not own and reuse them.",
      target="job", doc=__doc__, fixable=True)
def pvc_reuse_disabled(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    volumes = list(facts.on_demand_volumes(job))
    if not volumes or facts.not_on_kubernetes(job):
        return
    own, reuse = facts.on(job, facts.OWN_PVC), facts.on(job, facts.REUSE_PVC)
    if own is None or reuse is None or (own and reuse):
        return
    off = [k for k, v in ((facts.OWN_PVC, own), (facts.REUSE_PVC, reuse)) if not v]
    explicit = [k for k in off if facts.setting(job, k) is not None]
    where = facts.at(job, *explicit) if explicit else volumes[0].claim.node
    message = (f"executor volume {volumes[0].name!r} uses on-demand PVCs but "
               f"{' and '.join(off)} {'is' if len(off) == 1 else 'are'} not true: "
               "the claim and its data die with a reclaimed executor")
    fix = None
    if facts.older_than(job, facts.FEATURE_SPARK["pvc-reuse"]) and job.version is not None:
        message += (f"; {facts.describe_version(job.version)} cannot reuse PVCs, "
                    f"upgrade to {facts.needs('pvc-reuse')}")
    else:
        fix = enable(job, off, "Let the driver own and reuse executor PVCs")
    yield Violation(at=where, message=message, fix=fix)
