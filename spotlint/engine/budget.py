"""The per-file time budget (``max-seconds-per-file``) and who is to blame for an error.

Limits on bytes, depth and nodes bound what a loader does, but a file can still
be slow to *check*: a pod with 200,000 node-selector labels matched against
every pool, a conf with thousands of misspelt keys. The budget turns such a
file into one SL001 finding naming the limit, and the run goes on.

Time is CPU time (user and system) of the process, so a busy machine does not
make a file "slow": the same input gives the same findings on a loaded CI
runner. It is charged by sampling, so no rule has to cooperate: while the
engine works, a profiling timer (``ITIMER_PROF``) fires every :data:`TICK`
CPU seconds and the time since the last tick is charged to the file being
worked on. Reading and recognizing
say which file that is (:meth:`Budget.charging`); inside a rule the file is
found on the interrupted stack: the outermost job, pool, pod template or
placement a frame below the engine holds, which is the rule's loop variable.
When a file's total passes the budget, :class:`OverBudget` is raised right
there, through the rule's own code, and the engine drops the file.

:class:`OverBudget` is a ``BaseException`` so that rule and loader code that
catches ``Exception`` cannot swallow it. The timer needs ``SIGPROF`` and the
main thread; elsewhere (Windows, a server thread) nothing is interrupted and a
file is only reported when a unit of work on it ends over the budget.

:func:`culprit` is also how an exception raised by a rule is pinned to one
file: the same outermost model object, found on the traceback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import CodeType, FrameType, TracebackType

from spotlint.load.base import LoadedFile
from spotlint.location import Location
from spotlint.model import Job, PodPlacement, PodTemplate, Pool

TYPE_CHECKING = False

# ``signal``'s C core: the module itself (~1 ms of every command's start-up) only wraps
# the same functions to give enums back, which the timer never reads.
if TYPE_CHECKING:
    import signal
    from typing import Any, TypeVar
else:
    try:
        import _signal as signal
    except ImportError:  # pragma: no cover - (another Python: the module)
        import signal

#: Seconds between samples.
TICK = 0.05
_OWNERS = (Job, PodTemplate, PodPlacement, Pool, LoadedFile)


#: This process's id, kept up to date in forked children: asked at every file and
#: rule target, and ``os.getpid()`` is a system call.
_process = [os.getpid()]


def _forked() -> None:
    _process[0] = os.getpid()


if hasattr(os, "register_at_fork"):  # pragma: no branch - every platform that forks
    os.register_at_fork(after_in_child=_forked)


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
        return self._armed_in == _process[0]

    @property
    def armed(self) -> bool:
        """The timer is armed in this process: its ticks charge the time (see
        :meth:`charging`), so code that sets the charged path itself needs no clock."""
        return self._armed

    # -- charging --------------------------------------------------------------------

    def charge(self, path: str, seconds: float) -> None:
        """Add ``seconds`` to ``path``; raises :class:`OverBudget` the first time it is over."""
        total = self.spent.get(path, 0.0) + seconds
        self.spent[path] = total
        if total > self.seconds and path not in self.over:
            self.over[path] = Location.point(path, 1, 1)
            raise OverBudget(path)

    def charging(self, path: str) -> _Charging:
        """Charge the time of the ``with`` body to ``path`` (reading, recognizing a file).

        A plain context manager object, not a generator: it is entered once per
        file read and per rule target (tens of thousands of times in a large run).
        """
        return _Charging(self, path)

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
        previous = _UNARMED
        if not self._armed and _can_arm():
            # Only the main thread (of the main interpreter) may set a handler: elsewhere
            # this refuses, as asking ``threading`` first would (without importing it,
            # ~0.5 ms of every command's start-up).
            with suppress(ValueError):
                previous = signal.signal(signal.SIGPROF, self._tick)
        if previous is _UNARMED:
            yield
            return
        self._armed_in = _process[0]
        self._last = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
            self._armed_in = None

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        now = time.process_time()
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


class _Charging:
    """The ``with`` block of :meth:`Budget.charging`."""

    __slots__ = ("budget", "path", "previous", "started")

    def __init__(self, budget: Budget, path: str) -> None:
        self.budget = budget
        self.path = path

    def __enter__(self) -> None:
        budget = self.budget
        self.previous, budget._explicit = budget._explicit, self.path
        # With the timer armed, its ticks charge the time; reading the CPU clock is a
        # system call, made here only when the block's own time is charged.
        self.started = None if budget._armed_in == _process[0] else time.process_time()

    def __exit__(self, *exc: object) -> None:
        budget = self.budget
        budget._explicit = self.previous
        if self.started is not None:  # no timer: charge the whole unit when it ends
            budget.charge(self.path, time.process_time() - self.started)


if TYPE_CHECKING:
    _T = TypeVar("_T")


def charged(budget: Budget, path: str, call: Callable[..., _T], *args: Any) -> _T:
    """``call(*args)`` with its time charged to ``path``, as in a ``with``
    :meth:`Budget.charging` block; one call instead of that block's four where the
    timer is armed (its ticks charge the path set here), as it is while a run reads
    and recognizes its files (two blocks a file: ~1.3 us each)."""
    if budget._armed_in != _process[0]:
        with budget.charging(path):
            return call(*args)
    previous, budget._explicit = budget._explicit, path
    try:
        return call(*args)
    finally:
        budget._explicit = previous


def _can_arm() -> bool:
    """The platform has the profiling timer (the thread is checked when arming it)."""
    return hasattr(signal, "SIGPROF")


#: What :meth:`Budget.running` holds when it set no handler (``signal.signal`` may return
#: None: a handler not set from Python).
_UNARMED: Any = object()
