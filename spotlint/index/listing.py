"""The files of a project, in the order a directory walk finds them.

Inside a git work tree ``git ls-files`` lists them (tracked, and untracked but
not ignored) far faster than a walk; elsewhere, or when git cannot answer, the
index is not used. The list is filtered as the walk of
:mod:`spotlint.load.discover` filters (candidate names, skipped directories, ``exclude``) and
sorted in the walk's order (a directory's files by name, then its
subdirectories by name, depth first), so pools are read in the same order as a
full run reads them.
"""

from __future__ import annotations

import atexit
import os
import stat
import subprocess
from collections.abc import Callable

from spotlint.load.discover import SKIP_DIRS, is_candidate_name

#: Names a configuration file may have (pyproject.toml only with a [tool.spotlint] table).
CONFIG_NAMES = (".spotlint.yaml", ".spotlint.yml", "pyproject.toml")

#: git flags that keep a repository's own configuration from running anything
_GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false")


def walk_key(rel: str) -> tuple[tuple[int, str], ...]:
    """Sort key of a ``/``-separated relative path in the walk's order."""
    parts = rel.split("/")
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def project_files(
    root: str, excluded: Callable[[str], bool], listing: Listing | None = None,
) -> tuple[list[tuple[str, os.stat_result]], list[str]] | None:
    """Relative (``/``) paths of the candidate files under ``root`` with their ``lstat``,
    in walk order, and the configuration files among all files (``.spotlint.yaml``,
    ``pyproject.toml``...).

    None when git is not usable here (not a work tree, no git, a submodule or a
    nested repository that the walk would enter, a symlink): the caller reads
    the whole project instead.
    """
    listed = (listing or start_listing(root)).result()
    if listed is None:
        return None
    configs = [rel for rel in listed if rel.rpartition("/")[2] in CONFIG_NAMES]
    dirs_ok: dict[str, bool] = {"": True}

    def dir_ok(rel_dir: str) -> bool:
        known = dirs_ok.get(rel_dir)
        if known is not None:
            return known
        parent, _, name = rel_dir.rpartition("/")
        path = os.path.join(root, rel_dir)
        # (git lists no path through a symbolic link: a linked directory is listed
        # as the link itself, a file, which makes the listing unusable below)
        ok = (
            dir_ok(parent)
            and name not in SKIP_DIRS
            and not name.endswith(".egg-info")
            and not excluded(path)
            and not os.path.isfile(os.path.join(path, "pyvenv.cfg"))
        )
        dirs_ok[rel_dir] = ok
        return ok

    found: list[tuple[str, os.stat_result]] = []
    prefix, slash = root.rstrip(os.sep) + os.sep, os.sep == "/"
    for rel in listed:
        name = rel.rpartition("/")[2]
        if not is_candidate_name(name):
            continue
        parent = rel.rpartition("/")[0]
        if not dir_ok(parent):
            continue
        path = prefix + rel if slash else os.path.join(root, rel)
        if excluded(path):
            continue
        try:
            info = os.lstat(path)
        except OSError:
            continue  # deleted but still in git's index
        if stat.S_ISLNK(info.st_mode) or stat.S_ISDIR(info.st_mode):
            return None  # a link may lead anywhere, a submodule is walked: the walk decides
        if stat.S_ISREG(info.st_mode):
            found.append((rel, info))
    found.sort(key=lambda item: walk_key(item[0]))
    return found, configs


class Listing:
    """``git ls-files`` started in the background: the caller reads the index meanwhile."""

    def __init__(self, root: str) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        if not os.path.exists(os.path.join(root, ".git")):
            return
        try:
            self.process = subprocess.Popen(
                ["git", *_GIT_SAFE, "ls-files", "-z", "--cached", "--others",
                 "--exclude-standard", "--deduplicate"],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError):
            self.process = None

    def discard(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            self.process.communicate()

    def result(self) -> list[str] | None:
        """The paths git lists (None: git could not answer)."""
        if self.process is None:
            return None
        try:
            out, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return None
        if self.process.returncode != 0:
            return None
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return [p for p in text.split("\0") if p]


#: Listings started ahead of need (:func:`prefetch`), by work tree.
_PREFETCHED: dict[str, Listing] = {}


def prefetch(root: str) -> None:
    """Start listing ``root`` now, for a run that will likely ask later."""
    if root not in _PREFETCHED:
        _PREFETCHED[root] = Listing(root)
        atexit.register(discard_prefetched)


def discard_prefetched() -> None:
    """End listings started ahead of need that nobody asked for."""
    while _PREFETCHED:
        _, listing = _PREFETCHED.popitem()
        listing.discard()


def start_listing(root: str) -> Listing:
    """Start listing the files of the work tree at ``root`` (or take the one started
    ahead for it)."""
    return _PREFETCHED.pop(root, None) or Listing(root)
