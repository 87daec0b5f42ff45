"""The per-file time budget (``max-seconds-per-file``) and who is to blame for an error.

Limits on bytes, depth and nodes bound what a loader does, but a file can still
be slow to *check*: a pod with 200,000 node-selector labels matched against
every pool, a conf with thousands of misspelt keys. The budget turns such a
file into one SL001 finding naming the limit, and the run goes on.

Time is charged by sampling, so no rule has to cooperate: while the engine
works, an interval timer fires every :data:`TICK` seconds and the time since
the last tick is charged to the file being worked on. Reading and recognizing
say which file that is (:meth:`Budget.charging`); inside a rule the file is
found on the interrupted stack: the outermost job, pool, pod template or
placement a frame below the engine holds, which is the rule's loop variable.
When a file's total passes the budget, :class:`OverBudget` is raised right
there, through the rule's own code, and the engine drops the file.

:class:`OverBudget` is a ``BaseException`` so that rule and loader code that
catches ``Exception`` cannot swallow it. The timer needs ``SIGALRM`` and the
main thread; elsewhere (Windows, a server thread) nothing is interrupted and a
file is only reported when a unit of work on it ends over the budget.

:func:`culprit` is also how an exception raised by a rule is pinned to one
file: the same outermost model object, found on the traceback.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import CodeType, FrameType, TracebackType
from typing import Any

from spotlint.load.base import LoadedFile
from spotlint.location import Location
from spotlint.model import Job, PodPlacement, PodTemplate, Pool

#: Seconds between samples.
TICK = 0.05
_OWNERS = (Job, PodTemplate, PodPlacement, Pool, LoadedFile)


class OverBudget(BaseException):
    """A file used up its time; raised from the timer inside whatever code was running."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def owner_location(value: Any) -> Location | None:
    """Where a model object (or loaded file) lives: its anchor, else its file at 1:1."""
    if isinstance(value, LoadedFile):
        return Location.point(value.path, 1, 1)
    if isinstance(value, (Job, Pool, PodPlacement)):
        return value.anchor.loc
    if isinstance(value, PodTemplate):
        return value.doc.loc
    return None


def _outermost_owner(frames: list[FrameType]) -> Location | None:
    for frame in frames:  # outermost first
        for value in frame.f_locals.values():
            if isinstance(value, _OWNERS):
                return owner_location(value)
    return None


def culprit(trace: TracebackType | None, boundary: CodeType | None = None) -> Location | None:
    """The object an exception was raised while checking: see the module docstring.

    ``trace`` starts at the frame that caught the exception; frames up to and
    including ``boundary``'s (the engine's own) are skipped.
    """
    frames: list[FrameType] = []
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    if boundary is not None:
        for index, frame in enumerate(frames):
            if frame.f_code is boundary:
                frames = frames[index + 1 :]
                break
    return _outermost_owner(frames)


def _stack_owner(frame: FrameType | None, boundary: CodeType | None) -> Location | None:
    """The culprit of the code running when a tick came, if it runs below ``boundary``."""
    frames: list[FrameType] = []
    while frame is not None and frame.f_code is not boundary:
        frames.append(frame)
        frame = frame.f_back
    if frame is None:
        return None  # not inside a rule check
    frames.reverse()
    return _outermost_owner(frames)


class Budget:
    """Seconds spent per file, and the files that went over ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent: dict[str, float] = {}
        self.over: dict[str, Location] = {}
        self._explicit: str | None = None
        self._boundary: CodeType | None = None
        self._last = 0.0
        #: the process whose timer is armed (a forked worker arms its own)
        self._armed_in: int | None = None

    @property
    def _armed(self) -> bool:
        return self._armed_in == os.getpid()

    # -- charging --------------------------------------------------------------------

    def charge(self, path: str, seconds: float) -> None:
        """Add ``seconds`` to ``path``; raises :class:`OverBudget` the first time it is over."""
        total = self.spent.get(path, 0.0) + seconds
        self.spent[path] = total
        if total > self.seconds and path not in self.over:
            self.over[path] = Location.point(path, 1, 1)
            raise OverBudget(path)

    @contextmanager
    def charging(self, path: str) -> Iterator[None]:
        """Charge the time of the ``with`` body to ``path`` (reading, recognizing a file)."""
        previous, self._explicit = self._explicit, path
        started = time.monotonic()
        try:
            yield
        finally:
            self._explicit = previous
            if not self._armed:  # no timer: charge the whole unit when it ends
                self.charge(path, time.monotonic() - started)

    @contextmanager
    def checking(self, boundary: CodeType) -> Iterator[None]:
        """Sample inside rule checks: frames below ``boundary`` (the engine's) are the rule's."""
        previous, self._boundary = self._boundary, boundary
        try:
            yield
        finally:
            self._boundary = previous

    # -- the timer ---------------------------------------------------------------------

    @contextmanager
    def running(self) -> Iterator[None]:
        """Arm the sampling timer for the ``with`` body, where the platform allows it."""
        if self._armed or not _can_arm():
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._tick)
        self._armed_in = os.getpid()
        self._last = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self._armed_in = None

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        now = time.monotonic()
        elapsed, self._last = now - self._last, now
        if self._explicit is not None:
            self.charge(self._explicit, elapsed)
            return
        if self._boundary is None:
            return
        owner = _stack_owner(frame, self._boundary)
        if owner is not None:
            try:
                self.charge(owner.path, elapsed)
            except OverBudget:
                self.over[owner.path] = owner
                raise


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
