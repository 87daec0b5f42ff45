"""The external shuffle service is enabled for a job that runs on Kubernetes.

## Why it matters
`spark.shuffle.service.enabled=true` tells executors to register with a shuffle
service on their node. Spark on Kubernetes ships no such service, so executors
fail to register (or the setting satisfies dynamic allocation's start-up check
while nothing actually keeps shuffle data).

## How to fix
Remove it (or set `false`) and use shuffle tracking, decommissioning with
shuffle-block migration, or a remote shuffle service instead.

## Version notes
True for every Spark version. A `spark-defaults.conf` or `spark-submit` line is
treated as Kubernetes only when `spark.master` is `k8s://...` or it sets
`spark.kubernetes.*` confs.

## Fix
None. Setting it to `false` can make a dynamic-allocation job fail Spark's
start-up check unless shuffle tracking (or another protection) replaces it,
and which replacement to use is a design choice (see SL301).

## See also
SL301
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts


@rule(code="SL304", name="external-shuffle-service-on-kubernetes", severity=Severity.WARNING,
      summary="spark.shuffle.service.enabled=true for a job on Kubernetes.",
      target="job", doc=__doc__)
def external_shuffle_service_on_kubernetes(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if not facts.explicitly_true(job, facts.SHUFFLE_SERVICE) or not facts.on_kubernetes(job):
        return
    setting = facts.setting(job, facts.SHUFFLE_SERVICE)
    assert setting is not None
    yield Violation(
        at=setting.node,
        message=(f"{facts.SHUFFLE_SERVICE}=true but Kubernetes has no external shuffle "
                 "service: use shuffle tracking or a remote shuffle service"),
    )
