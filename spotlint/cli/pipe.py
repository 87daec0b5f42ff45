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
from collections.abc import Iterator


def write(text: str) -> None:
    """Write ``text`` to stdout; a closed pipe discards it and the rest of the output.

    Characters stdout's encoding lacks are written as escapes
    (:func:`spotlint.report.escape.write_stdout`). A large text goes in pieces
    (:func:`pieces`), each encoded as it is written.
    """
    from spotlint.report.escape import write_stdout

    try:
        for piece in pieces(text):
            write_stdout(piece)
    except BrokenPipeError:
        discard_stdout()


#: Characters of text encoded and written at a time, at most (see :func:`pieces`).
PIECE = 1 << 15


def pieces(text: str) -> Iterator[str]:
    """``text`` in consecutive pieces of at most :data:`PIECE` characters.

    Writing a text encodes it whole first: a 1k-file JSON report (~0.7 MB in one
    string) became bytes as large, in memory freshly mapped for it, ~180 pages each
    faulted in (a page fault costs ~3 us on the machine the benchmark runs on:
    ~0.5 ms of a split run's serial end). Pieces below the allocator's threshold for
    a mapping of their own reuse the same memory one after the other. A piece is
    cut between characters, and each encodes as it would within the whole (escapes
    included), so the bytes written are the same.
    """
    if len(text) <= PIECE:
        yield text
        return
    for start in range(0, len(text), PIECE):
        yield text[start:start + PIECE]


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
