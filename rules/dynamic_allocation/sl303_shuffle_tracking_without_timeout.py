"""Shuffle tracking is on with no timeout, so executors holding shuffle data never go away.

## Why it matters
With shuffle tracking, an executor that still holds shuffle files for a live
shuffle is never released. Without `spark.dynamicAllocation.shuffleTracking.timeout`
that lasts as long as the job keeps any reference, so dynamic allocation cannot
scale down a long job, and the idle executors keep Spot nodes busy.

## How to fix
Set `spark.dynamicAllocation.shuffleTracking.timeout` (e.g. `30min`; a bare
number is milliseconds). In the Kubeflow operator, `shuffleTrackingTimeout` is in
milliseconds too.

## Fix
Unsafe: sets the timeout to 30 minutes (`30min`; `shuffleTrackingTimeout:
1800000` in the operator's `dynamicAllocation` block when the job has one).
Whether 30 minutes suits the job (a stage that reads old shuffle output later
must recompute it) is for its owner to decide, hence unsafe.

## Version notes
Shuffle tracking exists from Spark 3.0 and is on by default from 3.4. The rule
only looks at jobs with dynamic allocation on: tracking does nothing otherwise.

## See also
SL301
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import set_confs
from spotlint.model import Job
from spotlint.rule import Fix, InsertKey, RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL303", name="shuffle-tracking-without-timeout", severity=Severity.INFO,
      summary="Shuffle tracking is on and shuffleTracking.timeout is unset.",
      target="job", doc=__doc__, fixable=True)
def shuffle_tracking_without_timeout(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or facts.on(job, facts.DYNAMIC) is not True:
        return
    if facts.older_than(job, facts.FEATURE_SPARK["shuffle-tracking"]):
        return
    if facts.on(job, facts.TRACKING) is not True or facts.TRACKING_TIMEOUT in job.conf:
        return
    yield Violation(
        at=facts.at(job, facts.TRACKING, facts.DYNAMIC),
        message=(f"shuffle tracking is on but {facts.TRACKING_TIMEOUT} is unset: executors "
                 "holding shuffle data are never released"),
        fix=_timeout_fix(job),
    )


def _timeout_fix(job: Job) -> Fix | None:
    description = "Release idle executors holding shuffle data after 30 minutes"
    block = job.dynamic_allocation
    if block is not None and block.is_map:
        change = InsertKey(block.loc, ("shuffleTrackingTimeout",), 1_800_000)
        return Fix(description, safe=False, changes=(change,))
    return set_confs(job, {facts.TRACKING_TIMEOUT: "30min"}, description, safe=False)
