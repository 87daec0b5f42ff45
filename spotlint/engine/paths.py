"""Path questions the engine asks in several stages: real paths, containment, display."""

from __future__ import annotations

import os

from spotlint.config.settings import Settings


def real(path: str) -> str:
    return os.path.realpath(path)


def inside(path: str, root: str) -> bool:
    root = root.rstrip(os.sep) or os.sep
    return path == root or path.startswith(root + os.sep)


def display_name(real_path: str) -> str:
    """How to name a file found only through a reference: relative to the working
    directory when below it (as files found by walking are), else absolute."""
    relative = os.path.relpath(real_path)
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
    return real_path if outside else relative


def relative(path: str, settings: Settings, root: str | None = None) -> str:
    """``path`` relative to the run's root with ``/`` (absolute when outside; stdin as is).

    Fingerprints use it, so they do not depend on the directory spotlint was
    started from (baselines and SARIF both rely on that). ``root``: the root made
    absolute (``os.path.abspath(settings.root)``), when the caller asks for many paths.
    """
    if path == "-" or path == settings.stdin_filename:
        return path
    absolute = os.path.abspath(path)
    if root is None:
        root = os.path.abspath(settings.root)
    # Both are normalized: below the root, the relative path is what follows it
    # (``os.path.relpath`` would split both into components to find that out).
    prefix = (root.rstrip(os.sep) or os.sep) + os.sep  # as inside() reads the root
    if absolute.startswith(prefix):
        rest = absolute[len(prefix):]
        if rest and not rest.startswith(os.sep):
            return rest.replace(os.sep, "/")
    if not inside(absolute, root):
        return absolute
    return os.path.relpath(absolute, root).replace(os.sep, "/")
