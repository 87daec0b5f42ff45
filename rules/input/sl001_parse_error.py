"""A file could not be read or parsed, so nothing in it was checked.

spotlint reports the position the parser gave (or line 1 when the whole file is
unreadable) and goes on with every other file. The same code covers the safety
limits: a file too large, nested too deep, with too many documents or too many
alias expansions, or using a YAML tag outside the standard set (such as
``!!python/object``) is refused rather than partly read.

## Why it matters
A configuration file that does not parse is also rejected by ``kubectl``, the
Spark operator or the AWS CLI, usually at deploy time. Worse, a linter that
silently skips it gives the impression that the file was checked.

## How to fix
Fix the syntax error at the reported position (an unclosed quote, a tab used
for indentation, a trailing comma in JSON). For a limit, split the file or raise
the limit in the configuration if the file is legitimate.

## See also
SL002
"""

from __future__ import annotations

from spotlint.rule import Severity, engine_rule

RULE = engine_rule(
    code="SL001",
    name="parse-error",
    severity=Severity.ERROR,
    summary="A file cannot be read or parsed; other files are still linted.",
    doc=__doc__,
    applies_to=("any",),
)
