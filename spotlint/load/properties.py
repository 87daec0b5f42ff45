"""``spark-defaults.conf`` read exactly as Spark reads it, with positions.

Spark opens the file as UTF-8 and hands it to ``java.util.Properties.load``
(``Utils.getPropertiesFromFile``), then trims each value of characters up to
U+0020 except CR and LF (``trimExceptCRLF``). ``Properties.load`` works in two
steps, both reproduced here (see the JDK's ``Properties.load(Reader)``
documentation):

1. *Logical lines.* Lines end at CR LF, CR or LF. Leading spaces, tabs and form
   feeds are skipped; a line that is then empty is blank, and one starting with
   ``#`` or ``!`` is a comment (only at the start of a logical line: on a
   continuation line they are text). A line ending in an odd number of
   backslashes continues on the next line, whose leading whitespace is
   skipped; a continuation onto a blank line ends the logical line.
2. *Key and value.* The key runs to the first unescaped ``=``, ``:``, space,
   tab or form feed; whitespace, at most one ``=`` or ``:``, and whitespace
   again separate it from the value. In both, ``\\uXXXX`` (exactly four hex
   digits, else the whole file is rejected), ``\\t``, ``\\n``, ``\\r``, ``\\f``
   are escapes and a backslash before any other character stands for that
   character (``a\\:b`` is the key ``a:b``). Later duplicates win.

Each entry becomes a key node and a value node located on the raw text: the
key from its first to its last raw character, the value from its first raw
character to its last non-blank one, across continuation lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import chain
from operator import methodcaller

from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.placeholders import has_placeholder
from spotlint.load.textpos import LineIndex
from spotlint.location import Location, Node, located

#: Whitespace ``Properties.load`` skips and separates on.
_BLANK = " \t\f"
#: The line break before a line that may hold an entry (not blank, not a ``#``/``!``
#: comment); the first line is asked with :data:`_ENTRY_FIRST`. (As a zero-width pattern,
#: ``(?:^|(?<=[\r\n]))(?=...)``, it was tried at every character, ~400 instructions
#: each: 16 M for the 30 files of the Spark-heavy 1k corpus; a break is found first
#: now, by a scan for the two characters.)
_ENTRY_AFTER = re.compile("[\r\n](?=[ \\t\\f]*[^ \\t\\f#!\r\n])")
#: The first line may hold an entry.
_ENTRY_FIRST = re.compile("[ \\t\\f]*[^ \\t\\f#!\r\n]")
#: A key: anything up to the first unescaped separator (``\\`` escapes the next char).
#: (Written as a run of plain characters, then escapes each followed by such a run:
#: ``(?:[^...]|\\.)*`` matched the same texts, one alternation per character.)
_KEY = re.compile(r"[^\\=: \t\f]*(?:\\.[^\\=: \t\f]*)*", re.DOTALL)
#: What separates the key from the value after an ``=``/``:`` or after whitespace.
_AFTER_MARK = re.compile("[ \\t\\f]*")
_AFTER_BLANK = re.compile("[ \\t\\f]*(?:[=:][ \\t\\f]*)?")
#: Where a match ends.
_end = methodcaller("end")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
#: What Spark's ``trimExceptCRLF`` removes around a value.
_TRIM = "".join(chr(c) for c in range(0x21) if chr(c) not in "\r\n")


@cache
def _escape() -> re.Pattern[str]:
    """An escape (compiled when first asked, as :func:`_spark_line`: only some files need it)."""
    return re.compile(r"\\(u[0-9a-fA-F]{4}|u|.)", re.DOTALL)


@cache
def _spark_line() -> re.Pattern[str]:
    """A line starting with ``spark.`` (after blanks)."""
    return re.compile("(?:^|(?<=[\r\n]))[ \\t\\f]*spark\\.")


class MalformedEscape(ValueError):
    """``\\u`` not followed by four hex digits: ``Properties.load`` rejects the file."""

    def __init__(self, offset: int) -> None:
        super().__init__("malformed \\uxxxx escape")
        self.offset = offset


def unescape(raw: str) -> str:
    """A key or value as ``Properties.load`` converts it (``loadConvert``)."""
    if "\\" not in raw:
        return raw

    def one(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped[0] == "u":
            if len(escaped) != 5:
                raise MalformedEscape(match.start())
            return chr(int(escaped[1:], 16))
        return _ESCAPED.get(escaped, escaped)

    return _escape().sub(one, raw)


class _Logical:
    """One logical line: its text and where each piece of it sits in the file."""

    __slots__ = ("offsets", "starts", "text")

    def __init__(self, text: str, starts: list[int], offsets: list[int]) -> None:
        self.text = text
        #: index in ``text`` where each piece starts, and that piece's offset in the file
        self.starts = starts
        self.offsets = offsets

    def source(self, index: int) -> int:
        """The file offset of character ``index`` of the logical line."""
        piece = bisect_right(self.starts, index) - 1
        return self.offsets[piece] + index - self.starts[piece]


def _odd_backslashes(text: str) -> bool:
    """``text`` ends in an odd number of backslashes (the last one escapes the line end)."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def load_properties_text(path: str, text: str, limits: Limits | None = None) -> LoadedFile:
    """Parse properties text into a single mapping document.

    Each entry is a key and a value node, so a file with more than half of
    ``max-nodes`` entries is refused (SL001) rather than held in memory. A
    malformed ``\\uXXXX`` escape is SL001 at the escape: Spark fails to start.
    """
    limits = limits or Limits()
    loaded = LoadedFile(path=path, text=text, fmt="properties")
    entries: dict[str, Node] = {}
    values = 0
    consumed = 0  # the last line read, continuations included
    lines = LineIndex(text)  # not a list of lines: a hostile file may have millions
    first = [0] if _ENTRY_FIRST.match(text) else []
    for start in chain(first, map(_end, _ENTRY_AFTER.finditer(text))):
        # Comment and blank lines are skipped by the pattern, in C: a file of
        # millions of comments costs no Python work per line.
        line_no = lines.line_at(start)
        if line_no <= consumed:
            continue
        raw = lines.line(line_no)
        plain = _plain_entry(path, line_no, raw) if "\\" not in raw else None
        if plain is not None:  # most lines: no escape, no continuation
            key_node, value_node = plain
            consumed = line_no
        else:
            logical, consumed = _logical_line(lines, line_no)
            if not logical.text:
                continue  # a lone continuation backslash: nothing, as in Java
            try:
                key_node, value_node = _entry(path, lines, logical)
            except MalformedEscape as exc:
                line, col = lines.position(logical.source(exc.offset))
                loaded.errors.append(LoadError("invalid properties: malformed \\uxxxx escape",
                                               line, col))
                return loaded
        entries[str(key_node.value)] = value_node
        values += 2
        if values > limits.max_nodes:
            loaded.errors.append(
                LoadError(f"more than max-nodes={limits.max_nodes} values", line_no, 1)
            )
            return loaded
    loc = Location(path, 1, 1, max(len(lines), 1), 1)
    loaded.documents.append(Node(entries, loc))
    return loaded


