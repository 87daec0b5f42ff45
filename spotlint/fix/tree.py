"""A file's structure with exact character spans, for placing edits and checking them.

YAML and JSON are composed with ruamel.yaml (composer only: no objects are
constructed) so every node has its start/end index and its style (quoted,
plain, block, flow). Each node also knows its *data path* (document index, then
mapping keys and sequence indices), which is how :mod:`.verify` compares the
data before and after an edit. The loader's locations (libyaml marks, 1-based)
and ruamel's marks (0-based) name the same characters, so a rule's Location
finds its node here by start position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

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
        at = self.index(loc)
        return [s for s in self.spans if s.start == at and (kind is None or s.kind == kind)]

    def scalar_containing(self, index: int) -> Span | None:
        inner = [s for s in self.spans if s.kind == "scalar" and s.start <= index < s.end]
        return min(inner, key=lambda s: s.end - s.start) if inner else None


def compose(path: str, text: str) -> Tree:
    """Compose every document of ``text``; raise :class:`TreeError` if ruamel cannot."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        nodes = [n for n in yaml.compose_all(text) if n is not None]
    except Exception as exc:  # ruamel raises many unrelated types for bad input
        raise TreeError(f"ruamel.yaml cannot read {path}: {exc}") from exc
    spans: list[Span] = []
    documents = [_walk(node, (i,), spans, False) for i, node in enumerate(nodes)]
    return Tree(text=text, source=SourceText(path, text), documents=documents, spans=spans)


def _walk(node: Any, path: DataPath, spans: list[Span], is_key: bool) -> Span:
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, MappingNode):
        span = Span(start, end, "map", "flow" if node.flow_style else "block", path)
        for key, value in node.value:
            if isinstance(key, ScalarNode) and str(key.tag).endswith(":merge"):
                raise TreeError("merge keys (<<) are not edited")
            key_span = _walk(key, (*path, "\x00key"), spans, True)
            key_span.path = (*path, str(key.value))
            span.entries.append((key_span, _walk(value, (*path, str(key.value)), spans, False)))
    elif isinstance(node, SequenceNode):
        span = Span(start, end, "seq", "flow" if node.flow_style else "block", path)
        span.items = [_walk(v, (*path, i), spans, False) for i, v in enumerate(node.value)]
    else:
        span = Span(start, end, "scalar", node.style, path, is_key, node.value, node.tag)
    if getattr(node, "anchor", None):
        raise TreeError("anchored nodes (&name) are shared; they are not edited")
    spans.append(span)
    return span
