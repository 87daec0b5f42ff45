"""A suppression matched no finding (reported only when asked for).

Turned on by `--report-unused-suppressions`, by `report-unused-suppressions:
true` in the configuration, or by selecting SL005 (or `unused-suppression`) by
name. Only suppressions that name a rule that ran in this invocation (or name no
rule at all) are judged: a rule that was not selected cannot prove a suppression
useless. Suppressions naming no known rule are always reported.

## Why it matters
A leftover `# spotlint: ignore` silently hides the next real problem on that
line or in that file. Finding the dead ones keeps the exceptions list honest.

## How to fix
Delete the suppression, or correct the rule code it names.

## See also
SL004
"""

from __future__ import annotations

from spotlint.rule import Severity, engine_rule

RULE = engine_rule(
    code="SL005",
    name="unused-suppression",
    severity=Severity.INFO,
    summary="A suppression comment or annotation matched no finding.",
    doc=__doc__,
    applies_to=("any",),
)
