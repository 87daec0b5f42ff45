"""The entry point: ``spotlint ...`` and ``python -m spotlint``.

Exit codes are listed in :mod:`spotlint.errors`. The commands are click
commands in :mod:`spotlint.cli.commands`. The common invocations skip click:
``spotlint check`` followed only by paths and ``--force-exclude`` (how
pre-commit runs spotlint on every commit), ``--exit-zero``, ``--format`` and
``--output`` (how CI jobs run it), ``--no-cache`` (a CI job reading the whole
project without the index), and ``--jobs``/``--workers`` (how the
benchmark and a CI job keeping one process run it). Importing click costs about 16 ms of the
100 ms a one-file run may take, and those arguments need no parsing beyond
telling the flags from the paths; :func:`plain_check` builds the same options
click would (``tests/cli/test_fast_path.py`` holds it to that).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import stat
import sys
from collections.abc import Callable, Sequence

from spotlint import compiled_patterns
from spotlint.cli import bytecode, pipe
from spotlint.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

    from spotlint.cli.check import CheckOptions


def plain_check(args: Sequence[str]) -> CheckOptions | None:
    """The options of ``check`` with paths and only the flags below; None for any other.

    Besides paths this reads ``--force-exclude`` (pre-commit's invocation),
    ``--exit-zero``, ``--no-cache``, and ``--format``/``--output-format``, ``--output`` and
    ``--jobs``/``--workers`` with their value (as the next argument or after
    ``=``), which CI jobs and the benchmark pass. A value click would refuse (a
    format no built-in reporter has, an ``--output`` that is a directory or not
    readable, a number of jobs below 1) or one starting with ``-``, a value
    click would read in its own way (a number with a sign, spaces or digits
    beyond ASCII), ``-j``, and anything else starting with ``-`` (another
    option, ``--``, ``-`` for stdin, ``--help``), and shell-completion
    requests are left to click, so every message and exit code stays click's.
    """
    if not args or args[0] != "check" or os.environ.get("_SPOTLINT_COMPLETE"):
        return None
    paths: list[str] = []
    formats: list[str] = []
    outputs: list[str] = []
    workers: int | None = None
    force_exclude = exit_zero = no_cache = False
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--force-exclude":
            force_exclude = True
        elif arg == "--exit-zero":
            exit_zero = True
        elif arg == "--no-cache":
            no_cache = True
        elif arg.startswith("-"):
            name, eq, value = arg.partition("=")
            if name not in _VALUED:
                return None
            if not eq:
                value = next(rest, "-")
            if value.startswith("-") or not _VALUED[name](value):
                return None
            if name == "--output":
                outputs.append(value)
            elif name in _JOBS:
                workers = int(value)  # the last one given counts, as in click
            else:
                formats.append(value)
        else:
            paths.append(arg)
    from spotlint.cli.check import CheckOptions, use_color

    return CheckOptions(
        paths=paths or ["."], formats=formats or ["text"], outputs=outputs,
        exit_zero=exit_zero, force_exclude=force_exclude, color=use_color(sys.stdout),
        workers=workers, no_cache=no_cache,
    )


def _builtin_format(value: str) -> bool:
    """A built-in format's name: one click accepts whatever plugins are installed
    (they add formats, never take one away; see spotlint.plugins.manager)."""
    from spotlint.report.base import BUILTIN_REPORTERS

    return value in BUILTIN_REPORTERS


def _output_file(value: str) -> bool:
    """What ``click.Path(dir_okay=False)`` accepts unchanged: a name where nothing is
    yet, or an existing non-directory this process may read."""
    try:
        mode = os.stat(value).st_mode
    except OSError:
        return True
    except ValueError:  # a NUL in the name: click's own check raises
        return False
    return not stat.S_ISDIR(mode) and os.access(value, os.R_OK)


def _jobs(value: str) -> bool:
    """A number ``click.IntRange(min=1)`` reads as ``int(value)`` would: ASCII digits
    only and at least 1 (anything else, even what click would also accept, such as
    ``+2`` or `` 2``, goes to click)."""
    return value.isascii() and value.isdigit() and int(value) >= 1


#: The options with a value :func:`plain_check` reads, and the test their value passes.
_VALUED: dict[str, Callable[[str], bool]] = {
    "--format": _builtin_format,
    "--output-format": _builtin_format,
    "--output": _output_file,
    "--jobs": _jobs,
    "--workers": _jobs,
}
_JOBS = ("--jobs", "--workers")


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


def _exit(code: int, argv: Sequence[str] | None) -> NoReturn:
    """End the command with exit status ``code``.

    Called by the console script (``argv`` None), the process ends here: the exit
    handlers run, stdout and stderr are flushed, and ``os._exit`` skips tearing down
    the interpreter, freeing every object still alive one by one (the findings, the
    texts of their files, every module), which a process that ends returns to the
    system at once anyway: about 4.5 ms of a 0.33 s run at 1,000 files (bench/README.md,
    "Parallelism"). A caller that passed ``argv`` (a test, a script going on after
    the command) gets ``SystemExit`` as before.
    """
    if argv is not None:
        raise SystemExit(code) from None
    atexit._run_exitfuncs()
    pipe.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    compiled_patterns.save()  # the patterns this run compiled, for the next one
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> None:
    bytecode.install()  # (the command's own imports, from here on, in fewer steps)
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
        _exit(code, argv)
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
        _exit(code, argv)
