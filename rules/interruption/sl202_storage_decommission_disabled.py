"""Decommissioning is on, but it does not move any blocks off the dying executor.

## Why it matters
`spark.decommission.enabled` alone only stops new tasks from reaching a
reclaimed executor. Its cached RDD blocks and shuffle files are saved only when
`spark.storage.decommission.enabled` is `true` *and* at least one of
`...rddBlocks.enabled` / `...shuffleBlocks.enabled` is on. Otherwise the
two-minute Spot warning passes without saving anything.

## How to fix
Set `spark.storage.decommission.enabled=true`; on Spark before 3.4 also set
`spark.storage.decommission.shuffleBlocks.enabled=true` (and `rddBlocks` if you cache).

## Fix
Safe: turns on `spark.storage.decommission.enabled` (and, before Spark 3.4,
`shuffleBlocks`), or `shuffleBlocks` when both block switches are off.

## Version notes
`spark.storage.decommission.enabled` defaults to `false` in every version, so its
absence is a finding everywhere. The two block switches default to `false` up to
Spark 3.3 and to `true` from Spark 3.4 (EMR 6.12); with an unknown version the
newest defaults apply, so only an explicit `false` on both is reported.

## See also
SL201, SL203, SL207
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import enable
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL202", name="storage-decommission-disabled", severity=Severity.WARNING,
      summary="Decommission is on but no RDD or shuffle blocks are migrated.",
      target="job", doc=__doc__, fixable=True)
def storage_decommission_disabled(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or facts.on(job, facts.DECOMMISSION) is not True:
        return
    storage = facts.on(job, facts.STORAGE_DECOMMISSION)
    if storage is False:
        yield Violation(
            at=facts.at(job, facts.STORAGE_DECOMMISSION),
            message=(f"{facts.DECOMMISSION} is true but {facts.STORAGE_DECOMMISSION} is not: "
                     "no blocks are migrated when an executor is reclaimed"),
            fix=enable(job, _storage_switches(job), "Migrate blocks on decommission"),
        )
        return
    if storage is None:
        return
    rdd, shuffle = facts.on(job, facts.RDD_BLOCKS), facts.on(job, facts.SHUFFLE_BLOCKS)
    if rdd is False and shuffle is False:
        yield Violation(
            at=facts.at(job, facts.SHUFFLE_BLOCKS, facts.RDD_BLOCKS, facts.STORAGE_DECOMMISSION),
            message=(f"storage decommissioning is on but both {facts.RDD_BLOCKS} and "
                     f"{facts.SHUFFLE_BLOCKS} are off: enable shuffleBlocks at least"),
            fix=enable(job, [facts.SHUFFLE_BLOCKS], "Migrate shuffle blocks on decommission"),
        )


def _storage_switches(job: Job) -> list[str]:
    keys = [facts.STORAGE_DECOMMISSION]
    if job.version is not None and not job.version.at_least(3, 4):
        keys.append(facts.SHUFFLE_BLOCKS)
    return keys
