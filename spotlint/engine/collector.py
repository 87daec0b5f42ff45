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

While held, the youngest generation is collected after :data:`HELD_THRESHOLD`
allocations instead of CPython's 700. The rules, stamping and reports allocate
many short-lived containers (findings, locations, placement views) and make
little cyclic garbage; with the default threshold a 4,000-file run made about
180 collections, some of them of the older generations, which together took
about 0.04 s (0.013 s with the larger threshold). Garbage a collection would
find is then found a few thousand allocations later: kilobytes, not megabytes.
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
#: Allocations between collections of the youngest generation while held.
HELD_THRESHOLD = 10_000
#: The thresholds before the outermost hold (put back when it ends).
_saved: tuple[int, ...] = ()


@contextmanager
def holding() -> Iterator[None]:
    """Keep what runs inside freeze frozen until the block ends (see :func:`release`),
    and collect the youngest generation less often meanwhile (:data:`HELD_THRESHOLD`)."""
    global _holds, _saved
    if not _holds:
        _saved = gc.get_threshold()
        if 0 < _saved[0] < HELD_THRESHOLD:
            gc.set_threshold(HELD_THRESHOLD, *_saved[1:])
    _holds += 1
    try:
        yield
    finally:
        _holds -= 1
        if not _holds:
            gc.unfreeze()
            gc.set_threshold(*_saved)


def release() -> None:
    """Hand frozen objects back to the collector, unless a caller still holds them."""
    if not _holds:
        gc.unfreeze()
