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

## Fix
Safe when the meaning is unambiguous: a boolean wrapped in quotes that became
part of the value (`"true"` on a `.conf` line, where the quotes are kept) is
written `true`/`false`, and the fallback path gets its trailing `/`.
Unsafe: `yes`/`no`/`on`/`off`/`y`/`n` become `true`/`false` (YAML 1.1 reads them
that way and so do people, but the job currently fails on them, so the fix
switches a feature on or off) and a claim name spelt `ondemand` in another case
becomes `OnDemand` (it could be the literal name of a claim).
No fix for `1`/`0` (a count typed into the wrong key as often as a boolean)
and for malformed numbers, times and sizes, whose intended value is a guess.

## Version notes
Older Spark did not trim whitespace around booleans; spotlint follows the newer
(trimming) behaviour. Placeholder values are reported only where the placeholder
cannot matter: a fallback path whose written end lacks the `/`
(`s3://b/${DIR}/fallback`), or whose placeholder is the bucket itself
(`s3://<<bucket>>`, a bucket name holds no `/`); no fix is offered then.

## See also
SL209, SL203, SL211
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import rewrite
from spotlint.model import ConfValue, Job
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule
from spotlint.sparkconf import catalog, facts
from spotlint.sparkconf.values import (
    PARSED_TYPES,
    lacks_trailing_slash,
    parse_bool,
    type_error,
)

_CLAIM = ".options.claimName"
_WORDS = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}


@rule(code="SL210", name="invalid-conf-value", severity=Severity.ERROR,
      summary="A known Spark conf has a value Spark rejects or misreads.",
      target="job", doc=__doc__, fixable=True)
def invalid_conf_value(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    lookup = catalog().lookup
    for value in job.conf:
        key = value.key
        spec = lookup(key)
        # (most keys of a job: nothing below reads them; a string is never rejected,
        # and only the fallback path's end and a claim name's marker are read then)
        if (spec is None or spec.type not in PARSED_TYPES) and key != facts.FALLBACK_PATH and (
                spec is None or not key.endswith(_CLAIM)):
            continue
        if value.unknown:
            # A placeholder hides nothing its value's end does not depend on.
            if value.key == facts.FALLBACK_PATH and lacks_trailing_slash(value.text):
                yield Violation(
                    at=value.node,
                    message=(f"{value.key} must end with '/': Spark rejects {value.text!r} "
                             "whatever its placeholder holds"),
                )
            continue
        if spec is None:
            continue
        text = value.text
        problem = type_error(spec, text)
        if problem is not None:
            fix = _bool_fix(value) if spec.type == "boolean" else None
            yield Violation(at=value.node, message=f"{value.key}={text!r} {problem}", fix=fix)
            continue
        if value.key == facts.FALLBACK_PATH and text and not text.endswith("/"):
            yield Violation(
                at=value.node,
                message=f"{value.key} must end with '/': Spark rejects {text!r}",
                fix=_fix(value, text + "/", "Add the trailing '/'", safe=True),
            )
        elif (value.key.endswith(_CLAIM) and "persistentVolumeClaim" in value.key
              and facts.ON_DEMAND not in text and facts.ON_DEMAND.lower() in text.lower()):
            yield Violation(
                at=value.node,
                message=(f"claimName {text!r} is not the case-sensitive marker 'OnDemand': "
                         "Spark mounts a claim with this literal name instead of creating one"),
                fix=(_fix(value, facts.ON_DEMAND, "Write the OnDemand marker", safe=False)
                     if text.lower() == facts.ON_DEMAND.lower() else None),
            )


def _fix(value: ConfValue, new: str, description: str, safe: bool) -> Fix | None:
    change = rewrite(value, new)
    return Fix(description, safe=safe, changes=(change,)) if change is not None else None


def _bool_fix(value: ConfValue) -> Fix | None:
    """``"true"`` -> ``true`` (safe); ``yes``/``off`` -> ``true``/``false`` (unsafe)."""
    text = value.text
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    parsed = parse_bool(text)
    if parsed is not None:
        new = "true" if parsed else "false"
        return _fix(value, new, f"Write the boolean as {new}", safe=True)
    word = _WORDS.get(text.lower())
    if word is None:
        return None
    return _fix(value, word, f"Read {text!r} as {word}", safe=False)
