"""Where a run is, for a progress display: a few fields the engine sets as it goes.

The engine only assigns to them (cheap enough to do per file); the command line
reads them from another thread to draw a progress line on a terminal
(:mod:`spotlint.cli.progress`). Plain attribute writes and reads of ints and
strings are atomic in CPython, so no lock is needed for a display.
"""

from __future__ import annotations

from spotlint.value import Value


class Progress(Value):
    """The stage of a run and how far it is: ``done`` of ``total`` (None: not known yet)."""

    stage: str
    done: int
    total: int | None

    def __init__(
        self,
        stage: str = "starting",
        done: int = 0,
        total: int | None = None,
    ) -> None:
        self.stage = stage
        self.done = done
        self.total = total

    def enter(self, stage: str, total: int | None = None) -> None:
        self.stage, self.done, self.total = stage, 0, total
