"""Map offsets inside a decoded string value back to file positions.

``--conf k=v`` items live inside one YAML/JSON string; a finding about ``k`` must
point at ``k`` in the file, not at the start of the string. When the raw source
of the string holds the decoded text verbatim (plain scalars, quoted strings
without escapes) the mapping is exact; otherwise the key text is searched for in
the raw source, and as a last resort the string's own position is used.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from itertools import islice

from spotlint.location import Location, Node, located

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Line breaks everywhere in spotlint: CR LF, CR or LF ("universal newlines"), as
#: editors, GitHub and Java's Properties count lines. Form feeds, U+2028 and the
#: like are ordinary characters (libyaml's extra breaks are mapped back, see
#: ``yaml_loader``).
LINE_BREAK = re.compile("\r\n|\r|\n")
#: ``LINE_BREAK`` in a text without ``\r``.
_NEWLINE = re.compile("\n")
_match_end = re.Match.end


class SourceText:
    """A file's text with a line table for index <-> (line, col) conversion."""

    __slots__ = ("_starts", "path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        # An array, not a list: a hostile file of millions of short lines costs
        # 8 bytes a line here instead of ~36.
        starts = array("q", [0])
        breaks = _NEWLINE if "\r" not in text else LINE_BREAK  # see LineIndex
        starts.extend(map(_match_end, breaks.finditer(text)))
        self._starts = starts

    @property
    def line_starts(self) -> array[int]:
        """Where each line starts (``line_starts[n - 1]`` for line ``n``)."""
        return self._starts

    def index(self, line: int, col: int) -> int:
        if line - 1 >= len(self._starts):
            return len(self.text)
        return min(self._starts[line - 1] + col - 1, len(self.text))

    def position(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def location(self, start: int, end: int) -> Location:
        line, col = self.position(start)
        end_line, end_col = self.position(max(end, start + 1))
        return Location(self.path, line, col, end_line, end_col)




class LineIndex:
    """The lines of ``text`` (see ``LINE_BREAK``) without holding them: start offsets.

    Splitting a 20 MB file of short lines into a list of strings costs several
    hundred MB; this index costs 8 bytes a line and yields one line on demand.
    The offsets are found as far as a question needs them: a fingerprint or a
    shown line near the top of a file does not scan the rest of it. A text
    without a carriage return (most files) is searched for ``\n`` alone, which
    the regular expression engine finds several times faster than the
    alternation of every break.
    """

    __slots__ = ("_breaks", "_newline_only", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = array("q", [0])
        self._newline_only = "\r" not in text
        #: the line breaks not read yet (None once every one is)
        self._breaks: Iterator[re.Match[str]] | None = (
            _NEWLINE if self._newline_only else LINE_BREAK).finditer(text)

    def _read(self, count: int) -> None:
        """Read up to ``count`` more line starts (at least 64)."""
        breaks = self._breaks
        if breaks is None:
            return
        count = max(count, 64)
        starts = self._starts
        before = len(starts)
        starts.extend(map(_match_end, islice(breaks, count)))  # no Python loop body
        if len(starts) > 1 and starts[-1] == len(self.text):
            starts.pop()  # a final line break does not start another line (and is the last)
            self._breaks = None
        elif len(starts) - before < count:
            self._breaks = None

    def _lines(self, number: int) -> array[int]:
        """The starts, read at least up to line ``number`` (or to the end)."""
        while self._breaks is not None and len(self._starts) < number:
            self._read(number - len(self._starts))
        return self._starts

    def _covering(self, index: int) -> array[int]:
        """The starts, read past character ``index`` (or to the end)."""
        while self._breaks is not None and self._starts[-1] <= index:
            self._read(len(self._starts))
        return self._starts

    def __len__(self) -> int:
        """Number of lines, counting an empty text as one (empty) line."""
        while self._breaks is not None:
            self._read(max(len(self._starts), 1 << 12))
        return len(self._starts)

    def line_at(self, index: int) -> int:
        """The (1-based) line holding character ``index``."""
        return bisect_right(self._covering(index), index)

    def start(self, number: int) -> int:
        """The offset where line ``number`` (1-based, in range) starts."""
        if number < 1:  # counted from the end, as an index into every start would
            len(self)
        return self._lines(number)[number - 1]

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of character ``index``."""
        starts = self._covering(index)
        line = bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; "" when out of range."""
        starts = self._lines(number)
        if not 0 < number <= len(starts):
            return ""
        start = starts[number - 1]
        text = self.text
        if self._newline_only:
            end = text.find("\n", start)
            return text[start : end if end >= 0 else len(text)]
        match = LINE_BREAK.search(text, start)
        return text[start : match.start() if match else len(text)]

    def split_line(self, number: int) -> str | None:
        """``LINE_BREAK.split(text)[number - 1]`` for a positive ``number``, None past the
        end: as :meth:`line`, but a break ending the text is followed by one more, empty,
        line (as splitting gives it). Reads the text only as far as that line."""
        if number < 1:
            return None
        starts = self._lines(number)
        if number <= len(starts):
            return self.line(number)
        text = self.text
        ends_with_break = number == len(starts) + 1 and text[-1:] in ("\n", "\r")
        return "" if ends_with_break else None

    def clamp(self, line: int, col: int) -> tuple[int, int]:
        """``(line, col)`` moved inside the text: past the end means after the last character."""
        line, col = max(line, 1), max(col, 1)
        if line > len(self):
            line, col = len(self), len(self.line(len(self))) + 1
        return line, min(col, len(self.line(line)) + 1)


class StringMapper:
    """Locates spans of one string Node's decoded value in the file."""

    def __init__(self, node: Node, source: SourceText) -> None:
        self.node = node
        self.source = source
        self.value = node.text() or ""
        start = source.index(node.loc.line, node.loc.col)
        end = source.index(node.loc.end_line, node.loc.end_col)
        raw = source.text[start : max(end, start)]
        self.raw_start = start
        self.raw = raw
        offset = 1 if raw[:1] in ("'", '"') else 0
        self.verbatim = raw[offset : offset + len(self.value)] == self.value
        self.offset = offset
        self._cursor = 0

    def locate(self, begin: int, length: int) -> Location:
        """Location of ``value[begin:begin+length]`` in the file."""
        if self.verbatim:
            absolute = self.raw_start + self.offset + begin
            return self.source.location(absolute, absolute + length)
        piece = self.value[begin : begin + length]
        found = self.raw.find(piece, self._cursor) if piece else -1
        if found == -1:
            found = self.raw.find(piece) if piece else -1
        if found == -1:
            return self.node.loc
        self._cursor = found + len(piece)
        absolute = self.raw_start + found
        return self.source.location(absolute, absolute + length)

    def node_at(
        self, value: Any, begin: int, length: int, key: Node | None = None,
        unknown: bool = False,
    ) -> Node:
        """``Node(value, self.locate(begin, length), key, unknown=unknown)``: a verbatim
        string's node made without a :class:`Location` (its position found as
        :meth:`SourceText.location` finds it)."""
        if not self.verbatim:
            return Node(value, self.locate(begin, length), key, unknown=unknown)
        source = self.source
        starts = source._starts
        start = self.raw_start + self.offset + begin
        end = start + length if length > 0 else start + 1
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end)
        node = located(value, source.path, line, start - starts[line - 1] + 1, end_line,
                       end - starts[end_line - 1] + 1, "", unknown)
        node._key = key
        return node


# -- text inside other text ------------------------------------------------------------
#
# An embedded document (a heredoc body, a Markdown fence, a pod template held in a
# ConfigMap string) is read from its own *inner* text; an offset map says, for every
# character of the inner text, the index in the outer file's text it came from.


class SegmentMap:
    """Inner index -> outer index for text copied from the outer text in runs.

    ``starts[k]`` is where the k-th run begins in the inner text and
    ``targets[k]`` where that run begins in the outer text: a fence body, the
    lines of a block scalar without their indentation. Memory is per run, not
    per character.
    """

    __slots__ = ("starts", "targets")

    def __init__(self) -> None:
        self.starts = array("q")
        self.targets = array("q")

    @classmethod
    def shifted(cls, outer_start: int) -> SegmentMap:
        """A map for inner text copied verbatim from ``outer_start`` on."""
        mapping = cls()
        mapping.add(0, outer_start)
        return mapping

    def add(self, inner_start: int, outer_start: int) -> None:
        """A run starting at ``inner_start`` that was copied from ``outer_start``."""
        if self.starts and self.starts[-1] == inner_start:
            self.targets[-1] = outer_start
            return
        self.starts.append(inner_start)
        self.targets.append(outer_start)

    def outer(self, index: int) -> int:
        if not self.starts:
            return index
        run = max(bisect_right(self.starts, index) - 1, 0)
        return self.targets[run] + index - self.starts[run]


class ArrayMap:
    """Inner index -> outer index from one entry per character (shell words)."""

    __slots__ = ("fallback", "offsets")

    def __init__(self, offsets: array[int], fallback: int = 0) -> None:
        self.offsets = offsets
        self.fallback = fallback

    def outer(self, index: int) -> int:
        if not self.offsets:
            return self.fallback
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]


#: Either kind of map; both answer ``outer(inner_index)``.
OffsetMap = SegmentMap | ArrayMap

_WORDS = re.compile(r"\S+")


def string_offsets(node: Node, source: SourceText) -> OffsetMap:
    """Where each character of a string value's decoded text is in the file.

    Exact for what configuration files hold in practice: a one-line plain or
    quoted string written without escapes, and a literal block scalar (``|``,
    ``|-``, ``|+``, whose lines are the value with the block's indentation
    removed). Otherwise (folded blocks, escapes) each word of the value is
    searched for in the raw source in order, and what is not found points at
    the string's start. So a finding inside a ConfigMap's pod template or a
    container's ``sh -c`` script points at its text in the file.
    """
    value = node.text() or ""
    start = source.index(node.loc.line, node.loc.col)
    end = max(source.index(node.loc.end_line, node.loc.end_col) + 1, start)
    raw = source.text[start:end]
    lead = 1 if raw[:1] in ("'", '"') else 0
    if "\n" not in value and raw[lead : lead + len(value)] == value:
        return SegmentMap.shifted(start + lead)
    if raw[:1] == "|":
        block = _literal_block(value, source, start)
        if block is not None:
            return block
    # A block scalar's location may end at the start of its last line: search that line too.
    return _by_words(value, source.text, start, source.index(node.loc.end_line + 1, 1))


def _literal_block(value: str, source: SourceText, start: int) -> SegmentMap | None:
    """The map of a literal block scalar whose header starts at ``start`` (None: no match)."""
    text = source.text
    header_end = LINE_BREAK.search(text, start)
    if header_end is None:
        return None
    pos = header_end.end()
    indent: int | None = None
    mapping = SegmentMap()
    built = 0
    while built < len(value) and pos < len(text):
        brk = LINE_BREAK.search(text, pos)
        line_end = brk.start() if brk else len(text)
        next_pos = brk.end() if brk else len(text)
        line = text[pos:line_end]
        content = line.lstrip(" ")
        if indent is None and content:
            indent = len(line) - len(content)
        if indent is not None and len(line) >= indent and line[:indent].strip(" ") == "" and (
                line.strip(" ")):
            piece = line[indent:]
            if value[built : built + len(piece)] != piece:
                return None
            mapping.add(built, pos + indent)
            built += len(piece)
        elif line.strip(" "):
            return None  # less indented: the block ended before the value did
        else:
            mapping.add(built, line_end)
        if built < len(value):
            if value[built] != "\n":
                return None
            built += 1  # the line break, just after the line's text in both
        pos = next_pos
    return mapping if built >= len(value) else None


def _by_words(value: str, text: str, start: int, end: int) -> ArrayMap:
    """Each word of ``value`` found in ``text[start:end]`` in order; the rest at ``start``."""
    offsets = array("q", [start]) * len(value)
    cursor = start
    for match in _WORDS.finditer(value):
        word = match.group(0)
        found = text.find(word, cursor, end)
        if found == -1:
            continue
        offsets[match.start() : match.end()] = array("q", range(found, found + len(word)))
        cursor = found + len(word)
    # Blanks between found words point just after the word before them.
    for index in range(1, len(value)):
        if value[index].isspace() and not value[index - 1].isspace():
            offsets[index] = offsets[index - 1] + 1
    return ArrayMap(offsets, start)
