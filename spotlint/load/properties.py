"""``spark-defaults.conf`` as Java properties, with positions.

Spark reads the file with ``java.util.Properties.load``: ``#``/``!`` comments,
key and value separated by whitespace, ``=`` or ``:``, backslash continuation,
later duplicates win. The result is one mapping document whose values know
their line and column.
"""

from __future__ import annotations

import re

from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.placeholders import has_placeholder
from spotlint.load.textpos import LineIndex
from spotlint.location import Location, Node

_SEPARATOR = re.compile(r"\s*[=:]\s*|\s+")
#: The start of a line that holds an entry (not blank, not a ``#``/``!`` comment).
_BREAKS = "\r\n"  # Java's line terminators, as in ``LINE_BREAK``
_ENTRY_LINE = re.compile(f"(?:^|(?<=[{_BREAKS}]))(?=[ \\t]*[^ \\t#!{_BREAKS}])")


def load_properties_text(path: str, text: str, limits: Limits | None = None) -> LoadedFile:
    """Parse properties text into a single mapping document.

    Each entry is a key and a value node, so a file with more than half of
    ``max-nodes`` entries is refused (SL001) rather than held in memory.
    """
    limits = limits or Limits()
    loaded = LoadedFile(path=path, text=text, fmt="properties")
    entries: dict[str, Node] = {}
    values = 0
    consumed = 0  # the last line read, continuations included
    lines = LineIndex(text)  # not a list of lines: a hostile file may have millions
    for start in _ENTRY_LINE.finditer(text):
        # Comment and blank lines are skipped by the pattern, in C: a file of
        # millions of comments costs no Python work per line.
        line_no = lines.line_at(start.start())
        if line_no <= consumed:
            continue
        raw = lines.line(line_no)
        stripped = raw.lstrip()
        if not stripped or stripped[0] in "#!":
            continue
        indent = len(raw) - len(stripped)
        # Continued lines are joined once at the end: joining as we go is
        # quadratic on a file of a million backslash-continued lines.
        parts = [stripped]
        following = line_no
        while (
            parts[-1].endswith("\\")
            and not parts[-1].endswith("\\\\")
            and following < len(lines)
        ):
            parts[-1] = parts[-1][:-1]
            following += 1
            parts.append(lines.line(following).lstrip())
        logical = "".join(parts).rstrip()
        consumed = following
        match = _SEPARATOR.search(logical)
        if match is None:
            key, value, value_start = logical, "", len(logical)
        else:
            key, value, value_start = logical[: match.start()], logical[match.end() :], match.end()
        key_col = indent + 1
        key_node = Node(key, Location(path, line_no, key_col, line_no, key_col + len(key)))
        value_col = indent + value_start + 1
        value_end = value_col + max(len(value), 1)
        value_node = Node(
            value,
            Location(path, line_no, value_col, line_no, value_end),
            key=key_node,
            unknown=has_placeholder(value),
        )
        entries[key] = value_node
        values += 2
        if values > limits.max_nodes:
            loaded.errors.append(
                LoadError(f"more than max-nodes={limits.max_nodes} values", line_no, 1)
            )
            return loaded
    loc = Location(path, 1, 1, max(len(lines), 1), 1)
    loaded.documents.append(Node(entries, loc))
    return loaded


def looks_like_spark_properties(text: str) -> bool:
    """True if some non-comment line sets a ``spark.`` property."""
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("spark."):
            return True
    return False
