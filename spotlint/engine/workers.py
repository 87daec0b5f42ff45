"""Run independent pieces of one lint run on several cores, results in order.

The costly part that parallelizes well is checking rules: each rule reads the
finished project and yields findings, and no rule depends on another. Workers
are forked after the project is built, so they inherit it in memory and
nothing large is pickled; only the findings (locations, messages, fixes) come
back. Parsed trees are deliberately not shipped between processes: unpickling
a located tree costs as much as parsing it again.

Results come back in task order, so a parallel run gives exactly the findings
of a serial one. Where ``fork`` does not exist, everything runs serially.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

from spotlint.engine import collector

T = TypeVar("T")

#: The task function, set before forking so workers inherit it (never pickled).
_TASK: Callable[[int], Any] | None = None


class _Failure:
    """An exception raised in a worker, carried back as plain data."""

    def __init__(self, exc: BaseException) -> None:
        self.where = getattr(exc, "where", None)
        original = getattr(exc, "original", exc)
        self.type_name = type(original).__name__
        self.message = str(original)


def _run_task(index: int) -> Any:
    assert _TASK is not None
    try:
        return _TASK(index)
    except Exception as exc:  # exceptions with custom __init__ do not unpickle
        return _Failure(exc)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """Workers for a large run: one per core (at most 8), or 1 where fork is missing."""
    if not can_fork():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def map_in_order(task: Callable[[int], T], count: int, workers: int) -> list[T]:
    """``[task(0), ..., task(count - 1)]``, computed by ``workers`` forked processes.

    An exception in a task is raised again here, as :class:`RemoteError`.
    """
    if workers <= 1 or count <= 1 or not can_fork():
        return [task(i) for i in range(count)]
    global _TASK
    _TASK = task
    gc.freeze()  # keep the collector from copying inherited pages in the workers
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, count)) as pool:
            results = pool.map(_run_task, range(count), chunksize=1)
    finally:
        _TASK = None
        collector.release()  # a no-op inside a run: it unfreezes when done
    for result in results:
        if isinstance(result, _Failure):
            raise RemoteError(result)
    return results


class RemoteError(Exception):
    """A task failed in a worker; ``where``, ``type_name`` and ``message`` describe it."""

    def __init__(self, failure: _Failure) -> None:
        super().__init__(f"{failure.type_name}: {failure.message}")
        self.where = failure.where
        self.type_name = failure.type_name
        self.message = failure.message
