"""An on-demand executor volume is missing a setting Spark needs to create and mount it.

## Why it matters
Spark creates the per-executor claim only when the volume has both
`options.storageClass` and `options.sizeLimit`; with either missing it mounts a
claim of the generated name that nobody created, and executor pods stay
`Pending`. Without `mount.path` the volume is not mounted where Spark (or the
`spark-local-dir-` convention) expects it.

## How to fix
Give every `persistentVolumeClaim.<name>` volume with `claimName=OnDemand` all
three: `options.storageClass` (e.g. `gp3`), `options.sizeLimit` (e.g. `100Gi`)
and `mount.path`.

## Version notes
`OnDemand` claims exist from Spark 3.1 (EMR 6.3). The "both storageClass and
sizeLimit" condition is read from Spark's `MountVolumesFeatureStep` (3.x and
4.0 sources). Spark's own 4.2 examples (apache/spark-kubernetes-operator
`pi-java25-with-executor-pvc-resize-plugin.yaml`) omit `storageClass`, so for a
known Spark 4.2+ a missing `storageClass` is not reported (unverified: the
default StorageClass is presumably used there).

## Fix
None. `storageClass`, `sizeLimit` and `mount.path` have no value spotlint can
know (the cluster's storage classes, the job's spill size, the image's paths).

## See also
SL204, SL210
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts

_REQUIRED = ("options.storageClass", "options.sizeLimit", "mount.path")


@rule(code="SL211", name="incomplete-on-demand-pvc", severity=Severity.ERROR,
      summary="An OnDemand executor PVC lacks storageClass, sizeLimit or mount.path.",
      target="job", doc=__doc__)
def incomplete_on_demand_pvc(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    required: tuple[str, ...] = _REQUIRED
    if job.version is not None and job.version.at_least(4, 2):
        required = tuple(r for r in _REQUIRED if r != "options.storageClass")
    for volume in facts.on_demand_volumes(job):
        prefix = f"spark.kubernetes.executor.volumes.persistentVolumeClaim.{volume.name}."
        missing = [s for s in required if (prefix + s) not in job.conf]
        if missing:
            yield Violation(
                at=volume.claim.key_node,
                message=(f"on-demand executor volume {volume.name!r} lacks "
                         f"{', '.join(missing)}: Spark cannot create and mount the claim"),
            )
