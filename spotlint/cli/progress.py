"""A progress line on stderr, for runs that take more than a second on a terminal.

Short runs (a pre-commit hook on a few files) print nothing: the line appears
only after :data:`DELAY` seconds, is redrawn in place every :data:`INTERVAL`
seconds from a daemon thread, and is erased before the report is printed. It
is drawn only when stderr is a terminal (never into a log or a pipe), and not
with ``--quiet``/``--silent``.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType

from spotlint.engine.progress import Progress

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

#: Seconds a run must take before the line appears.
DELAY = 1.0
#: Seconds between redraws.
INTERVAL = 0.2
_ERASE = "\r\x1b[2K"


class ProgressLine:
    """Draws ``progress`` on ``stream`` while the ``with`` block runs (see the module doc)."""

    def __init__(self, progress: Progress, stream: TextIO, delay: float | None = None,
                 interval: float | None = None) -> None:
        self.progress = progress
        self.stream = stream
        self.delay = DELAY if delay is None else delay
        self.interval = INTERVAL if interval is None else interval
        self.drawn = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start = 0.0

    def __enter__(self) -> ProgressLine:
        self._start = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="spotlint-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.drawn:
            self._write(_ERASE)

    def line(self) -> str:
        """The text drawn now: stage, how far, seconds so far."""
        progress = self.progress
        count = f" {progress.done}/{progress.total}" if progress.total else (
            f" {progress.done}" if progress.done else "")
        elapsed = time.monotonic() - self._start
        return f"spotlint: {progress.stage}{count} ({elapsed:.0f} s)"

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            self._write(_ERASE + self.line())
            self.drawn = True
            self._stop.wait(self.interval)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self._stop.set()  # stderr closed: nobody to show it to

