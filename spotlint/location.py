"""Positions and the located value tree every loader produces.

Positions are 1-based and converted exactly once, in the loaders, so no rule or
reporter ever adds 1. A :class:`Node` is a value (mapping, sequence or scalar)
with the span it was read from; mapping children remember the key node they were
found under, so a rule can point either at a key or at its value.
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Scalar = str | int | float | bool | None


@frozen
class Location(FrozenValue):
    """A 1-based region of one file (end is inclusive of the last column).

    Written by hand on :class:`~spotlint.value.FrozenValue` with ``__slots__``:
    what ``@dataclass(frozen=True, slots=True)`` gave, without compiling it at
    every start-up. Pickled (findings from worker processes) by its arguments.
    """

    __slots__ = ("col", "end_col", "end_line", "line", "path")

    path: str
    line: int
    col: int
    end_line: int
    end_col: int

    def __init__(self, path: str, line: int, col: int, end_line: int, end_col: int) -> None:
        _set_path(self, path)
        _set_line(self, line)
        _set_col(self, col)
        _set_end_line(self, end_line)
        _set_end_col(self, end_col)

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int, int, int]]:
        return (Location, (self.path, self.line, self.col, self.end_line, self.end_col))

    @classmethod
    def point(cls, path: str, line: int, col: int) -> Location:
        return cls(path, line, col, line, col)


_new_object = object.__new__
_set_path, _set_line, _set_col, _set_end_line, _set_end_col = (
    Location.__dict__[name].__set__ for name in ("path", "line", "col", "end_line", "end_col")
)


def new_location(path: str, line: int, col: int, end_line: int, end_col: int) -> Location:
    """``Location(path, line, col, end_line, end_col)``, made without calling the
    class (its ``__init__`` sets the same five slots): the same object, in less
    time, for loaders that make one per value of every file."""
    loc: Location = _new_object(Location)
    _set_path(loc, path)
    _set_line(loc, line)
    _set_col(loc, col)
    _set_end_line(loc, end_line)
    _set_end_col(loc, end_col)
    return loc


class Node:
    """A located value: ``value`` is ``dict[str, Node]``, ``list[Node]`` or a scalar.

    ``unknown`` marks template placeholders (``${VAR}``, ``{{ x }}``): their value
    is kept for messages but rules must treat them as "could be anything".

    The position is kept in the node itself (path and four ints) and ``loc``
    makes the :class:`Location` when it is asked for: a tree has one node per
    value of a file, and most nodes' positions are never read, so a separate
    ``Location`` object per value cost time and memory for nothing. Nodes are
    made by loaders far more often than anything else; :func:`located` makes
    one without ``__init__``'s ``Location`` argument.

    The key of a mapping entry is a node too (``key``), but most entries' keys
    are plain one-line strings that no rule ever looks at: the YAML loader
    keeps such a key as its text and start in the value's node (``_kname``,
    ``_kline``, ``_kcol``) and ``key`` makes its node on first use (then always
    the same one). One object per entry instead of two: about 45% fewer nodes
    in a Kubernetes manifest, which are the bulk of a run's time and memory.
    """

    __slots__ = ("_col", "_end_col", "_end_line", "_kcol", "_key", "_kline", "_kname",
                 "_line", "_path", "tag", "unknown", "value")
    _kline: int  # set (with ``_kcol``) only where ``_kname`` is
    _kcol: int

    def __init__(
        self,
        value: Any,
        loc: Location,
        key: Node | None = None,
        tag: str = "",
        unknown: bool = False,
    ) -> None:
        self.value = value
        self._path = loc.path
        self._line = loc.line
        self._col = loc.col
        self._end_line = loc.end_line
        self._end_col = loc.end_col
        self._key = key
        self._kname: str | None = None
        self.tag = tag
        self.unknown = unknown

    @property
    def key(self) -> Node | None:
        """The key node this value was found under in its mapping (None if none)."""
        key = self._key
        if key is None and self._kname is not None:
            # A plain one-line string key, kept as its text and start by the loader.
            name = self._kname
            key = located(name, self._path, self._kline, self._kcol, self._kline,
                          self._kcol + len(name) - 1)
            self._key = key
        return key

    @key.setter
    def key(self, key: Node | None) -> None:
        self._key = key
        self._kname = None

    @property
    def loc(self) -> Location:
        """Where the value is (a new, equal ``Location`` at every call)."""
        return new_location(self._path, self._line, self._col, self._end_line, self._end_col)

    @loc.setter
    def loc(self, loc: Location) -> None:
        self._path = loc.path
        self._line = loc.line
        self._col = loc.col
        self._end_line = loc.end_line
        self._end_col = loc.end_col

    def shift(self, lines: int, cols: int) -> Node | None:
        """Move where the value is by ``lines`` and ``cols`` (a document read alone, put
        back where it sits in an outer file), and where its key is when the key is kept
        in this node as text (its node, made on first use, is made there); the key's
        node when it has one, which the caller moves with the other nodes.

        (Asking ``loc`` and setting it again made two ``Location`` objects a value, and
        ``key`` a node for every plain key: a tenth of recording a Terraform module
        whose Helm releases hold their values in heredocs.)"""
        self._line += lines
        self._col += cols
        self._end_line += lines
        self._end_col += cols
        if self._key is None and self._kname is not None:
            self._kline += lines
            self._kcol += cols
        return self._key

    def key_start(self) -> tuple[int, int]:
        """Line and column where ``key_loc`` starts, without making the key node (a
        plain key kept in this node is not made for it)."""
        key = self._key
        if key is not None:
            return key._line, key._col
        if self._kname is not None:
            return self._kline, self._kcol
        return self._line, self._col

    def span(self) -> list[int]:
        """``[line, col, end_line, end_col]``: where ``loc`` says the value is, without
        making a :class:`Location` (records keep positions as such lists)."""
        return [self._line, self._col, self._end_line, self._end_col]

    @property
    def file_path(self) -> str:
        """The path of the file the value was read from (``loc.path``, without a ``Location``)."""
        return self._path

    def __repr__(self) -> str:
        return f"Node({self.value!r} @ {self._line}:{self._col})"

    # -- shape helpers -------------------------------------------------------------
    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return not isinstance(self.value, (dict, list))

    @property
    def key_loc(self) -> Location:
        """Where the key of this entry is (its own location for non-entries)."""
        return self.key.loc if self.key is not None else self.loc

    def get(self, name: str) -> Node | None:
        """Child of a mapping, or None if absent or not a mapping."""
        value = self.value
        if isinstance(value, dict):
            return value.get(name)
        return None

    def path(self, *names: str) -> Node | None:
        """Follow mapping keys; None as soon as one is missing."""
        node: Node | None = self
        for name in names:
            if node is None:
                return None
            node = node.get(name)
        return node

    def items(self) -> Iterator[tuple[str, Node]]:
        if isinstance(self.value, dict):
            yield from self.value.items()

    def elements(self) -> Iterator[Node]:
        if isinstance(self.value, list):
            yield from self.value

    def text(self) -> str | None:
        """The scalar as Spark/Kubernetes would see it as a string (None for collections)."""
        v = self.value
        if type(v) is str:  # most scalars: str(v) would be v itself
            return v
        if isinstance(v, (dict, list)):
            return None
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    def plain(self) -> Any:
        """The value as plain Python data (positions dropped)."""
        v = self.value
        if isinstance(v, dict):
            return {k: c.plain() for k, c in v.items()}
        if isinstance(v, list):
            return [c.plain() for c in v]
        return v


_new_node = object.__new__


def located(
    value: Any, path: str, line: int, col: int, end_line: int, end_col: int,
    tag: str = "", unknown: bool = False,
) -> Node:
    """``Node(value, Location(path, line, col, end_line, end_col), None, tag, unknown)``
    without the intermediate ``Location``: what loaders call once per value."""
    node: Node = _new_node(Node)
    node.value = value
    node._path = path
    node._line = line
    node._col = col
    node._end_line = end_line
    node._end_col = end_col
    node._key = None
    node._kname = None
    node.tag = tag
    node.unknown = unknown
    return node
