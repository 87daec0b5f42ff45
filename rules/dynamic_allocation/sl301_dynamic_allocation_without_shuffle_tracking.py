"""Dynamic allocation is on with nothing to keep shuffle data when executors are removed.

## Why it matters
Dynamic allocation removes idle executors. On YARN an external shuffle service
keeps their shuffle files; Kubernetes has none, so removing an executor throws
its shuffle output away and later stages rerun the work (Spark 3.5+ refuses to
start in this state). Shuffle tracking keeps executors that hold live shuffle
data; decommission with shuffle-block migration, or a remote shuffle service
plugin, are the other supported ways.

## How to fix
Set `spark.dynamicAllocation.shuffleTracking.enabled=true` (and a timeout, see
SL303), or enable `spark.decommission.enabled` with
`spark.storage.decommission.shuffleBlocks.enabled`, or use Celeborn/Uniffle with
its `spark.shuffle.sort.io.plugin.class`. `spark.shuffle.service.enabled=true`
does not help on Kubernetes (SL304).

## Fix
Safe: sets `spark.dynamicAllocation.shuffleTracking.enabled=true` (or
`shuffleTrackingEnabled: true` in the operator's `dynamicAllocation` block when
that is where it is off). No fix before Spark 3.0. The timeout is SL303's
(unsafe) fix.

## Version notes
Shuffle tracking exists from Spark 3.0 (EMR 6.2) and defaults to `true` from
Spark 3.4 (EMR 6.12); on 3.4+ or an unknown version only an explicit `false` is
reported. The Kubeflow operator's `spec.dynamicAllocation.enabled: true` turns
tracking on by itself unless `shuffleTrackingEnabled: false`.

## See also
SL302, SL303, SL304
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL301", name="dynamic-allocation-without-shuffle-tracking", severity=Severity.ERROR,
      summary="Dynamic allocation is on with no way to keep shuffle data (no shuffle tracking).",
      target="job", doc=__doc__, fixable=True)
def dynamic_allocation_without_shuffle_tracking(
    job: Job, ctx: RuleContext
) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or facts.on(job, facts.DYNAMIC) is not True:
        return
    decommission = facts.all3(facts.on(job, facts.DECOMMISSION),
                              facts.on(job, facts.SHUFFLE_BLOCKS), True)
    ways = (facts.on(job, facts.TRACKING), decommission, facts.remote_shuffle(job))
    if any(w is not False for w in ways):
        return
    tracking = facts.setting(job, facts.TRACKING)
    where = tracking.node if tracking is not None else facts.at(job, facts.DYNAMIC)
    message = (f"{facts.DYNAMIC} is true but {facts.TRACKING} is not: executors removed by "
               "dynamic allocation take their shuffle files with them")
    fix = None
    if job.version is not None and facts.older_than(job, facts.FEATURE_SPARK["shuffle-tracking"]):
        message += (f"; {facts.describe_version(job.version)} has no shuffle tracking, "
                    f"upgrade to {facts.needs('shuffle-tracking')}")
    else:
        fix = enable(job, [facts.TRACKING], "Enable shuffle tracking")
    yield Violation(at=where, message=message, fix=fix)
