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
understood. The "did you mean" search runs for the first 50 unknown keys of a
job; past that (a file of generated or garbled keys), in-namespace keys are
still reported, without a hint.

## Fix
Unsafe: renames the key to the suggested one, keeping its value. Unsafe because
the renamed setting starts to take effect (that is the point, but it changes
what the job does), and because a close match is a guess. No fix when the
suggested key is already set (renaming would give two settings of one key) or
the suggestion is not a single known key.

## Version notes
The catalog covers Spark 2.3 to 4.x; a key introduced after the job's version is
SL208's business, not this rule's.

## See also
SL208, SL210
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import rename
from spotlint.load.placeholders import has_placeholder
from spotlint.model import ConfValue, Job
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule
from spotlint.sparkconf import catalog

#: Close-match searches per job: each compares the key with every known key, so a conf
#: of thousands of unknown keys gets hints for the first ones and plain findings after.
MAX_SEARCHES = 50


@rule(code="SL209", name="unknown-conf-key", severity=Severity.WARNING,
      summary="An unknown key in a Spark conf namespace: Spark silently ignores it.",
      target="job", doc=__doc__, fixable=True)
def unknown_conf_key(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    cat = catalog()
    exact = cat.exact_keys  # most keys are known exactly: one look-up, no call
    searches = 0  # close-match searches so far in this job (see MAX_SEARCHES)
    for value in job.conf:
        key = value.key
        if key in exact or key in _QUIET:
            continue
        if cat.is_known(key) or has_placeholder(key):
            _quiet(key)
            continue
        wrong = cat.wrong_key(key)
        outside = not cat.in_namespace(key) and wrong is None
        # Outside the namespaces only a misspelt namespace with a close match counts.
        if outside and not cat.near_namespace(key):
            _quiet(key)
            continue
        searching = wrong is None and searches < MAX_SEARCHES
        if outside and not (searching and cat.suggest(key)):
            continue
        hint = wrong.use if wrong is not None else (cat.suggest(key) if searching else None)
        searches += wrong is None
        if wrong is not None:
            message = f"{key} is not a Spark conf ({wrong.why}): did you mean {wrong.use}?"
        else:
            message = f"{key} is not a Spark conf key; Spark ignores it"
            if hint:
                message += f": did you mean {hint}?"
        yield Violation(at=value.key_node, message=message, fix=_rename_fix(job, value, hint))


#: Keys never reported whatever the job (known, templated, or outside every Spark conf
#: namespace and not near one): most keys of a job are such (``spark.executor.memory``
#: is not in the catalog's namespaces), and jobs repeat them. Bounded.
_QUIET: set[str] = set()
_QUIET_KEPT = 1 << 14


def _quiet(key: str) -> None:
    if len(_QUIET) < _QUIET_KEPT:
        _QUIET.add(key)


def _rename_fix(job: Job, value: ConfValue, hint: str | None) -> Fix | None:
    if not hint or not catalog().is_known(hint) or hint in job.conf:
        return None
    if len(job.conf.settings(value.key)) != 1:
        return None  # the key is written twice: renaming one would leave the other
    change = rename(value, hint)
    return Fix(f"Rename to {hint}", safe=False, changes=(change,)) if change else None