def _logical_line(lines: LineIndex, line_no: int) -> tuple[_Logical, int]:
    """The logical line starting at natural line ``line_no``, and its last natural line."""
    pieces: list[str] = []
    starts: list[int] = []
    offsets: list[int] = []
    length = 0
    following = line_no
    while True:
        raw = lines.line(following)
        content = raw.lstrip(_BLANK)
        if not content and pieces:
            break  # continued onto a blank line: the logical line ends there
        starts.append(length)
        offsets.append(lines.start(following) + len(raw) - len(content))
        continued = _odd_backslashes(content)
        if continued:
            content = content[:-1]
        # Pieces are joined once at the end: joining as we go is quadratic on a
        # file of a million backslash-continued lines.
        pieces.append(content)
        length += len(content)
        if not continued or following >= len(lines):
            break  # (a backslash at the end of the file is dropped)
        if not length:
            # Only a backslash so far: Java then reads the next line as a new
            # logical line (where ``#`` starts a comment); the caller does that.
            break
        following += 1
    return _Logical("".join(pieces), starts, offsets), following


def _split(text: str) -> tuple[int, int]:
    """Where the key of a logical line (``text``, leading blanks removed) ends and its
    value starts: after one ``=`` or ``:`` with the blanks around it, or after blanks."""
    key_end = _KEY.match(text).end()  # type: ignore[union-attr]  # always matches
    if key_end >= len(text):
        return key_end, len(text)
    separator = _AFTER_MARK if text[key_end] in "=:" else _AFTER_BLANK
    return key_end, separator.match(text, key_end + 1).end()  # type: ignore[union-attr]


