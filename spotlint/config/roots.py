"""Where a run's project starts: the paths' common directory (the git work tree above it
is :func:`spotlint.load.ignore.work_tree`'s answer).

Apart from :mod:`.files` (which uses it) because ``spotlint check FILE`` asks it first
thing, to start git's listing of the project before anything else is imported:
:mod:`.files` imports the configuration's whole machinery (~3 ms), which git would
otherwise wait through. Only :mod:`os` is needed here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence


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
