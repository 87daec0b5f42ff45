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
