"""Executors may land on Spot capacity but graceful decommissioning is off.

## Why it matters
EC2 gives a Spot node a two-minute warning before taking it back. Spark only
uses that warning when `spark.decommission.enabled` is `true`: the executor stops
taking tasks and (with storage decommissioning) hands its blocks to survivors.
Without it, every reclaimed node silently throws away cached and shuffle data and
the stages that produced them run again.

## How to fix
Set `spark.decommission.enabled=true` (and see SL202 for block migration). The
key `spark.executor.decommission.enabled` does not exist and changes nothing.

## Fix
Safe: sets `spark.decommission.enabled` and `spark.storage.decommission.enabled`
to `true`, plus `spark.storage.decommission.shuffleBlocks.enabled` on a Spark
known to be older than 3.4 (where it defaults to `false`), in the job's own
conf block (see `spotlint.fix.conf`). No fix before Spark 3.1: the switches do
not exist there.

## Version notes
Decommissioning needs Spark 3.1 (EMR 6.3). On an older release the message asks
to upgrade first: the switch is ignored there.

## See also
SL202, SL207, SL209
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL201", name="decommission-disabled", severity=Severity.WARNING,
      summary="Executors may run on Spot but spark.decommission.enabled is not true.",
      target="job", doc=__doc__, fixable=True)
def decommission_disabled(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or not facts.executors_may_run_on_spot(job, ctx):
        return
    if facts.on(job, facts.DECOMMISSION) is not False:
        return
    setting = facts.setting(job, facts.DECOMMISSION)
    misspelled = job.conf.get("spark.executor.decommission.enabled")
    if setting is not None:
        where = setting.node
        what = f"{facts.DECOMMISSION} is {setting.text!r}"
    elif misspelled is not None:
        where = misspelled.key_node
        what = f"{facts.DECOMMISSION} is unset ({misspelled.key} is not a Spark key)"
    else:
        where = facts.anchor(job)
        what = f"{facts.DECOMMISSION} is unset"
    message = f"executors may run on Spot but {what}: set it to true"
    fix: Fix | None = None
    if job.version is not None and facts.older_than(job, facts.FEATURE_SPARK["decommission"]):
        message = (f"executors may run on Spot but {what}; {facts.describe_version(job.version)} "
                   f"has no decommissioning: upgrade to {facts.needs('decommission')} first")
    else:
        fix = enable(job, decommission_switches(job), "Enable graceful decommissioning")
    yield Violation(at=where, message=message, fix=fix)


def decommission_switches(job: Job) -> list[str]:
    """The switches that make decommissioning migrate blocks on this job's version."""
    keys = [facts.DECOMMISSION, facts.STORAGE_DECOMMISSION]
    if job.version is not None and not job.version.at_least(3, 4):
        keys.append(facts.SHUFFLE_BLOCKS)
    return keys
