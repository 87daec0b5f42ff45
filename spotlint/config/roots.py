"""Where a run's project starts: the paths' common directory and the git work tree above it.

Apart from :mod:`.files` (which uses both) because ``spotlint check FILE`` asks
them first thing, to start git's listing of the project before anything else is
imported: :mod:`.files` imports the configuration's whole machinery (~3 ms), which git
would otherwise wait through. Only :mod:`os` is needed here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence


def git_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` holding ``.git``."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def start_directory(paths: Sequence[str]) -> str:
    """Where the search for a configuration file starts: the paths' common directory."""
    dirs = [
        os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".")
        for p in paths
        if p != "-"
    ]
    try:
        return os.path.commonpath(dirs) if dirs else os.getcwd()
    except ValueError:
        return os.getcwd()
