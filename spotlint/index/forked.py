"""A first run's scan and records, shared between this process and one forked child.

A run with no index scans every file of the project and then records the few
dozen files its selection asks about, in several rounds. Each round used a
process pool (two workers while this process waited): setting one up and down
cost 10-20 ms, more than some rounds' work. Here this process works too, and
one child is forked for the round: both take the next piece from a pipe holding
every piece's number (a read of two bytes from a pipe is atomic, so each piece
goes to exactly one of them, and a costly piece does not hold up the rest).

The child sends what it computed back piece by piece, pickled, as soon as each is
done, and this process reads and unpickles what has come between its own pieces.
(Sent all at once when the pipe of pieces was empty, the answer cost the end of the
commit hook's scan ~5 ms in which neither process computed: the child pickling
370 KB, the pipe carrying it, this process unpickling it.)

Only plain data comes back (summaries and records: dicts, lists, strings). If
the child fails, this process computes what it did not send.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

#: Piece numbers are written as two bytes; a pipe holds 64 KiB on Linux, and every
#: number is written before the child starts reading.
MAX_PIECES = 16_000
_WIDTH = 2
#: An answer's frame: its length in four bytes, then the pickled ``(number, result)``.
_LENGTH = 4
#: What the pipe of answers is asked to hold (Linux, ``F_SETPIPE_SZ``; 64 KiB otherwise):
#: the child's answers while this process computes a piece, so the child need not wait
#: for it to read them (a scan's answers are ~25 KB a piece).
_ANSWERS_PIPE = 1 << 20
#: What one read of answers asks for.
_READ = 1 << 18


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "pipe")


def shared_map(task: Callable[[int], T], count: int) -> list[T]:
    """``[task(0), ..., task(count - 1)]``, computed by this process and one forked child.

    An exception in this process's pieces is raised (after the child is ended); the
    child's failures cost only time (its pieces are computed here again).
    """
    return start(task, count).join()


def start(task: Callable[[int], Any], count: int,
          linger: Callable[[bytes], object] | None = None) -> Round:
    """:func:`shared_map` begun: the child (when one is forked) computes pieces from now
    on, while this process does other work; :meth:`Round.join` computes the rest here
    and gives every answer, :meth:`Round.cancel` ends the child unused.

    (A first run forks the scan's child as soon as git has listed the files: it scans
    while this process takes the ``lstat`` of every file, which the scan had waited for.)

    ``linger``: the child, once its pieces are answered, waits for what this process
    sends it (:meth:`Round.send`) and calls ``linger`` with it (nothing is called when
    :meth:`Round.release` ends it). A first run's index is written so by the child of
    its first records round, which holds all the run knows but the records made after
    it forked: a child forked for the purpose cost more in page faults than it saved.
    """
    return Round(task, count, linger)


class Round:
    """A :func:`shared_map` in progress: its child forked (none for fewer than two
    pieces, too many, or no ``fork``), the pieces in a pipe both take from. (Not a
    ``Generic``: ``typing``, which the commit hook does not import, costs ~5 ms.)"""

    def __init__(self, task: Callable[[int], Any], count: int,
                 linger: Callable[[bytes], object] | None = None) -> None:
        self.task = task
        self.count = count
        #: the child's process (None: none forked, or ended), the pipes
        self.pid: int | None = None
        self.pieces = self.results = -1
        #: a child that answered all its pieces and waits (``linger``): its process and
        #: the pipe to it
        self.lingering: tuple[int, int] | None = None
        self.orders = -1
        if count < 2 or count > MAX_PIECES or not can_fork():
            return
        reap()  # (the last round's child: exited by now)
        pieces_r, pieces_w = os.pipe()
        try:
            os.write(pieces_w, b"".join(i.to_bytes(_WIDTH, "little") for i in range(count)))
        finally:
            os.close(pieces_w)
        results_r, results_w = os.pipe()
        _widen(results_w)
        orders_r, orders_w = os.pipe() if linger is not None else (-1, -1)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(results_r)
                _answer(task, pieces_r, results_w)
                os.write(results_w, _DONE)  # (all answered: they are used)
                if linger is not None:
                    os.close(orders_w)
                    os.close(results_w)
                    sent = _read_all(orders_r)
                    if sent:
                        linger(sent)
                status = 0
            finally:
                os._exit(status)
        os.close(results_w)
        if linger is not None:
            os.close(orders_r)
        self.pid, self.pieces, self.results, self.orders = pid, pieces_r, results_r, orders_w

    def join(self) -> list[Any]:
        """Every piece's answer, in order: those left computed here, the child's read."""
        task, count, pid = self.task, self.count, self.pid
        if pid is None:
            return [task(i) for i in range(count)]
        self.pid = None
        pieces_r, results_r = self.pieces, self.results
        ended = False
        received = _Received()
        try:
            os.set_blocking(results_r, False)
            done = _take(task, pieces_r, lambda: received.read(results_r))
            os.set_blocking(results_r, True)
            while not received.done and received.read(results_r):
                pass
            os.close(results_r)
            results_r = -1
            if self.orders >= 0:  # (a child that lingers: it said it answered all)
                if received.done and not received.damaged:
                    done.update(received.answers)
                    self.lingering, self.orders = (pid, self.orders), -1
                    ended = True
            elif received.done and not received.damaged:
                # All answered: used without waiting for the child's exit (the end of its
                # pipe came only once its memory was given back, ~2-5 ms of the commit
                # hook's scan round in which this process waited); reaped later (reap).
                done.update(received.answers)
                _UNREAPED.append(pid)
                ended = True
            else:
                _, status = os.waitpid(pid, 0)
                ended = True
                if status == 0:
                    done.update(received.answers)
        finally:
            os.close(pieces_r)
            if results_r >= 0:
                os.close(results_r)
            if not ended:
                self._close_orders()
                _end(pid)
        return [done[i] if i in done else task(i) for i in range(count)]

    def send(self, data: bytes) -> int | None:
        """Give the lingering child ``data`` (it calls ``linger`` with it and ends): its
        process, to be waited for (None: no child lingers, or it is gone)."""
        if self.lingering is None:
            return None
        pid, orders = self.lingering
        self.lingering = None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(orders, view):]
        except OSError:  # (it is gone)
            os.close(orders)
            _end(pid)
            return None
        os.close(orders)
        return pid

    def release(self) -> None:
        """End the lingering child (it calls nothing); nothing when none lingers."""
        if self.lingering is not None:
            pid, orders = self.lingering
            self.lingering = None
            os.close(orders)
            _end(pid)

    def _close_orders(self) -> None:
        if self.orders >= 0:
            os.close(self.orders)
            self.orders = -1

    def cancel(self) -> None:
        """End the child, its answers unused (nothing when joined or never forked; a
        lingering child is released)."""
        pid, self.pid = self.pid, None
        if pid is not None:
            os.close(self.pieces)
            os.close(self.results)
            self._close_orders()
            _end(pid)
        self.release()


#: Children that answered all their pieces and were not waited for (:meth:`Round.join`).
_UNREAPED: list[int] = []


def reap() -> None:
    """Wait for the children :meth:`Round.join` did not wait for (ended by now, or about
    to: they only exit after their last answer). Called before the next child is forked,
    at the end of a run's index work and at exit."""
    while _UNREAPED:
        pid = _UNREAPED.pop()
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


