"""A key in a Spark namespace spotlint knows is not a Spark key, so it does nothing.

## Why it matters
Spark accepts any `spark.*` key and ignores the ones it does not read. A typo in
a Spot-safety switch (`spark.decomission.enabled`) or a key copied from a guide
that never existed (`spark.executor.decommission.enabled`) leaves the feature off
with no error anywhere.

## How to fix
Use the key from the "did you mean" hint, or delete the line. Keys are checked
in `spark.decommission.`, `spark.storage.decommission.`,
`spark.executor.decommission.`, `spark.kubernetes.`, `spark.dynamicAllocation.`
and `spark.shuffle.`, plus keys whose namespace itself is misspelt
(`spark.decomission.enabled`) when a known key is close. Pattern keys
(volumes, node selectors, labels, annotations, secrets, `driverEnv`) are
understood.

## Version notes
The catalog covers Spark 2.3 to 4.x; a key introduced after the job's version is
SL208's business, not this rule's.

## See also
SL208, SL210
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.load.placeholders import has_placeholder
from spotlint.model import Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import catalog


@rule(code="SL209", name="unknown-conf-key", severity=Severity.WARNING,
      summary="An unknown key in a Spark conf namespace: Spark silently ignores it.",
      target="job", doc=__doc__)
def unknown_conf_key(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    cat = catalog()
    for value in job.conf:
        key = value.key
        if cat.is_known(key) or has_placeholder(key):
            continue
        wrong = cat.wrong_key(key)
        outside = not cat.in_namespace(key) and wrong is None
        # Outside the namespaces only a misspelt namespace with a close match counts.
        if outside and not (cat.near_namespace(key) and cat.suggest(key)):
            continue
        if wrong is not None:
            message = f"{key} is not a Spark conf ({wrong.why}): did you mean {wrong.use}?"
        else:
            hint = cat.suggest(key)
            message = f"{key} is not a Spark conf key; Spark ignores it"
            if hint:
                message += f": did you mean {hint}?"
        yield Violation(at=value.key_node, message=message)
