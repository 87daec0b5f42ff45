"""Bytes of one file to a :class:`LoadedFile`: size, encoding and format checks."""

from __future__ import annotations

import codecs
import json
import os

from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.properties import load_properties_text
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def format_of(path: str) -> str:
    """The loader a file name asks for: yaml, json, properties or shell."""
    name = os.path.basename(path).lower()
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".conf") or name == "spark-defaults.conf":
        return "properties"
    if name.endswith(".sh") or name.endswith(".bash"):
        return "shell"
    return "yaml"


def decode(data: bytes) -> tuple[str | None, LoadError | None]:
    """Text of ``data`` (UTF-8, or UTF-16/32 with a BOM), or why it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                return None, LoadError(f"cannot decode as {encoding}: {exc.reason}")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        return None, LoadError("binary file (NUL byte); not a text configuration file", line)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, LoadError("not valid UTF-8 text", line, col)


def load_bytes(path: str, data: bytes, limits: Limits, fmt: str | None = None) -> LoadedFile:
    """Load one file's bytes; every problem becomes a :class:`LoadError`."""
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
    return load_text(path, text, limits, fmt)


def load_text(path: str, text: str, limits: Limits, fmt: str) -> LoadedFile:
    if fmt == "properties":
        return load_properties_text(path, text)
    if fmt == "shell":
        return LoadedFile(path=path, text=text, fmt="shell")
    if fmt == "json":
        return _load_json(path, text, limits)
    return load_yaml_text(path, text, limits)


def _load_json(path: str, text: str, limits: Limits) -> LoadedFile:
    """Validate as strict JSON first (exact errors), then compose for positions."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        loaded = LoadedFile(path=path, text=text, fmt="json")
        loaded.errors.append(LoadError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno))
        return loaded
    except RecursionError:
        loaded = LoadedFile(path=path, text=text, fmt="json")
        loaded.errors.append(LoadError(f"nesting deeper than max-depth={limits.max_depth}"))
        return loaded
    loaded = load_yaml_text(path, text, limits, fmt="json")
    if loaded.errors and not any("max-" in e.message for e in loaded.errors):
        # Valid JSON that YAML rejects (tabs and the like): keep values, lose columns.
        loaded = LoadedFile(path=path, text=text, fmt="json")
        loaded.documents.append(_from_plain(data, Location(path, 1, 1, 1, 1)))
    return loaded


def _from_plain(value: object, loc: Location, key: Node | None = None) -> Node:
    if isinstance(value, dict):
        return Node(
            {str(k): _from_plain(v, loc, Node(str(k), loc)) for k, v in value.items()}, loc, key
        )
    if isinstance(value, list):
        return Node([_from_plain(v, loc) for v in value], loc, key)
    return Node(value, loc, key)
