"""``extend``: a configuration file built on a shared base file.

A file saying ``extend: ../base.spotlint.yaml`` starts from the base's keys and
its own keys replace them, key by key (as ruff's ``extend``). A base may extend
another; a cycle is an error. Paths and globs keep meaning what they meant in
the file that wrote them: a base's ``context`` paths are resolved from the
base's directory, and its ``exclude`` and ``per-path-ignores`` globs are rebased
onto the extending file's directory. An anchored glob that can only match
outside that directory is dropped: it could never apply to the files the
extending file governs.

Inside a git work tree, the base must lie in the same work tree: spotlint runs
on untrusted pull requests (always a git checkout), and a configuration must
not make it read files elsewhere on the machine.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Mapping

from spotlint.errors import ConfigError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Keys whose values are globs relative to the configuration file.
GLOB_LIST_KEYS = ("exclude",)
GLOB_MAP_KEYS = ("per-path-ignores",)
#: Keys whose values are paths relative to the configuration file.
PATH_LIST_KEYS = ("context",)


def resolve(
    path: str,
    data: Mapping[str, Any],
    load: Callable[[str], Mapping[str, Any]],
    boundary: str,
    chain: tuple[str, ...] = (),
) -> tuple[dict[str, Any], dict[str, str]]:
    """``data`` (read from ``path``) merged over its bases: (keys, file each key came from).

    ``load`` reads and validates one file without following its ``extend``;
    ``boundary`` is the directory every base must lie in.
    """
    real = os.path.realpath(path)
    if real in chain:
        cycle = " -> ".join([*chain, real])
        raise ConfigError(f"{path}: extend: cycle of configuration files ({cycle})")
    own = {k: v for k, v in data.items() if k != "extend"}
    origins = dict.fromkeys(own, path)
    if "extend" not in data:
        return own, origins
    base_path = os.path.normpath(
        os.path.join(os.path.dirname(os.path.abspath(path)), os.path.expanduser(data["extend"]))
    )
    if not _inside(os.path.realpath(base_path), os.path.realpath(boundary)):
        raise ConfigError(
            f"{path}: extend: {data['extend']!r} is outside {boundary}; a base configuration "
            "must be in the same repository"
        )
    if not os.path.isfile(base_path):
        raise ConfigError(f"{path}: extend: {data['extend']!r} not found ({base_path})")
    base, base_origins = resolve(base_path, load(base_path), load, boundary, (*chain, real))
    rebased = rebase(base, os.path.dirname(base_path), os.path.dirname(os.path.abspath(path)))
    merged = {**rebased, **own}
    return merged, {**{k: base_origins[k] for k in rebased}, **origins}


def rebase(data: Mapping[str, Any], base_dir: str, child_dir: str) -> dict[str, Any]:
    """A base's keys with its paths and globs rewritten relative to ``child_dir``."""
    out = dict(data)
    for key in PATH_LIST_KEYS:
        if key in out:
            out[key] = [
                os.path.relpath(os.path.join(base_dir, p), child_dir).replace(os.sep, "/")
                for p in out[key]
            ]
    for key in GLOB_LIST_KEYS:
        if key in out:
            out[key] = [g for g in (rebase_glob(g, base_dir, child_dir) for g in out[key]) if g]
    for key in GLOB_MAP_KEYS:
        if key in out:
            moved = {rebase_glob(g, base_dir, child_dir): v for g, v in out[key].items()}
            out[key] = {g: v for g, v in moved.items() if g}
    return out


def rebase_glob(glob: str, base_dir: str, child_dir: str) -> str | None:
    """``glob`` (relative to ``base_dir``) relative to ``child_dir``; None if it cannot match there.

    Base-name globs (no ``/``) and ``**/`` globs match at any depth, so they stay.
    """
    trimmed = glob.strip("/")
    if "/" not in trimmed or glob.startswith("**/"):
        return glob
    prefix = os.path.relpath(os.path.abspath(child_dir), os.path.abspath(base_dir))
    if prefix == ".":
        return glob
    if prefix.startswith(".."):
        return None  # the base's directory is not above: its anchored globs name other files
    parts = trimmed.split("/")
    wanted = prefix.replace(os.sep, "/").split("/")
    if len(parts) <= len(wanted):
        # The glob names the child directory itself (or one above it): everything under it.
        head = parts
        if all(fnmatch.fnmatchcase(w, p) for w, p in zip(wanted, head, strict=False)):
            return "*"
        return None
    if all(fnmatch.fnmatchcase(w, p) for w, p in zip(wanted, parts, strict=False)):
        rest = "/".join(parts[len(wanted):])
        return rest + ("/" if glob.endswith("/") else "")
    return None


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)
