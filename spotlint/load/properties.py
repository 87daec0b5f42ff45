"""``spark-defaults.conf`` as Java properties, with positions.

Spark reads the file with ``java.util.Properties.load``: ``#``/``!`` comments,
key and value separated by whitespace, ``=`` or ``:``, backslash continuation,
later duplicates win. The result is one mapping document whose values know
their line and column.
"""

from __future__ import annotations

import re

from spotlint.load.base import LoadedFile
from spotlint.load.placeholders import has_placeholder
from spotlint.location import Location, Node

_SEPARATOR = re.compile(r"\s*[=:]\s*|\s+")


def load_properties_text(path: str, text: str) -> LoadedFile:
    """Parse properties text into a single mapping document."""
    loaded = LoadedFile(path=path, text=text, fmt="properties")
    entries: dict[str, Node] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        raw = lines[index]
        line_no = index + 1
        index += 1
        stripped = raw.lstrip()
        if not stripped or stripped[0] in "#!":
            continue
        indent = len(raw) - len(stripped)
        logical = stripped
        while logical.endswith("\\") and not logical.endswith("\\\\") and index < len(lines):
            logical = logical[:-1] + lines[index].lstrip()
            index += 1
        logical = logical.rstrip()
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
