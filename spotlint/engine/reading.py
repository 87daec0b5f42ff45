"""Reading: which files a run reads, their bytes, and their located documents.

Files named on the command line are read whatever they hold (unless
``--force-exclude`` filters them as if found in a directory); files found by
walking a directory are read only when their bytes may hold something a
document kind reads (:mod:`spotlint.load.prefilter`), so the many unrelated
YAML files of a monorepo are never parsed. A file that cannot be read or parsed
becomes SL001 findings on that file; a loader bug becomes an
:class:`~spotlint.errors.InternalError` naming the file.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence

from spotlint.config.settings import Settings
from spotlint.engine.paths import real
from spotlint.engine.raw import RawFinding
from spotlint.errors import InternalError
from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.discover import Candidate, Excluded, discover
from spotlint.load.files import format_of, load_bytes
from spotlint.load.prefilter import is_relevant
from spotlint.load.textpos import LineIndex
from spotlint.location import Location, Node


def candidates(paths: Sequence[str], settings: Settings) -> Iterator[Candidate]:
    """The files to read for ``paths`` (``-`` left out), after ``--force-exclude``."""
    found = discover([p for p in paths if p != "-"], settings.root, exclusion(settings))
    for candidate in found:
        if candidate.explicit and settings.for_path(candidate.path).force_exclude:
            if excluded(candidate.path, settings):
                continue
            candidate = Candidate(candidate.path, explicit=False)
        yield candidate


def exclusion(settings: Settings) -> Callable[[str], bool]:
    """``exclude`` as :func:`~spotlint.load.discover.discover` asks it, file by file."""
    return lambda path: excluded(path, settings)


def excluded(path: str, settings: Settings) -> bool:
    """Does the ``exclude`` of the configuration governing ``path`` skip it?

    Globs are relative to that configuration file's directory and also match
    the base name; a glob naming a directory excludes what is under it.
    """
    scope = settings.for_path(path)
    if not scope.exclude:
        return False
    rel = scope.config_relative(path)
    return any(
        fnmatch.fnmatch(rel, pattern)
        or fnmatch.fnmatch(os.path.basename(path), pattern)
        or rel.startswith(pattern.rstrip("/") + "/")
        for pattern in scope.exclude
    )


class FileSet:
    """The files of one run, in reading order, keyed by normalized path.

    ``findings`` receives the SL001 findings of reading; ``overlay`` replaces
    the content of files by path (fixed but not yet written). ``linted`` is None
    when every file read is reported on; once context files are read it holds
    the files that are.
    """

    def __init__(
        self,
        limits: Limits,
        overlay: Mapping[str, bytes],
        findings: list[RawFinding],
        limits_of: Callable[[str], Limits] | None = None,
    ) -> None:
        self.limits = limits
        #: the limits of one file's own configuration (nested configuration files)
        self.limits_of = limits_of or (lambda path: limits)
        self.overlay = overlay
        self.findings = findings
        self.files: dict[str, LoadedFile] = {}
        self.order: list[str] = []
        self.linted: set[str] | None = None

    def reported(self, path: str) -> bool:
        return self.linted is None or path in self.linted

    def read(self, path: str, explicit: bool) -> LoadedFile | None:
        """Read and load ``path`` once; None when it is skipped unparsed (or already skipped)."""
        key = os.path.normpath(path)
        if key in self.files:
            return self.files[key]
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise OSError(0, "not a regular file")
            if key in self.overlay:
                data = self.overlay[key]
            else:
                with open(path, "rb") as handle:
                    data = handle.read(self.limits_of(path).max_file_bytes + 1)
        except OSError as exc:
            loaded = LoadedFile(path=key, text="", fmt=format_of(path))
            loaded.errors.append(LoadError(f"cannot read file: {exc.strerror or exc}"))
            self.add(loaded)
            return loaded
        fmt = format_of(path)
        if not explicit and not is_relevant(data) and b"\x00" not in data[:8192]:
            self.order.append(key)
            self.files[key] = LoadedFile(path=key, text="", fmt=fmt)
            return None
        if fmt == "properties" and not explicit and not _has_spark_property(data):
            return None
        try:
            loaded = load_bytes(key, data, self.limits_of(path), fmt)
        except Exception as exc:  # a loader bug: name the file, as for normalizers and rules
            raise InternalError(key, exc) from exc
        self.add(loaded)
        return loaded

    def read_stdin(self, name: str, data: bytes) -> None:
        self.add(load_bytes(name, data, self.limits, format_of(name)))

    def read_context(self, context: Sequence[str], root: str, exclude: Excluded) -> None:
        """Read context files after the linted ones; only the linted ones are reported on."""
        self.linted = set(self.order)
        seen = {real(p) for p in self.order}
        existing = [c for c in context if os.path.exists(c)]
        for candidate in discover(existing, root, exclude):
            path = real(candidate.path)
            if path in seen:
                continue
            seen.add(path)
            self.read(candidate.path, explicit=False)

    def add(self, loaded: LoadedFile) -> None:
        self.files[loaded.path] = loaded
        self.order.append(loaded.path)
        index = LineIndex(loaded.text) if loaded.errors else None
        for error in loaded.errors:
            assert index is not None
            # Errors at the end of input point just after the last character.
            line, col = index.clamp(error.line, error.col)
            self.findings.append(
                RawFinding("SL001", error.message, Location.point(loaded.path, line, col))
            )
        if loaded.fmt == "shell" and loaded.text:
            lines = loaded.text.count("\n") + 1
            loaded.documents = [Node(loaded.text, Location(loaded.path, 1, 1, lines, 1))]


def _has_spark_property(data: bytes) -> bool:
    return re.search(rb"(?m)^[ \t]*spark\.", data) is not None
