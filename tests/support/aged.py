"""Files dated back, as in a real checkout, for tests of the commit hook's index."""

from __future__ import annotations

import os
import time
from pathlib import Path


def age(root: Path) -> None:
    """Date every file under ``root`` (but ``.git``) a minute back: a record of a file
    changed within two seconds is not kept, so the index would stay empty."""
    stamp = time.time_ns() - 60_000_000_000
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, ns=(stamp, stamp))
