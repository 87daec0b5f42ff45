"""The cyclic garbage collector kept off the trees a run builds and keeps.

A run reads every file into located trees and keeps them all until the rules
have run. CPython's cyclic collector would traverse every one of those objects
again each time an older generation is collected: measured at about 15% of a
1,000-file run, growing with the repository. Building the trees creates no
garbage worth collecting (the loaders build acyclic trees and drop nothing
large), so the collector is paused while they are built, and what was built is
then frozen (``gc.freeze``: moved to a generation the collector never visits;
reference counting still frees it). Forked rule workers inherit frozen pages
without the collector writing to them.

When the run is over the objects are unfrozen, so a long-lived process (the
language server) does not keep what later becomes cyclic garbage; a command
that goes on working with the result (placing fixes, rendering a report) holds
them frozen until it is done (:func:`holding`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def building() -> Iterator[None]:
    """Pause the collector while trees are built, then freeze what they hold."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


_holds = 0


@contextmanager
def holding() -> Iterator[None]:
    """Keep what runs inside freeze frozen until the block ends (see :func:`release`)."""
    global _holds
    _holds += 1
    try:
        yield
    finally:
        _holds -= 1
        if not _holds:
            gc.unfreeze()


def release() -> None:
    """Hand frozen objects back to the collector, unless a caller still holds them."""
    if not _holds:
        gc.unfreeze()
