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
from itertools import compress

from spotlint import __version__
from spotlint.finding import sha256_hex

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # (subscripted below at run time, where any argument would do)

#: Bumped whenever what a record holds or means changes, or how the index file lays
#: entries out (12: by column, see :class:`Table`).
FORMAT = 12
DEFAULT_DIR = ".spotlint_cache"
ENV = "SPOTLINT_CACHE_DIR"
MAX_INDEXES = 8
MAX_RECORDS = 200_000
#: A temporary file older than this was left by a killed process.
STALE_TEMP_SECONDS = 3600

#: An entry: [size, mtime_ns, record summary, what else the record depends on ("" for
#: nothing), the record's details as JSON text ("" for none); see spotlint.index.records]
Entry = list[Any]


class Table:
    """The stored entries by column, in the order they were saved (the walk's): each
    file's path, size, ``st_mtime_ns``, summary, what else its record depends on and
    its details (as in :data:`Entry`), and ``where`` each path is.

    The file holds them so too (format 12), with each distinct summary once (most files'
    summaries are ``{}`` or alike): a warm commit hook reads the whole index, and 4,000
    entries of five-item lists and a dictionary each cost its JSON decoding ~4,000
    lists and dictionaries more (~10 ms of the run's first read in a fresh process,
    ~5 ms by column); the run compares columns, not entries."""

    __slots__ = ("details", "modules", "mtimes", "ordered", "paths", "sizes", "summaries",
                 "where")

    def __init__(
        self, paths: list[str], sizes: list[int], mtimes: list[int], summaries: list[Any],
        modules: list[str], details: list[str], ordered: int = 0,
    ) -> None:
        self.paths = paths
        self.sizes = sizes
        self.mtimes = mtimes
        self.summaries = summaries
        self.modules = modules
        self.details = details
        #: how many paths come first in the walk's order (the files the listing held;
        #: given files git does not list follow)
        self.ordered = ordered
        self.where: dict[str, int] = dict(zip(paths, range(len(paths)), strict=True))

    def entries(self) -> dict[str, Entry]:
        """The entries as :func:`save` takes them."""
        return {path: [size, mtime, summary, module, text] for path, size, mtime, summary,
                module, text in zip(self.paths, self.sizes, self.mtimes, self.summaries,
                                    self.modules, self.details, strict=True)}


def _nothing() -> tuple[Table, dict[str, str], set[str]]:
    """No entries, shared strings or unknown files (a missing, unreadable, corrupt or
    foreign index)."""
    return Table([], [], [], [], [], []), {}, set()


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
    """:func:`load_table`, its entries by path (as :func:`save` takes them)."""
    table, shared, unknown = load_table(directory, name)
    return table.entries(), shared, unknown


def load_table(directory: str, name: str) -> tuple[Table, dict[str, str], set[str]]:
    """The stored entries (:class:`Table`), shared strings and files whose handler role
    is unknown (see :func:`save`); nothing when the index is missing, unreadable,
    corrupt or of another format.

    The file may come from anywhere (a cache directory in the project): it is JSON,
    read as data only, and every column is checked to be of its type and length (one
    that is not makes the index ignored: it is rebuilt), so no later step meets a
    value of another type."""
    if _saving:
        wait_saved()  # (an index this process has a child write)
    try:
        with open(os.path.join(directory, name), "rb") as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError, RecursionError):
        return _nothing()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return _nothing()
    if data.get("version") != __version__:
        return _nothing()
    paths: Any = data.get("paths")
    sizes: Any = data.get("sizes")
    mtimes: Any = data.get("mtimes")
    modules: Any = data.get("modules")
    details: Any = data.get("details")
    distinct: Any = data.get("summaries")
    which: Any = data.get("summary")
    shared: Any = data.get("shared", {})
    marks: Any = data.get("unknown_handlers")
    ordered: Any = data.get("ordered", 0)
    if not (type(paths) is list and _typed(paths, str) and _below(paths)
            and _column(sizes, paths, int) and _column(mtimes, paths, int)
            and _column(modules, paths, str) and _column(details, paths, str)
            and _column(which, paths, int) and type(distinct) is list
            and _typed(distinct, dict) and isinstance(shared, dict)
            and type(marks) is str and len(marks) == len(paths)
            and type(ordered) is int and 0 <= ordered <= len(paths)):
        return _nothing()
    if which and min(which) < 0:
        return _nothing()
    try:
        summaries = [distinct[k] for k in which]
    except IndexError:  # (a summary past the last)
        return _nothing()
    table = Table(paths, sizes, mtimes, summaries, modules, details, ordered)
    if len(table.where) != len(paths):
        return _nothing()  # a path twice
    # (the marks as bytes, 0 for "0" and 1 for any other: compress takes them in C,
    # without a call for each of thousands of files)
    selectors = (marks.encode("ascii").translate(_MARKED) if marks.isascii()
                 else map("0".__ne__, marks))
    return table, {k: v for k, v in shared.items() if isinstance(v, str)}, set(
        compress(paths, selectors))


