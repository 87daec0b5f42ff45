"""The spans a fix reads in a JSON file, found from its target with json's C scanner.

A fix shown in a JSON file (an EMR job's request: a new key in its ``sparkConf``
style mapping, ``--conf`` items appended to its ``sparkSubmitParameters``) read the
file's YAML parse events up to its targets (:func:`.tree.compose`): ~9,000 bytecodes
for a ~900-character file, a fifth of placing a run's fixes. What an insertion reads
(the mapping's start, each member's key and value spans, and those of the mappings
among its values as deep as the new key's parents go) and what an append reads (the
string's start and end) are found here from the target on: keys by ``scanstring``,
values skipped whole by the scanner, both in C.

Only for a text the loader read plainly as JSON and as YAML
(:attr:`spotlint.load.base.LoadedFile.plain_parse`: ``json.loads`` took it and
libyaml read it without an error, anchor or alias), where both readers find the
same members at the same characters; at anything else (no object or string at the
target, a string that is a key) these answer None and the file is composed as
before. ``tests/fix/test_fix_json_spans.py`` holds the splices equal to the composed
tree's on every mapping and string of the examples', the fixtures' and the corpus's
JSON files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from json import JSONDecoder
from json.decoder import WHITESPACE  # type: ignore[attr-defined]

from spotlint.fix.tree import Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # pragma: no branch - the C accelerator ships with CPython
    from _json import scanstring
except ImportError:  # pragma: no cover
    from json.decoder import py_scanstring as scanstring  # type: ignore[attr-defined,no-redef]

#: JSON's whitespace between tokens (a valid text has no other): it always matches
#: (the json module's own pattern, compiled when it was imported)
_SKIP: Callable[[str, int], re.Match[str]] = WHITESPACE.match
#: ``scan_once(text, index)``: the value starting at ``index`` and the index after it
_SCAN: Callable[[str, int], tuple[Any, int]] = JSONDecoder().scan_once  # type: ignore[attr-defined]


def object_at(text: str, at: int, depth: int) -> Span | None:
    """The object starting at ``at`` as the composed tree spans it (a flow mapping):
    its members' key and value spans, and ``depth`` levels down those of the objects
    among its values; None when no object starts there or it does not read as one."""
    if text[at : at + 1] != "{":
        return None
    mapping = Span(at, at, "map", "flow", ())
    entries = mapping.entries
    skip = _SKIP
    at = skip(text, at + 1).end()
    if text[at : at + 1] == "}":
        mapping.end = at + 1
        return mapping
    try:
        while text[at : at + 1] == '"':
            key, key_end = scanstring(text, at + 1, True)
            colon = skip(text, key_end).end()
            if text[colon : colon + 1] != ":":
                return None
            start = skip(text, colon + 1).end()
            value: Span | None
            if depth > 0 and text[start : start + 1] == "{":
                value = object_at(text, start, depth - 1)
                if value is None:
                    return None
            else:
                value = _value(text, start)
            entries.append((Span(at, key_end, "scalar", '"', (), True, key), value))
            at = skip(text, value.end).end()
            char = text[at : at + 1]
            if char == "}":
                mapping.end = at + 1
                return mapping
            if char != ",":
                return None
            at = skip(text, at + 1).end()
    except (ValueError, StopIteration, RecursionError):
        return None  # (json.JSONDecodeError is a ValueError)
    return None


def string_at(text: str, at: int) -> Span | None:
    """The string value (not a key) starting at ``at``, as the composed tree spans it
    (a double-quoted scalar); None when no string starts there, or it is a key."""
    if text[at : at + 1] != '"':
        return None
    try:
        value, end = scanstring(text, at + 1, True)
    except ValueError:
        return None
    after = _SKIP(text, end).end()
    if text[after : after + 1] == ":":
        return None  # a member's key
    return Span(at, end, "scalar", '"', (), False, value)


def _value(text: str, start: int) -> Span:
    """The span of the value starting at ``start`` (its members not spanned)."""
    found, end = _SCAN(text, start)
    char = text[start]
    if char == "{":
        return Span(start, end, "map", "flow", ())
    if char == "[":
        return Span(start, end, "seq", "flow", ())
    if char == '"':
        return Span(start, end, "scalar", '"', (), False, found)
    return Span(start, end, "scalar", None, (), False, text[start:end])
