"""SL002: validate the fields a kind reads against its JSON Schema, with positions.

The input schemas (``schemas/inputs``) use a small part of JSON Schema 2020-12:
``type``, ``properties``, ``additionalProperties``, ``items``, ``enum``,
``required``, ``allOf``, ``oneOf``, ``minimum``, ``maximum``, ``minItems`` and
``$ref`` within and between those files. They are checked here by a small
interpreter instead of jsonschema, because importing jsonschema (and referencing,
attrs and rpds behind it) costs about 50 ms: half the budget of a one-file
pre-commit run. The interpreter reproduces jsonschema's errors (same instance
paths, keywords and messages); ``tests/test_schema_check.py`` compares the two on
generated documents and on the shared corpus. A schema using any other keyword
is refused when loaded, so a schema edit cannot silently go unchecked. The
configuration file schema has its own small interpreter
(:mod:`spotlint.config.validate`, with other keywords and references inside one
file); its error class and JSON type and equality checks serve both.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from spotlint.config.validate import SchemaError, SchemaSubsetError, is_type, json_equal
from spotlint.location import Location, Node

#: Keywords that only annotate or hold definitions: nothing to check.
_IGNORED = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment"})
#: Keywords the interpreter checks (see :meth:`_Validator.errors`).
SUPPORTED = frozenset(
    {
        "$ref", "type", "properties", "additionalProperties", "items", "enum",
        "required", "allOf", "oneOf", "minimum", "maximum", "minItems",
    }
)


def _inputs_dir() -> str:
    """``schemas/inputs`` as installed (the ``spotlint.schemas`` package directory).

    Read with plain file access: :mod:`importlib.resources` costs a few
    milliseconds to import, and spotlint is never run from a zip archive.
    """
    package = importlib.import_module("spotlint.schemas")
    return os.path.join(os.path.dirname(os.path.abspath(package.__file__ or "")), "inputs")


def _load_all() -> dict[str, Any]:
    """Every input schema by file name."""
    by_file: dict[str, Any] = {}
    directory = _inputs_dir()
    for name in sorted(os.listdir(directory)):
        if name.endswith(".schema.json"):
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                by_file[name] = json.load(handle)
    return by_file


class _Validator:
    """Walks an instance against a schema in keyword order, yielding :class:`SchemaError`."""

    def __init__(self, by_id: dict[str, Any]) -> None:
        self.by_id = by_id
        for base, schema in by_id.items():
            self._check_subset(schema, base)

    def _check_subset(self, schema: Any, base: str) -> None:
        """Refuse keywords and ``$ref`` targets the interpreter does not handle."""
        if isinstance(schema, bool):
            return
        if not isinstance(schema, dict):
            raise SchemaSubsetError(f"{base}: a schema must be an object, got {schema!r}")
        unknown = set(schema) - SUPPORTED - _IGNORED
        if unknown:
            raise SchemaSubsetError(f"{base}: unsupported keyword(s) {sorted(unknown)}")
        if "$ref" in schema:
            self._resolve(schema["$ref"], base)
        if schema.get("additionalProperties") is False:
            raise SchemaSubsetError(f"{base}: additionalProperties: false is not supported")
        for key in ("properties", "$defs"):
            for sub in schema.get(key, {}).values():
                self._check_subset(sub, base)
        for key in ("additionalProperties", "items"):
            if key in schema:
                self._check_subset(schema[key], base)
        for key in ("allOf", "oneOf"):
            for sub in schema.get(key, []):
                self._check_subset(sub, base)

    def _resolve(self, ref: str, base: str) -> tuple[Any, str]:
        """The schema ``ref`` points at, and the ``$id`` its own refs resolve against."""
        uri, _, fragment = ref.partition("#")
        target_id = uri or base
        if target_id not in self.by_id:
            raise SchemaSubsetError(f"{base}: $ref {ref!r} names no input schema")
        node = self.by_id[target_id]
        for part in fragment.split("/")[1:] if fragment else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SchemaSubsetError(f"{base}: $ref {ref!r} points at nothing")
            node = node[part]
        return node, target_id

    def is_valid(self, node: Node, schema: Any, base: str) -> bool:
        return next(self.errors(node, schema, base, ()), None) is None

    def errors(
        self, node: Node, schema: Any, base: str, path: tuple[Any, ...]
    ) -> Iterator[SchemaError]:
        """The violations of ``node`` (a located tree, see :func:`as_node`) by ``schema``.

        Checks read ``node.value`` (a mapping's entries and a list's items are
        nodes; JSON types are told apart on it as on plain data), and only an
        error's own instance is made plain data (``node.plain()``), for its message:
        a document's tree is walked only where the schema describes it.
        """
        if schema is True:
            return
        value = node.value
        for key, keyword in schema.items():
            if key in _IGNORED:
                continue
            if key == "$ref":
                target, target_base = self._resolve(keyword, base)
                yield from self.errors(node, target, target_base, path)
            elif key == "type":
                types = keyword if isinstance(keyword, list) else [keyword]
                if not any(is_type(value, t) for t in types):
                    instance = node.plain()
                    reprs = ", ".join(repr(t) for t in types)
                    yield SchemaError(
                        path, key, keyword, instance, f"{instance!r} is not of type {reprs}",
                        schema,
                    )
            elif key == "properties":
                if isinstance(value, dict):
                    for name, sub in keyword.items():
                        child = value.get(name)
                        if child is not None:
                            yield from self.errors(child, sub, base, (*path, name))
            elif key == "additionalProperties":
                if isinstance(value, dict) and isinstance(keyword, dict):
                    known = schema.get("properties", {})
                    for name, item in value.items():
                        if name not in known:
                            yield from self.errors(item, keyword, base, (*path, name))
            elif key == "items":
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        yield from self.errors(item, keyword, base, (*path, index))
            elif key == "enum":
                instance = node.plain() if isinstance(value, (dict, list)) else value
                if not any(json_equal(each, instance) for each in keyword):
                    yield SchemaError(
                        path, key, keyword, instance, f"{instance!r} is not one of {keyword!r}",
                        schema,
                    )
            elif key == "required":
                if isinstance(value, dict):
                    for name in keyword:
                        if name not in value:
                            yield SchemaError(
                                path, key, keyword, node.plain(),
                                f"{name!r} is a required property", schema,
                            )
            elif key == "allOf":
                for sub in keyword:
                    yield from self.errors(node, sub, base, path)
            elif key == "oneOf":
                yield from self._one_of(node, schema, base, path)
            elif key in ("minimum", "maximum"):
                if is_type(value, "number"):
                    if key == "minimum" and value < keyword:
                        message = f"{value!r} is less than the minimum of {keyword!r}"
                    elif key == "maximum" and value > keyword:
                        message = f"{value!r} is greater than the maximum of {keyword!r}"
                    else:
                        continue
                    yield SchemaError(path, key, keyword, value, message, schema)
            elif key == "minItems":
                if isinstance(value, list) and len(value) < keyword:
                    instance = node.plain()
                    text = "should be non-empty" if keyword == 1 else "is too short"
                    yield SchemaError(
                        path, key, keyword, instance, f"{instance!r} {text}", schema)
            else:  # _check_subset refused it at load time
                raise SchemaSubsetError(f"unsupported keyword {key!r}")

    def _one_of(
        self, node: Node, schema: dict[str, Any], base: str, path: tuple[Any, ...]
    ) -> Iterator[SchemaError]:
        subschemas = schema["oneOf"]
        valid = [sub for sub in subschemas if self.is_valid(node, sub, base)]
        if not valid:
            instance = node.plain()
            message = f"{instance!r} is not valid under any of the given schemas"
            yield SchemaError(path, "oneOf", subschemas, instance, message, schema)
        elif len(valid) > 1:
            # jsonschema lists the later matches first, then the first one.
            instance = node.plain()
            reprs = ", ".join(repr(s) for s in [*valid[1:], valid[0]])
            message = f"{instance!r} is valid under each of {reprs}"
            yield SchemaError(path, "oneOf", subschemas, instance, message, schema)


_NOWHERE = Location("", 1, 1, 1, 1)


def as_node(instance: Any) -> Node:
    """Plain data as a tree the validator walks (positions meaningless): for callers
    holding plain data, such as the tests comparing with jsonschema. Keys stay as
    they are (plain data may have keys that are not strings)."""
    if isinstance(instance, dict):
        return Node({k: as_node(v) for k, v in instance.items()}, _NOWHERE)
    if isinstance(instance, list):
        return Node([as_node(v) for v in instance], _NOWHERE)
    return Node(instance, _NOWHERE)


@lru_cache(maxsize=1)
def _schemas() -> tuple[_Validator, dict[str, Any]]:
    """The validator (schemas by ``$id``, which ``$ref`` names) and the schemas by file name."""
    by_file = _load_all()
    by_id = {schema.get("$id", name): schema for name, schema in by_file.items()}
    return _Validator(by_id), by_file


def iter_errors(schema_name: str, instance: Any) -> Iterator[SchemaError]:
    """Violations of input schema file ``schema_name`` by plain data ``instance``."""
    return node_errors(schema_name, as_node(instance))


def node_errors(schema_name: str, doc: Node) -> Iterator[SchemaError]:
    """Violations of input schema file ``schema_name`` by the document tree ``doc``."""
    validator, by_file = _schemas()
    schema = by_file[schema_name]
    return validator.errors(doc, schema, schema.get("$id", schema_name), ())


def _node_at(doc: Node, path: list[Any]) -> Node:
    node = doc
    for part in path:
        child: Node | None = None
        if isinstance(part, int) and node.is_seq and part < len(node.value):
            child = node.value[part]
        elif isinstance(part, str):
            child = node.get(part)
        if child is None:
            break
        node = child
    return node


def _describe(error: SchemaError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "document"
    validator = error.validator
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        return f"'{where}' must be {_article(expected_text)}, got {_json_type(error.instance)}"
    if validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"'{where}' must be one of {allowed}, got {error.instance!r}"
    return f"'{where}': {error.message}"


def _article(text: str) -> str:
    return ("an " if text[:1] in "aeiou" else "a ") + text


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return "null"


def invalid_fields(schema_name: str, doc: Node) -> list[tuple[Node, str]]:
    """(node, message) for every schema violation that is not about a placeholder."""
    problems: list[tuple[Node, str]] = []
    for error in node_errors(schema_name, doc):
        if error.validator == "type" and error.instance is None:
            continue  # an empty ``nodeSelector:`` is null, which the API reads as absent
        node = _node_at(doc, list(error.absolute_path))
        if node.unknown or _contains_placeholder(node):
            continue
        problems.append((node, _describe(error)))
    problems.sort(key=lambda p: (p[0].loc.line, p[0].loc.col))
    return problems


def _contains_placeholder(node: Node) -> bool:
    if node.unknown:
        return True
    if node.is_scalar:
        return False
    children = node.value.values() if node.is_map else node.value
    return any(_contains_placeholder(c) for c in children)