#: :func:`load_table`'s translation of the ``unknown_handlers`` marks: ``0`` is not marked.
_MARKED = bytes(0 if byte == ord("0") else 1 for byte in range(256))


def _typed(values: list[Any], kind: type) -> bool:
    """Is every value of exactly this type (``bool`` is no ``int`` here)?"""
    return set(map(type, values)) <= {kind}


def _below(paths: list[str]) -> bool:
    """Is every path relative and below the project: no ``..`` part, not absolute, no
    NUL? The index may come from the scanned tree itself (a committed cache directory),
    and its files are ``lstat``'ed while git still lists, before git names them: a path
    leading out of the project, or one the system refuses, makes the index ignored."""
    text = "\n" + "\n".join(paths)
    if "\x00" in text or "\n/" in text:
        return False
    # (one scan of the joined text; each path is looked at only when some holds "..")
    return ".." not in text or not any(".." in path.split("/") for path in paths)


def _column(values: Any, paths: list[str], kind: type) -> bool:
    """Is ``values`` a list of one value of ``kind`` for each path?"""
    return type(values) is list and len(values) == len(paths) and _typed(values, kind)


def save(
    directory: str, name: str, entries: dict[str, Entry], shared: dict[str, str] | None = None,
    unknown: Collection[str] | None = None, ordered: int = 0,
) -> bool:
    """Write the index atomically; False (and nothing damaged) when it cannot be written.

    ``entries`` are written by column (:class:`Table`), their summaries each once: those
    that are the same object (as read from the index, or made once for many files) and
    every empty one (a text key for each would cost a first run ~2 ms of ``repr``
    calls). ``shared`` holds strings many
    records repeat (a pool's label keys), stored once and named by records
    (:mod:`.records` says how); ``unknown`` the files scanned without the handler
    needles (:data:`spotlint.index.roles.HANDLERS` unknown), kept as one ``0``/``1``
    string in the order of the entries (a list of their paths made the index a fifth
    larger, to write and to read); ``ordered`` how many entries come first in the
    walk's order (:attr:`Table.ordered`).
    """
    if len(entries) > MAX_RECORDS:
        entries = dict(list(entries.items())[:MAX_RECORDS])
    unknown = unknown or set()
    distinct: list[Any] = []
    known: dict[Any, int] = {}
    which: list[int] = []
    for entry in entries.values():
        summary = entry[2]
        key = id(summary) if summary else 0  # (the objects stay alive meanwhile)
        found = known.get(key)
        if found is None:
            found = known[key] = len(distinct)
            distinct.append(summary)
        which.append(found)
    rows = entries.values()
    payload = json.dumps(
        {"format": FORMAT, "version": __version__, "paths": list(entries),
         "sizes": [entry[0] for entry in rows], "mtimes": [entry[1] for entry in rows],
         "modules": [entry[3] for entry in rows], "details": [entry[4] for entry in rows],
         "summaries": distinct, "summary": which, "shared": shared or {},
         "unknown_handlers": "".join(["1" if path in unknown else "0" for path in entries]),
         "ordered": min(ordered, len(entries))},
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


#: Forked processes writing an index (:func:`saving`), not yet waited for.
_saving: list[int] = []


def saving(pid: int) -> None:
    """Process ``pid`` writes an index: it is waited for (:func:`wait_saved`) before an
    index is read here again and before this process ends (an exit handler; ``spotlint
    check`` waits at its end), so nothing is left running behind the command. Whatever
    fails there (an index that cannot be written, an error) leaves no index, as a
    failed write here does; the run's result is the same either way."""
    if not _saving:
        import atexit

        atexit.register(wait_saved)  # (registered again once waited for: cheap)
    _saving.append(pid)


def wait_saved() -> None:
    """Wait for the processes writing an index (:func:`saving`)."""
    while _saving:
        pid = _saving.pop()
        with contextlib.suppress(ChildProcessError, InterruptedError):
            os.waitpid(pid, 0)


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
