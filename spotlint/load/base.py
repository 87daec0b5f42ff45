"""What every loader returns, and the limits that keep hostile input bounded."""

from __future__ import annotations

from dataclasses import dataclass, field

from spotlint.location import Node


@dataclass(frozen=True)
class Limits:
    """Resource ceilings; exceeding one is an SL001 finding that names the limit."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_depth: int = 200
    max_alias_expansion: int = 100_000
    max_documents: int = 1_000


@dataclass(frozen=True)
class LoadError:
    """A file (or one document of it) that could not be read; becomes SL001."""

    message: str
    line: int = 1
    col: int = 1


@dataclass
class LoadedFile:
    """One file's documents, in order, plus anything that went wrong reading it.

    ``text`` is kept so positions inside strings (``--conf k=v`` in a longer
    string) can be computed from the raw source, and so fixes can edit it.
    """

    path: str
    text: str
    fmt: str
    documents: list[Node] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


class LimitExceeded(Exception):
    """Raised inside a loader when input breaks a limit or a safety rule."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
