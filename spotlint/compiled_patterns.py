"""Regular expressions compiled by an earlier run, kept beside spotlint's bytecode.

Compiling a pattern is Python code (``re._parser`` and ``re._compiler``) turning
its text into a list of integers, which ``_sre.compile`` makes a pattern object
from in C. spotlint's modules and those they import (PyYAML's resolver, json)
compile about seventy patterns at import, before a split run forks: about 50 M
instructions (~13 ms) of its serial start-up, the same in every run. A console run
keeps those integer lists in a file beside spotlint's compiled bytecode
(``__pycache__``, or under ``sys.pycache_prefix``, never written when Python is told
not to write bytecode), and every later import of spotlint hands them to
``_sre.compile`` and puts the patterns in ``re``'s cache (:func:`seed`, ~2 M): the
modules' ``re.compile`` then answers from the cache.

A pattern made so is the one ``re.compile`` makes: the same ``_sre.compile`` call
with the same arguments, recorded from ``re``'s own compiler by the same Python
(the file names the interpreter's version and ``_sre.MAGIC``, and is ignored for any
other). Nothing is given when the file is missing, unreadable or from another
Python, or when ``re`` keeps no such cache (:func:`seed` checks that ``re.compile``
answers from it); patterns are then compiled as always. :func:`save` adds the
patterns a run compiled that the file lacks (the file is replaced whole, so
concurrent runs leave one complete file).

Only patterns compiled while a module is being imported are kept (``re``'s cache
is given a dict that notes them, :class:`_NotingCache`): those are the same in
every run, and made from the modules' own text. Patterns made from what a run
reads (a heredoc's closing word, a configuration's path globs) never are.
"""

from __future__ import annotations

import marshal
import os
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: ``re``'s C engine (CPython's; ``re`` imports it), or None in another Python.
_sre: Any = sys.modules.get("_sre")

#: At most this many patterns are kept (``re`` itself keeps 512).
MAX_PATTERNS = 400
#: What the file must say to be used: this interpreter and its pattern code format.
_STAMP = (sys.version, sys.implementation.cache_tag, getattr(_sre, "MAGIC", None))
#: re flags whose patterns ``re`` never caches or warns about on every compile.
_NOT_KEPT = re.DEBUG | getattr(re, "TEMPLATE", 0)
#: ``re``'s cache keys of the patterns the file gave or :func:`save` recorded.
_known: set[tuple[type, Any, int]] = set()
#: The file's entries as read (kept so :func:`save` writes them back with the new ones).
_entries: list[tuple[Any, ...]] = []
#: How many callers up a compile is looked at for an import in progress.
_IMPORT_DEPTH = 30


class _NotingCache(dict):  # type: ignore[type-arg]
    """``re``'s cache, noting the keys of patterns compiled while a module is imported.

    ``re`` stores each pattern it compiles in its cache (reads are a plain dict's);
    the store looks up the callers for the import system's frames, as only a
    module's import compiles the patterns every run compiles the same way. When
    :class:`_NotingEngine` saw the ``_sre.compile`` call that made the pattern, its
    arguments are kept too (:attr:`arguments`), so :func:`save` need not compile it
    again.
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.imported: set[Any] = set()
        self.arguments: dict[Any, tuple[Any, ...]] = {}

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        frame = sys._getframe(1)
        for _ in range(_IMPORT_DEPTH):
            if frame is None:
                return
            if frame.f_code.co_filename.startswith("<frozen importlib"):
                self.imported.add(key)
                made, arguments = _noted
                if made is value and arguments[0] == key[1]:  # (made from the key's text)
                    self.arguments[key] = arguments
                return
            frame = frame.f_back  # type: ignore[assignment]


#: The pattern :class:`_NotingEngine` made last, with its ``_sre.compile`` arguments.
_noted: tuple[Any, tuple[Any, ...]] = (None, ())


class _NotingEngine:
    """Stands for ``_sre`` in ``re._compiler`` while a run has patterns to keep: its
    ``compile`` notes the last call's arguments beside the pattern it made, which
    :class:`_NotingCache` keeps when ``re`` stores that pattern during an import.

    Put in place only when the file gave nothing (:func:`seed`), that is in a run
    whose patterns :func:`save` will write: the first run after an installation
    then writes the file without compiling its ~70 patterns a second time.
    """

    def compile(self, *args: Any) -> Any:
        global _noted
        made = _sre.compile(*args)
        _noted = (made, args)
        return made

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


def _note_compiles() -> None:
    """Put a :class:`_NotingEngine` in ``re``'s compiler (where it calls ``_sre``)."""
    compiler = sys.modules.get("re._compiler")
    if compiler is not None and getattr(compiler, "_sre", None) is _sre:
        compiler._sre = _NotingEngine()  # type: ignore[attr-defined]


def table_path() -> str | None:
    """Where the file is: beside this module's bytecode (None without a cache tag)."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    name = f"compiled_patterns.{tag}.marshal"
    prefix = sys.pycache_prefix
    if prefix:  # as CPython places bytecode under a prefix
        return os.path.join(prefix, here.lstrip(os.sep), name)
    return os.path.join(here, "__pycache__", name)


def _cache() -> dict[Any, Any] | None:
    """``re``'s cache, made a :class:`_NotingCache` (once): None where ``re`` has no such dict."""
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict):
        return None
    if type(cache) is dict:
        cache = re._cache = _NotingCache(cache)  # type: ignore[attr-defined]
    return cache


