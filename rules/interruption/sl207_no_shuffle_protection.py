"""Executors may run on Spot and nothing keeps their shuffle data when a node is reclaimed.

Whether executors may run on Spot is read from the job's placement view, as
for SL201 and SL103. Silent where SL201 fires for the same job and SL201's
remedy (decommissioning with storage migration) also migrates shuffle blocks:
that finding already covers this problem. It still fires next to SL201 when
the remedy would not protect shuffle data (shuffle-block migration switched
off explicitly).

## Why it matters
Shuffle files live on the executor's local disk. When a Spot node is reclaimed
they vanish, and every downstream stage that needs them fails its fetches and
reruns the map stage. Three things prevent that: migrating shuffle blocks on
decommission, driver-owned reusable on-demand PVCs, or a remote shuffle service
(Apache Celeborn, Apache Uniffle) that keeps shuffle data off the executors.

## How to fix
Pick one: enable `spark.decommission.enabled`, `spark.storage.decommission.enabled`
and (Spark < 3.4) `...shuffleBlocks.enabled`; or mount executor PVCs with
`claimName=OnDemand` and driver ownership + reuse; or set `spark.shuffle.manager`
to a remote shuffle service. Gluten, Comet and RAPIDS shuffle managers are
columnar/GPU shuffles, not remote services, and do not count.

Remote shuffle services recognized (`spark.shuffle.manager` values):

- Apache Celeborn (https://celeborn.apache.org/):
  `org.apache.spark.shuffle.celeborn.SparkShuffleManager`, and before
  Celeborn 0.3 `org.apache.spark.shuffle.celeborn.RssShuffleManager`; through
  Gluten `org.apache.spark.shuffle.gluten.celeborn.CelebornShuffleManager`,
  through Comet
  `org.apache.spark.sql.comet.execution.shuffle.CometCelebornShuffleManager`.
- Apache Uniffle (https://uniffle.apache.org/):
  `org.apache.spark.shuffle.RssShuffleManager` (also Uber's Remote Shuffle
  Service's class name), `org.apache.spark.shuffle.DelegationRssShuffleManager`;
  through Gluten `org.apache.spark.shuffle.gluten.uniffle.UniffleShuffleManager`.
- ByteDance Cloud Shuffle Service
  (https://github.com/bytedance/CloudShuffleService):
  `org.apache.spark.shuffle.css.CssShuffleManager`.

## Version notes
Decommission needs Spark 3.1 (EMR 6.3), PVC reuse Spark 3.2 (EMR 6.6); version
defaults (3.4 flips) are applied before deciding that a mechanism is off. On a
Spark known to predate them the message recommends only what that version has:
before 3.1 an upgrade (or a remote shuffle service), before 3.2 decommissioning
or a remote shuffle service.

## Fix
None here: the remedies (decommissioning with block migration, driver-owned
PVCs, a remote shuffle service) are different designs, and the first two are
fixed by SL201/SL202 and SL204-SL206 once chosen.

## See also
SL201, SL202, SL204
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL207", name="no-shuffle-protection", severity=Severity.INFO,
      summary="Executors may run on Spot with no shuffle-data protection at all.",
      target="job", doc=__doc__)
def no_shuffle_protection(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job):
        return
    view = facts.executor_view(job, ctx)
    if not view.may_use_spot or facts.decommission_covers_shuffle(job):
        return  # SL201 fires there, and its remedy migrates shuffle blocks too
    mechanisms = (facts.shuffle_block_migration(job), facts.pvc_reuse(job),
                  facts.remote_shuffle(job))
    if any(m is not False for m in mechanisms):
        return
    yield Violation(
        at=facts.at(job, facts.SHUFFLE_MANAGER) if facts.setting(job, facts.SHUFFLE_MANAGER)
        else facts.anchor(job),
        message=f"{facts.spot_clause(view)} but shuffle data has no protection: {_remedy(job)}",
    )


def _remedy(job: Job) -> str:
    """The mechanisms this job's Spark has: a known old version gets an upgrade first."""
    remote = "a remote shuffle service (Celeborn, Uniffle, CSS)"
    if facts.older_than(job, facts.FEATURE_SPARK["decommission"]):
        assert job.version is not None
        return (f"{facts.describe_version(job.version)} has neither decommissioning nor PVC "
                f"reuse; upgrade to {facts.needs('decommission')} (PVC reuse: "
                f"{facts.needs('pvc-reuse')}) or use {remote}")
    if facts.older_than(job, facts.FEATURE_SPARK["pvc-reuse"]):
        return f"enable shuffle-block decommissioning or use {remote}"
    return ("enable shuffle-block decommissioning, driver-owned reusable OnDemand PVCs, or "
            f"{remote}")
