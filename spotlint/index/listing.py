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

import os
import stat
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
    root: str, excluded: Callable[[str], bool]
) -> tuple[list[tuple[str, os.stat_result]], list[str]] | None:
    """Relative (``/``) paths of the candidate files under ``root`` with their ``lstat``,
    in walk order, and the configuration files among all files (``.spotlint.yaml``,
    ``pyproject.toml``...).

    None when git is not usable here (not a work tree, no git, a submodule or a
    nested repository that the walk would enter, a symlink): the caller reads
    the whole project instead.
    """
    listed = _git_files(root)
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
        ok = (
            dir_ok(parent)
            and name not in SKIP_DIRS
            and not name.endswith(".egg-info")
            and not excluded(path)
            and not os.path.isfile(os.path.join(path, "pyvenv.cfg"))
            and not os.path.islink(path)
        )
        dirs_ok[rel_dir] = ok
        return ok

    found: list[tuple[str, os.stat_result]] = []
    for rel in listed:
        name = rel.rpartition("/")[2]
        if not is_candidate_name(name):
            continue
        parent = rel.rpartition("/")[0]
        if not dir_ok(parent):
            continue
        path = os.path.join(root, rel)
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


def _git_files(root: str) -> list[str] | None:
    if not os.path.exists(os.path.join(root, ".git")):
        return None
    import subprocess

    try:
        done = subprocess.run(
            ["git", *_GIT_SAFE, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
             "--deduplicate"],
            cwd=root, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return [p for p in text.split("\0") if p]
