"""Plain-value views of parsed trees and texts, for tests that compare two readers."""

from __future__ import annotations

from array import array
from typing import Any

from spotlint.load.textpos import LINE_BREAK


def shape(node: Any) -> Any:
    """A tree as plain values (each dataclass node's class name and fields, in order),
    so two parses compare with ``==`` and a difference prints readably."""
    if isinstance(node, list):
        return [shape(item) for item in node]
    if isinstance(node, tuple):
        return tuple(shape(item) for item in node)
    fields = getattr(node, "__dataclass_fields__", None) or _syntax_fields(node)
    if fields is None:
        return node
    return (type(node).__name__, *((name, shape(getattr(node, name))) for name in fields))


def node_shape(node: Any) -> Any:
    """Everything a rule can read of a located node (spotlint.location.Node), its key
    node's included, with each scalar's type: two loaders' trees compare with ``==``."""
    if node is None:
        return None
    here = (node.loc, node.tag, node.unknown, node_shape(node.key))
    if node.is_map:
        return here, {k: node_shape(v) for k, v in node.items()}
    if node.is_seq:
        return here, [node_shape(v) for v in node.elements()]
    return here, type(node.value).__name__, node.value


def _syntax_fields(node: Any) -> tuple[str, ...] | None:
    """The fields of an HCL syntax node (hand-written classes with ``FIELDS``, in the
    order of the dataclasses the reference reader still uses)."""
    from spotlint.load.hcl import _Syntax

    return type(node).FIELDS if isinstance(node, _Syntax) else None


def line_starts(text: str) -> array[int]:
    """Every line's start offset by a whole scan of the line breaks: the answer the
    lazy and newline-only line tables must give."""
    starts = array("q", [0])
    starts.extend(m.end() for m in LINE_BREAK.finditer(text))
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()
    return starts
