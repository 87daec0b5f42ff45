"""Paths on the command line to an ordered list of files to lint.

Directories are walked recursively in sorted order, skipping VCS and virtualenv
folders, ``node_modules`` and anything git ignores (:mod:`spotlint.load.ignore`).
Symlinked directories are followed only once per real path (loops are safe)
and never outside the scanned root. Files named explicitly are always linted.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from operator import attrgetter

from spotlint.load.ignore import for_walk
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".terraform",
        "site-packages",
        ".spotlint_cache",  # spotlint's own index (spotlint.index.store)
    }
)
CONFIG_SUFFIXES = (".yaml", ".yml", ".json")
#: Terraform: configuration (native and JSON syntax) and variable values.
TERRAFORM_SUFFIXES = (".tf", ".tfvars")


@frozen
class Candidate(FrozenValue):
    """A file (or a directory that could not be listed) the walk found.

    Slotted (no instance dictionary): a run keeps one per file found, in each
    process of a split run. Pickled by its arguments.
    """

    __slots__ = ("explicit", "path", "problem", "real")

    path: str
    explicit: bool
    #: why a directory found in the walk could not be listed (reported, never skipped silently)
    problem: str | None
    #: the file's real path, when the walk knows it (``os.path.realpath(path)``)
    real: str | None

    def __init__(
        self,
        path: str,
        explicit: bool,
        problem: str | None = None,
        real: str | None = None,
    ) -> None:
        _set(self, "path", path)
        _set(self, "explicit", explicit)
        _set(self, "problem", problem)
        _set(self, "real", real)

    def __reduce__(self) -> tuple[type[Candidate], tuple[str, bool, str | None, str | None]]:
        return (Candidate, (self.path, self.explicit, self.problem, self.real))


_new_object = object.__new__
_set_path, _set_explicit, _set_problem, _set_real = (
    Candidate.__dict__[name].__set__ for name in ("path", "explicit", "problem", "real"))


def key_of(path: str, real: str | None) -> str:
    """``os.path.normpath(path)``, the name a run keys a file by; without the call when
    ``real`` (the file's real path, :attr:`Candidate.real`) is ``path`` itself: a walk of
    a real directory makes the two one string (:func:`_walk`), and a real path is
    normalized. Asked two or three times for every file a run reads (~0.5 us a call)."""
    return path if real is path else os.path.normpath(path)


def walked(path: str, real: str | None) -> Candidate:
    """``Candidate(path, explicit=False, real=real)``, its slots set directly: the same
    object in less time (~0.28 us instead of ~0.45), for whatever makes one per file
    found (the walk, and a split run's other processes learning of the walk's files)."""
    candidate: Candidate = _new_object(Candidate)
    _set_path(candidate, path)
    _set_explicit(candidate, False)
    _set_problem(candidate, None)
    _set_real(candidate, real)
    return candidate


#: The endings (lowercased) of the files a walk lints.
CANDIDATE_SUFFIXES = (*CONFIG_SUFFIXES, ".conf", ".sh", ".md", ".markdown", *TERRAFORM_SUFFIXES)


def is_candidate_name(name: str) -> bool:
    return name.lower().endswith(CANDIDATE_SUFFIXES)


#: Is this file or directory (found in a walk) excluded by configuration?
Excluded = Callable[[str], bool]


def _nothing(path: str) -> bool:
    return False


#: Told each directory a walk lists and the names in it, before its entries are judged.
Listed = Callable[[str, Collection[str]], None]

#: Asked once for each directory a walk lists (after :data:`Listed`): what then judges
#: its entries, or None when nothing in it is excluded (no ``exclude`` configured there,
#: the common case: the entries are then not asked about one by one).
ExcludedIn = Callable[[str], "Excluded | None"]

#: :data:`Listed` and :data:`ExcludedIn` in one: told each directory a walk lists and
#: the names in it, it answers what judges its entries (one call a directory instead
#: of two, for a caller that answers both from the same place).
Entered = Callable[[str, Collection[str]], "Excluded | None"]


def discover(
    paths: Iterable[str], root: str, excluded: Excluded = _nothing,
    listed: Listed | None = None, excluded_in: ExcludedIn | None = None,
    entered: Entered | None = None, real: Callable[[str], str] = os.path.realpath,
) -> Iterator[Candidate]:
    """Yield files to lint, each once, in a deterministic order.

    ``excluded`` is asked about every file and directory a walk finds (a
    directory it excludes is not entered); files named explicitly are not asked.
    ``excluded_in``, when given, is asked instead for each directory the walk lists
    what judges its entries (the same answers, one question per directory: asking
    the configuration's scope for each entry was a third of a walk's time).
    ``listed`` (optional) is told each directory's names as the walk lists it, so
    questions about that directory (its configuration file) need no more system calls.
    ``entered``, when given, is asked instead of both (:data:`Entered`).
    ``real`` is ``os.path.realpath`` as asked of the files given (those a caller has
    resolved already may answer from its :class:`~spotlint.load.boundary.RealPaths`).
    """
    seen: set[str] = set()
    unlisted: set[str] = set()
    real_root = os.path.realpath(root)
    if entered is None:
        within = excluded_in or (lambda directory: excluded)
        if listed is None:
            entered = lambda directory, names: within(directory)  # noqa: E731
        else:
            told = listed

            def entered(directory: str, names: Collection[str]) -> Excluded | None:
                told(directory, names)
                return within(directory)

    for given in paths:
        if os.path.isdir(given):
            yield from _walk(given, real_root, seen, entered, unlisted)
        else:
            resolved = real(given)
            if resolved not in seen:
                seen.add(resolved)
                yield Candidate(given, explicit=True)


def _walk(
    top: str, real_root: str, seen: set[str], entered: Entered,
    unlisted: set[str] | None = None,
) -> Iterator[Candidate]:
    """Walk ``top`` depth first; cost grows with the number of entries, not with depth.

    Each directory's real path is its parent's real path plus its name (only a
    symlink is resolved), so a directory 2,000 levels deep costs one name, not
    2,000 ``lstat`` calls; a directory that cannot be listed (permissions, a
    path longer than the system allows) is yielded with its ``problem``, once
    however many given paths lead to it (``unlisted``: their normalized paths; each
    file is yielded once by its real path, ``seen``). So every candidate of a
    :func:`discover` has a name of its own (:func:`key_of`): a run needs no second
    pass over them to drop repeats (at 1,000 files ~0.3 ms, in the serial part of a
    run shared by several processes).
    """
    if unlisted is None:
        unlisted = set()
    ignore = for_walk(top)
    visited_dirs: set[str] = set()
    stack = [(top, os.path.realpath(top))]
    while stack:
        directory, real_dir = stack.pop()
        if real_dir in visited_dirs:
            continue
        visited_dirs.add(real_dir)
        try:
            entries = sorted(os.scandir(directory), key=_NAME)
        except OSError as exc:
            if directory != top and _is_venv(directory):
                continue
            if _first(directory, unlisted):
                yield Candidate(directory, explicit=False, problem=_why(exc, "directory"))
            continue
        names = {entry.name for entry in entries}
        if directory != top and "pyvenv.cfg" in names and _is_venv(directory):
            continue  # a virtualenv: checked here, where its entries are known
        ignoring = ignore.enter(directory, names)
        excluded = entered(directory, names)
        subdirs: list[tuple[str, str]] = []
        # ``os.path.join(real_dir, name)``, written out: a name is never absolute, and
        # the join is asked for every entry
        real_prefix = real_dir if real_dir.endswith(os.sep) else real_dir + os.sep
        for entry in entries:
            path = entry.path
            if excluded is not None and excluded(path):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                if _first(path, unlisted):
                    yield Candidate(path, explicit=False, problem=_why(exc, "entry"))
                continue
            name = entry.name
            if is_dir:
                if name in SKIP_DIRS or name.endswith(".egg-info"):
                    continue
                if entry.is_symlink():
                    real_sub = os.path.realpath(path)
                    if not _inside(real_sub, real_root):
                        continue
                else:
                    real_sub = real_prefix + name
                if ignoring and ignore.ignored(path, True):
                    continue
                subdirs.append((path, real_sub))
                continue
            if not name.lower().endswith(CANDIDATE_SUFFIXES):  # (is_candidate_name)
                continue
            try:
                if not entry.is_file():
                    continue
            except OSError:
                continue
            # realpath walks every component (an lstat each); only a link needs it, as
            # a plain file's real path is its name in the directory's real path.
            if entry.is_symlink():
                real = os.path.realpath(path)
                if not _inside(real, real_root):
                    continue
            else:
                real = real_prefix + name
                if real == path:  # (a walk of a real, absolute path: one string for both)
                    real = path
            if real in seen or (ignoring and ignore.ignored(path, False)):
                continue
            seen.add(real)
            # (:func:`walked`, written out: one call less for every file found)
            candidate: Candidate = _new_object(Candidate)
            _set_path(candidate, path)
            _set_explicit(candidate, False)
            _set_problem(candidate, None)
            _set_real(candidate, real)
            yield candidate
        stack.extend(reversed(subdirs))


#: An entry's name, the walk's order (a C-level key: called for every entry).
_NAME = attrgetter("name")


def _first(path: str, unlisted: set[str]) -> bool:
    """Is this the first time a walk meets ``path``, which it cannot list? (Noted if so.)"""
    key = os.path.normpath(path)
    if key in unlisted:
        return False
    unlisted.add(key)
    return True


def _is_venv(directory: str) -> bool:
    """A virtualenv (its ``pyvenv.cfg``): not walked."""
    return os.path.isfile(os.path.join(directory, "pyvenv.cfg"))


def _why(exc: OSError, what: str) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return f"cannot read {what}: its path is longer than the system allows"
    return f"cannot read {what}: {exc.strerror or exc}"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
