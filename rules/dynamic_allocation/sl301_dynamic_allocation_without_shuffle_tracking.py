"""Dynamic allocation is on with nothing to keep shuffle data when executors are removed.

## Why it matters
Dynamic allocation removes idle executors. On YARN an external shuffle service
keeps their shuffle files; Kubernetes has none. Spark knows this: when dynamic
allocation is on and none of the ways below is, its start-up check
(`ExecutorAllocationManager.validateSettings`, in every Spark version) throws
"Dynamic allocation of executors requires the external shuffle service" and
the application never starts. The ways Spark accepts: shuffle tracking (Spark
3.0+), which keeps executors that hold live shuffle data; decommissioning with
shuffle-block migration (Spark 3.1+); and, from Spark 3.5 only, a shuffle
plugin (`spark.shuffle.sort.io.plugin.class`) that reports reliable storage
(SPARK-42689). Setting `spark.shuffle.service.enabled=true` gets past the check,
but Kubernetes runs no shuffle service for executors to register with (SL304).

## How to fix
Set `spark.dynamicAllocation.shuffleTracking.enabled=true` (and a timeout, see
SL303), or enable `spark.decommission.enabled` with
`spark.storage.decommission.shuffleBlocks.enabled`. With Apache Celeborn or
Apache Uniffle on Spark 3.5+, set `spark.shuffle.sort.io.plugin.class` to
`org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO` or
`org.apache.spark.shuffle.RssShuffleDataIo`: both projects document that
setting as "Spark 3.5 and later"
(Celeborn README, "Spark Configuration": https://github.com/apache/celeborn;
https://github.com/apache/uniffle/pull/1226). On older Spark the plugin is
never asked, and a remote shuffle manager passes the check only on a Spark
built with Celeborn's DRA patch
(https://github.com/apache/celeborn/tree/main/assets/spark-patch), which no
configuration shows.

## Fix
Safe: sets `spark.dynamicAllocation.shuffleTracking.enabled=true` (or
`shuffleTrackingEnabled: true` in the operator's `dynamicAllocation` block when
that is where it is off). Unsafe when the job uses a remote shuffle service
(Celeborn advises against shuffle tracking with it; upgrading to Spark 3.5 and
its plugin is the other way). No fix before Spark 3.0. The timeout is SL303's
(unsafe) fix.

## Version notes
Shuffle tracking exists from Spark 3.0 (EMR 6.2) and defaults to `true` from
Spark 3.4 (EMR 6.12); on 3.4+ or an unknown version only an explicit `false` is
reported. The Kubeflow operator's `spec.dynamicAllocation.enabled: true` turns
tracking on by itself unless `shuffleTrackingEnabled: false`; a block whose
`enabled` is false or absent is not passed to Spark at all. A reliable-storage
plugin counts from Spark 3.5 (EMR 7.0) or on an unknown version; a remote
shuffle manager without the plugin is not reported on an unknown version.

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
    storage = facts.reliable_shuffle_storage(job)
    ways = (facts.on(job, facts.TRACKING), decommission, storage)
    if any(w is not False for w in ways):
        return
    tracking = facts.setting(job, facts.TRACKING)
    where = tracking.node if tracking is not None else facts.at(job, facts.DYNAMIC)
    message = f"{facts.DYNAMIC} is true but {facts.TRACKING} is not: " + _outcome(job)
    remote = facts.remote_shuffle(job) is True
    fix = None
    if job.version is not None and facts.older_than(job, facts.FEATURE_SPARK["shuffle-tracking"]):
        message += (f"; {facts.describe_version(job.version)} has no shuffle tracking, "
                    f"upgrade to {facts.needs('shuffle-tracking')}")
    else:
        if remote:
            message += ("; a shuffle plugin counts only from "
                        f"{facts.needs('reliable-shuffle-io')} (set {facts.SHUFFLE_IO_PLUGIN}), "
                        "a remote shuffle manager alone only on a patched Spark")
        fix = enable(job, [facts.TRACKING], "Enable shuffle tracking", safe=not remote)
    yield Violation(at=where, message=message, fix=fix)


def _outcome(job: Job) -> str:
    """What Spark does with this job: refuse it at start-up, unless ESS is claimed."""
    if facts.on(job, facts.SHUFFLE_SERVICE) is True:
        return (f"{facts.SHUFFLE_SERVICE}=true gets past Spark's start-up check, but Kubernetes "
                "runs no shuffle service for executors to register with (SL304)")
    return ("Spark refuses to start the application (\"Dynamic allocation of executors "
            "requires the external shuffle service\")")
