"""A file could not be read or parsed, so nothing in it was checked.

spotlint reports the position the parser gave (or line 1 when the whole file is
unreadable) and goes on with every other file. The same code covers the safety
limits: a file too large, nested too deep, with too many documents, values or
alias expansions, taking longer than ``max-seconds-per-file`` to check, or
using a YAML tag outside the standard set (such as ``!!python/object``) is
refused rather than partly read.

It also covers spotlint's own failures on a file: a bug in spotlint or in a
plugin while reading, recognizing or checking it is reported here, naming the
stage or rule and the error ("internal error while checking rule ..."), and
the run goes on. Those are not the file's fault: report them (``--debug``
shows the traceback).

## Why it matters
A configuration file that does not parse is also rejected by ``kubectl``, the
Spark operator or the AWS CLI, usually at deploy time. Worse, a linter that
silently skips it gives the impression that the file was checked.

## How to fix
Fix the syntax error at the reported position (an unclosed quote, a tab used
for indentation, a trailing comma in JSON). For a limit, split the file or raise
the limit in the configuration if the file is legitimate. For an internal
error, report it with the ``--debug`` output.

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
