"""A reader that stops early (``spotlint check . | head -1``) ends the run quietly.

ruff and the usual Unix tools exit without a word when the pipe they write to
is closed. Python raises ``BrokenPipeError`` instead, at the write or at the
final flush during interpreter shutdown (where it prints "Exception ignored"
and changes the exit status). Everything the command line prints to stdout
goes through :func:`write` and the entry point ends with :func:`flush`: on a
closed pipe they point stdout at ``os.devnull``, so nothing later fails again,
and the run goes on to the exit code it would have had.
"""

from __future__ import annotations

import os
import sys


def write(text: str) -> None:
    """Write ``text`` to stdout; a closed pipe discards it and the rest of the output.

    Characters stdout's encoding lacks are written as escapes
    (:func:`spotlint.report.escape.write_stdout`).
    """
    from spotlint.report.escape import write_stdout

    try:
        write_stdout(text)
    except BrokenPipeError:
        discard_stdout()


def flush() -> None:
    """Flush stdout before exiting, quietly if the reader has gone."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
    except (OSError, ValueError):
        pass  # stdout closed by the caller: there is nobody to tell


def discard_stdout() -> None:
    """Send whatever stdout still holds, and anything written later, to ``os.devnull``."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test runner's capture): nothing to redirect
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)