def seed() -> int:
    """Put the patterns of the file in ``re``'s cache; how many were given."""
    cache = _cache()
    path = table_path()
    if cache is None or path is None:
        return 0
    given = _given(cache, path)
    if not given:
        _note_compiles()
    return given


def _given(cache: dict[Any, Any], path: str) -> int:
    """:func:`seed`'s work: the file's patterns put in ``cache``; how many."""
    try:
        with open(path, "rb") as handle:
            stamp, entries = marshal.loads(handle.read())
        if tuple(stamp) != _STAMP:
            return 0
        made = {}
        for is_bytes, pattern, flags, args in entries:
            key = (bytes if is_bytes else str, pattern, flags)
            if key not in cache:
                made[key] = _sre.compile(*args)
    except Exception:  # a missing or damaged file only means compiling
        return 0
    cache.update(made)
    if made:
        key = next(iter(made))
        if re.compile(key[1], key[2]) is not made[key]:
            for key in made:  # this ``re`` does not answer from that cache: take nothing
                cache.pop(key, None)
            return 0
    _entries.extend(entries)
    _known.update((bytes if e[0] else str, e[1], e[2]) for e in entries)
    return len(made)


def save() -> bool:
    """Write the file again if ``re``'s cache holds patterns it lacks; True if written."""
    cache = _cache()
    path = table_path()
    if cache is None or path is None or sys.dont_write_bytecode:
        return False
    imported: set[Any] = getattr(cache, "imported", set())
    missing = [
        key for key in list(cache)
        if key in imported and isinstance(key, tuple) and len(key) == 3 and key not in _known
        and key[0] in (str, bytes) and type(key[1]) is key[0] and type(key[2]) is int
        and not key[2] & _NOT_KEPT
    ]
    if not missing or len(_entries) >= MAX_PATTERNS or not _writable(path):
        return False
    try:
        recorded = _record(missing[: MAX_PATTERNS - len(_entries)], cache)
        if not recorded:
            return False
        entries = _entries + recorded
        data = marshal.dumps((_STAMP, entries))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # a name of this process's own, created by this call alone (O_EXCL), renamed over
        temp = f"{path}.{os.getpid()}.tmp"
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except Exception:  # the file is only a cache: not written, nothing lost
        return False
    _entries[:] = entries
    _known.update((bytes if e[0] else str, e[1], e[2]) for e in recorded)
    return True


def _writable(path: str) -> bool:
    """Whether the file could be written: its nearest existing directory is writable.

    Asked before the patterns are recorded again (12-13 ms at 1,000 files), so that an
    installation this user cannot write to (a system-wide or read-only one) does not
    pay for a recording it could never keep, at the end of every run.
    """
    directory = os.path.dirname(path)
    while directory and not os.path.isdir(directory):
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        directory = parent
    return bool(directory) and os.access(directory, os.W_OK)


class _Recorder:
    """Stands for ``_sre`` in ``re._compiler`` while :func:`_record` compiles: its
    ``compile`` notes the arguments it is given."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return _sre.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


def _record(keys: list[tuple[type, Any, int]], cache: dict[Any, Any]) -> list[tuple[Any, ...]]:
    """Each pattern's entry: from the ``_sre`` call :class:`_NotingEngine` saw make it,
    else compiled again by ``re``'s compiler with its ``_sre`` call noted; either way
    kept only if those arguments make a pattern equal to the one ``re`` made."""
    noted: dict[Any, tuple[Any, ...]] = getattr(cache, "arguments", {})
    entries = []
    again: list[tuple[type, Any, int]] = []
    for key in keys:
        arguments = noted.get(key)
        if arguments is None:
            again.append(key)
        elif (entry := _entry(key, arguments, cache.get(key))) is not None:
            entries.append(entry)
    if not again:
        return entries
    compiler = sys.modules.get("re._compiler") or sys.modules.get("sre_compile")
    engine = getattr(compiler, "_sre", None)
    if compiler is None or not (engine is _sre or isinstance(engine, _NotingEngine)):
        return entries
    recorder = _Recorder()
    compiler._sre = recorder  # type: ignore[attr-defined]
    try:
        for key in again:
            del recorder.calls[:]
            compiled = compiler.compile(key[1], key[2])
            if len(recorder.calls) != 1:  # pragma: no cover - one call per pattern
                continue
            entry = _entry(key, recorder.calls[0], compiled)
            if entry is not None:
                entries.append(entry)
    finally:
        compiler._sre = engine  # type: ignore[attr-defined]
    return entries


def _entry(
    key: tuple[type, Any, int], arguments: tuple[Any, ...], made: Any
) -> tuple[Any, ...] | None:
    """The file's entry for ``key``, if ``arguments`` make a pattern equal to ``made``."""
    args = _plain(arguments)
    again = _sre.compile(*args)  # text, flags and code compared
    if made is None or again != made or again.groupindex != made.groupindex:  # pragma: no cover
        return None
    kind, pattern, flags = key
    return (kind is bytes, pattern, flags, args)


def _plain(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """The call's arguments as marshal writes them (flags may be an int subclass)."""
    pattern, flags, code, groups, groupindex, indexgroup = args
    return (pattern, int(flags), [int(c) for c in code], int(groups), dict(groupindex),
            tuple(indexgroup))
