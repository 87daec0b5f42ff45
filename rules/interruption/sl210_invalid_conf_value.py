"""A known conf has a value Spark rejects or reads differently from what was meant.

## Why it matters
Spark parses typed confs strictly: booleans are `true`/`false` only (any case),
numbers and times have exact grammars, sizes take no fractions. A bad value
either aborts the job at start or, worse, is read as something else. Two Spot
settings have extra traps: the fallback storage path must end with `/`, and the
per-executor PVC marker is the case-sensitive `OnDemand`.

## How to fix
Write the value the way the message says: `true` not `yes`, `600s` or `10min`
for times, `512m` for sizes, a trailing `/` on
`spark.storage.decommission.fallbackStorage.path`, and `claimName=OnDemand`.

## Version notes
Older Spark did not trim whitespace around booleans; spotlint follows the newer
(trimming) behaviour. Placeholder values are never reported.

## See also
SL209, SL203, SL211
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import catalog, facts
from spotlint.sparkconf.values import type_error


@rule(code="SL210", name="invalid-conf-value", severity=Severity.ERROR,
      summary="A known Spark conf has a value Spark rejects or misreads.",
      target="job", doc=__doc__)
def invalid_conf_value(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    cat = catalog()
    for value in job.conf:
        if value.unknown:
            continue
        spec = cat.lookup(value.key)
        if spec is None:
            continue
        text = value.text
        problem = type_error(spec, text)
        if problem is not None:
            yield Violation(at=value.node, message=f"{value.key}={text!r} {problem}")
            continue
        if value.key == facts.FALLBACK_PATH and text and not text.endswith("/"):
            yield Violation(
                at=value.node,
                message=f"{value.key} must end with '/': Spark rejects {text!r}",
            )
        elif (value.key.endswith(".options.claimName") and "persistentVolumeClaim" in value.key
              and facts.ON_DEMAND not in text and facts.ON_DEMAND.lower() in text.lower()):
            yield Violation(
                at=value.node,
                message=(f"claimName {text!r} is not the case-sensitive marker 'OnDemand': "
                         "Spark mounts a claim with this literal name instead of creating one"),
            )
