"""Map offsets inside a decoded string value back to file positions.

``--conf k=v`` items live inside one YAML/JSON string; a finding about ``k`` must
point at ``k`` in the file, not at the start of the string. When the raw source
of the string holds the decoded text verbatim (plain scalars, quoted strings
without escapes) the mapping is exact; otherwise the key text is searched for in
the raw source, and as a last resort the string's own position is used.
"""

from __future__ import annotations

from bisect import bisect_right

from spotlint.location import Location, Node


class SourceText:
    """A file's text with a line table for index <-> (line, col) conversion."""

    __slots__ = ("_starts", "path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
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
