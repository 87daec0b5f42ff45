"""``json.dumps(value, indent=N, ensure_ascii=False)``, the same text, about twice as fast.

Python's C encoder does not indent: with ``indent`` the standard library falls
back to a pure-Python encoder made of nested generators, one per container,
resumed once per item. JSON and SARIF reports are indented (people read them
and diff them), and a SARIF report of a large repository holds hundreds of
thousands of values. This writer walks the same value with one recursive
function appending to a list, and leaves each string to the C string encoder.
Anything but plain JSON data (``dict`` with ``str`` keys, ``list``, ``tuple``,
``str``, ``int``, ``float``, ``bool``, ``None``) is handed to ``json.dumps``
as a whole, so the text is always the standard library's.

A report's findings are most of its document and of its text. A reporter
passes them as a :class:`Stream`, whose items are made one at a time while
the text is written (and dropped once written), and the writer joins its
pieces into chunks as it goes: a large report no longer holds every
finding's dictionaries and a list of several hundred thousand small strings
beside its text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # pragma: no branch - the C accelerator ships with CPython
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover
    from json.encoder import py_encode_basestring as _string

#: a string as JSON text (``ensure_ascii=False``), for reporters writing their own items
json_string = _string
_float = json.JSONEncoder(ensure_ascii=False).encode
_int = int.__repr__


#: Pieces of text joined into one chunk at a time (see :class:`_Writer`).
_CHUNK = 1 << 12
#: Characters of a :class:`Stream`'s written items joined into one chunk at most (unless
#: one item alone is longer). A report's written items are its findings' whole texts,
#: ~1 KB each: joined by count, a 1,000-file SARIF log's results were one 1.3 MB string
#: in memory freshly mapped for it (a page fault every 4 KB) beside the items it joined.
#: Chunks this small are made in memory the items joined before them left, and are
#: written as they are (:func:`spotlint.cli.pipe.pieces` copies a longer one in pieces
#: of this size).
_CHUNK_CHARS = 1 << 15


class _NotPlain(Exception):
    """A value the fast writer does not handle; the standard encoder writes the text."""


class Stream:
    """A JSON array whose items ``make()`` makes while the array is written.

    ``make`` is called again for each pass over the items (the standard
    encoder's fallback makes them anew), so it must give the same items each time.

    With ``write``, the indenting writer does not walk the items: for each of
    ``sources`` (one per item, in order) it appends ``write(source, newline,
    step)``, which must be exactly the text it would write for the item
    (``newline``: a line break and the item's indentation; ``step``: one level).
    A reporter writes its findings' dictionaries that way without making them;
    ``make`` still gives them, for the standard encoder.
    """

    __slots__ = ("_make", "sources", "write")

    def __init__(
        self, make: Callable[[], Iterable[Any]], sources: Iterable[Any] = (),
        write: Callable[[Any, str, str], str] | None = None,
    ) -> None:
        self._make = make
        self.sources = sources
        self.write = write

    def __iter__(self) -> Iterator[Any]:
        return iter(self._make())


def written(value: Any, newline: str, step: str) -> str:
    """The text the indenting writer gives ``value`` at ``newline`` (for a ``write``
    of :class:`Stream` that leaves a rare part of an item to the writer)."""
    writer = _Writer(step)
    writer.value(value, newline)
    return "".join(writer.parts)


def plain(value: Any) -> Any:
    """``default`` for ``json.dumps``: a :class:`Stream` is written as the list of its items."""
    if type(value) is Stream:
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_indented(value: Any, indent: int) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=False)`` (a :class:`Stream` as a list)."""
    return "".join(dumps_indented_chunks(value, indent))


def dumps_indented_chunks(value: Any, indent: int) -> list[str]:
    """:func:`dumps_indented` in consecutive pieces, not joined: a writer writes them
    one after the other instead of making one more copy of a large text."""
    try:
        return _Writer(" " * indent).chunked(value)
    except (_NotPlain, RecursionError):
        return [json.dumps(value, indent=indent, ensure_ascii=False, default=plain)]


class _Writer:
    """Appends pieces of text to ``parts``; every :data:`_CHUNK` pieces (checked
    between the items of an array) they are joined into one string in ``chunks``."""

    __slots__ = ("chunks", "parts", "step")

    def __init__(self, step: str) -> None:
        self.step = step
        self.parts: list[str] = []
        self.chunks: list[str] = []

    def chunked(self, value: Any) -> list[str]:
        self.value(value, "\n")
        self.chunks.append("".join(self.parts))
        self.parts.clear()
        return self.chunks

    def _items(self, values: Iterable[Any], newline: str) -> None:
        """The array ``values`` (a list, a tuple or a :class:`Stream`)."""
        parts = self.parts
        append = parts.append
        inner = newline + self.step
        separator = "[" + inner
        write = values.write if type(values) is Stream else None
        if write is not None:
            # The text so far becomes a chunk of its own: what comes before a report's
            # findings (a SARIF log's rule texts) holds its only characters beyond
            # ASCII, and such a chunk is encoded once more to be checked
            # (:func:`spotlint.report.escape.json_chunks`): it stays small.
            if parts:
                self.chunks.append("".join(parts))
                parts.clear()
            step = self.step
            size = 0  # (characters in ``parts``)
            for source in values.sources:  # type: ignore[attr-defined]
                text = write(source, inner, step)
                more = len(separator) + len(text)
                if (size + more > _CHUNK_CHARS or len(parts) > _CHUNK) and parts:
                    self.chunks.append("".join(parts))
                    parts.clear()
                    size = 0
                append(separator)
                append(text)
                size += more
                separator = "," + inner
            append("[]" if separator[0] == "[" else newline + "]")
            return
        for item in values:
            append(separator)
            separator = "," + inner
            self.value(item, inner)
            if len(parts) > _CHUNK:
                self.chunks.append("".join(parts))
                parts.clear()
        append("[]" if separator[0] == "[" else newline + "]")

    def value(self, value: Any, newline: str) -> None:
        """Append ``value``; ``newline`` is a line break and the current indentation."""
        append = self.parts.append
        kind = type(value)
        if kind is str:
            append(_string(value))
        elif kind is dict:
            if not value:
                append("{}")
                return
            inner = newline + self.step
            separator = "{" + inner
            for key, item in value.items():
                if type(key) is not str:
                    raise _NotPlain  # json.dumps turns other keys into strings its own way
                append(separator + _string(key) + ": ")
                separator = "," + inner
                kind = type(item)
                if kind is str:
                    append(_string(item))
                elif kind is int:
                    append(_int(item))
                else:
                    self.value(item, inner)
            append(newline + "}")
        elif kind is list or kind is tuple or kind is Stream:
            self._items(value, newline)
        elif kind is int:
            append(_int(value))
        elif value is True:
            append("true")
        elif value is False:
            append("false")
        elif value is None:
            append("null")
        elif kind is float:
            append(_float(value))
        else:
            raise _NotPlain
