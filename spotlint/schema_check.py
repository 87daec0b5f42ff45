"""SL002: validate the fields a kind reads against its JSON Schema, with positions.

Schemas are loaded from the installed package and compiled once per process;
jsonschema is imported only when a document of a known kind is seen.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from spotlint.location import Node


def _read(schema_name: str) -> Any:
    inputs = resources.files("spotlint.schemas").joinpath("inputs")
    return json.loads(inputs.joinpath(schema_name).read_text("utf-8"))


@lru_cache(maxsize=1)
def _registry() -> Any:
    """Every input schema by its ``$id``, so schemas can share definitions by ``$ref``."""
    from referencing import Registry, Resource

    inputs = resources.files("spotlint.schemas").joinpath("inputs")
    resources_by_id = []
    for entry in inputs.iterdir():
        if entry.name.endswith(".schema.json"):
            schema = json.loads(entry.read_text("utf-8"))
            resources_by_id.append((schema.get("$id", entry.name), Resource.from_contents(schema)))
    return Registry().with_resources(resources_by_id)


@cache
def _validator(schema_name: str) -> Any:
    import jsonschema

    schema = _read(schema_name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=_registry())


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


def _describe(error: Any) -> str:
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
    validator = _validator(schema_name)
    problems: list[tuple[Node, str]] = []
    for error in validator.iter_errors(doc.plain()):
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