def _entry(path: str, lines: LineIndex, logical: _Logical) -> tuple[Node, Node]:
    text = logical.text
    key_end, value_start = _split(text)
    raw_value = text[value_start:]
    key = unescape(text[:key_end])
    try:
        value = unescape(raw_value).strip(_TRIM)
    except MalformedEscape as exc:
        raise MalformedEscape(value_start + exc.offset) from None
    key_node = Node(key, _span(path, lines, logical, 0, key_end))
    # The value's location leaves out trailing blanks, but not an escaped one.
    value_end = value_start + len(raw_value.rstrip(_TRIM))
    if value_end < len(text) and _odd_backslashes(text[value_start:value_end]):
        value_end += 1
    value_node = Node(
        value,
        _span(path, lines, logical, value_start, value_end),
        key=key_node,
        unknown=has_placeholder(value),
    )
    return key_node, value_node


def _plain_entry(path: str, line_no: int, raw: str) -> tuple[Node, Node] | None:
    """:func:`_entry` of natural line ``line_no`` (``raw``, without its break) when the
    line holds no backslash: then it is the whole logical line and nothing in it is
    escaped, so positions are columns of this one line. None for a blank line."""
    text = raw.lstrip(_BLANK)
    if not text:
        return None
    base = len(raw) - len(text) + 1  # the column of ``text[0]``
    key_end, value_start = _split(text)
    raw_value = text[value_start:]
    value = raw_value.strip(_TRIM)
    key_col = base
    # ``located``: no Location object per node (the nodes make one when asked)
    key_node = located(text[:key_end], path, line_no, key_col, line_no,
                       base + key_end - 1 if key_end else key_col)
    value_col = base + value_start
    value_end = value_start + len(raw_value.rstrip(_TRIM))
    value_node = located(value, path, line_no, value_col, line_no,
                         base + value_end - 1 if value_end > value_start else value_col,
                         "", has_placeholder(value))
    value_node._key = key_node
    return key_node, value_node


def _span(path: str, lines: LineIndex, logical: _Logical, start: int, end: int) -> Location:
    """Characters ``start:end`` of the logical line in the file (a point when empty)."""
    first = logical.source(start) if start < len(logical.text) else (
        logical.source(start - 1) + 1 if start else logical.source(0))
    line, col = lines.position(first)
    if end <= start:
        return Location(path, line, col, line, col)
    end_line, end_col = lines.position(logical.source(end - 1))
    return Location(path, line, col, end_line, end_col)


def has_spark_property(text: str) -> bool:
    """True if some entry's key starts with ``spark.`` (escapes and continuations read).

    A file Spark would refuse (a malformed escape) counts when a line starts
    with ``spark.``, so its SL001 is reported rather than the file skipped.
    """
    if "\\" in text:
        documents = load_properties_text("", text).documents
        if documents:
            return any(key.startswith("spark.") for key in documents[0].value)
    return _spark_line().search(text) is not None
