"""Executors may land on Spot capacity but graceful decommissioning is off.

Whether executors may run on Spot is read from the job's placement view, the
same one SL103 reads, so the two never disagree: executors kept off Spot (by
their selectors, or because every pool of their cluster they can reach is
On-Demand only) get no finding. When placement cannot be known (no node pool
of the job's cluster is in scope, or the executor pod template is not read),
executors are assumed to possibly run on Spot and the message says why and
what to declare (see docs/placement.md).

The remedy turns on decommissioning with storage migration, which also moves
shuffle blocks off a reclaimed node: the message says so, and SL207 stays
silent on that job (one finding for one problem). Where shuffle-block
migration is switched off explicitly, the message says the remedy does not
cover shuffle data, and SL207 reports it.

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
conf block, beside the job's other decommission keys (see `spotlint.fix.conf`).
Shuffle-block migration is not added when a remote shuffle service holds the
shuffle data. When the misspelt `spark.executor.decommission.enabled` is set,
the fix leaves `spark.decommission.enabled` to SL209's rename (one fix for one
mistake) and only adds the other switches. No fix before Spark 3.1: the
switches do not exist there.

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
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL201", name="decommission-disabled", severity=Severity.WARNING,
      summary="Executors may run on Spot but spark.decommission.enabled is not true.",
      target="job", doc=__doc__, fixable=True)
def decommission_disabled(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job):
        return
    view = facts.executor_view(job, ctx)
    if not view.may_use_spot or facts.on(job, facts.DECOMMISSION) is not False:
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
    head = f"{facts.spot_clause(view)} but {what}"
    keys = facts.decommission_remedy(job)
    if keys is None:
        assert job.version is not None  # only a known old version has no remedy
        yield Violation(at=where, message=(
            f"{head}; {facts.describe_version(job.version)} has no decommissioning: upgrade to "
            f"{facts.needs('decommission')} first"))
        return
    switches = " and ".join(keys)
    if facts.remote_shuffle(job) is True:
        covers = "; shuffle data stays with the remote shuffle service"
    elif facts.remedy_migrates_shuffle(job, keys):
        covers = ("; this also migrates shuffle blocks off a reclaimed node, which covers "
                  "SL207's shuffle protection")
    else:
        covers = ("; shuffle blocks still stay behind "
                  f"({facts.SHUFFLE_BLOCKS} is false), see SL207")
    fixed = keys
    if misspelled is not None and setting is None:
        # One mistake, one fix: SL209 renames the misspelt key; adding the right
        # key beside it would leave two spellings of one switch.
        covers += f"; rename {misspelled.key} (SL209's fix) rather than adding a key"
        fixed = [k for k in keys if k != facts.DECOMMISSION]
    fix = enable(job, fixed, "Enable graceful decommissioning") if fixed else None
    yield Violation(at=where, message=f"{head}: set {switches} to true{covers}", fix=fix)

