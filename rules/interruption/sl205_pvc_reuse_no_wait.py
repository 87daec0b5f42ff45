"""PVC reuse is on but the driver does not wait for a claim to be free before making a new one.

## Why it matters
When a Spot node goes away, its executor's claim is released only after the pod
is fully deleted. Without `waitToReusePersistentVolumeClaim` the driver creates
a fresh claim for the replacement executor instead of waiting, so the new
executor starts without the old shuffle files and the cluster briefly pays for
extra volumes.

## How to fix
Set `spark.kubernetes.driver.waitToReusePersistentVolumeClaim=true`.

## Fix
Safe: sets `spark.kubernetes.driver.waitToReusePersistentVolumeClaim=true`.

## Version notes
The flag exists from Spark 3.4 (EMR 6.12) and defaults to `false` there and in
4.x. The rule runs only on 3.4+ or an unknown version, and (a spotlint choice)
only when executors really mount on-demand PVCs: on 3.4+ own/reuse default to
true for every job, so without that condition every job would be reported.

## See also
SL204, SL206
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL205", name="pvc-reuse-no-wait", severity=Severity.INFO,
      summary="PVC ownership and reuse are on but waitToReusePersistentVolumeClaim is not.",
      target="job", doc=__doc__, fixable=True)
def pvc_reuse_no_wait(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.older_than(job, facts.FEATURE_SPARK["wait-to-reuse"]):
        return
    if facts.pvc_reuse(job) is not True or facts.not_on_kubernetes(job):
        return
    if facts.on(job, facts.WAIT_PVC) is not False:
        return
    volume = next(facts.on_demand_volumes(job))
    where = facts.at(job, facts.WAIT_PVC, facts.REUSE_PVC) if (
        facts.setting(job, facts.WAIT_PVC) or facts.setting(job, facts.REUSE_PVC)
    ) else volume.claim.node
    yield Violation(
        at=where,
        message=(f"PVC reuse is on but {facts.WAIT_PVC} is not true: replacement executors "
                 "may get a new empty claim instead of the reclaimed executor's one"),
        fix=enable(job, [facts.WAIT_PVC], "Wait for a reclaimed executor's PVC"),
    )
