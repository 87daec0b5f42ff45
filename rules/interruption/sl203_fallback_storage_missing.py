"""Shuffle blocks are migrated on decommission, with no durable place to fall back to.

## Why it matters
A decommissioning executor copies its shuffle files to a live peer. When every
peer is also going away (a Spot reclaim often takes several nodes at once) the
blocks are lost unless `spark.storage.decommission.fallbackStorage.path` names
storage that outlives the cluster. A local path (`file://`, `/tmp`, a mounted
disk such as `/mnt/fallback/`) dies with the node, so it does not count.

## How to fix
Point `spark.storage.decommission.fallbackStorage.path` at an object store or
HDFS path ending in `/`, e.g. `s3a://my-bucket/spark-fallback/`, and give the
bucket a lifecycle rule: Spark does not clean it up (unless
`...fallbackStorage.cleanUp=true`, Spark 3.2+).

## Fix
None. The path names a bucket only the user knows, and spotlint does not invent
one; a local path cannot be turned into a durable one either. A fallback path
that lacks its trailing `/` is SL210's finding, and that one is fixed (safe).

## Version notes
Fallback storage exists from Spark 3.1 (EMR 6.3). Durable schemes: `s3`, `s3a`,
`gs`, `abfs`, `abfss`, `hdfs` (configurable with `durable-storage-schemes`).

## See also
SL202, SL210
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


def _schemes(ctx: RuleContext) -> tuple[str, ...]:
    configured = ctx.settings.durable_storage_schemes
    if configured:
        return tuple(str(s).lower() for s in configured)
    return facts.DURABLE_SCHEMES


@rule(code="SL203", name="fallback-storage-missing", severity=Severity.INFO,
      summary="Shuffle-block decommission is on without a durable fallback storage path.",
      target="job", doc=__doc__)
def fallback_storage_missing(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or facts.shuffle_block_migration(job) is not True:
        return
    path = facts.setting(job, facts.FALLBACK_PATH)
    if path is None:
        yield Violation(
            at=facts.anchor(job),
            message=(f"shuffle blocks are migrated on decommission but {facts.FALLBACK_PATH} "
                     "is unset: blocks are lost when no peer executor survives"),
        )
        return
    if path.unknown or not path.text:
        return
    scheme = path.text.split("://", 1)[0].lower() if "://" in path.text else ""
    if scheme not in _schemes(ctx):
        shown = f"scheme {scheme}://" if scheme else "a local path"
        yield Violation(
            at=path.node,
            message=(f"{facts.FALLBACK_PATH} uses {shown}, which does not outlive the node: "
                     "use s3a://, s3://, gs://, abfs(s):// or hdfs://"),
        )
