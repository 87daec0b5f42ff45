"""Dynamic allocation has no usable upper bound on the number of executors.

## Why it matters
`spark.dynamicAllocation.maxExecutors` defaults to unlimited. A skewed stage or
a large input can then ask the cluster for thousands of executors, scale node
pools to their limits and starve other workloads, and on Spot it multiplies the
number of nodes that can be reclaimed under the job.

## How to fix
Set `spark.dynamicAllocation.maxExecutors` to a positive number sized to the
job and the node pool (the Kubeflow operator's `spec.dynamicAllocation.maxExecutors`
sets the same thing).

## Version notes
Same in every Spark version. A value that does not parse as an integer is left
to SL210.

## Fix
None. A bound has to fit the job and the node pool; any number spotlint wrote
would be arbitrary.

## See also
SL301
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import facts
from spotlint.sparkconf.values import parse_int


@rule(code="SL302", name="dynamic-allocation-unbounded", severity=Severity.WARNING,
      summary="Dynamic allocation is on and maxExecutors is unset or not positive.",
      target="job", doc=__doc__)
def dynamic_allocation_unbounded(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if facts.not_on_kubernetes(job) or facts.on(job, facts.DYNAMIC) is not True:
        return
    maximum = facts.setting(job, facts.MAX_EXECUTORS)
    if maximum is None:
        yield Violation(
            at=facts.at(job, facts.DYNAMIC),
            message=f"dynamic allocation is on but {facts.MAX_EXECUTORS} is unset (unbounded)",
        )
        return
    if maximum.unknown:
        return
    number = parse_int(maximum.text)
    if number is not None and number <= 0:
        yield Violation(
            at=maximum.node,
            message=f"{facts.MAX_EXECUTORS}={maximum.text} is not a positive number",
        )
