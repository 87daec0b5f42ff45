"""A value set on a scalar (:class:`~spotlint.rule.SetValue`), placed from the loader's nodes.

Setting a value rewrites one scalar: the splice reads where it starts and ends,
its quoting, and whether it is a mapping's key (a key is renamed). The composed
tree (:mod:`.tree`) gives those facts, but composing a file costs more than
the rest of its fixes; when the loader read the file plainly (no error,
anchor, alias or merge key: its positions are libyaml's own), the node that
starts where the change points gives the same facts: the start and end from
the node's position, the quoting from the character at its start.

A node gives no answer (the file is then composed as before) where its text is
not known from its position alone: an empty or null value, a collection, a tag,
an anchor or alias, a flow placeholder (``{VAR}``), a block scalar, and a
position where no node starts (a ``--conf`` item inside an argument string, a
key the loader dropped as a duplicate).
``tests/fix/test_fix_scalars.py`` holds the answers equal to the composed
tree's on every scalar of the examples, the rules' fixtures and the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

from spotlint.fix.nodes import Index
from spotlint.location import Location, Node

#: What setting a scalar reads of it: its start and end (a character index, the end
#: exclusive), its style (None: plain; ``"`` or ``'``) and whether it is a key.
Scalar = tuple[int, int, str | None, bool]

#: A scalar starting with one of these is left to the composer: a tag, an anchor, a
#: flow placeholder (``{VAR}``), a block scalar. (An alias's node is its anchor's.)
_REFUSED = frozenset("!&{|>")


def scalar_at(text: str, index: Index, documents: list[Node], at: Location) -> Scalar | None:
    """The scalar starting at ``at``, followed down from the documents through the
    last node (or key) starting at or before it at each level (None: the nodes give
    no answer, see the module's docstring)."""
    target = (at.line, at.col)
    children: Iterable[Node] = documents
    keyed = False
    while True:
        inside: Node | None = None
        inside_start = (0, 0)
        for child in children:
            if keyed:  # a mapping's entry: its key starts before its value
                name = child._kname
                if name is not None:  # a plain one-line key, kept in its value's node
                    if (child._kline, child._kcol) == target:
                        begin = index(child._kline, child._kcol)
                        return begin, begin + len(name), None, True  # its text is its name
                else:
                    key = child._key
                    if key is not None and (key._line, key._col) == target:
                        return _scalar(text, index, key, True)
            start = (child._line, child._col)  # the node's start, without a Location
            if start > target:
                break
            inside, inside_start = child, start
        if inside is None:
            return None
        value = inside.value
        if isinstance(value, dict):
            children, keyed = value.values(), True
        elif isinstance(value, list):
            children, keyed = value, False
        elif inside_start == target:
            return _scalar(text, index, inside, False)
        else:
            return None


def _scalar(text: str, index: Index, node: Node, is_key: bool) -> Scalar | None:
    """A quoted or plain scalar node's facts (None: not known from its position)."""
    value = node.value
    if value is None or isinstance(value, (dict, list)):
        return None
    start = index(node._line, node._col)
    char = text[start : start + 1]
    if char in _REFUSED:
        return None
    end = index(node._end_line, node._end_col) + 1
    return start, end, char if char == '"' or char == "'" else None, is_key
