"""A time bound for tests whose failure mode is hanging (a blocked pipe, a runaway parse).

Not a timing test: the bound is far above any normal run and only turns a hang
into a failure with a message saying what blocked.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def deadline(seconds: int, message: str) -> Iterator[None]:
    """Raise ``TimeoutError(message)`` if the body runs longer than ``seconds``."""

    def late(signum: int, frame: object) -> None:
        raise TimeoutError(message)

    previous = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
