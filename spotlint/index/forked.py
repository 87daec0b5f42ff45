"""A first run's scan and records, shared between this process and one forked child.

A run with no index scans every file of the project and then records the few
dozen files its selection asks about, in several rounds. Each round used a
process pool (two workers while this process waited): setting one up and down
cost 10-20 ms, more than some rounds' work. Here this process works too, and
one child is forked for the round: both take the next piece from a pipe holding
every piece's number (a read of two bytes from a pipe is atomic, so each piece
goes to exactly one of them, and a costly piece does not hold up the rest), and
the child sends back what it computed, pickled, when the pipe is empty.

Only plain data comes back (summaries and records: dicts, lists, strings). If
the child fails, this process computes what it did not send.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

#: Piece numbers are written as two bytes; a pipe holds 64 KiB on Linux, and every
#: number is written before the child starts reading.
MAX_PIECES = 16_000
_WIDTH = 2


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "pipe")


def shared_map(task: Callable[[int], T], count: int) -> list[T]:
    """``[task(0), ..., task(count - 1)]``, computed by this process and one forked child.

    An exception in this process's pieces is raised (after the child is ended); the
    child's failures cost only time (its pieces are computed here again).
    """
    if count < 2 or count > MAX_PIECES or not can_fork():
        return [task(i) for i in range(count)]
    pieces_r, pieces_w = os.pipe()
    try:
        os.write(pieces_w, b"".join(i.to_bytes(_WIDTH, "little") for i in range(count)))
    finally:
        os.close(pieces_w)
    results_r, results_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(results_r)
            data = pickle.dumps(_take(task, pieces_r), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(results_w, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(results_w)
    ended = False
    try:
        done = _take(task, pieces_r)
        with os.fdopen(results_r, "rb") as received:
            data = received.read()
        results_r = -1
        _, status = os.waitpid(pid, 0)
        ended = True
        if status == 0 and data:
            with contextlib.suppress(Exception):  # a damaged answer: computed here
                done.update(pickle.loads(data))
    finally:
        os.close(pieces_r)
        if results_r >= 0:
            os.close(results_r)
        if not ended:
            _end(pid)
    return [done[i] if i in done else task(i) for i in range(count)]


def _take(task: Callable[[int], T], pieces: int) -> dict[int, T]:
    """Compute pieces taken from the pipe until it is empty."""
    done: dict[int, T] = {}
    while True:
        number = os.read(pieces, _WIDTH)
        if len(number) < _WIDTH:
            return done
        index = int.from_bytes(number, "little")
        done[index] = task(index)


def _end(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