atexit.register(reap)


def _take(task: Callable[[int], T], pieces: int,
          between: Callable[[], object] | None = None) -> dict[int, T]:
    """Compute pieces taken from the pipe until it is empty (``between`` after each)."""
    done: dict[int, T] = {}
    while True:
        number = os.read(pieces, _WIDTH)
        if len(number) < _WIDTH:
            return done
        index = int.from_bytes(number, "little")
        done[index] = task(index)
        if between is not None:
            between()


def _answer(task: Callable[[int], T], pieces: int, out: int) -> None:
    """The child's part: each piece taken, computed and written back as a frame."""
    while True:
        number = os.read(pieces, _WIDTH)
        if len(number) < _WIDTH:
            return
        index = int.from_bytes(number, "little")
        data = pickle.dumps((index, task(index)), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(_LENGTH, "little") + data)
        while view:
            view = view[os.write(out, view):]


#: The frame a lingering child writes once all its answers are written (a length of
#: zero: no answer is empty, a pickle never is).
_DONE = bytes(_LENGTH)


def _read_all(fd: int) -> bytes:
    """All that comes through ``fd`` until it is closed."""
    parts: list[bytes] = []
    while True:
        part = os.read(fd, _READ)
        if not part:
            return b"".join(parts)
        parts.append(part)


class _Received:
    """The child's answers read so far: whole frames unpickled, a partial one kept."""

    def __init__(self) -> None:
        self.answers: dict[int, Any] = {}  # (what the child's task gave)
        #: the bytes of frames not read whole yet (a bytearray: a frame of several MB
        #: comes in many reads, and joining each to a bytes copy of the rest was quadratic)
        self.pending = bytearray()
        #: a frame that did not unpickle: the child's answers are not used
        self.damaged = False
        #: the frame :data:`_DONE` came (a lingering child answered all)
        self.done = False

    def read(self, fd: int) -> bool:
        """Read what the pipe holds (all of it, to its end, when ``fd`` blocks); False
        once the pipe is closed and read to its end, or (non-blocking) empty for now."""
        try:
            data = os.read(fd, _READ)
        except BlockingIOError:
            return False
        if not data:
            return False
        pending = self.pending
        pending += data
        at = 0
        while len(pending) - at >= _LENGTH:
            size = int.from_bytes(pending[at:at + _LENGTH], "little")
            if not size:
                self.done = True
                at += _LENGTH
                continue
            if len(pending) - at - _LENGTH < size:
                break
            frame = pending[at + _LENGTH:at + _LENGTH + size]
            at += _LENGTH + size
            if not self.damaged:
                try:
                    index, result = pickle.loads(frame)
                except Exception:  # a damaged answer: computed here
                    self.damaged = True
                    self.answers.clear()
                else:
                    self.answers[index] = result
        del pending[:at]
        return True


def _widen(fd: int) -> None:
    """Ask the pipe to hold :data:`_ANSWERS_PIPE` bytes, where the system allows it."""
    try:
        import fcntl
    except ImportError:  # (not a POSIX system)
        return
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)  # (Linux)
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setting, _ANSWERS_PIPE)


def _end(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
