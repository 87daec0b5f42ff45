"""Rule changes to minimal text edits, per file format.

Each change becomes one or more splices of the original text, placed and
styled after what is already there: a new YAML key goes on its own line after
the last sibling, at the siblings' indentation and with their quoting; a new
JSON member copies the object's indentation and separator; a new ``.conf`` line
copies the previous line's separator (aligned columns stay aligned); a
``--conf`` item goes at the end of its argument string. Nothing else in the
file is touched, which is why a whole-document re-dump (ruamel's emitter
re-flows indentation, alignment and long lines) is not used: ruamel reads the
structure here and checks the result in :mod:`.verify`.

A change that cannot be placed safely resolves to an :class:`Unresolvable`
reason instead of a guess, and the finding is then simply not fixable.
Shell scripts get no fixes: a value there may come from a variable, a here
document or a quoted word assembled by the shell, and rewriting the script
would need the shell's own quoting rules. Markdown guides get none either: a
block there is an example to copy, and an edit could not be checked against
the reader of its format the way :mod:`.verify` checks a file.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

from spotlint.fix import json_spans, nodes, scalars
from spotlint.fix.nodes import Block
from spotlint.fix.render import as_text, json_scalar, yaml_scalar
from spotlint.fix.scalars import Scalar
from spotlint.fix.tree import (
    DataPath,
    Span,
    Tree,
    TreeError,
    compose,
    compose_exact,
    line_start,
)
from spotlint.load.base import LoadedFile
from spotlint.load.properties import load_properties_text
from spotlint.load.textpos import LINE_BREAK, SourceText
from spotlint.location import Location, Node
from spotlint.rule import AppendArgs, Change, Edit, Fix, InsertKey, SetValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # (subscripted below at run time, where any argument would do)

#: Characters a value may have to be spliced into a string or an argument list unquoted.
_ARG_SAFE = re.compile(r"^[A-Za-z0-9_./:@%+=,-]+$")


class Unresolvable(Exception):
    """Why a change cannot be turned into a safe edit of this file."""


# Tuples written by hand, not dataclasses nor typing.NamedTuple: this module is imported
# by every JSON or SARIF run (before the fork of a split run), making a dataclass costs
# about a millisecond each, and a NamedTuple compiles its ``__new__`` and each of its
# annotations: the first ``compile`` of a process sets up Python's AST types (~10 M
# instructions, ~1.4 ms), and these were the only ones such a run made.


class Splice(tuple[int, int, str]):
    """Replace ``text[start:end]`` (character indices) with ``new``."""

    __slots__ = ()

    def __new__(cls, start: int, end: int, new: str) -> Splice:
        return tuple.__new__(cls, (start, end, new))

    def __getnewargs__(self) -> tuple[int, int, str]:  # (pickled by its fields)
        return (self[0], self[1], self[2])

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    @property
    def new(self) -> str:
        return self[2]

    def __repr__(self) -> str:
        return f"Splice(start={self[0]!r}, end={self[1]!r}, new={self[2]!r})"


class Effect(tuple[str, DataPath, Any]):
    """What a change does to the parsed data, for :mod:`.verify`.

    ``kind`` is ``set`` (value at ``path`` becomes ``payload``), ``rename`` (key
    ``path[-1]`` becomes ``payload``), ``insert`` (``payload`` = (keys, value)
    under the mapping at ``path``), ``segment`` (``payload`` = (old, new, offset
    or -1)) or ``append`` (``payload`` = extra words).
    """

    __slots__ = ()

    def __new__(cls, kind: str, path: DataPath, payload: Any) -> Effect:
        return tuple.__new__(cls, (kind, path, payload))

    def __getnewargs__(self) -> tuple[str, DataPath, Any]:  # (pickled by its fields)
        return (self[0], self[1], self[2])

    @property
    def kind(self) -> str:
        return self[0]  # type: ignore[no-any-return]

    @property
    def path(self) -> DataPath:
        return self[1]  # type: ignore[no-any-return]

    @property
    def payload(self) -> Any:
        return self[2]

    def __repr__(self) -> str:
        return f"Effect(kind={self[0]!r}, path={self[1]!r}, payload={self[2]!r})"


class Resolved:
    """The splices of some changes and what they do to the data."""

    __slots__ = ("effects", "splices")

    def __init__(self, splices: list[Splice], effects: list[Effect]) -> None:
        self.splices = splices
        self.effects = effects


class _LineTable(SourceText):
    """:class:`SourceText`'s answers, found by counting line breaks near the question.

    A fix's questions are few and near each other (its targets, then its edits,
    mostly in order): a text without ``\r`` is answered from the last line
    start found (a cursor) with ``str.find``, ``str.count`` and ``str.rfind``,
    which scan in C and make no object per line, where a table of starts made a
    match object per line (2.5x the time over a 4,000-file run's fixes). The
    work is bounded: once the characters scanned exceed a few times the text
    (questions far apart, in no order), the whole table is made and answers the
    rest. A text with ``\r`` (CR LF or CR breaks) gets the whole table at once.
    """

    __slots__ = ("_at", "_budget", "_line", "_spent", "_whole")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._line = 1  # the cursor: a line's number and where it starts
        self._at = 0
        self._spent = 0  # characters scanned so far
        #: past this many, the whole table is made and answers the rest (each answer
        #: adds what it scanned: written out at each, a method call each was 3% of
        #: placing fixes)
        self._budget = 4 * len(text) + 4096
        self._whole: SourceText | None = SourceText(path, text) if "\r" in text else None

    def index(self, line: int, col: int) -> int:
        whole = self._whole
        if whole is not None:
            return whole.index(line, col)
        text = self.text
        current, at = self._line, self._at
        begin = at
        if line < current:
            if line <= current - line:  # nearer the start than the cursor
                current, at = 1, 0
            else:  # back from the cursor, a line start at a time
                rfind = text.rfind
                while current > line:
                    at = rfind("\n", 0, at - 1) + 1
                    current -= 1
                self._line, self._at = current, at
                spent = self._spent = self._spent + begin - at
                if spent > self._budget:
                    self._whole = SourceText(self.path, text)
                return min(at + col - 1, len(text))
        find = text.find
        leap = True
        while current < line:
            need = line - current
            if leap and need > 8 and current > 8:  # (8 lines give an average length)
                # Leap over half the way: the stretch that, at the average length of
                # the lines so far, holds half the breaks needed (two C calls where a
                # break at a time took one per line; fix targets sit tens of lines
                # apart). More breaks there than needed (lines much shorter than
                # before): a break at a time from here, so no stretch is counted twice.
                end = at + at * need // ((current - 1) * 2)
                count = text.count("\n", at, end)
                if count < need:
                    if count:
                        current, at = current + count, text.rfind("\n", at, end) + 1
                        continue
                else:
                    leap = False
            found = find("\n", at)
            if found < 0:
                break
            current, at = current + 1, found + 1
        self._line, self._at = current, at
        spent = self._spent = self._spent + abs(at - begin)
        if spent > self._budget:
            self._whole = SourceText(self.path, text)
        if current < line:  # past the last line
            return len(text)
        return min(at + col - 1, len(text))

    def position(self, index: int) -> tuple[int, int]:
        whole = self._whole
        if whole is not None:
            return whole.position(index)
        text = self.text
        # Whether line breaks are counted from the cursor or the start, the
        # line is 1 + the number of breaks before ``index``.
        begin, line = (self._at, self._line) if index >= self._at else (0, 1)
        line += text.count("\n", begin, index)
        start = text.rfind("\n", 0, index) + 1
        self._line, self._at = line, start
        spent = self._spent = self._spent + max(index - begin, 0) + index - start
        if spent > self._budget:
            self._whole = SourceText(self.path, text)
        return line, index - start + 1


class _SmallTable(SourceText):
    """:class:`SourceText` of a small text without ``\r``, its table made in C at once.

    A file's line starts found by ``str.split`` and ``itertools.accumulate`` (no match
    object per line, as :class:`SourceText` makes): for a few kilobytes, a few
    microseconds, about what one question walked from the cursor
    (:class:`_LineTable`) costs; a fixed file is asked ten or so.
    """

    __slots__ = ()

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        # each line's length and its break, summed: the start of each line and, last,
        # one past the text's end (dropped)
        starts = list(accumulate(map(_PLUS_ONE, map(len, text.split("\n"))), initial=0))
        starts.pop()
        self._starts = starts  # type: ignore[assignment]


_PLUS_ONE = (1).__add__
#: Texts up to this many characters (without ``\r``) get their whole table at once.
_SMALL = 1 << 14


class FileView:
    """One file's text, parsed once for every change resolved against it.

    ``exact`` composes with ruamel.yaml (as ``--fix`` does for the files it
    writes, which it then verifies with ruamel); otherwise with libyaml's C
    composer, which gives the same spans for fixes that are only shown. Given
    ``targets`` and ``depth``, that composition may read only the mapping
    holding every target (:func:`.tree.compose`'s ``fragment``): the splices are
    the same, the data paths of the effects then start at that mapping (only
    an exact view's effects are checked, by :mod:`.verify`).
    """

    def __init__(
        self, path: str, text: str, fmt: str, exact: bool = False,
        targets: list[Location] | None = None, properties: LoadedFile | None = None,
        depth: int | None = None, documents: list[Node] | None = None,
    ) -> None:
        """``targets``: where every change that will be resolved here points, given
        only when libyaml is known to read all of ``text`` (see :func:`compose`).
        ``depth``: how deep below a target the changes read (:func:`reach`).
        ``properties``: ``text`` already read as properties without an error.
        ``documents``: ``text`` as the loader read it, plainly (see ``targets``)."""
        self.path = path
        self.text = text
        self.fmt = fmt
        self.exact = exact
        self.source: SourceText = (
            _SmallTable(path, text) if len(text) <= _SMALL and "\r" not in text
            else _LineTable(path, text))
        self.targets = targets
        self.depth = depth
        self._tree: Tree | None = None
        self._tree_error: str | None = None
        self._properties = properties
        self._entries: list[tuple[str, Node]] | None = None
        #: The loader's documents of ``text`` (read plainly), where an inserted key is
        #: placed without composing the file (:mod:`.nodes`); not for an exact view.
        self.documents = documents if not exact and fmt == "yaml" else None
        #: Facts of the mappings keys are inserted under, by node (several fixes of a
        #: file insert under its ``sparkConf``), and the mapping at each place.
        self._blocks: dict[int, Block | None] = {}
        self._mappings: dict[tuple[int, int], Node | None] = {}

    @property
    def tree(self) -> Tree:
        if self._tree is None:
            if self._tree_error is not None:
                raise Unresolvable(self._tree_error)
            try:
                if self.exact:
                    self._tree = compose_exact(self.path, self.text)
                else:  # the view's line table serves the tree too
                    at = None
                    if self.targets is not None:
                        # one position per place (a fix's changes share theirs)
                        index = self.source.index
                        at = {index(*place) for place in {(t.line, t.col) for t in self.targets}}
                    self._tree = compose(self.path, self.text, self.source, at, self.depth,
                                         fragment=True)
            except TreeError as exc:
                self._tree_error = str(exc)
                raise Unresolvable(self._tree_error) from exc
        return self._tree

    def resolve(self, changes: tuple[Change, ...]) -> Resolved:
        out = Resolved([], [])
        for group in _grouped(changes) if len(changes) > 1 else [list(changes)]:
            if self.fmt in ("yaml", "json"):
                splices, effects = _structured(self, group)
            elif self.fmt == "properties":
                splices, effects = [], []
                for change in group:
                    more, effect = _properties(self, change)
                    splices += more
                    effects.append(effect)
            else:
                raise Unresolvable(f"{self.fmt} files are not fixed automatically")
            out.splices.extend(splices)
            out.effects.extend(effects)
        return out

    def mapping_at(self, at: Location) -> Node | None:
        """The loader's mapping node starting at ``at`` (:func:`.nodes.mapping_at`)."""
        place = (at.line, at.col)
        if place not in self._mappings:
            documents = self.documents
            self._mappings[place] = (None if documents is None
                                     else nodes.mapping_at(documents, at))
        return self._mappings[place]

    def block(self, mapping: Node) -> Block | None:
        """What a key inserted under ``mapping`` reads of it (:func:`.nodes.facts`)."""
        key = id(mapping)  # the documents hold the node: its id is not reused meanwhile
        if key not in self._blocks:
            self._blocks[key] = nodes.facts(self.text, self.source.index, mapping)
        return self._blocks[key]

    @property
    def properties(self) -> LoadedFile:
        """The file read as Java properties, once for every change resolved here."""
        if self._properties is None:
            self._properties = load_properties_text(self.path, self.text)
        return self._properties

    def property_entries(self) -> list[tuple[str, Node]]:
        """The properties' entries in line order, sorted once for every change here."""
        if self._entries is None:
            self._entries = sorted(self.properties.documents[0].items(),
                                   key=lambda e: e[1]._line)  # loc.line, no Location
        return self._entries

    def edits(self, splices: list[Splice]) -> tuple[Edit, ...]:
        result = []
        position = self.source.position
        for start, end, new in splices:  # (a Splice's fields unpacked in C, not its properties)
            line, col = position(start)
            end_line, end_col = (line, col) if end == start else position(end)
            result.append(Edit(self.path, line, col, end_line, end_col, new))
        return tuple(result)


def resolve_fix(fix: Fix, view: FileView) -> Fix | None:
    """``fix`` with concrete ``edits`` for ``view``; None when it cannot be placed."""
    changes = fix.changes
    if not changes:
        return fix if fix.edits else None
    path = view.path
    for change in changes:
        if change_at(change).path != path:
            return None
    try:
        resolved = view.resolve(changes)
    except Unresolvable:
        return None
    return Fix(fix.description, view.edits(resolved.splices), fix.safe, changes)


def _grouped(changes: tuple[Change, ...]) -> list[list[Change]]:
    """Changes in order, with insertions under one new parent key resolved together."""
    groups: list[list[Change]] = []
    for change in changes:
        last = groups[-1][-1] if groups else None
        if (isinstance(change, InsertKey) and isinstance(last, InsertKey)
                and len(change.keys) > 1 and (last.into, last.keys[:-1]) == (
                    change.into, change.keys[:-1])):
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


def reach(change: Change) -> int:
    """How many levels below the node it points at resolving ``change`` reads.

    A value or an argument string: the scalar itself. An inserted key: the
    mappings of its parents that already exist (one level each), the entries of
    the mapping it goes into, and one level below those (the first key of a
    nested block mapping gives the file's indentation step); where the mapping's
    content ends is kept for every collection (:attr:`.tree.Span.last`).
    """
    if type(change) is InsertKey or isinstance(change, InsertKey):
        return len(change.keys) - 1 + 2  # type: ignore[union-attr]
    return 0


def change_at(change: Change) -> Location:
    """Where a change points: the value it sets, the mapping it inserts into, the
    argument string it appends to."""
    kind = type(change)
    if kind is InsertKey:  # (most changes: a type's identity, no isinstance call)
        return change.into  # type: ignore[union-attr]
    if kind is SetValue or isinstance(change, SetValue):
        return change.at  # type: ignore[union-attr]
    if isinstance(change, InsertKey):
        return change.into
    return change.to  # type: ignore[union-attr]


def apply_splices(text: str, splices: list[Splice]) -> str:
    """Apply non-overlapping splices (insertions at one point keep their order)."""
    ordered = sorted(enumerate(splices), key=lambda p: (p[1].start, p[1].end, p[0]))
    out, cursor = [], 0
    for _, s in ordered:
        if s.start < cursor:
            raise Unresolvable("overlapping edits")
        out.append(text[cursor : s.start])
        out.append(s.new)
        cursor = s.end
    out.append(text[cursor:])
    return "".join(out)


# -- YAML and JSON -------------------------------------------------------------------


def _structured(view: FileView, group: list[Change]) -> tuple[list[Splice], list[Effect]]:
    change = group[0]
    if isinstance(change, InsertKey) and view.documents is not None:
        mapping = view.mapping_at(change.into)
        if mapping is not None:
            leaves = [(c.keys[-1], c.value) for c in group if isinstance(c, InsertKey)]
            placed = _insert_from_nodes(view, mapping, change.keys[:-1], leaves)
            if placed is not None:
                return placed
    elif isinstance(change, SetValue) and view.documents is not None:
        scalar = scalars.scalar_at(view.text, view.source.index, view.documents, change.at)
        if scalar is not None:
            splices, effect = _set_scalar(view, scalar, (), change)
            return splices, [effect]
    elif view.fmt == "json" and view.targets is not None and not view.exact:
        # (``targets``: the loader read the text plainly; see :mod:`.json_spans`)
        if isinstance(change, InsertKey):
            into = change.into
            found = json_spans.object_at(view.text, view.source.index(into.line, into.col),
                                         len(change.keys) - 1)
            if found is not None:
                leaves = [(c.keys[-1], c.value) for c in group if isinstance(c, InsertKey)]
                return _insert(view, found, change.keys[:-1], leaves)
        elif isinstance(change, AppendArgs):
            to = change.to
            span = json_spans.string_at(view.text, view.source.index(to.line, to.col))
            if span is not None:
                splices, effect = _append(view, span, change.args)
                return splices, [effect]
    tree = view.tree
    if isinstance(change, InsertKey):
        maps = tree.starting_at(change.into, "map")
        if not maps:
            raise Unresolvable("no mapping where the key should go")
        leaves = [(c.keys[-1], c.value) for c in group if isinstance(c, InsertKey)]
        return _insert(view, maps[0], change.keys[:-1], leaves)
    if isinstance(change, SetValue):
        splices, effect = _set_value(view, tree, change)
        return splices, [effect]
    spans = [s for s in tree.starting_at(change.to, "scalar") if not s.is_key]
    if not spans or not isinstance(spans[0].value, str):
        raise Unresolvable("no argument string to append to")
    splices, effect = _append(view, spans[0], change.args)
    return splices, [effect]


def _set_value(view: FileView, tree: Tree, change: SetValue) -> tuple[list[Splice], Effect]:
    spans = tree.starting_at(change.at, "scalar")
    if spans:
        span = spans[0]
        if span.style in ("|", ">"):
            raise Unresolvable("block scalars are not rewritten")
        return _set_scalar(view, (span.start, span.end, span.style, span.is_key), span.path,
                           change)
    index = tree.index(change.at)
    inside = tree.scalar_containing(index)
    old = change.old
    if inside is None or inside.is_key or old is None or not isinstance(inside.value, str):
        raise Unresolvable("no value at the finding's position")
    span = inside
    new = as_text(change.value)
    if view.text[index : index + len(old)] != old or not _ARG_SAFE.match(new):
        raise Unresolvable("the --conf item is not written verbatim in the file")
    quote = 1 if span.style in ('"', "'") else 0
    offset = index - span.start - quote if span.style in (None, '"', "'") else -1
    if offset >= 0 and span.value[offset : offset + len(old)] != old:
        offset = -1
    return [Splice(index, index + len(old), new)], Effect("segment", span.path, (old, new, offset))


def _set_scalar(
    view: FileView, scalar: Scalar, path: DataPath, change: SetValue
) -> tuple[list[Splice], Effect]:
    """The splice of a value set on a quoted or plain scalar (a key is renamed)."""
    start, end, style, is_key = scalar
    if is_key:
        new = str(change.value)
        text = json_scalar(new) if view.fmt == "json" else yaml_scalar(new, style)
        return [Splice(start, end, text)], Effect("rename", path, new)
    text = json_scalar(change.value) if view.fmt == "json" else yaml_scalar(change.value, style)
    return [Splice(start, end, text)], Effect("set", path, change.value)


def _append(view: FileView, span: Span, args: tuple[str, ...]) -> tuple[list[Splice], Effect]:
    if not all(_ARG_SAFE.match(a) for a in args):
        raise Unresolvable("arguments would need quoting")
    words = " ".join(args)
    raw = view.text[span.start : span.end]
    if span.style in ('"', "'"):
        at = span.end - 1
    elif span.style in ("|", ">"):
        at = span.start + len(raw.rstrip())
    else:
        at = span.end
    before = view.text[at - 1 : at] if at > 0 else ""
    prefix = "" if before in (" ", "\t") or at == span.start + (1 if span.style else 0) else " "
    return [Splice(at, at, prefix + words)], Effect("append", span.path, args)


Leaf = tuple[str, str | bool | int]


def _insert(
    view: FileView, mapping: Span, parents: tuple[str, ...], leaves: list[Leaf]
) -> tuple[list[Splice], list[Effect]]:
    """Insert ``leaves`` under ``parents`` (created when missing) in ``mapping``."""
    first = parents[0] if parents else leaves[0][0]
    for key_span, value_span in mapping.entries:
        if key_span.value == first:
            if parents and value_span.kind == "map":
                return _insert(view, value_span, parents[1:], leaves)
            raise Unresolvable(f"{first} is already there")
    if not parents and len({k for k, _ in leaves}) != len(leaves):
        raise Unresolvable("the same key twice")
    effects = [Effect("insert", mapping.path, ((*parents, k), v)) for k, v in leaves]
    if mapping.style == "flow" or view.fmt == "json":
        return [_insert_flow(view, mapping, parents, leaves)], effects
    return [_insert_block(view, mapping, parents, leaves)], effects


def _last_content(view: FileView, span: Span) -> int:
    """Index just after the last character that belongs to ``span`` (no trailing comments)."""
    if span.kind == "scalar":
        if span.style in ("|", ">"):
            return span.start + len(view.text[span.start : span.end].rstrip())
        return span.end
    if span.last >= 0:  # found by the event walk (the children may not be built)
        return span.last
    children = [c for e in span.entries for c in e] if span.kind == "map" else span.items
    if not children or span.style == "flow":
        return span.end
    return max(_last_content(view, c) for c in children)


def _insert_from_nodes(
    view: FileView, mapping: Node, parents: tuple[str, ...], leaves: list[Leaf]
) -> tuple[list[Splice], list[Effect]] | None:
    """:func:`_insert` for a block mapping, from the loader's node of it (None: the
    nodes do not vouch for an answer, compose the file instead)."""
    text, index = view.text, view.source.index
    while True:
        block = view.block(mapping)
        if block is None:
            return None
        first = parents[0] if parents else leaves[0][0]
        found = mapping.value.get(first)
        if found is None:
            break
        if nodes.refused(text, index, found):  # a flow placeholder is a mapping there
            return None
        if parents and isinstance(found.value, dict):
            mapping, parents = found, parents[1:]
            continue
        raise Unresolvable(f"{first} is already there")
    if not parents and len({k for k, _ in leaves}) != len(leaves):
        raise Unresolvable("the same key twice")
    effects = [Effect("insert", (), ((*parents, k), v)) for k, v in leaves]
    return [block_splice(text, block, parents, leaves)], effects


def _block(view: FileView, mapping: Span) -> Block:
    text = view.text
    first_key = mapping.entries[0][0]
    indent = first_key.start - line_start(text, first_key.start)
    key_style = mapping.entries[-1][0].style
    value_style = next(
        (v.style for _, v in reversed(mapping.entries) if v.kind == "scalar"), None
    )
    step = _indent_step(view, mapping)
    return indent, key_style, value_style, step, _last_content(view, mapping.entries[-1][1])


def _insert_block(
    view: FileView, mapping: Span, parents: tuple[str, ...], leaves: list[Leaf]
) -> Splice:
    return block_splice(view.text, _block(view, mapping), parents, leaves)


def block_splice(text: str, block: Block, parents: tuple[str, ...], leaves: list[Leaf]) -> Splice:
    """The new lines under a block mapping: after its last entry's line, at its keys'
    column (a step further per new parent), quoted as its last key and last value."""
    indent, key_style, value_style, step, end = block
    lines = []
    for depth, key in enumerate(parents):
        lines.append(f"{' ' * (indent + depth * step)}{yaml_scalar(key, key_style)}:")
    pad = " " * (indent + len(parents) * step)
    for key, value in leaves:
        lines.append(f"{pad}{yaml_scalar(key, key_style)}: {yaml_scalar(value, value_style)}")
    newline = text.find("\n", end - 1 if end > 0 else 0)
    if newline == -1:
        nl = _newline_at(text, len(text))
        return Splice(len(text), len(text), nl + nl.join(lines))
    nl = "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"
    return Splice(newline + 1, newline + 1, nl.join(lines) + nl)


def _indent_step(view: FileView, mapping: Span) -> int:
    """How far this file indents a nested block mapping (2 when it has none to copy)."""
    for key_span, value_span in mapping.entries:
        if value_span.kind == "map" and value_span.style == "block" and value_span.entries:
            nested = value_span.entries[0][0].start
            diff = (nested - line_start(view.text, nested)) - (
                key_span.start - line_start(view.text, key_span.start)
            )
            if diff > 0:
                return diff
    return 2


def _insert_flow(
    view: FileView, mapping: Span, parents: tuple[str, ...], leaves: list[Leaf]
) -> Splice:
    text = view.text
    json_like = view.fmt == "json"
    members: list[tuple[str, Any]] = list(leaves)
    for key in reversed(parents):
        members = [(key, dict(members))]
    def render(key: str, value: Any, separator: str) -> str:
        if json_like:
            return f"{json_scalar(key)}{separator}{json.dumps(value, ensure_ascii=False)}"
        return f"{yaml_scalar(key, None)}: {_flow_yaml(value)}"

    if not mapping.entries:
        inner = ", ".join(render(k, v, ": ") for k, v in members)
        return Splice(mapping.start + 1, mapping.start + 1, inner)
    last_key, last_value = mapping.entries[-1]
    separator = text[last_key.end : last_value.start] if json_like else ": "
    if "\n" in separator or not separator.strip().startswith(":"):
        separator = ": "
    end = last_value.end
    lead = text[line_start(text, last_key.start) : last_key.start]
    multiline = "\n" in text[mapping.start : mapping.entries[0][0].start] and not lead.strip()
    joiner = f",{_newline_at(text, end)}{lead}" if multiline else ", "
    return Splice(end, end, "".join(joiner + render(k, v, separator) for k, v in members))


def _flow_yaml(value: Any) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{yaml_scalar(k, None)}: {_flow_yaml(v)}" for k, v in value.items())
        return "{" + inner + "}"
    text = yaml_scalar(value, None)
    return text if text[:1] not in "{[" else '"' + text + '"'


# -- .conf (Java properties) ---------------------------------------------------------


def _properties(view: FileView, change: Change) -> tuple[list[Splice], Effect]:
    loaded = view.properties
    if not loaded.documents:
        raise Unresolvable("the file does not read as properties")
    doc = loaded.documents[0]
    if isinstance(change, SetValue):
        for key, node in doc.items():
            if node.loc.end_line != node.loc.line or (
                node.key is not None and node.key.loc.end_line != node.loc.line
            ):
                continue  # an entry continued over several lines is left alone
            if node.key is not None and _at(node.key, change.at):
                start, end = _span_of(view, node.key)
                new = str(change.value)
                if not _ARG_SAFE.match(new):
                    raise Unresolvable("key would need escaping")
                return [Splice(start, end, new)], Effect("rename", (0, key), new)
            if _at(node, change.at):
                start = view.source.index(node.loc.line, node.loc.col)
                end = _span_of(view, node)[1] if node.value else start
                new = as_text(change.value)
                if "\\" in new or new != new.strip():
                    raise Unresolvable("value would need escaping")
                return [Splice(start, max(end, start), new)], Effect("set", (0, key), new)
        raise Unresolvable("no property at the finding's position")
    if isinstance(change, InsertKey) and len(change.keys) == 1:
        key = change.keys[0]
        if key in doc.value:
            raise Unresolvable(f"{key} is already there")
        new_line = key + _separator(view, doc, key) + as_text(change.value)
        effect = Effect("insert", (0,), (change.keys, as_text(change.value)))
        entries = view.property_entries()
        if not entries:
            at = len(view.text)
            nl = _newline(view.text)
            prefix = "" if not view.text or view.text.endswith(("\n", "\r")) else nl
            return [Splice(at, at, prefix + new_line + nl)], effect
        last = entries[-1][1]
        # After the last natural line of the last entry (continuations included).
        # (Positions read from the nodes' fields: a Location each was a third of this.)
        text = view.text
        key_node = last.key
        last_line = max(last._end_line, key_node._end_line if key_node is not None else 0)
        if "\r" in text:
            lines = LINE_BREAK.split(text)
            while last_line < len(lines) and _continues(lines[last_line - 1]):
                last_line += 1
            at = view.source.index(last_line, 1) + len(lines[last_line - 1])
        else:  # the lines read from the line's start on (not the whole text split)
            start = view.source.index(last_line, 1)
            at = text.find("\n", start)
            while at >= 0 and _continues(text[start:at]):
                start = at + 1
                at = text.find("\n", start)
            if at < 0:
                at = len(text)
        return [Splice(at, at, _newline_at(text, at) + new_line)], effect
    raise Unresolvable("only new lines and values are edited in .conf files")


def _continues(line: str) -> bool:
    """A properties line ending in an odd number of backslashes continues on the next."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def _span_of(view: FileView, node: Node) -> tuple[int, int]:
    """Start and end (exclusive) offsets of a node's text (locations end inclusively)."""
    index = view.source.index
    start = index(node._line, node._col)  # (its location's fields, without a Location)
    end = index(node._end_line, node._end_col) + 1
    return start, max(end, start)


def _newline_at(text: str, index: int) -> str:
    """The line break to write at ``index``: the one ending that line, else the one
    before it, else LF. A file may mix CR LF and LF regions; an edit keeps each."""
    after = LINE_BREAK.match(text, index)
    if after is not None:
        return after.group(0)
    cut = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index))
    if cut < 0:
        return "\n"
    if text[cut] == "\n" and cut > 0 and text[cut - 1] == "\r":
        return "\r\n"
    return text[cut]


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _at(node: Node, loc: Location) -> bool:
    return node.loc.line == loc.line and node.loc.col == loc.col


def _separator(view: FileView, doc: Node, key: str) -> str:
    """The last property line's separator; runs of spaces keep values aligned."""
    entries = view.property_entries()
    if not entries:
        return " "
    last = entries[-1][1]
    key_node = last.key  # (positions read from the nodes' fields, without Locations)
    if key_node is None or key_node._end_line != last._line:
        return " "
    key_end = _span_of(view, key_node)[1]
    value_start = view.source.index(last._line, last._col)
    sep = view.text[key_end:value_start]
    if sep.strip():
        return sep
    width = last._col - key_node._col
    return " " * max(1, width - len(key)) if len(sep) > 1 else (sep or " ")
