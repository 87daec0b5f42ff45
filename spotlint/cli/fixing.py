"""``spotlint check --fix / --unsafe-fixes / --diff / --fix-only`` on top of the fix loop.

Kept out of :mod:`spotlint.cli.check` so the check command only asks "fixing?"
and gets back the findings that are left. Each pass of the loop
(:func:`spotlint.fix.apply.fix_loop`) is a lint run with the fixed texts as an
overlay and its fixes placed, given to the loop from here: the fix package
never calls the engine. Messages about fixes (how many were applied, files
left alone) go to stderr so stdout stays the chosen report format, or the diff.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from spotlint.cli import pipe
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.apply import FixOutcome, fix_loop, unified_diff, write
from spotlint.fix.place import place_fixes
from spotlint.plugins.manager import Registry
from spotlint.report.escape import printable
from spotlint.result import RunResult

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def fix_for_check(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry,
    *,
    unsafe: bool,
    diff: bool,
    quiet: bool = False,
    **lint_options: Any,
) -> tuple[RunResult, bool]:
    """Run the fix loop; write files (or print the diff). Returns (remaining, anything changed).

    ``quiet`` (``--quiet``) leaves out the counts of what was (or would be) fixed;
    files left unchanged are still reported.
    """
    if "-" in paths:
        print("spotlint: stdin is linted but not fixed", file=sys.stderr)
    outcome = fix_paths(paths, settings, registry, unsafe, **lint_options)
    for message in outcome.messages:
        print(f"spotlint: {printable(message)}", file=sys.stderr)
    assert outcome.result is not None
    result = outcome.result
    changed = outcome.changed
    if diff:
        pipe.write(unified_diff(outcome))
        if changed and not quiet:
            print(f"spotlint: would fix {_count(outcome.applied)} in "
                  f"{len(changed)} file{'s' if len(changed) != 1 else ''}", file=sys.stderr)
    else:
        failed = write(outcome)
        for message in failed:
            print(f"spotlint: {printable(message)}; left unchanged", file=sys.stderr)
        written = len(changed) - len(failed)
        if written and not quiet:
            print(f"spotlint: fixed {_count(outcome.applied)} in "
                  f"{written} file{'s' if written != 1 else ''}", file=sys.stderr)
        if failed:
            # The findings came from the fixed text held in memory; report what is on disk.
            result = place_fixes(lint(paths, settings, registry, **lint_options))
    return result, bool(changed)


def fix_paths(
    paths: Sequence[str],
    settings: Settings,
    registry: Registry | None,
    unsafe: bool,
    **lint_options: Any,
) -> FixOutcome:
    """The fix loop over ``paths``: every pass lints the fixed texts and places the fixes."""

    def lint_pass(overlay: Mapping[str, bytes]) -> RunResult:
        return place_fixes(lint(paths, settings, registry, overlay=overlay, **lint_options))

    return fix_loop(lint_pass, settings, unsafe)


def _count(n: int) -> str:
    return f"{n} finding{'s' if n != 1 else ''}"
