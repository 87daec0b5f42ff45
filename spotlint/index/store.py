"""Where the index lives and how it is read and written.

The cache directory is ``--cache-dir``, else ``SPOTLINT_CACHE_DIR``, else
``cache-dir`` (configuration), else ``.spotlint_cache/`` at the project root; it
holds a ``.gitignore`` of ``*`` so it is never committed. One index file per
key (format version, spotlint version, settings hash), JSON.

Writes go to a temporary file in the same directory, then ``os.replace``:
two pre-commit batches writing at once each leave a whole file (the last one
wins; the other's new records are merely recomputed next time). A file that
cannot be read or parsed, or of another format, is ignored and rebuilt.
The directory is bounded: at most :data:`MAX_INDEXES` index files (the
oldest go), at most :data:`MAX_RECORDS` records in one, stale temporary files
removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Collection

from spotlint import __version__
from spotlint.finding import sha256_hex

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # (subscripted below at run time, where any argument would do)

#: Bumped whenever what a record holds or means changes.
FORMAT = 11
DEFAULT_DIR = ".spotlint_cache"
ENV = "SPOTLINT_CACHE_DIR"
MAX_INDEXES = 8
MAX_RECORDS = 200_000
#: A temporary file older than this was left by a killed process.
STALE_TEMP_SECONDS = 3600

#: An entry: [size, mtime_ns, record summary, what else the record depends on ("" for
#: nothing), the record's details as JSON text ("" for none); see spotlint.index.records]
Entry = list[Any]


def cache_dir(configured: str | None, project: str) -> str:
    """The directory chosen (flag, environment or configuration), else the project's."""
    chosen = configured or os.path.join(project, DEFAULT_DIR)
    return os.path.abspath(chosen)


def key(parts: list[str]) -> str:
    """The index file's name for these settings (spotlint version and format included)."""
    digest = sha256_hex("\0".join([str(FORMAT), __version__, *parts]).encode())
    return f"index-v{FORMAT}-{digest[:16]}.json"


def digest8(data: bytes) -> str:
    """``hashlib.blake2b(data, digest_size=8).hexdigest()``, without importing
    :mod:`hashlib`: its import loads OpenSSL's ``_hashlib`` (~3 ms of the commit hook's
    run), while its ``blake2b`` is CPython's own ``_blake2`` module, taken here directly
    (hashlib only where a build left that module out). The same digest, so the names
    in stored indexes stay valid."""
    if not _BLAKE2B:
        try:
            from _blake2 import blake2b
        except ImportError:  # (a Python built without its own BLAKE2)
            from hashlib import blake2b
        _BLAKE2B.append(blake2b)
    digest: str = _BLAKE2B[0](data, digest_size=8).hexdigest()
    return digest


#: The BLAKE2b constructor :func:`digest8` uses, found on its first call (a failed
#: import is not remembered by Python: it would search ``sys.path`` at every call).
_BLAKE2B: list[Any] = []


def load(directory: str, name: str) -> dict[str, Entry]:
    """The stored entries, or none when missing, unreadable, corrupt or of another format."""
    return load_index(directory, name)[0]


def load_index(
    directory: str, name: str
) -> tuple[dict[str, Entry], dict[str, str], set[str]]:
    """The stored entries, shared strings and files whose handler role is unknown (see
    :func:`save`); nothing when the index is missing, unreadable, corrupt or of another
    format."""
    try:
        with open(os.path.join(directory, name), "rb") as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError):
        return {}, {}, set()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, {}, set()
    if data.get("version") != __version__:
        return {}, {}, set()
    entries = data.get("files")
    shared = data.get("shared", {})
    if not isinstance(entries, dict) or not isinstance(shared, dict):
        return {}, {}, set()
    marks = data.get("unknown_handlers", "1" * len(entries))  # (none said: all unknown)
    if not isinstance(marks, str) or len(marks) != len(entries):
        return {}, {}, set()
    return {
        path: entry for path, entry in entries.items()
        if isinstance(entry, list) and len(entry) == 5 and isinstance(entry[2], dict)
        and isinstance(entry[0], int) and isinstance(entry[1], int) and isinstance(entry[3], str)
        and isinstance(entry[4], str)
    }, {k: v for k, v in shared.items() if isinstance(v, str)}, {
        path for path, mark in zip(entries, marks, strict=True) if mark != "0"}


def save(
    directory: str, name: str, entries: dict[str, Entry], shared: dict[str, str] | None = None,
    unknown: Collection[str] | None = None,
) -> bool:
    """Write the index atomically; False (and nothing damaged) when it cannot be written.

    ``shared`` holds strings many records repeat (a pool's label keys), stored once
    and named by records (:mod:`.records` says how); ``unknown`` the files scanned
    without the handler needles (:data:`spotlint.index.roles.HANDLERS` unknown), kept
    as one ``0``/``1`` string in the order of the entries (a list of their paths made
    the index a fifth larger, to write and to read).
    """
    if len(entries) > MAX_RECORDS:
        entries = dict(list(entries.items())[:MAX_RECORDS])
    unknown = unknown or set()
    payload = json.dumps(
        {"format": FORMAT, "version": __version__, "files": entries, "shared": shared or {},
         "unknown_handlers": "".join(["1" if path in unknown else "0" for path in entries])},
        separators=(",", ":"), check_circular=False,
    ).encode("utf-8")
    try:
        _prepare(directory)
        handle, temp = _temporary(directory, ".json")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temp, os.path.join(directory, name))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    prune(directory, keep=name)
    return True


def _prepare(directory: str) -> None:
    os.makedirs(directory, exist_ok=True)
    ignore = os.path.join(directory, ".gitignore")
    if not os.path.exists(ignore):
        handle, temp = _temporary(directory, "")
        with os.fdopen(handle, "w") as out:
            out.write("# Created by spotlint: this cache is never committed.\n*\n")
        os.replace(temp, ignore)


def _temporary(directory: str, suffix: str) -> tuple[int, str]:
    """A new file of this process only (``tempfile.mkstemp``'s guarantees: created here,
    mode 0600, never an existing file), without importing :mod:`tempfile` (its imports
    cost a first run ~3 ms)."""
    for attempt in range(100):
        temp = os.path.join(directory, f".tmp-{os.getpid()}-{time.time_ns()}-{attempt}{suffix}")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(
                os, "O_BINARY", 0), 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {directory}")


def prune(directory: str, keep: str) -> None:
    """At most MAX_INDEXES index files (oldest removed first), no stale temporary files."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    indexes: list[tuple[float, str]] = []
    for entry in names:
        path = os.path.join(directory, entry)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            continue
        if entry.startswith(".tmp-"):
            if now - mtime > STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(path)
        elif entry.startswith("index-") and entry.endswith(".json") and entry != keep:
            indexes.append((mtime, entry))
    indexes.sort(reverse=True)
    for _, entry in indexes[MAX_INDEXES - 1:]:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(directory, entry))
