"""A file's structure with exact character spans, for placing edits and checking them.

YAML and JSON are composed (composer only: no objects are constructed) so every
node has its start/end index and its style (quoted, plain, block, flow). Two
readers give the same spans: libyaml's C parser (:func:`compose`, the default,
spans straight from its events: a fix shown in JSON or SARIF output costs a
fraction of what a pure-Python composer costs) and ruamel.yaml's composer
(:func:`compose_exact`), which
``--fix`` uses for the files it writes, as the reader :mod:`.verify` checks the
edited text with. A test holds the two to equal spans on every example file.
Each node also knows its *data path* (document index, then mapping keys and
sequence indices), which is how :mod:`.verify` compares the data before and
after an edit. The loader's locations (libyaml marks, 1-based)
and ruamel's marks (0-based) name the same characters, so a rule's Location
finds its node here by start position.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from functools import cache

import yaml

from spotlint.load import yaml_events
from spotlint.load.textpos import SourceText
from spotlint.location import Location

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PathItem = str | int
DataPath = tuple[PathItem, ...]


class TreeError(Exception):
    """The text cannot be composed (ruamel rejects it), so nothing in it is edited."""


class Span:
    """One composed node: where it is, what it is, and where it sits in the data.

    A plain class with slots, not a dataclass: a fix shown in JSON or SARIF
    output composes its whole file, one span per value.
    """

    __slots__ = ("end", "entries", "is_key", "items", "kind", "last", "path", "start", "style",
                 "tag", "value")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,  # "map", "seq" or "scalar"
        style: str | None,  # scalars: None (plain), '"', "'", '|', '>'; collections: flow/block
        path: DataPath,
        is_key: bool = False,
        value: Any = None,
        tag: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.style = style
        self.path = path
        self.is_key = is_key
        self.value = value
        self.tag = tag
        self.entries: list[tuple[Span, Span]] = []
        self.items: list[Span] = []
        #: A collection's last content (see ``resolve._last_content``) when the event
        #: walk found it; -1 when it is to be found from the children.
        self.last = -1

    def __repr__(self) -> str:
        return f"Span({self.kind} {self.start}:{self.end} {self.path!r})"


class Tree:
    """A composed file: its documents' spans, and every span in the order composed.

    A plain class (a dataclass costs a millisecond to make, on every JSON or SARIF run).
    """

    __slots__ = ("documents", "source", "spans", "text")

    def __init__(
        self, text: str, source: SourceText, documents: list[Span], spans: list[Span]
    ) -> None:
        self.text = text
        self.source = source
        self.documents = documents
        self.spans = spans

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


def compose(
    path: str, text: str, source: SourceText | None = None,
    targets: Collection[int] | None = None, depth: int | None = None,
    fragment: bool = False,
) -> Tree:
    """Compose every document of ``text`` with libyaml; :class:`TreeError` if it cannot.

    The spans are built straight from libyaml's parse events (:func:`_from_events`):
    no composed node graph is made only to be walked and dropped, and an anchor
    is seen on its event. A shape the event walk leaves to the composer (a
    mapping or sequence used as a key) is composed as before (:func:`compose_nodes`).

    ``targets`` (character indices where edits will be looked for) is a promise
    by the caller that libyaml has already read all of ``text`` without an error
    and without meeting an anchor, an alias or a merge key (the loader did, for
    the same text: :attr:`spotlint.load.base.LoadedFile.plain_parse`), so
    nothing later in the text can make the file unfixable. The walk then stops
    once it is past the last target and every collection starting at a target
    has ended: the spans of the nodes starting at a target, of everything inside
    them and of every scalar holding a target are exactly those of a whole walk.

    ``depth`` (with ``targets``): how many levels below a collection starting at a
    target a fix reads (an inserted key's parents, their entries, the entries of
    those entries' mappings for the indentation step): deeper nodes are followed
    for where their collection's content ends (:attr:`Span.last`) but not built,
    so a pod spec that runs to the end of its document costs one span per value
    only as deep as a fix looks.

    ``fragment`` (with ``targets`` and ``depth``): when the first target is a
    block mapping that holds every other target, only that mapping's text is
    read (:func:`_fragment`), not the text before it. The spans' positions are
    the file's; their data paths start at that mapping (document index 0), not
    at the file's document: for placing edits, which never read a path.
    """
    limit = max(targets) if targets else -1
    try:
        if fragment and targets and depth is not None:
            tree = _fragment(path, text, source, targets, depth)
            if tree is not None:
                return tree
        return _from_events(path, text, source, limit, targets, depth)
    except _Composed:
        return compose_nodes(path, text, source)


def compose_nodes(path: str, text: str, source: SourceText | None = None) -> Tree:
    """:func:`compose` through libyaml's composer and a walk of its nodes.

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
    return _tree(path, text, nodes, source)


class _Composed(Exception):
    """The event walk hands this text to :func:`compose_nodes` (a collection as a key)."""


_SCALAR_NODE = yaml.ScalarNode
_STREAM_END = yaml.StreamEndEvent
_ALIAS = yaml.AliasEvent
#: The parse events' shapes the walk reads (:mod:`spotlint.load.yaml_events`): a scalar
#: is a tuple (anchor, tag, implicit, value, start mark, end mark, style), a mapping or
#: sequence start a list (anchor, tag, implicit, start mark, flow style, is a mapping),
#: a collection's end its end mark; other events are PyYAML's.
_MARK = yaml_events.MARK
#: Implicit scalar tags by (text, implicit flags): the resolver's answer depends on
#: nothing else, and keys and values repeat across files. Bounded: short texts,
#: at most this many entries.
_TAGS: dict[tuple[str, Any], str] = {}
#: Build every node (a whole walk): deeper than any text nests.
_ALL = 1 << 30

# Fields of an open collection on the walk's stack (a list, for speed):
_SPAN = 0  # its Span, or None when it is not built
_KEY = 1  # maps: the pending key (a Span, or the key's event when not built), else None
_TARGETED = 2  # 1 when it starts at a target
_LEFT = 3  # how many levels below it are built (0: its children are not, unless targets)
_IS_MAP = 4
_COUNT = 5  # sequences: items closed so far (the index of the next item)
_PREVIOUS = 6  # sequences: where the previous item ended (the start before the first)
_LAST = 7  # the largest "last content" of its children so far (-1: none yet)
_FLOW = 8


def _from_events(
    path: str, text: str, source: SourceText | None = None, limit: int = -1,
    targets: Collection[int] | None = None, depth: int | None = None, single: bool = False,
) -> Tree:
    """The spans :func:`compose_nodes` gives, from parse events in one pass.

    Spans are appended when they end, children before their parent and a key
    before its value, the order of :func:`_walk`. A scalar's tag is resolved as
    the composer resolves it (explicit tag, else the implicit one). Each
    collection's :attr:`Span.last` (see there) and each empty value's place
    (see :func:`_place_empty`) are found as the walk goes.

    With ``limit`` >= 0 (see :func:`compose`) the walk stops at the first node
    starting after ``limit`` once no collection starting at one of ``targets``
    is open, and builds a span only for what a fix can read: the nodes starting
    at a target, the scalars holding one, and the nodes at most ``depth`` levels
    below a collection starting at a target (every level when ``depth`` is
    None). The other nodes are followed (paths, ends, empty values' places) but
    not built; a built collection whose children are not built has no
    ``entries`` or ``items``, only its ``last``.

    ``single`` (:func:`_fragment`): the text must start with a mapping at a
    target (else :class:`_NotFragment`), and the walk ends with it.
    """
    loader = _Loader(text)
    spans: list[Span] = []
    documents: list[Span] = []
    stack: list[list[Any]] = []
    append = spans.append
    resolve: Any = loader.resolve
    stop_after = limit if limit >= 0 else len(text) + 1  # no node starts after the text
    at_targets = targets if limit >= 0 and targets is not None else ()
    ordered = sorted(at_targets)
    count_targets = len(ordered)
    below = _ALL if depth is None else depth
    root_left = 0 if limit >= 0 else _ALL  # a whole walk builds every node
    open_targets = 0  # collections on the stack that start at a target
    documents_seen = 0
    # libyaml's parser makes plain events meanwhile (no PyYAML event object per value)
    yaml_events.begin()
    try:
        if yaml_events.in_effect(loader):
            get_event = loader.get_event
        else:  # pragma: no cover - PyYAML's pure-Python parser (no libyaml)
            def get_event() -> Any:
                return yaml_events.plain(loader.get_event())
        while True:
            event: Any = get_event()
            cls = type(event)
            if cls is tuple:  # a scalar
                start = event[4].index
                if start > stop_after and not open_targets:
                    break
                end = event[5].index
                style = event[6]
                value = event[3]
                if stack:
                    top = stack[-1]
                    build = top[_LEFT] > 0
                else:
                    top = None
                    build = root_left > 0
                if not build and count_targets:
                    found = bisect_left(ordered, start)
                    build = found < count_targets and ordered[found] < end
                if not build:
                    if top is None:
                        if single:
                            raise _NotFragment
                        documents_seen += 1
                        continue
                    if style == "|" or style == ">":
                        last = start + len(text[start:end].rstrip())
                    else:
                        last = end
                    if top[_IS_MAP]:
                        key = top[_KEY]
                        if key is None:
                            top[_KEY] = event
                        else:
                            if not style and not value:
                                last = _empty_in_map(text, key)
                            top[_KEY] = None
                    else:
                        if not style and not value:
                            last = _empty_in_seq(text, top[_PREVIOUS])
                        top[_PREVIOUS] = last if not style and not value else end
                        top[_COUNT] += 1
                    if last > top[_LAST]:
                        top[_LAST] = last
                    continue
                if event[0] is not None:
                    raise TreeError("anchored nodes (&name) are shared; they are not edited")
                is_key = False
                if top is None:
                    at: DataPath = (documents_seen,)
                else:
                    parent: Span | None = top[_SPAN]
                    linked = parent is not None and top[_LEFT] > 0
                    if not top[_IS_MAP]:
                        at = ((*parent.path, top[_COUNT]) if linked and parent is not None
                              else _path_of(stack, documents_seen))
                    elif top[_KEY] is not None:  # a value: its key's path
                        at = (*_path_of(stack, documents_seen),) if not linked else top[_KEY].path
                    else:
                        is_key = True
                        at = ((*parent.path, value) if linked and parent is not None
                              else (*_path_of(stack, documents_seen), value))
                tag = event[1]
                if tag is None or tag == "!":
                    memo = (value, event[2])
                    tag = _TAGS.get(memo)
                    if tag is None:
                        tag = resolve(_SCALAR_NODE, value, event[2])
                        if len(value) <= 120 and len(_TAGS) < 1 << 16:
                            _TAGS[memo] = tag
                if single and top is None:
                    raise _NotFragment
                span = Span(start, end, "scalar", style or None, at, is_key, value, str(tag))
                if not style and not value and top is not None and not is_key:
                    if top[_IS_MAP]:
                        span.start = span.end = _empty_in_map(text, top[_KEY])
                    else:
                        span.start = span.end = _empty_in_seq(text, top[_PREVIOUS])
            elif cls is list:  # a mapping or sequence starts
                start = event[3].index
                if start > stop_after and not open_targets:
                    break
                is_map = event[5]
                if single and not stack and (not is_map or start not in at_targets
                                             or documents_seen):
                    raise _NotFragment
                if stack:
                    top = stack[-1]
                    if top[_IS_MAP] and top[_KEY] is None:
                        raise _Composed  # a collection as a mapping key
                    left = top[_LEFT]
                else:
                    top = None
                    left = root_left
                targeted = start in at_targets
                if targeted:
                    open_targets += 1
                built: Span | None = None
                if left > 0 or targeted:
                    if event[0] is not None:
                        raise TreeError("anchored nodes (&name) are shared; they are not edited")
                    if top is None:
                        at = (documents_seen,)
                    elif top[_SPAN] is not None and left > 0:
                        parent = top[_SPAN]
                        at = top[_KEY].path if top[_IS_MAP] else (*parent.path, top[_COUNT])
                    else:
                        at = _path_of(stack, documents_seen)
                    built = Span(start, 0, "map" if is_map else "seq",
                                 "flow" if event[4] else "block", at)
                    left = max(left - 1, below if targeted else 0)
                else:
                    left = 0
                stack.append([built, None, targeted, left, is_map, 0, start, -1, event[4]])
                continue
            elif cls is _MARK:  # the open mapping or sequence ends
                closed = stack.pop()
                open_targets -= closed[_TARGETED]
                end = event.index
                last = closed[_LAST]
                if last < 0 or closed[_FLOW]:
                    last = end
                span = closed[_SPAN]
                if span is None:
                    if not stack:
                        documents_seen += 1
                        if single:
                            break
                        continue
                    top = stack[-1]
                    if top[_IS_MAP]:
                        top[_KEY] = None
                    else:
                        top[_PREVIOUS] = end
                        top[_COUNT] += 1
                    if last > top[_LAST]:
                        top[_LAST] = last
                    continue
                span.end = end
                span.last = last
            elif cls is _STREAM_END:
                break
            elif cls is _ALIAS:
                # Every anchor is refused; an alias without one is the composer's error.
                raise TreeError("aliases (*name) are shared nodes; they are not edited")
            else:  # stream and document start, document end
                continue
            append(span)
            if not stack:
                documents.append(span)
                documents_seen += 1
                if single:
                    break
                continue
            top = stack[-1]
            parent = top[_SPAN]
            linked = parent is not None and top[_LEFT] > 0
            if span.kind == "scalar":
                last = (span.start + len(text[span.start : span.end].rstrip())
                        if span.style == "|" or span.style == ">" else span.end)
            else:
                last = span.last
            if last > top[_LAST]:
                top[_LAST] = last
            if not top[_IS_MAP]:
                if linked and parent is not None:
                    parent.items.append(span)
                top[_PREVIOUS] = span.end
                top[_COUNT] += 1
            elif span.is_key:
                if span.tag.endswith(":merge"):
                    raise TreeError("merge keys (<<) are not edited")
                top[_KEY] = span
            else:
                if linked and parent is not None:
                    parent.entries.append((top[_KEY], span))
                top[_KEY] = None
    except yaml.YAMLError as exc:
        raise TreeError(f"cannot read {path}: {exc}") from exc
    finally:
        yaml_events.end()
        loader.dispose()
    return Tree(text=text, source=source or SourceText(path, text), documents=documents,
                spans=spans)


class _NotFragment(Exception):
    """The text read from the first target is not one mapping holding every target."""


def _fragment(
    path: str, text: str, source: SourceText | None, targets: Collection[int], depth: int,
) -> Tree | None:
    """The tree of the block mapping starting at the first target, read on its own.

    A block mapping starts a line, after its indentation and any ``- `` of the
    sequence entries it is the first value of. That line with its start made
    blank, and the text after it, read alone, give the mapping's events at the
    same columns: what decides a block mapping's extent and its content is the
    columns of its own lines, never the nodes around it (a flow context cannot
    hold a block mapping, and anchors, aliases and tag directives, which could
    refer outside it, are excluded by the caller's promise or refused here). The
    walk ends when the mapping does. None (the whole walk is used) when the first
    target is not a block mapping starting a line, a target lies outside it, or
    the piece cannot be read to the mapping's end.
    """
    first = min(targets)
    if text[first : first + 1] in ("", "{", "[") or (
            text.startswith("%") or "\n%" in text or "\r%" in text):  # directives
        return None
    line_start = max(text.rfind("\n", 0, first), text.rfind("\r", 0, first)) + 1
    lead = first - line_start
    if text[line_start:first].strip(" -"):
        return None
    inside = {at - line_start for at in targets}
    source = source or SourceText(path, text)  # the piece's own is never used
    size = len(text)
    cut = _cut(text, first, lead)
    while True:
        piece = " " * lead + text[first:cut]
        try:
            tree = _from_events(path, piece, source, max(inside), inside, depth, single=True)
        except (TreeError, _Composed, _NotFragment):
            tree = None
        if tree is not None and len(tree.documents) == 1:
            end = tree.documents[0].end
            # Cut short, the piece must hold the token that ended the mapping:
            # every token up to it is then whole, as in the file.
            if cut == size or (end < len(piece) and not piece[end].isspace()):
                break
        if cut == size:
            return None
        cut = size  # the cut was too early (or in a construct): read to the end
    if max(inside) >= end:
        return None
    for span in tree.spans:
        span.start += line_start
        span.end += line_start
        if span.last >= 0:
            span.last += line_start
    return Tree(text=text, source=source, documents=tree.documents, spans=tree.spans)


#: A line indented less than a column (by column), not blank or a comment.
_DEDENTS: dict[int, re.Pattern[str]] = {}


@cache
def _marker() -> re.Pattern[str]:
    """A document marker starting a line (compiled when first asked)."""
    return re.compile(r"\n(?:---|\.\.\.)")


def _cut(text: str, first: int, column: int) -> int:
    """Where to end the piece :func:`_fragment` reads for a block mapping at
    ``column`` starting at ``first``: after the first line that would end it (a
    line less indented, or a document marker), else the end of the text. A
    guess: :func:`_fragment` checks that the mapping did end at a token."""
    found: re.Match[str] | None
    if column:
        dedent = _DEDENTS.get(column)
        if dedent is None:
            dedent = _DEDENTS.setdefault(
                column, re.compile(rf"\n {{0,{column - 1}}}[^ \t\r\n#]"))
        found = dedent.search(text, first)
    else:
        found = _marker().search(text, first)
    if found is None:
        return len(text)
    line_end = text.find("\n", found.end())
    return len(text) if line_end < 0 else line_end + 1


def _path_of(stack: list[list[Any]], documents_seen: int) -> DataPath:
    """The data path of the node about to be read below ``stack`` (for a mapping,
    the path of its pending key's value), from the open collections' state."""
    at: list[PathItem] = [documents_seen]
    for entry in stack:
        if entry[_IS_MAP]:
            key = entry[_KEY]
            if key is not None:  # a built key's Span, or the scalar event of one not built
                at.append(key.value if type(key) is Span else key[3])
        else:
            at.append(entry[_COUNT])
    return tuple(at)


def _key_end(key: Any) -> int:
    """Where a pending key ends: a built key's Span, or the scalar event of one not built."""
    return key.end if type(key) is Span else int(key[5].index)


def _empty_in_map(text: str, key: Any) -> int:
    """The place of an empty value after ``key`` (see :func:`_place_empty`)."""
    key_end = _key_end(key)
    at = next_token(text, key_end)
    return at + 1 if text[at : at + 1] == ":" else key_end


def _empty_in_seq(text: str, previous: int) -> int:
    """The place of an empty item after ``previous`` (see :func:`_place_empty`)."""
    at = next_token(text, previous)
    return at + 1 if text[at : at + 1] in ("-", "[", ",") else at


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


def _tree(path: str, text: str, nodes: list[Any], source: SourceText | None = None) -> Tree:
    spans: list[Span] = []
    documents = [_walk(node, (i,), spans, False) for i, node in enumerate(nodes)]
    _place_empty(text, documents)
    return Tree(text=text, source=source or SourceText(path, text), documents=documents,
                spans=spans)


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
                    at = next_token(text, key.end)
                    value.start = value.end = at + 1 if text[at : at + 1] == ":" else key.end
                stack.append(value)
        elif span.kind == "seq":
            previous = span.start
            for item in span.items:
                if _is_empty(item):
                    at = next_token(text, previous)
                    item.start = item.end = at + 1 if text[at : at + 1] in ("-", "[", ",") else at
                previous = item.end
                stack.append(item)


def line_start(text: str, index: int) -> int:
    """Where the line holding ``index`` starts (after the last ``\\n`` before it)."""
    return text.rfind("\n", 0, index) + 1


#: Spaces, line breaks and comments (a ``#`` to the end of its line), as one match.
_BLANKS = re.compile("(?:[ \t\r\n\ufeff]+|#[^\r\n]*)*")


def next_token(text: str, index: int) -> int:
    """``index`` moved past spaces, line breaks and comments (by the regular expression
    engine: a comment block after a mapping was walked a character at a time)."""
    found = _BLANKS.match(text, index) if index < len(text) else None
    return found.end() if found is not None else index


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
