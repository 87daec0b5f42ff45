"""A file's structure with exact character spans, for placing edits and checking them.

YAML and JSON are composed (composer only: no objects are constructed) so every
node has its start/end index and its style (quoted, plain, block, flow). Two
composers give the same spans: libyaml's C composer (:func:`compose`, the
default: a fix shown in JSON or SARIF output costs a fraction of what a
pure-Python composer costs) and ruamel.yaml's (:func:`compose_exact`), which
``--fix`` uses for the files it writes, as the reader :mod:`.verify` checks the
edited text with. A test holds the two to equal spans on every example file.
Each node also knows its *data path* (document index, then mapping keys and
sequence indices), which is how :mod:`.verify` compares the data before and
after an edit. The loader's locations (libyaml marks, 1-based)
and ruamel's marks (0-based) name the same characters, so a rule's Location
finds its node here by start position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from spotlint.load.textpos import SourceText
from spotlint.location import Location

PathItem = str | int
DataPath = tuple[PathItem, ...]


class TreeError(Exception):
    """The text cannot be composed (ruamel rejects it), so nothing in it is edited."""


@dataclass
class Span:
    """One composed node: where it is, what it is, and where it sits in the data."""

    start: int
    end: int
    kind: str  # "map", "seq" or "scalar"
    style: str | None  # scalars: None (plain), '"', "'", '|', '>'; collections: "flow"/"block"
    path: DataPath
    is_key: bool = False
    value: Any = None
    tag: str = ""
    entries: list[tuple[Span, Span]] = field(default_factory=list)
    items: list[Span] = field(default_factory=list)


@dataclass
class Tree:
    text: str
    source: SourceText
    documents: list[Span]
    spans: list[Span]

    def index(self, loc: Location) -> int:
        return self.source.index(loc.line, loc.col)

    def starting_at(self, loc: Location, kind: str | None = None) -> list[Span]:
        """The nodes that start at ``loc`` (an empty scalar never: nothing there to edit)."""
        at = self.index(loc)
        return [s for s in self.spans if s.start == at and (kind is None or s.kind == kind)
                and not _is_empty(s)]

    def scalar_containing(self, index: int) -> Span | None:
        inner = [s for s in self.spans if s.kind == "scalar" and s.start <= index < s.end]
        return min(inner, key=lambda s: s.end - s.start) if inner else None


try:  # pragma: no branch - libyaml is present on every supported platform wheel
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def compose(path: str, text: str) -> Tree:
    """Compose every document of ``text`` with libyaml; :class:`TreeError` if it cannot.

    libyaml's composer drops anchors (an alias is the anchored node itself), so
    anchors are looked for in the events when the text has an ``&`` at all:
    anchored nodes are refused here exactly as :func:`compose_exact` refuses them.
    """
    try:
        nodes = [n for n in yaml.compose_all(text, Loader=_Loader) if n is not None]
        if "&" in text and any(
            getattr(e, "anchor", None) for e in yaml.parse(text, Loader=_Loader)
        ):
            raise TreeError("anchored nodes (&name) are shared; they are not edited")
    except yaml.YAMLError as exc:
        raise TreeError(f"cannot read {path}: {exc}") from exc
    except RecursionError as exc:
        raise TreeError(f"cannot read {path}: nested too deeply") from exc
    return _tree(path, text, nodes)


def compose_exact(path: str, text: str) -> Tree:
    """Compose every document of ``text`` with ruamel.yaml (the reader ``--fix`` verifies
    with); raise :class:`TreeError` if ruamel cannot."""
    from ruamel.yaml import YAML

    reader = YAML(typ="rt", pure=True)
    reader.allow_duplicate_keys = False
    try:
        nodes = [n for n in reader.compose_all(text) if n is not None]
    except Exception as exc:  # ruamel raises many unrelated types for bad input
        raise TreeError(f"ruamel.yaml cannot read {path}: {exc}") from exc
    return _tree(path, text, nodes)


def _tree(path: str, text: str, nodes: list[Any]) -> Tree:
    spans: list[Span] = []
    documents = [_walk(node, (i,), spans, False) for i, node in enumerate(nodes)]
    _place_empty(text, documents)
    return Tree(text=text, source=SourceText(path, text), documents=documents, spans=spans)


def _is_empty(span: Span) -> bool:
    return span.kind == "scalar" and span.style is None and span.value == ""


def _place_empty(text: str, documents: list[Span]) -> None:
    """Give every empty value (``key:`` with nothing after it) one agreed place.

    The composers disagree on where an empty scalar is (libyaml: after the
    indicator or at the next token; ruamel: one or the other depending on
    comments and context): here it is just after the ``:`` of its key, or after
    the ``-`` (``[``, ``,``) before its sequence item. An empty scalar is never
    edited (:meth:`Tree.starting_at` passes over it); its place only tells
    where the line of its key ends when a key is added after it.
    """
    stack = list(documents)
    while stack:
        span = stack.pop()
        if span.kind == "map":
            for key, value in span.entries:
                if _is_empty(value):
                    at = _next_token(text, key.end)
                    value.start = value.end = at + 1 if text[at : at + 1] == ":" else key.end
                stack.append(value)
        elif span.kind == "seq":
            previous = span.start
            for item in span.items:
                if _is_empty(item):
                    at = _next_token(text, previous)
                    item.start = item.end = at + 1 if text[at : at + 1] in ("-", "[", ",") else at
                previous = item.end
                stack.append(item)


def _next_token(text: str, index: int) -> int:
    """``index`` moved past spaces, line breaks and comments."""
    size = len(text)
    while index < size:
        char = text[index]
        if char in " \t\r\n\ufeff":
            index += 1
        elif char == "#":
            while index < size and text[index] not in "\r\n":
                index += 1
        else:
            break
    return index


def _walk(node: Any, path: DataPath, spans: list[Span], is_key: bool) -> Span:
    """One node of either composer (both name the node classes and fields alike)."""
    start, end = node.start_mark.index, node.end_mark.index
    kind = type(node).__name__
    if kind == "MappingNode":
        span = Span(start, end, "map", "flow" if node.flow_style else "block", path)
        for key, value in node.value:
            if type(key).__name__ == "ScalarNode" and str(key.tag).endswith(":merge"):
                raise TreeError("merge keys (<<) are not edited")
            key_span = _walk(key, (*path, "\x00key"), spans, True)
            key_span.path = (*path, str(key.value))
            span.entries.append((key_span, _walk(value, (*path, str(key.value)), spans, False)))
    elif kind == "SequenceNode":
        span = Span(start, end, "seq", "flow" if node.flow_style else "block", path)
        span.items = [_walk(v, (*path, i), spans, False) for i, v in enumerate(node.value)]
    else:
        # libyaml writes a plain scalar's style as "", ruamel as None.
        style = node.style or None
        span = Span(start, end, "scalar", style, path, is_key, node.value, str(node.tag))
    if getattr(node, "anchor", None):
        raise TreeError("anchored nodes (&name) are shared; they are not edited")
    spans.append(span)
    return span
