"""YAML (and JSON) to located trees, on libyaml's C composer.

Only the composer runs on untrusted text: it builds a node graph with marks and
never constructs objects. This module then turns nodes into :class:`Node` values
itself, accepting only the standard YAML tags. CloudFormation short-form tags
(``!Ref``, ``!Sub``...) and other local tags become *unknown* values; global
tags outside the YAML core set (``!!python/object``...) are refused with SL001.
Aliases are converted once and shared, and their expansion is counted so a
"billion laughs" document stops at a limit instead of exhausting memory.
"""

from __future__ import annotations

import re

from spotlint.load import yaml_events
from spotlint.load.base import MAX_DEPTH_CEILING, LimitExceeded, Limits, LoadedFile, LoadError
from spotlint.load.placeholders import has_placeholder
from spotlint.load.pyyaml import yaml
from spotlint.load.textpos import SourceText
from spotlint.location import Location, Node, located

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.load.skipping import Source

try:  # pragma: no branch - libyaml is present on every supported platform wheel
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]
#: The safe loaders' resolver (without path resolvers it holds no state between
#: questions), asked for the tags of untagged values. The parse itself needs only
#: libyaml's parser: a whole ``CSafeLoader`` per file also set up a constructor
#: and a resolver that were never used.
_RESOLVER: Any = yaml.resolver.Resolver()

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _MERGE = _CORE + "map", _CORE + "seq", _CORE + "merge"
_NUMERIC = {_INT, _FLOAT, _BOOL}
#: Longer int/float scalars stay text (see ``_Builder._scalar``).
_MAX_NUMBER_CHARS = 64
_KEPT_AS_TEXT = {_CORE + t for t in ("timestamp", "binary", "value", "yaml")}
_COLLECTIONS = {_MAP, _SEQ, _CORE + "omap", _CORE + "set", _CORE + "pairs"}
_ALLOWED = _COLLECTIONS | _KEPT_AS_TEXT | {_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
#: First characters of the plain texts the resolver may read as anything but a string
#: (its implicit resolvers are looked up by a text's first character); None when it
#: may read any text so (a resolver for every first character, or by path).
_PLAIN_FIRST: frozenset[str] | None = (
    None if None in _RESOLVER.yaml_implicit_resolvers or _RESOLVER.yaml_path_resolvers
    else frozenset(_RESOLVER.yaml_implicit_resolvers))
#: Interpreted scalars by (event tag, implicit flags, text): keys and values repeat
#: across a repository's files (``name``, ``spec``, ``true``, ``spark.executor.cores``),
#: and resolving and converting each costs a regex pass and a constructor call. The
#: answer depends on nothing else (``_RESOLVER``'s resolvers are fixed), and values
#: are immutable. Bounded: only short texts, and at most this many entries.
_SCALARS: dict[tuple[Any, Any, str], tuple[Any, str, bool, bool, int]] = {}
#: Untagged scalars that are not plain (quoted, literal, folded: every string of a JSON
#: file), by their text alone: their implicit flags are then always (False, True), and
#: a text key is cheaper to make, hash and compare than a tuple (the two bounded
#: together, as above).
_QUOTED: dict[str, tuple[Any, str, bool, bool, int]] = {}
_SCALAR_CACHE_SIZE = 1 << 16
_SCALAR_CACHE_CHARS = 120
#: What the builder reads events as (:mod:`.yaml_events`): a scalar a tuple, a
#: collection's start a list, its end its end mark; an alias PyYAML's event.
_ALIAS_EVENT, _MARK = yaml.AliasEvent, yaml_events.MARK
#: Characters libyaml counts as line breaks and spotlint (like editors) does not.
_EXOTIC_BREAKS = "\x85\u2028\u2029"
#: A document root's table (:attr:`_Frame.table`) until its kind is known.
_ROOT: dict[str, Any] = {}
#: A skip table's leaf (:data:`spotlint.load.skipping.SKIP`).
SKIP = ...
_new_object = object.__new__
_set_value = Node.__dict__["value"].__set__
_set_unknown = Node.__dict__["unknown"].__set__


class _Frame:
    """A mapping or sequence being built: its items so far and what they expand to.

    ``open`` is set when a key is a template placeholder (``${KEY}: v``): the
    mapping may then hold keys nobody can name before rendering, so it is unknown.

    What an anchored collection expands to (its *size*, what each alias of it adds
    to ``max-alias-expansion``'s count) is the number of values made from its start
    to its end, itself included, plus what the aliases inside it expanded to: the
    builder's two counters at its end less their values at its start (``first``,
    ``expanded``: the latter kept only for an anchored collection). No count is
    kept per collection while its values come.
    """

    __slots__ = ("anchor", "expanded", "first", "flow", "is_map", "items", "key", "key_col",
                 "key_line", "key_name", "local_tag", "open", "start", "table", "tag")

    # Made by ``_Builder.document`` with its fields stored there (one per collection
    # of every file read: a call per frame cost more than the stores).
    start: Any  # the start's mark
    anchor: str | None
    is_map: bool
    flow: bool | None  # the start event's flow style: None, True or False
    #: the local tag (set only when ``local_tag``: no other tag is kept in the node)
    tag: str
    local_tag: bool
    items: dict[str, Node] | list[Node]
    key: Node | None
    #: A plain one-line string key waiting for its value, kept without a node
    #: (see :class:`~spotlint.location.Node`): its text, line and column.
    key_name: str | None
    key_line: int
    key_col: int
    #: the builder's node count once this collection's own node was counted, and its
    #: alias expansion count at the start (both set only when ``anchor`` is)
    first: int
    expanded: int
    open: bool
    #: What may be skipped below (:mod:`.skipping`): the trie of this collection's
    #: children, ``_ROOT`` for a document's root until its kind is known, else None.
    table: Any


class _Builder:
    """Builds located Node trees straight from libyaml's parse events.

    Working from events rather than from the composer's node graph means no
    intermediate graph is held in memory, nesting is tracked on an explicit
    stack (no recursion, so any depth is safe to *read* and refused at the
    limit), and every node is counted as it is made, so a file that would need
    too many nodes stops at ``max-nodes`` instead of exhausting memory.
    """

    def __init__(
        self, path: str, limits: Limits, loader: Any, source: SourceText | None = None
    ) -> None:
        self.path = path
        self.limits = limits
        self.loader = loader
        #: Set when libyaml's lines differ from spotlint's (see ``_EXOTIC_BREAKS``).
        self.source = source
        self.nodes = 0
        # A configuration file could ask for more; later stages would then recurse too deep.
        self.max_depth = min(limits.max_depth, MAX_DEPTH_CEILING)
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.expanded = 0
        #: Some document had an anchor (hence maybe aliases) or a merge key: nodes
        #: a fix does not edit (see :attr:`LoadedFile.plain_parse`).
        self.shared = False
        #: Where stand-ins read their values from when subtrees are skipped
        #: (:mod:`.skipping`), else None; and the index the next document will have.
        self.skip: Source | None = None
        self.index = 0

    def loc(self, start: Any, end: Any) -> Location:
        if self.source is not None:  # from character offsets, which libyaml gets right
            line, col = self.source.position(start.index)
            end_line, end_col = self.source.position(end.index)
            end_col -= 1
        else:
            line, col = start.line + 1, start.column + 1
            end_line, end_col = end.line + 1, end.column
        if end_col == 0 and end_line > line:
            end_line -= 1
            end_col = 1
        return Location(self.path, line, col, end_line, max(end_col, 1))

    def node(self, value: Any, start: Any, end: Any, tag: str, unknown: bool) -> Node:
        """A node spanning the marks ``start`` to ``end`` (see :meth:`loc`)."""
        if self.source is not None:
            loc = self.loc(start, end)
            return Node(value, loc, None, tag, unknown)
        line, end_line, end_col = start.line + 1, end.line + 1, end.column
        if end_col == 0 and end_line > line:
            end_line -= 1
            end_col = 1
        return located(value, self.path, line, start.column + 1, end_line, end_col or 1,
                       tag, unknown)

    def _tag(
        self, tag: str | None, value: str | None, implicit: Any, start: Any,
        kind: type[yaml.Node],
    ) -> tuple[str, bool]:
        """The full tag of a value (``value``: a scalar's text, else None) and whether it
        is local; a global tag outside the YAML core set is refused."""
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(kind, value, implicit)
        tag = tag or ""
        local_tag = tag.startswith("!") and not tag.startswith("!!")
        if tag and not local_tag and tag not in _ALLOWED:
            raise LimitExceeded(f"unsupported YAML tag {tag!r}", *_position(start))
        return tag, local_tag

    def document(self) -> Node | None:
        """The next document's root (None for an empty one); the events after it stay unread.

        The loop runs once per value of every file read, so the common case (a
        scalar, positions straight from libyaml's marks) is written out here
        instead of in helper methods, with the innermost open collection (``top``)
        and the node count held in local variables. Events are read in the shapes
        :mod:`.yaml_events` gives them.
        """
        self.anchors.clear()
        self.expanded = 0
        stack: list[_Frame] = []
        root_table = document_table = None
        if self.skip is not None:
            document_table = self.skip.document_table
            root_table = _ROOT
        top: _Frame | None = None
        # the next event in those shapes: as the parser makes them inside
        # ``yaml_events.begin()``, else converted one by one
        get_event = (self.loader.get_event if yaml_events.in_effect(self.loader)
                     else self._plain_event)
        max_depth = self.max_depth
        too_deep = max_depth < 0  # ``len(stack) > max_depth``, kept as the stack changes
        max_nodes = self.limits.max_nodes
        nodes = self.nodes  # written back when the document ends (an error ends the file)
        path = self.path
        plain_marks = self.source is None
        scalars, quoted = _SCALARS, _QUOTED
        new_node = new_frame = object.__new__
        node: Node
        # (each way round the loop reads the next event at its end: the key of a
        # mapping entry may have read it already, see below)
        event = get_event()
        while True:
            cls = type(event)
            if cls is tuple:  # a scalar
                anchor, event_tag, implicit, raw, start, end, style = event
                if too_deep:
                    raise _too_deep_at(max_depth, start)
                # An untagged scalar (nearly all) is memoized by its text alone, the
                # plain ones and the others apart: its tag and implicit flags are then
                # always the same. (A long text is looked for too, though never
                # stored: one question less for the short ones, which are nearly all.)
                hit = ((quoted if style else scalars).get(raw) if event_tag is None
                       else scalars.get((event_tag, implicit, raw)))
                if hit is None:
                    hit = _remembered(self, event)  # refuses a bad tag before the count
                nodes += 1
                if nodes > max_nodes:
                    raise LimitExceeded(
                        f"more than max-nodes={max_nodes} values", *_position(start)
                    )
                value, tag, unknown, keyable, width = hit
                if plain_marks:  # ``located()``, written out
                    line = start.line + 1
                    col = start.column + 1
                    # (``width``: a plain text on one line, see ``_interpret``, ends
                    # where its start and length say: its end mark is not asked)
                    if (keyable and top is not None and top.is_map and top.key is None
                            and top.key_name is None and anchor is None
                            and (width or end.line + 1 == line)):
                        # A plain one-line string key: its value's node keeps it. An
                        # untagged, unanchored scalar value (most values) is read right
                        # here, as below, with the key in local variables; any other
                        # value is read round the loop, the key waiting in the frame.
                        # So is the next key of this mapping, when it is one such as
                        # this (most are): the checks of ``top`` above hold for it as
                        # they held for this one (a mapping with no key waiting, which
                        # the loop leaves as it found it; no deeper than this one).
                        pairs: dict[str, Node] = top.items  # type: ignore[assignment]
                        while True:
                            event = get_event()
                            if type(event) is not tuple:
                                waiting = True
                                break
                            anchor, event_tag, implicit, raw, start, end, style = event
                            if anchor is not None or event_tag is not None:
                                waiting = True
                                break
                            name, key_line, key_col = value, line, col
                            hit = (quoted if style else scalars).get(raw)
                            if hit is None:
                                hit = _remembered(self, event)
                            nodes += 1
                            if nodes > max_nodes:
                                raise LimitExceeded(
                                    f"more than max-nodes={max_nodes} values",
                                    *_position(start),
                                )
                            value, tag, unknown, keyable, width = hit
                            line = start.line + 1
                            col = start.column + 1
                            if width:
                                end_line = line
                                end_col = col - 1 + width
                            else:
                                end_line = end.line + 1
                                end_col = end.column
                                if end_col == 0:
                                    if end_line > line:
                                        end_line -= 1
                                    end_col = 1
                            node = new_node(Node)
                            node.value = value
                            node._path = path
                            node._line = line
                            node._col = col
                            node._end_line = end_line
                            node._end_col = end_col
                            node._key = None
                            node.tag = tag
                            node.unknown = unknown
                            node._kname = name
                            node._kline = line if key_line == line else key_line
                            node._kcol = key_col
                            pairs[name] = node
                            # The next event: a plain one-line key of this mapping, known
                            # to the memo (else it is read round the loop, as any event).
                            event = get_event()
                            if type(event) is not tuple:
                                waiting = False
                                break
                            anchor, event_tag, implicit, raw, start, end, style = event
                            if anchor is not None or event_tag is not None:
                                waiting = False
                                break
                            hit = (quoted if style else scalars).get(raw)
                            if hit is None or not hit[3]:  # (not keyable)
                                waiting = False
                                break
                            line = start.line + 1
                            if not hit[4] and end.line + 1 != line:  # (not on one line)
                                waiting = False
                                break
                            nodes += 1
                            if nodes > max_nodes:
                                raise LimitExceeded(
                                    f"more than max-nodes={max_nodes} values",
                                    *_position(start),
                                )
                            value = hit[0]
                            col = start.column + 1
                        if waiting:  # (the event after the key is not a plain scalar)
                            top.key_name = value
                            top.key_line = line
                            top.key_col = col
                        continue  # (the event is read round the loop)
                    if width and anchor is None:  # (an anchor is where its start mark is)
                        end_line = line
                        end_col = col - 1 + width
                    else:
                        end_line = end.line + 1
                        end_col = end.column
                        if end_col == 0:
                            if end_line > line:
                                end_line -= 1
                            end_col = 1
                    node = new_node(Node)
                    node.value = value
                    node._path = path
                    node._line = line
                    node._col = col
                    node._end_line = end_line
                    node._end_col = end_col
                    node._key = None
                    node.tag = tag
                    node.unknown = unknown
                    if top is not None and anchor is None:
                        # The two common places of an unanchored scalar, stored as the
                        # end of the loop would (below): the value of a plain key (a
                        # frame has a key name only when it is a mapping) or an item.
                        name = top.key_name
                        if name is not None:
                            top.key_name = None
                            node._kname = name
                            key_line = top.key_line
                            node._kline = line if key_line == line else key_line
                            node._kcol = top.key_col
                            top.items[name] = node  # type: ignore[call-overload]
                            event = get_event()
                            continue
                        if not top.is_map:
                            node._kname = None
                            top.items.append(node)  # type: ignore[union-attr]
                            event = get_event()
                            continue
                    node._kname = None
                else:
                    node = Node(value, self.loc(start, end), None, tag, unknown)
                if top is None and value is None and not raw:
                    self.nodes = nodes
                    return None  # an empty document (a trailing ``---``)
                if anchor is not None:
                    self.anchors[anchor] = (node, 1)
            elif cls is _MARK:  # the end of the innermost collection
                frame = stack.pop()
                top = stack[-1] if stack else None
                # (the stack was no deeper than ``max_depth`` when this one was pushed)
                too_deep = False
                name = _sed_placeholder(frame, event) if frame.flow else None
                if name is not None:  # ``{VAR}``, filled by sed: a value, not a mapping
                    node = self.node("{" + name + "}", frame.start, event, "", True)
                elif plain_marks:  # ``self.node()``, written out
                    start, end = frame.start, event
                    line, end_line, end_col = start.line + 1, end.line + 1, end.column
                    if end_col == 0 and end_line > line:
                        end_line -= 1
                        end_col = 1
                    node = new_node(Node)
                    node.value = frame.items
                    node._path = path
                    node._line = line
                    node._col = start.column + 1
                    node._end_line = end_line
                    node._end_col = end_col or 1
                    node._key = None
                    node._kname = None
                    local_tag = frame.local_tag
                    node.tag = frame.tag if local_tag else ""
                    node.unknown = local_tag or frame.open
                else:
                    node = self.node(
                        frame.items, frame.start, event,
                        frame.tag if frame.local_tag else "", frame.local_tag or frame.open,
                    )
                if frame.anchor is not None:  # its size: see ``_Frame``
                    self.anchors[frame.anchor] = (
                        node, nodes - frame.first + 1 + self.expanded - frame.expanded)
            elif cls is list:  # the start of a mapping or a sequence
                anchor, event_tag, implicit, start, flow, is_map = event
                if too_deep:
                    raise _too_deep_at(max_depth, start)
                if event_tag is None:  # (the resolver's _MAP or _SEQ: no path resolvers)
                    local_tag = False
                else:
                    tag, local_tag = self._tag(
                        event_tag, None, implicit, start,
                        yaml.MappingNode if is_map else yaml.SequenceNode,
                    )
                nodes += 1
                if nodes > max_nodes:
                    raise LimitExceeded(
                        f"more than max-nodes={max_nodes} values", *_position(start)
                    )
                table: Any
                if top is None:
                    table = root_table
                else:
                    table = top.table
                    if table is not None:  # (a path some subtree below may be skipped at)
                        if table is _ROOT:  # (the root: a mapping, or nothing is skipped)
                            table = (document_table(top.items)  # type: ignore[arg-type,misc]
                                     if top.is_map else None)
                            items = top.items
                            if "kind" in items and "apiVersion" in items:  # (known)
                                top.table = table
                        if table is not None:
                            name = top.key_name if top.is_map else "[]"
                            table = table.get(name if name is not None else _child_key(top))
                if (table is not SKIP or anchor is not None or event_tag is not None
                        or not plain_marks):
                    # a frame (see ``_Frame``), its fields stored here: no call
                    top = new_frame(_Frame)
                    top.start = start
                    top.anchor = anchor
                    top.is_map = is_map
                    top.flow = flow  # (True, False or None: read for its truth)
                    top.local_tag = local_tag
                    if local_tag:  # (the only tag the node keeps)
                        top.tag = tag
                    top.items = {} if is_map else []
                    top.key = None
                    top.key_name = None  # (``key_line``, ``key_col``: set with it)
                    if anchor is not None:
                        top.first = nodes
                        top.expanded = self.expanded
                    top.open = False
                    top.table = table if table is not SKIP else None
                    stack.append(top)
                    too_deep = len(stack) > max_depth
                    event = get_event()
                    continue
                # skipped (:mod:`.skipping`): its stand-in is stored as any collection
                node, nodes = self.skipped(stack, start, nodes, get_event)
            elif cls is _ALIAS_EVENT:
                known = self.anchors.get(event.anchor or "")
                if known is None:
                    raise LimitExceeded(
                        f"invalid YAML: found undefined alias {event.anchor!r}",
                        *_position(event.start_mark),
                    )
                node, size = known
                # Reusing an anchored node costs as much as the tree it expands to.
                self.expanded += size
                if self.expanded > self.limits.max_alias_expansion:
                    raise LimitExceeded(
                        "alias expansion above "
                        f"max-alias-expansion={self.limits.max_alias_expansion}",
                        *_position(event.start_mark),
                    )
            else:  # pragma: no cover - the parser only nests the events above here
                raise LimitExceeded(f"invalid YAML: unexpected {type(event).__name__}")
            if top is None:
                self.nodes = nodes
                return node
            frame = top
            if not frame.is_map:
                frame.items.append(node)  # type: ignore[union-attr]
            elif frame.key_name is not None:  # the value of a plain key
                name = frame.key_name
                if node._kname is None and node._key is None:  # not an alias's node
                    frame.key_name = None
                    node._kname = name
                    key_line = frame.key_line
                    node._kline = node._line if key_line == node._line else key_line
                    node._kcol = frame.key_col
                    frame.items[name] = node  # type: ignore[call-overload]
                else:  # the key gets a node of its own, as any other key
                    frame.key_name = None
                    frame.key = located(name, path, frame.key_line, frame.key_col,
                                        frame.key_line, frame.key_col + len(name) - 1)
                    self._add(frame, node)
            elif frame.key is None:  # a key: held until its value comes
                frame.key = node
            else:
                key = frame.key
                # (``node.key`` and its setter, written out: no property calls)
                if (key.unknown or key.tag == "merge" or node._key is not None
                        or node._kname is not None):
                    self._add(frame, node)
                else:  # the common entry, as ``_add`` stores it
                    frame.key = None
                    node._key = key
                    name = key.value
                    entries: dict[str, Node] = frame.items  # type: ignore[assignment]
                    entries[name if type(name) is str else key.text() or ""] = node
            event = get_event()

    def skipped(
        self, stack: list[_Frame], start: Any, nodes: int, get_event: Any,
    ) -> tuple[Node, int]:
        """The stand-in (:mod:`.skipping`) of the collection starting at ``start`` (its
        start event read, and counted in ``nodes``), its events read to its end; and the
        node count as building it would leave it. Raises :class:`_Unskip`
        where building it could matter outside it: an anchor, alias, tag or merge key in
        it, an anchor on its path, more than ``max-nodes`` values or an event deeper
        than ``max-depth`` (the build reports those at their places).

        Its value until read (:data:`~.skipping.Pending`): the file, the index of its
        document, where its text starts and ends, the values it holds."""
        max_depth = self.max_depth
        first = nodes - 1  # (the count before the start)
        outer = len(stack)
        depth = outer + 1  # (as long as the stack would be, were it built)
        source = self.skip
        assert source is not None
        if not source.plain:
            for frame in stack:
                if frame.anchor is not None:
                    raise _Unskip
        else:
            # A text without ``&``, ``!`` or ``<<`` holds no anchor, tag or merge key
            # (an alias is an event of its own type): the events' types are enough.
            # (An event deeper than ``max-depth`` is read again when a collection
            # deeper than that opens: the build then says whether one raises.)
            if depth > max_depth:
                raise _Unskip
            while True:
                event = get_event()
                cls = type(event)
                if cls is tuple:
                    nodes += 1
                elif cls is list:
                    nodes += 1
                    depth += 1
                    if depth > max_depth:
                        raise _Unskip
                elif cls is _MARK:
                    depth -= 1
                    if depth == outer:
                        break
                else:
                    raise _Unskip
        if not source.plain:
            while True:
                event = get_event()
                cls = type(event)
                if cls is tuple:
                    if (depth > max_depth or event[0] is not None or event[1] is not None
                            or event[3] == "<<"):
                        raise _Unskip
                    nodes += 1
                elif cls is list:
                    if depth > max_depth or event[0] is not None or event[1] is not None:
                        raise _Unskip
                    nodes += 1
                    depth += 1
                elif cls is _MARK:
                    depth -= 1
                    if depth == outer:
                        break
                else:
                    raise _Unskip
        if nodes > self.limits.max_nodes:
            raise _Unskip
        # (the slots the end of a collection sets, see ``document``)
        line, end_line, end_col = start.line + 1, event.line + 1, event.column
        if end_col == 0 and end_line > line:
            end_line -= 1
            end_col = 1
        node: Node = _new_object(source.stand_in)
        _set_value(node, (source, self.index, start.index, event.index, nodes - first))
        node._path = self.path
        node._line = line
        node._col = start.column + 1
        node._end_line = end_line
        node._end_col = end_col or 1
        node._key = None
        node._kname = None
        node.tag = ""
        _set_unknown(node, False)
        return node, nodes

    def _plain_event(self) -> Any:
        return yaml_events.plain(self.loader.get_event())

    def _add(self, frame: _Frame, node: Node) -> None:
        items = frame.items
        if isinstance(items, list):
            items.append(node)
            return
        key = frame.key
        if key is None:
            frame.key = node
            return
        frame.key = None
        if key.unknown:
            frame.open = True
        if key.tag == "merge":
            self.shared = True
            sources = [node] if node.is_map else [m for m in node.elements() if m.is_map]
            for source in sources:
                for name, value in source.items():
                    items.setdefault(name, value)
            return
        if node.key is not None and node.key is not key:
            node = Node(node.value, node.loc, key, node.tag, node.unknown)  # shared by an alias
        else:
            node.key = key
        items[key.text() or ""] = node

    def _interpret(self, event: Any) -> tuple[Any, str, bool, bool, int]:
        """A scalar's value, short tag, whether it is unknown, whether, as a mapping
        key, its value's node may keep it (a plain untagged non-empty string: see
        :class:`~spotlint.location.Node`), and its width when it is a plain untagged
        text on one line (else 0). A function of its text, tag and
        plainness alone (the implicit flags are (True, False) exactly for a plain
        scalar without a tag), hence memoized in ``_SCALARS``. ``event`` is the
        scalar's tuple (:mod:`.yaml_events`).

        Each distinct text of a process comes here once (about 2,000 per process of
        a split run over the Spark-heavy 1k corpus), and asking the resolver cost
        most of ~11,000 instructions each: an untagged text the resolver leaves a
        string without looking at it (quoted or block text, or a plain one whose
        first character no implicit resolver looks at: ``_PLAIN_FIRST``), or whose
        patterns for its first character all fail (``name``, ``true-ish``), is read
        here as :meth:`_resolved` would read it."""
        _, event_tag, implicit, raw, _, _, style = event
        if event_tag is None and (not implicit[0] or (
                raw != "" and _PLAIN_FIRST is not None
                and (raw[0] not in _PLAIN_FIRST or _read_as_text(raw)))):
            # (no call for a text without the characters every placeholder holds)
            unknown = ("$" in raw or "{" in raw or "<" in raw or "%" in raw) and has_placeholder(
                raw)
            plain = not style
            return (raw, "", unknown, plain and implicit[0] and not unknown,
                    len(raw) if plain and " " not in raw and "\n" not in raw else 0)
        return self._resolved(event)

    def _resolved(self, event: Any) -> tuple[Any, str, bool, bool, int]:
        """:meth:`_interpret`'s answer through the resolver, for any scalar."""
        _, event_tag, implicit, raw, start, _, style = event
        tag, local_tag = self._tag(event_tag, raw, implicit, start, yaml.ScalarNode)
        if local_tag:
            return raw, tag, True, False, 0
        value: Any = raw
        # Numbers are converted only when short: YAML 1.1 sexagesimal ints
        # (``1:2:3:...``) cost quadratic time in PyYAML's constructor, and
        # sexagesimal floats can overflow.
        if tag in _NUMERIC and len(raw) <= _MAX_NUMBER_CHARS:
            node = yaml.ScalarNode(tag, raw)
            try:
                if tag == _INT:
                    value = _CONSTRUCTOR.construct_yaml_int(node)
                elif tag == _FLOAT:
                    value = _CONSTRUCTOR.construct_yaml_float(node)
                else:
                    value = _CONSTRUCTOR.construct_yaml_bool(node)
            except Exception:
                # ``!!bool maybe`` is a KeyError and ``!!int ""`` an IndexError in
                # PyYAML's constructors, which assume resolver-checked text. A core
                # tag on text it does not fit keeps the text, as ``!!int abc`` does.
                value = raw
        elif tag == _NULL:
            value = None
        unknown = isinstance(value, str) and has_placeholder(value)
        short = "" if tag == _STR else tag.rsplit(":", 1)[-1]
        keyable = (tag == _STR and not unknown and bool(raw) and event_tag is None
                   and implicit[0] and not style)
        width = 0
        if not style and event_tag is None and " " not in raw and "\n" not in raw:
            # A plain scalar's text is its source, but for its line breaks: folding
            # them leaves a space or a line feed (libyaml's other breaks, U+2028 and
            # U+2029, are kept as they are, but a text holding one is never read with
            # libyaml's lines: see ``_EXOTIC_BREAKS``). A text without either was on
            # one line, and ends as many characters after its start as it holds
            # (libyaml counts columns in characters).
            width = len(raw)
        return value, short, unknown, keyable, width


def _remembered(builder: _Builder, event: Any) -> tuple[Any, str, bool, bool, int]:
    """:meth:`_Builder._interpret`'s answer for a scalar the memos lack (its first
    sighting), stored in the memo :meth:`_Builder.document` looks it up in: an
    untagged scalar by its text (quoted, block and plain ones apart), any other by
    (tag, implicit flags, text). Short texts only, and at most ``_SCALAR_CACHE_SIZE``
    entries in the two memos together."""
    hit = builder._interpret(event)
    _, event_tag, implicit, raw, _, _, style = event
    if len(raw) <= _SCALAR_CACHE_CHARS and len(_SCALARS) + len(_QUOTED) < _SCALAR_CACHE_SIZE:
        if event_tag is None:
            (_QUOTED if style else _SCALARS)[raw] = hit
        else:
            _SCALARS[(event_tag, implicit, raw)] = hit
    return hit


def _read_as_text(raw: str) -> bool:
    """Does the resolver leave plain ``raw`` (not empty) a string? None of its implicit
    resolvers' patterns for the first character matches (as ``Resolver.resolve`` asks
    them, with no resolver for every character: see ``_PLAIN_FIRST``)."""
    for _, pattern in _RESOLVER.yaml_implicit_resolvers.get(raw[0], ()):
        if pattern.match(raw):
            return False
    return True


_SED_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _sed_placeholder(frame: _Frame, end: Any) -> str | None:
    """``NAME`` when a flow mapping is exactly ``{NAME}`` (a sed-style placeholder).

    YAML reads ``region: {REGION}`` as a mapping of ``REGION`` to null; in a
    template filled by sed it is a value nobody knows yet.
    """
    if not frame.flow or not frame.is_map or len(frame.items) != 1 or frame.anchor:
        return None
    assert isinstance(frame.items, dict)
    (name, value), = frame.items.items()
    # (a skipped collection, whose node is not a plain Node, is not null: its value is
    # not read, see :mod:`.skipping`)
    if (type(value) is not Node or value.value is not None
            or not _SED_NAME.fullmatch(name)):
        return None
    return name if end.index - frame.start.index == len(name) + 2 else None


_SKIPPING: list[Any] = []


def _skipping() -> Any:
    """:mod:`.skipping`, imported when first asked for (not at start-up, before a split
    run's fork: most commands never skip)."""
    if not _SKIPPING:
        from spotlint.load import skipping

        _SKIPPING.append(skipping)
    return _SKIPPING[0]


class _Unskip(Exception):
    """Raised inside a skipped subtree whose build could matter outside it (see
    :meth:`_Builder.skipped`): the file is read again without skipping."""


def _child_key(frame: _Frame) -> str | None:
    """The name the collection being read inside ``frame`` will have there: the text of
    its key (a string) in a mapping, ``"[]"`` in a sequence; None for a mapping's key
    of another kind (the key of a :data:`.skipping.TABLE` path is a text)."""
    if not frame.is_map:
        return "[]"
    name = frame.key_name
    if name is None:
        key = frame.key
        if key is not None and type(key.value) is str and not key.unknown and not key.tag:
            return key.value
    return name


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _too_deep_at(max_depth: int, mark: Any) -> LimitExceeded:
    return LimitExceeded(f"nesting deeper than max-depth={max_depth}", *_position(mark))


def neutralize_templates(text: str) -> str:
    """Make templated YAML parseable without moving any character (see :mod:`.templated`)."""
    from spotlint.load.templated import neutralize

    return neutralize(text)[0]


def limit_error(loaded: LoadedFile) -> str | None:
    """The message of the first error that is a limit (``max-...``), if any."""
    return next((e.message for e in loaded.errors if "max-" in e.message), None)


def load_yaml_text(
    path: str, text: str, limits: Limits, fmt: str = "yaml", skip: bool = False,
) -> LoadedFile:
    """Parse every document of ``text``; errors are recorded, never raised.

    Text that fails to parse but holds template placeholders gets a second try
    with the placeholders neutralized; if that parses, the file is linted with
    those values unknown, otherwise the first error is reported.

    ``skip``: subtrees nothing reads are read without building them (:mod:`.skipping`).
    """
    loaded = _load(path, text, limits, fmt, skip)
    if loaded.errors and fmt == "yaml" and limit_error(loaded) is None:
        from spotlint.load.templated import templated

        if templated(text):
            return _templated(path, text, limits, loaded)
    return loaded


def _templated(path: str, text: str, limits: Limits, first: LoadedFile) -> LoadedFile:
    """The second try on a template (:mod:`.templated`): the first result if it fails too.

    In a Helm chart's ``templates/``, template syntax never gives SL001: a last
    try comments out every line holding an action, and a template that still
    does not parse is skipped without a finding.
    """
    from spotlint.load.templated import (
        in_chart_templates,
        neutralize,
        open_collections,
        restore_values,
    )

    for whole_lines in (False, True):
        neutral, directives = neutralize(text, whole_lines)
        retry = _load(path, neutral, limits, "yaml")
        if not retry.errors:
            restore_values(retry.documents, neutral, text)
            open_collections(retry.documents, directives)
            retry.text = text
            retry.templated = True
            retry.plain_parse = False  # the neutralized text was read, not this one
            return retry
        if limit_error(retry) is not None:
            return retry
        if "{{" not in text or not in_chart_templates(path):
            return first
    return LoadedFile(path=path, text=text, fmt="yaml", templated=True)


def load_unskipped(path: str, text: str, limits: Limits, fmt: str) -> LoadedFile:
    """What a first read of ``text`` as ``fmt`` gives when it skips nothing (what the
    stand-ins of :mod:`.skipping` read their values from)."""
    return _load(path, text, limits, fmt)


def load_root(path: str, text: str, limits: Limits) -> Node | None:
    """The root of the one document of ``text`` as :func:`load_unskipped` reads it; None
    unless ``text`` is exactly one document read without an error (what a stand-in of
    :mod:`.skipping` is read from, its own text: without a file's record around it)."""
    loader = _Parser(text)
    builder = _Builder(path, limits, loader)
    yaml_events.begin(documents=True)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml_events.StreamEnd, yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        root = builder.document()
        loader.get_event()  # its end
        if builder.anchors or not loader.check_event(yaml_events.StreamEnd,
                                                     yaml.StreamEndEvent):
            return None
        return root
    except (yaml.YAMLError, LimitExceeded):
        return None
    finally:
        yaml_events.end()
        loader.dispose()


def _load(path: str, text: str, limits: Limits, fmt: str, skip: bool = False) -> LoadedFile:
    loaded = LoadedFile(path=path, text=text, fmt=fmt)
    loader = _Parser(text)
    # (an ASCII text, most files, holds none: one quick pass instead of three searches)
    exotic = not text.isascii() and any(ch in text for ch in _EXOTIC_BREAKS)
    builder = _Builder(path, limits, loader, SourceText(path, text) if exotic else None)
    if skip and not exotic:
        builder.skip = _skipping().Source(path, text, limits, fmt, load_unskipped, load_root)
    unskip = False
    documents = 0
    yaml_events.begin(documents=True)  # (ended below, whatever happens)
    try:
        # (the stream and document events as :mod:`.yaml_events` makes them, or
        # PyYAML's own where it does not: a parser without libyaml)
        loader.get_event()  # the stream's start
        while not loader.check_event(yaml_events.StreamEnd, yaml.StreamEndEvent):
            start: Any = loader.get_event()  # a document's start (or its start mark)
            documents += 1
            if documents > limits.max_documents:
                loaded.errors.append(
                    LoadError(
                        f"more than max-documents={limits.max_documents} documents",
                        getattr(start, "start_mark", start).line + 1,
                        1,
                    )
                )
                break
            builder.index = len(loaded.documents)
            root = builder.document()
            if builder.anchors:  # an alias needs an anchor of its own document
                builder.shared = True
            loader.get_event()  # the document's end
            if root is not None:
                loaded.documents.append(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if mark is not None and builder.source is not None:
            line, col = builder.source.position(mark.index)
        problem = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in problem:
            limit = min(limits.max_depth, MAX_DEPTH_CEILING)
            message = f"nesting deeper than max-depth={limit}"
        else:
            message = f"invalid {fmt.upper()}: {problem}"
        loaded.errors.append(LoadError(message, line, col))
    except yaml.YAMLError as exc:
        loaded.errors.append(LoadError(f"invalid {fmt.upper()}: {exc}"))
    except LimitExceeded as exc:
        loaded.errors.append(LoadError(exc.message, exc.line, exc.col))
    except _Unskip:
        unskip = True
    finally:
        yaml_events.end()
        loader.dispose()
    if unskip:
        return _load(path, text, limits, fmt)
    loaded.plain_parse = not loaded.errors and not builder.shared
    return loaded
