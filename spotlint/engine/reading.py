"""Reading: which files a run reads, their bytes, and their located documents.

Files named on the command line are read whatever they hold (unless
``--force-exclude`` filters them as if found in a directory); files found by
walking a directory are read only when their bytes may hold something a
document kind reads (:mod:`spotlint.load.prefilter`), so the many unrelated
YAML files of a monorepo are never parsed. A file that cannot be read or parsed
becomes SL001 findings on that file; so does a loader bug, or a file whose
reading uses up ``max-seconds-per-file`` (:mod:`.isolation`).
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

from spotlint.config.settings import Settings
from spotlint.engine.budget import Budget, OverBudget, charged
from spotlint.engine.isolation import budget_finding, internal, internal_error_finding
from spotlint.engine.paths import real
from spotlint.engine.raw import RawFinding
from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.bounded import read_bounded
from spotlint.load.discover import (
    Candidate,
    Entered,
    Excluded,
    ExcludedIn,
    discover,
    key_of,
)
from spotlint.load.files import MARKDOWN_SUFFIXES, format_of, load_bytes
from spotlint.load.prefilter import is_relevant
from spotlint.load.textpos import LineIndex
from spotlint.location import Location, Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.config.scopes import Scopes


def candidates(
    paths: Sequence[str], settings: Settings, listings: list[Listing] | None = None,
) -> Iterator[Candidate]:
    """The files to read for ``paths`` (``-`` left out), after ``--force-exclude``.

    ``listings``, when given, receives each directory the walk lists and its names, as
    the configuration's scopes are told them (a split run's other processes are told
    them too, :mod:`spotlint.engine.parallel`: their scopes then answer as this one's).
    """
    from spotlint.config.scopes import Scopes, listing_hook

    scopes = getattr(settings.scoped, "__self__", None)
    if isinstance(scopes, Scopes):
        # (each directory listed told to the scopes and judged in one call: a walk lists
        # about as many directories as it finds files)
        found = discover([p for p in paths if p != "-"], settings.root, exclusion(settings),
                         entered=_entered(scopes, exclusion(settings), listings))
    else:
        hook = listing_hook(settings)
        if listings is not None:
            told = hook

            def hook(directory: str, names: Collection[str]) -> None:
                listings.append((directory, names))
                if told is not None:
                    told(directory, names)

        found = discover([p for p in paths if p != "-"], settings.root, exclusion(settings),
                         hook, exclusion_in(settings))
    for candidate in found:
        if candidate.explicit and _markdown_off(candidate.path, settings):
            continue
        if candidate.explicit and settings.for_path(candidate.path).force_exclude:
            if excluded(candidate.path, settings):
                continue
            candidate = Candidate(candidate.path, explicit=False)
        yield candidate


#: A directory a walk listed, and the names in it.
Listing = tuple[str, Collection[str]]


def _entered(
    scopes: Scopes, judge: Excluded, listings: list[Listing] | None,
) -> Entered:
    """What a walk tells each directory it lists: ``listings`` (when given) and the
    scopes have it, and the scope of its files (:meth:`Scopes.entered`) says whether
    ``judge`` must ask about its entries (as :func:`exclusion_in` answers)."""
    enter = scopes.entered
    if listings is None:
        def entered(directory: str, names: Collection[str]) -> Excluded | None:
            scope = enter(directory, names)
            return judge if scope.exclude or not scope.markdown else None
    else:
        append = listings.append

        def entered(directory: str, names: Collection[str]) -> Excluded | None:
            append((directory, names))
            scope = enter(directory, names)
            return judge if scope.exclude or not scope.markdown else None

    return entered


def exclusion(settings: Settings) -> Callable[[str], bool]:
    """``exclude`` as :func:`~spotlint.load.discover.discover` asks it, file by file."""
    return lambda path: excluded(path, settings)


def exclusion_in(settings: Settings) -> ExcludedIn:
    """:func:`exclusion` as a walk asks it, directory by directory: None (nothing to ask
    of the entries) where the directory's scope excludes nothing and reads Markdown.

    Every entry of a directory is judged by the configuration governing that
    directory (:meth:`~spotlint.config.scopes.Scopes.for_path` looks it up by the
    directory holding the path), so one lookup per directory answers for all of them.
    """
    from spotlint.config.scopes import Scopes

    judge = exclusion(settings)
    scopes = getattr(settings.scoped, "__self__", None)
    if isinstance(scopes, Scopes):
        files_in = scopes.for_files_in  # (the walk told the scopes of the directory first)

        def within_scopes(directory: str) -> Excluded | None:
            scope = files_in(directory)
            return judge if scope.exclude or not scope.markdown else None

        return within_scopes

    def within(directory: str) -> Excluded | None:
        # (``os.path.join(directory, "-")``, written out: asked for every directory)
        scope = settings.for_path(
            directory + "-" if directory.endswith(os.sep) else directory + os.sep + "-")
        return judge if scope.exclude or not scope.markdown else None

    return within


def excluded(path: str, settings: Settings) -> bool:
    """Does the ``exclude`` of the configuration governing ``path`` skip it?

    Globs are relative to that configuration file's directory and also match
    the base name; a glob naming a directory excludes what is under it.
    """
    if _markdown_off(path, settings):
        return True
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


def _markdown_off(path: str, settings: Settings) -> bool:
    """Markdown is turned off (config ``markdown: false``) for this ``.md`` file."""
    return path.lower().endswith(MARKDOWN_SUFFIXES) and not settings.for_path(path).markdown


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
        self.budget = Budget(limits.max_seconds_per_file)
        #: raise loader bugs (``--debug``) instead of reporting them on the file
        self.debug = False
        self.files: dict[str, LoadedFile] = {}
        self.order: list[str] = []
        self.linted: set[str] | None = None
        self._real_paths: set[str] = set()
        self._real_done = 0
        #: real paths the walk found files at, by normalized path (see :meth:`real_paths`
        #: and :meth:`real_of`)
        self.walked_real: dict[str, str] = {}
        #: the scan root; explicitly named files that only lead out of it are not read
        self.root: str | None = None
        #: read YAML and JSON files skipping what nothing reads (spotlint.load.skipping)
        self.skip = False

    def real_paths(self) -> set[str]:
        """Real paths of the files read so far (computed when first asked, then kept up).

        A file found by walking has its real path from the walk (``Candidate.real``):
        ``realpath`` would ``lstat`` every component of every path again.
        """
        real_of = self.real_of
        for path in self.order[self._real_done :]:
            if path != "-":
                self._real_paths.add(real_of(path))
        self._real_done = len(self.order)
        return self._real_paths

    def real_of(self, path: str) -> str:
        """``os.path.realpath(path)``, from the walk for a file it found (by its key)."""
        return self.walked_real.get(path) or real(path)

    def reported(self, path: str) -> bool:
        return self.linted is None or path in self.linted

    def take(self, candidate: Candidate) -> LoadedFile | None:
        """Read a file the walk found, or report the directory it could not list."""
        if candidate.problem is None:
            return self.read(candidate.path, explicit=candidate.explicit, walked=candidate.real)
        key = os.path.normpath(candidate.path)
        if key in self.files:
            return self.files[key]
        loaded = LoadedFile(path=key, text="", fmt=format_of(key))
        loaded.errors.append(LoadError(candidate.problem))
        self.add(loaded)
        return loaded

    def read(self, path: str, explicit: bool, walked: str | None = None) -> LoadedFile | None:
        """Read and load ``path`` once; None when it is skipped unparsed (or already skipped).

        ``walked`` is the real path of the regular file a walk just found at ``path``
        (``Candidate.real``): its ``stat`` is not repeated
        (:func:`~spotlint.load.bounded.read_bounded` refuses anything else found
        there by now), and :meth:`real_of` answers from it.
        """
        key = key_of(path, walked)
        if key in self.files:
            return self.files[key]
        regular = walked is not None
        if walked is not None:
            self.walked_real[key] = walked
        try:
            if explicit and self.root is not None and _links_out(path, self.root):
                raise OSError(0, "it leads (through a symlink) outside the scanned root; not read")
            if not regular and not stat.S_ISREG(os.stat(path).st_mode):
                raise OSError(0, "not a regular file")
            if key in self.overlay:
                data = self.overlay[key]
            else:
                data = read_bounded(path, self.limits_of(path).max_file_bytes, regular)
        except (OSError, ValueError) as exc:
            loaded = LoadedFile(path=key, text="", fmt=format_of(path))
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            loaded.errors.append(LoadError(f"cannot read file: {reason}"))
            self.add(loaded)
            return loaded
        fmt = format_of(path)
        if not explicit:
            skip = skipped_unparsed(fmt, data)
            if skip == "empty":
                self.order.append(key)
                self.files[key] = LoadedFile(path=key, text="", fmt=fmt)
                return None
            if skip:
                return None
        loaded = self._load(key, data, fmt)
        if key in self.overlay or (key != path and ".." in path):
            loaded.utf8 = False  # not what reading the file at ``key`` gives
        return loaded

    def _load(self, key: str, data: bytes, fmt: str) -> LoadedFile:
        """Parse ``data``; a loader bug or the time budget becomes SL001 on the file."""
        try:
            loaded = charged(self.budget, key, load_bytes, key, data, self.limits_of(key), fmt,
                             self.skip)
        except OverBudget:
            loaded = LoadedFile(path=key, text="", fmt=fmt)
            self.findings.append(budget_finding(key, self.limits))
        except Exception as exc:  # a loader bug: on this file only
            internal(key, exc, self.debug)
            loaded = LoadedFile(path=key, text="", fmt=fmt)
            self.findings.append(
                internal_error_finding("reading this file", exc, Location.point(key, 1, 1))
            )
        self.add(loaded)
        return loaded

    def read_stdin(self, name: str, data: bytes) -> None:
        self._load(name, data, format_of(name)).utf8 = False  # not the file called ``name``

    def read_context(
        self, context: Sequence[str], root: str, exclude: Excluded,
        known: Collection[str] = (),
    ) -> None:
        """Read context files after the linted ones; only the linted ones are reported on.

        A file in ``known`` (what it contributes is known already: pools built from
        the index) takes its place in the order unread, as an empty file. Such a file
        is one the index's listing found a regular file below the root moments before
        (``lstat``): whether it exists and is a directory is not asked again (two
        ``stat`` calls each, ~150 files for a commit hook's run), only its real path.
        """
        from spotlint.load.boundary import RealPaths, contains
        from spotlint.load.boundary import real as checked_real

        # Real paths asked through one cache: the context files of a commit hook's run
        # sit in few directories, and each was asked three times (the boundary, the
        # walk's repeats, the files read already), each a ``lstat`` a component.
        reals = RealPaths()
        self.linted = set(self.order)
        seen = {reals(p) for p in self.order}
        real_root = checked_real(root)  # (boundary.inside, the root resolved once)
        if real_root is None:
            return
        existing: list[str] = []  # (files the walk is asked about, in order)
        for path in context:
            key = os.path.normpath(path) if known else ""
            if key in known and key not in self.files:
                if existing:
                    self._discovered(existing, root, exclude, reals, seen, known)
                    existing.clear()
                found = reals.checked(path)
                if (found is not None and contains(real_root, found) and found not in seen
                        and not path.lower().endswith(MARKDOWN_SUFFIXES)):
                    seen.add(found)
                    self.order.append(key)
                    self.files[key] = LoadedFile(path=key, text="", fmt=format_of(key))
            elif os.path.exists(path) and (found := reals.checked(path)) is not None and (
                    contains(real_root, found)):
                existing.append(path)
        self._discovered(existing, root, exclude, reals, seen, known)

    def _discovered(
        self, paths: Sequence[str], root: str, exclude: Excluded, reals: Callable[[str], str],
        seen: set[str], known: Collection[str],
    ) -> None:
        """Read the context files the walk finds from ``paths`` (:meth:`read_context`)."""
        for candidate in discover(paths, root, exclude, real=reals):
            if candidate.problem is not None:
                continue  # context is read for what it adds; its gaps are not reported
            if candidate.path.lower().endswith(MARKDOWN_SUFFIXES):
                continue  # a guide is a context of its own: nothing in it bears on other files
            path = candidate.real or reals(candidate.path)
            if path in seen:
                continue
            seen.add(path)
            key = os.path.normpath(candidate.path)
            if key in known and key not in self.files:
                self.order.append(key)
                self.files[key] = LoadedFile(path=key, text="", fmt=format_of(key))
                continue
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


_SPARK_LINE = re.compile(rb"(?:^|(?<=[\r\n]))[ \t\f]*spark\.")


def skipped_unparsed(fmt: str, data: bytes) -> str:
    """Why a file a walk found (of format ``fmt``, holding ``data``) is not parsed: "" when
    it is, "skipped" when it is left out, "empty" when it takes its place as an empty
    file. The byte prefilter as :meth:`FileSet.read` applies it."""
    wide = _wide_text(data)
    if fmt == "properties":
        return "" if _has_spark_property(wide if wide is not None else data) else "skipped"
    if fmt == "markdown":
        # A guide without a fence, or whose text mentions nothing a kind reads,
        # costs nothing but this byte scan (its blocks are checked one by one later).
        text = wide if wide is not None else data
        return "" if (b"```" in text or b"~~~" in text) and is_relevant(text) else "skipped"
    if not is_relevant(wide if wide is not None else data) and b"\x00" not in data[:8192]:
        return "empty"
    return ""


def _has_spark_property(data: bytes) -> bool:
    """A properties file sets some ``spark.`` key (as Java reads it: ``\\u0073park.x`` too)."""
    if b"\\" in data:
        from spotlint.load.files import decode
        from spotlint.load.properties import has_spark_property

        text, _ = decode(data)
        return text is not None and has_spark_property(text)
    return _SPARK_LINE.search(data) is not None


def _wide_text(data: bytes) -> bytes | None:
    """UTF-8 bytes of a UTF-16 or UTF-32 file (BOM first), so byte checks can read it."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None
    from spotlint.load.files import decode

    text, _ = decode(data)
    return text.encode("utf-8", "surrogatepass") if text is not None else None


def _links_out(path: str, root: str) -> bool:
    """``path`` is a name inside the root whose real file is outside it (a symlink).

    A path given outside the root by name is the user's explicit choice; one
    that only *looks* inside and leads out (a link committed to the repository,
    pointing at ``~/.aws/credentials``) is never opened.
    """
    from spotlint.load.boundary import contains
    from spotlint.load.boundary import real as checked_real

    real_root = checked_real(root)
    real_path = checked_real(path)
    if real_root is None or real_path is None:
        return False  # not a usable name: opening it reports why
    return contains(os.path.abspath(root), os.path.abspath(path)) and not contains(
        real_root, real_path
    )
