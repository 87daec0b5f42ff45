"""A key inserted under a block mapping, placed from the loader's nodes.

Placing a fix composes its file again with libyaml (:mod:`.tree`): at 4,000
files most of that time goes to the parse events of the mappings keys go into
(a ``sparkConf``, a ``spec``), one Python object per value, though an inserted
key reads only five facts of its mapping (:data:`Block`) and whether the key is
already there (:func:`.resolve._insert_from_nodes` asks both). The loader built
those mappings already; when it read the file plainly (no error, anchor, alias
or merge key: the positions are libyaml's own), its nodes give the same facts:
a key's presence by lookup, the column and quoting from the text at the nodes'
starts, the end of the last entry's content from the node's end.

What the loader's mapping cannot show is checked on the text, and anything
this module cannot vouch for answers None (the file is then composed as
before): a duplicated key (the loader keeps one entry) adds a key line, so the
mapping's lines starting at its keys' column must number its entries and the
next token after its last entry's content must be less indented; keys that are
not strings, tags, flow collections, block scalars and empty values where a
fact is read from them are left to the composer. ``tests/fix/test_fix_nodes.py``
holds the splices equal to the composed tree's on every block mapping of the
examples, the rules' fixtures and the corpus."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spotlint.fix.tree import line_start, next_token
from spotlint.location import Location, Node

#: What a key inserted under a block mapping reads of it: the column of its keys,
#: its last key's style, its last scalar value's style, how far the file indents a
#: nested block mapping, and where its last entry's content ends. Read from the
#: loader's nodes here, or from a composed tree (:func:`.resolve._block`).
Block = tuple[int, str | None, str | None, int, int]
#: A text's character index of a 1-based line and column.
Index = Callable[[int, int], int]

#: Lines starting at a column (by column) with something other than a comment or
#: a block sequence entry: in a block mapping at that column, its keys. Each match
#: starts at the line break before such a line: a literal prefix, which the regular
#: expression engine finds by a fast search instead of trying every position (as a
#: multi-line ``^`` made it do).
_KEY_LINES: dict[int, re.Pattern[str]] = {}
#: A node starting with one of these is left to the composer: a tag, an anchor or
#: alias, a flow collection, an explicit key.
_REFUSED = frozenset("!&*{[?")
_QUOTES = {'"': '"', "'": "'"}


def mapping_at(documents: list[Node], at: Location) -> Node | None:
    """The mapping node that starts at ``at``, followed down from the documents through
    the last node starting at or before it at each level (None if none does). Ends
    are not compared: the loader moves an end at a line's start to the line before."""
    line, col = at.line, at.col
    children: Iterable[Node] = documents
    while True:
        inside: Node | None = None
        for child in children:
            # the node's start, without a Location (nor a tuple per child)
            start_line = child._line
            if start_line > line or (start_line == line and child._col > col):
                break
            inside = child
        if inside is None:
            return None
        value = inside.value
        if isinstance(value, dict):
            if inside._line == line and inside._col == col:
                return inside
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            return None


def refused(text: str, index: Index, node: Node) -> bool:
    """Does ``node`` start with a tag, an anchor or alias, a flow collection or an
    explicit key (what a composed tree may read otherwise than the loader)?"""
    at = index(node._line, node._col)
    return text[at : at + 1] in _REFUSED


def facts(text: str, index: Index, mapping: Node) -> Block | None:
    """What an inserted key reads of the block ``mapping`` (see :data:`Block`), or
    None when the nodes do not vouch for it (see the module's docstring)."""
    entries: dict[str, Node] = mapping.value
    if not entries:
        return None
    start = index(mapping._line, mapping._col)  # (its start, without a Location)
    if text[start : start + 1] in _REFUSED:
        return None
    indent = start - line_start(text, start)
    last = next(reversed(entries.values()))
    end = _last_content(text, index, last)
    if end is None:
        return None
    # The mapping ends with its last entry's content: the next token is less indented.
    after = next_token(text, end)
    if after < len(text) and after - line_start(text, after) >= indent and not (
            indent == 0 and text.startswith(("---", "..."), after)):
        return None
    # One key line per entry (a duplicated key would add one).
    line_end = text.find("\n", start)
    if line_end < 0 or line_end >= end:
        lines = 1
    else:
        lines = 1 + len(_key_lines(indent).findall(text, line_end, end))
    if lines != len(entries):
        return None
    step = 0
    for name, node in entries.items():
        # The entry's key is a string scalar, so its name is the composer's key text
        # (the loader names other keys by their value's text: ``0x10`` as ``16``). A
        # plain one-line string key the loader keeps in its value's node (``_kname``)
        # is one; another key is the node the loader made (``node.key``, read without
        # the property's call: every entry of the mapping is asked).
        if node._kname is None:
            key = node._key
            if key is None or type(key.value) is not str or key.value != name:
                return None
        if step:
            continue
        # (a plain node, most entries, asked here without a call: see _nonempty_mapping)
        if (type(node.value) is dict and node.value if type(node) is Node
                else _nonempty_mapping(text, index, node)):
            # the first nested block mapping indented further gives the step
            nested = index(node._line, node._col)
            char = text[nested : nested + 1]
            if char in _REFUSED:
                if char not in "{[":
                    return None
                continue  # a flow mapping: not the step of a block one
            diff = (nested - line_start(text, nested)) - indent
            if diff > 0:
                step = diff
    if last._kname is not None:  # a plain one-line key, kept in its value's node
        key_start = index(last._kline, last._kcol)
    else:
        key = last.key
        if key is None:
            return None
        key_start = index(key._line, key._col)
    key_char = text[key_start : key_start + 1]
    if key_char in _REFUSED or key_char in "|>":
        return None
    value_style: str | bool | None = None
    for node in reversed(entries.values()):
        if _unread_kind(text, index, node) is None and not isinstance(node.value, (dict, list)):
            value_style = _scalar_style(text, index, node)
            if value_style is False:
                return None
            break
    return indent, _QUOTES.get(key_char), value_style, step or 2, end  # type: ignore[return-value]


