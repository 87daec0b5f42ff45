"""The entry point: ``spotlint ...`` and ``python -m spotlint``.

Exit codes are listed in :mod:`spotlint.errors`. The commands are click
commands in :mod:`spotlint.cli.commands`. One invocation
skips click: ``spotlint check`` followed only by paths and ``--force-exclude``,
which is how pre-commit runs spotlint on every commit. Importing click costs
about 16 ms of the 100 ms a one-file run may take, and those arguments need no
parsing beyond telling the flag from the paths; :func:`plain_check` builds the
same options click would (``tests/test_cli_fast_path.py`` holds it to that).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spotlint.cli import pipe
from spotlint.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from spotlint.cli.check import CheckOptions


def plain_check(args: Sequence[str]) -> CheckOptions | None:
    """The options of ``check [--force-exclude] PATH...``; None for any other arguments.

    Anything else starting with ``-`` (another option, ``--``, ``-`` for stdin,
    ``--help``) and shell-completion requests are left to click.
    """
    if not args or args[0] != "check" or os.environ.get("_SPOTLINT_COMPLETE"):
        return None
    paths: list[str] = []
    force_exclude = False
    for arg in args[1:]:
        if arg == "--force-exclude":
            force_exclude = True
        elif arg.startswith("-"):
            return None
        else:
            paths.append(arg)
    from spotlint.cli.check import CheckOptions, use_color

    return CheckOptions(
        paths=paths or ["."], force_exclude=force_exclude, color=use_color(sys.stdout)
    )


def _frozen_at_exit() -> None:
    """Freeze whatever is still alive when the interpreter exits (registered once).

    The process ends right after its report, and CPython's finalization then
    runs full collections over every object still alive: for the trees of a
    large run that was a third of the process's CPU time (1.1 s of 3.4 s at
    4,000 files). Frozen objects are not traversed (spotlint.engine.collector
    freezes the trees during a run for the same reason); the process exiting
    returns the memory, as it would anyway, and reference counting still closes
    and flushes what it holds. Only ``gc`` and ``atexit`` (built in) are used, so
    the one-file check imports nothing more.
    """
    global _exit_registered
    if not _exit_registered:
        _exit_registered = True
        atexit.register(gc.freeze)


_exit_registered = False


def main(argv: Sequence[str] | None = None) -> None:
    _frozen_at_exit()
    args = list(argv) if argv is not None else sys.argv[1:]
    collecting = gc.isenabled()
    gc.disable()  # importing makes long-lived objects, no garbage (see run_check)
    try:
        options = plain_check(args)
    finally:
        if collecting:
            gc.enable()
    if options is not None:
        from spotlint.cli.check import run_check

        try:
            code = run_check(options)
        except (EOFError, KeyboardInterrupt):
            # As click's standalone mode: end the ^C line, say so, exit 1.
            print(file=sys.stderr)
            print("Aborted!", file=sys.stderr)
            code = EXIT_FINDINGS
        pipe.flush()
        raise SystemExit(code)
    from spotlint.cli.commands import cli

    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="spotlint",
            standalone_mode=True,
        )
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_ERROR if exc.code else EXIT_OK)
        # click uses 2 for usage errors already; keep every other code as is.
        pipe.flush()
        raise SystemExit(code) from None
