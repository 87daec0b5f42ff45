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

from spotlint.location import Location, Node

#: Line breaks everywhere in spotlint: CR LF, CR or LF ("universal newlines"), as
#: editors, GitHub and Java's Properties count lines. Form feeds, U+2028 and the
#: like are ordinary characters (libyaml's extra breaks are mapped back, see
#: ``yaml_loader``).
LINE_BREAK = re.compile("\r\n|\r|\n")
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
        starts.extend(map(_match_end, LINE_BREAK.finditer(text)))
        self._starts = starts

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
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = array("q", [0])
        starts.extend(map(_match_end, LINE_BREAK.finditer(text)))  # no Python loop body
        if len(starts) > 1 and starts[-1] == len(text):
            starts.pop()  # a final line break does not start another line
        self._starts = starts

    def __len__(self) -> int:
        """Number of lines, counting an empty text as one (empty) line."""
        return len(self._starts)

    def line_at(self, index: int) -> int:
        """The (1-based) line holding character ``index``."""
        return bisect_right(self._starts, index)

    def start(self, number: int) -> int:
        """The offset where line ``number`` (1-based, in range) starts."""
        return self._starts[number - 1]

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of character ``index``."""
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; "" when out of range."""
        if not 0 < number <= len(self._starts):
            return ""
        start = self._starts[number - 1]
        match = LINE_BREAK.search(self.text, start)
        return self.text[start : match.start() if match else len(self.text)]

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