#: What may follow a ``-`` that opens a block sequence's entry (libyaml's blanks and
#: line breaks); after anything else, a ``-`` begins a plain scalar.
_ENTRY_FOLLOWERS = frozenset(" \t\r\n\x85\u2028\u2029")


def _unread_kind(text: str, index: Index, node: Node) -> type | None:
    """``dict`` or ``list``: the type of the value of ``node`` when it is the stand-in
    of a subtree the loader skipped, not built yet (:mod:`spotlint.load.skipping`),
    read from the text at its start; None for any other node, and for a stand-in
    starting with ``{`` (a flow mapping ``{NAME}`` is a sed placeholder: a string).

    Reading a stand-in's value parses its text: at 1,000 files, 33 of the 61 read while
    placing fixes were read only to learn whether they are mappings. A skipped
    collection holds no tag, anchor or alias, so it starts as its kind does: a flow
    sequence with ``[``, a block sequence with ``-`` and a blank, a block mapping (never
    empty) otherwise."""
    if type(node) is Node:
        return None
    from spotlint.load.skipping import StandIn  # (loaded already where stand-ins exist)

    if type(node) is not StandIn:
        return None
    at = index(node._line, node._col)
    char = text[at : at + 1]
    if char == "{":
        return None
    if char == "[" or (char == "-" and (at + 1 == len(text)
                                        or text[at + 1] in _ENTRY_FOLLOWERS)):
        return list
    return dict


def _nonempty_mapping(text: str, index: Index, node: Node) -> bool:
    """``type(node.value) is dict and node.value``, without building a stand-in whose
    kind its text tells (:func:`_unread_kind`)."""
    kind = _unread_kind(text, index, node)
    if kind is not None:
        return kind is dict
    return type(node.value) is dict and bool(node.value)


def _scalar_style(text: str, index: Index, node: Node) -> str | bool | None:
    """The composer's style of a scalar node (None: plain), or False when it is not
    known from the text at its start (a tag, anchor, alias or flow placeholder)."""
    at = index(node._line, node._col)
    char = text[at : at + 1]
    if char in _REFUSED:
        return False
    if node.value is None:  # null or empty: plain either way
        return None
    if char in "\"'|>":
        return char
    return None


def _last_content(text: str, index: Index, node: Node) -> int | None:
    """Where the content of ``node`` ends, as the composer's walk finds it (None: not
    known from the node: an empty or block scalar, a tag...)."""
    while True:
        value = node.value
        start = index(node._line, node._col)
        char = text[start : start + 1]
        if isinstance(value, (dict, list)):
            if char in "{[":  # a flow collection ends at its closing bracket
                end = index(node._end_line, node._end_col) + 1
                return end if text[end - 1 : end] in ("}", "]") else None
            if char in _REFUSED or not value:
                return None
            node = list(value.values())[-1] if isinstance(value, dict) else value[-1]
            continue
        if value is None or char in _REFUSED or char in "|>":
            return None
        end = index(node._end_line, node._end_col) + 1
        return end if text[end - 1 : end] not in ("", " ", "\t", "\r", "\n") else None


def _key_lines(column: int) -> re.Pattern[str]:
    found = _KEY_LINES.get(column)
    if found is None:
        found = _KEY_LINES.setdefault(
            column, re.compile(rf"\n {{{column}}}(?:[^\s#-]|-\S)"))
    return found
