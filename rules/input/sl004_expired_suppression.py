"""A suppression with an expiry date has expired (or its date cannot be read).

`until=YYYY-MM-DD` after a `# spotlint: ignore` comment or in a
`spotlint.dev/ignore` annotation makes an exception temporary: through that day
the suppression applies, from the next day it does not, and this finding points
at the suppression itself. A date that is not `YYYY-MM-DD` never suppresses.

## Why it matters
Exceptions granted "until the migration is done" tend to outlive the migration.
An expiry that silently stopped working would re-surface the old finding with
no hint why; one that silently kept working would make the date meaningless.

## How to fix
Fix the finding the suppression was hiding and delete the comment, or, if the
exception is still justified, move the date forward and say why after `--`.

## See also
SL005
"""

from __future__ import annotations

from spotlint.rule import Severity, engine_rule

RULE = engine_rule(
    code="SL004",
    name="expired-suppression",
    severity=Severity.WARNING,
    summary="A suppression's until= date has passed, so it no longer suppresses anything.",
    doc=__doc__,
    applies_to=("any",),
)
