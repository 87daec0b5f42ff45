"""Bytes of one file to a :class:`LoadedFile`: size, encoding and format checks."""

from __future__ import annotations

import codecs
import json
import os
import re
from functools import cache

from spotlint.load.base import MAX_DEPTH_CEILING, LimitExceeded, Limits, LoadedFile, LoadError
from spotlint.load.properties import load_properties_text
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Markdown guides: their fenced code blocks are read (spotlint.load.markdown).
MARKDOWN_SUFFIXES = (".md", ".markdown")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)


def format_of(path: str) -> str:
    """The loader a file name asks for: yaml, json, properties, shell, markdown or terraform."""
    if path.endswith((".yaml", ".yml")):  # most files: no other name ends so
        return "yaml"
    name = os.path.basename(path).lower()
    if name.endswith((".tf", ".tf.json", ".tfvars")):
        return "terraform-json" if name.endswith(".json") else "terraform"
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".conf") or name == "spark-defaults.conf":
        return "properties"
    if name.endswith(".sh") or name.endswith(".bash"):
        return "shell"
    return "yaml"


def decode(data: bytes) -> tuple[str | None, LoadError | None]:
    """Text of ``data`` (UTF-8, or UTF-16/32 with a BOM), or why it is not text."""
    for bom, encoding in _BOMS if data.startswith(_BOM_PREFIXES) else ():
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                return None, LoadError(f"cannot decode as {encoding}: {exc.reason}")
    # An undecodable file has no text to point into (its finding is shown at
    # 1:1), so the message also says where the offending byte is.
    offset = data.find(b"\x00")  # (``in`` tries the needle as an integer first: dearer)
    if offset >= 0:
        line, col = _byte_position(data, offset)
        return None, LoadError(
            f"binary file (NUL byte at line {line}, byte {col}); not a text configuration file",
            line,
            col,
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        return None, LoadError(f"not valid UTF-8 text (line {line}, byte {col})", line, col)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def load_bytes(
    path: str, data: bytes, limits: Limits, fmt: str | None = None, skip: bool = False,
) -> LoadedFile:
    """Load one file's bytes; every problem becomes a :class:`LoadError`.

    ``skip``: a YAML or JSON file's subtrees nothing reads are read without building
    them (:mod:`.skipping`; the run's registry must allow it).
    """
    fmt = fmt or format_of(path)
    if len(data) > limits.max_file_bytes:
        loaded = LoadedFile(path=path, text="", fmt=fmt)
        loaded.errors.append(LoadError(f"file larger than max-file-bytes={limits.max_file_bytes}"))
        return loaded
    text, error = decode(data)
    if text is None:
        loaded = LoadedFile(path=path, text="", fmt=fmt)
        loaded.errors.append(error or LoadError("unreadable"))
        return loaded
    loaded = load_text(path, text, limits, fmt, skip=skip)
    # Decoded without a BOM (so strictly as UTF-8) and kept as given: the file's own text.
    loaded.utf8 = loaded.text is text and not data.startswith(_BOM_PREFIXES)
    return loaded


def load_text(path: str, text: str, limits: Limits, fmt: str, *, skip: bool = False) -> LoadedFile:
    if fmt == "properties":
        return load_properties_text(path, text, limits)
    if fmt == "shell":
        loaded = LoadedFile(path=path, text=text, fmt="shell")
        # A text holds at most one word per two characters (rounded up): a shorter
        # one than twice the limit (every script but a hostile one) needs no count.
        if (len(text) + 1) // 2 > limits.max_nodes and _word_count(
                text, limits.max_nodes) > limits.max_nodes:
            loaded.errors.append(LoadError(f"more than max-nodes={limits.max_nodes} values"))
            loaded.text = ""  # not read as a script: nothing in it is linted
        return loaded
    if fmt == "json":
        return _load_json(path, text, limits, skip)
    if fmt == "markdown":
        from spotlint.load.markdown import load_markdown_text

        return load_markdown_text(path, text, limits, load_text)
    if fmt in ("terraform", "terraform-json"):
        # Imported here: the HCL reader is loaded only when a Terraform file is read.
        from spotlint.load.hcl_files import load_terraform_text

        return load_terraform_text(path, text, limits, fmt)
    return load_yaml_text(path, text, limits, skip=skip)


#: Integer literals longer than this stay text (as in the YAML loader): Python refuses
#: to convert more than 4300 digits, and no configuration value needs 65.
_MAX_INT_DIGITS = 64


