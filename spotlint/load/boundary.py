"""The scan root as a boundary: nothing outside it is read or written.

Every place that turns a name from input or configuration into a path to open
(pod template references, ``file://`` arguments, ``context`` entries, files
``--fix`` writes) asks here, so the answer is the same everywhere: a path is
inside the root when its real path (symlinks followed) is the root's real path
or below it. A name that cannot even be looked up (a NUL byte, a path longer
than the system allows) is never inside.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


def real(path: str) -> str | None:
    """``os.path.realpath(path)``, or None when the name cannot be a path (NUL, too long)."""
    if "\x00" in path:
        return None
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None


class RealPaths:
    """``os.path.realpath`` for many paths in few directories, each directory resolved once.

    realpath calls ``lstat`` on every component of every path it is given: a file eight
    directories deep costs nine calls, and reading a commit hook's ~150 context files
    asked it three times of each (~4,200 ``lstat`` calls). A plain name (not ``.`` or
    ``..``) in a directory whose real path is known, and that is not itself a symbolic
    link, has that real path joined with the name as its real path: one ``lstat``,
    of the name. A link's real path is asked of realpath (whole). Every answer is
    kept: the file system is assumed not to change while an instance is in use, so
    one lives for one pass over the files (not across runs of a language server).
    """

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        """``os.path.realpath(path)`` (and whatever it raises)."""
        found = self._known.get(path)
        if found is None:
            found = self._known[path] = self._resolve(path)
        return found

    def checked(self, path: str) -> str | None:
        """:func:`real` (None when the name cannot be a path), through this cache."""
        if "\x00" in path:
            return None
        try:
            return self(path)
        except (OSError, ValueError):
            return None

    def _resolve(self, path: str) -> str:
        head, name = os.path.split(path)
        if os.sep != "/" or not name or name == "." or name == "..":
            return os.path.realpath(path)  # (and the root, "" and "/", end the recursion)
        # what realpath makes of the directory, then of the name in it, after an
        # ``lstat`` of the name (a missing one, or one under a loop, is kept as spelt)
        directory = self(head)
        joined = directory + name if directory.endswith("/") else directory + "/" + name
        try:
            link = stat.S_ISLNK(os.lstat(joined).st_mode)
        except OSError:
            link = False
        return os.path.realpath(path) if link else joined


def contains(top: str, path: str) -> bool:
    """``path`` is ``top`` or below it (both already absolute and normalized)."""
    top = top.rstrip(os.sep) or os.sep
    return path == top or path.startswith(top if top == os.sep else top + os.sep)


def inside(path: str, root: str) -> bool:
    """The real path of ``path`` lies inside the real path of ``root``."""
    real_path, real_root = real(path), real(root)
    return real_path is not None and real_root is not None and contains(real_root, real_path)


@frozen
class Resolved(FrozenValue):
    """Where a reference led: the real path of a regular file inside the root, or why not."""

    path: str | None
    #: "outside" (escapes the root), "invalid" (not a usable name) or "missing"
    problem: str

    def __init__(
        self,
        path: str | None,
        problem: str = "",
    ) -> None:
        _set(self, "path", path)
        _set(self, "problem", problem)


def resolve_reference(target: str, candidates: Sequence[str], root: str) -> Resolved:
    """The first of ``candidates`` (spellings of ``target``) that is a file inside ``root``.

    Candidates outside the root are never opened or even stat'ed past the
    symlink resolution; the reason of the first failure that matters is kept
    so a message can say "outside the root" rather than "not found".
    """
    if "\x00" in target or not target.strip():
        return Resolved(None, "invalid")
    real_root = real(root)
    if real_root is None:
        return Resolved(None, "invalid")
    problem = "missing"
    for candidate in candidates:
        real_path = real(candidate)
        if real_path is None:
            problem = "invalid" if problem == "missing" else problem
            continue
        if not contains(real_root, real_path):
            problem = "outside"
            continue
        try:
            if os.path.isfile(real_path):
                return Resolved(real_path)
        except (OSError, ValueError):
            continue
    return Resolved(None, problem)