def _json_int(text: str) -> int | str:
    return int(text) if len(text) <= _MAX_INT_DIGITS else text


def parse_json(text: str) -> Any:
    """``json.loads`` for untrusted text: long integer literals are kept as text.

    Raises ``ValueError`` (``json.JSONDecodeError`` for syntax) and ``RecursionError``
    like ``json.loads``; a 4,301-digit number is no longer one of them.
    """
    return json.loads(text, parse_int=_json_int)


_WORD = re.compile(r"\S+")


@cache
def _json_string() -> re.Pattern[str]:
    """A JSON string (compiled when first asked: only for a JSON text near the node limit)."""
    return re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _word_count(text: str, stop: int) -> int:
    """Blank-separated words in ``text``, counted up to just past ``stop``."""
    count = 0
    for _ in _WORD.finditer(text):
        count += 1
        if count > stop:
            break
    return count


def _json_value_bound(text: str) -> int:
    """An upper bound on the values (keys included) a JSON text holds, without parsing it."""
    bare = _json_string().sub("", text)
    return 1 + bare.count(",") + bare.count("[") + bare.count("{") + 2 * bare.count(":")


def _load_json(path: str, text: str, limits: Limits, skip: bool = False) -> LoadedFile:
    """Validate as strict JSON first (exact errors), then compose for positions.

    ``json.loads`` builds the whole value before anything can be counted, so a
    text that might hold more than ``max-nodes`` values goes through the YAML
    reader first, which stops at the limit.
    """
    # The bound is at most 1 + 2 * len(text): a text shorter than that needs no count.
    if 1 + 2 * len(text) > limits.max_nodes and _json_value_bound(text) > limits.max_nodes:
        bounded = load_yaml_text(path, text, limits, fmt="json")
        if bounded.errors:
            return bounded
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        templated = _templated_json(path, text, limits)
        if templated is not None:
            return templated
        loaded = LoadedFile(path=path, text=text, fmt="json")
        loaded.errors.append(LoadError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno))
        return loaded
    except RecursionError:
        # Deeper than the interpreter's stack: the YAML reader says where, without recursing.
        loaded = load_yaml_text(path, text, limits, fmt="json")
        if not loaded.errors:
            loaded.documents.clear()
            loaded.errors.append(LoadError(f"nesting deeper than max-depth={limits.max_depth}"))
        return loaded
    loaded = load_yaml_text(path, text, limits, fmt="json", skip=skip)
    if loaded.errors and not any("max-" in e.message for e in loaded.errors):
        # Valid JSON that YAML rejects (tabs and the like): keep values, lose columns.
        loaded = LoadedFile(path=path, text=text, fmt="json")
        try:
            loaded.documents.append(_from_plain(data, Location(path, 1, 1, 1, 1), limits))
        except LimitExceeded as exc:
            loaded.errors.append(LoadError(exc.message, exc.line, exc.col))
    return loaded


def _templated_json(path: str, text: str, limits: Limits) -> LoadedFile | None:
    """A JSON template (``"maxExecutors": {MAX}``) read with its placeholders unknown.

    None when ``text`` holds no placeholder or is not JSON even without them.
    """
    from spotlint.load.templated import neutralize_json, restore_values, templated

    if not templated(text):
        return None
    neutral = neutralize_json(text)
    try:
        parse_json(neutral)
    except (ValueError, RecursionError):
        return None
    loaded = load_yaml_text(path, neutral, limits, fmt="json")
    if loaded.errors:
        return None
    restore_values(loaded.documents, neutral, text)
    loaded.text = text
    loaded.templated = True
    loaded.plain_parse = False  # the neutralized text was read, not this one
    return loaded


def _from_plain(
    value: object, loc: Location, limits: Limits, key: Node | None = None, depth: int = 0
) -> Node:
    ceiling = min(limits.max_depth, MAX_DEPTH_CEILING)
    if depth > ceiling:
        raise LimitExceeded(f"nesting deeper than max-depth={ceiling}")
    if isinstance(value, dict):
        return Node(
            {
                str(k): _from_plain(v, loc, limits, Node(str(k), loc), depth + 1)
                for k, v in value.items()
            },
            loc,
            key,
        )
    if isinstance(value, list):
        return Node([_from_plain(v, loc, limits, None, depth + 1) for v in value], loc, key)
    return Node(value, loc, key)
