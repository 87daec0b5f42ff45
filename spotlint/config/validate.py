"""Validate a configuration file against ``schemas/config.schema.json`` without jsonschema.

Importing jsonschema (with referencing, attrs and rpds behind it) costs about
55 ms: half the 100 ms a one-file pre-commit run may take, paid by every run in
a repository with a configuration file. The configuration schema uses a small
part of JSON Schema 2020-12, checked here by a small interpreter that gives
jsonschema's errors (same instance paths, keywords and messages), so the
messages users see do not change. ``tests/config/test_validate.py`` holds it to
jsonschema on generated configurations. A keyword outside the subset is refused
when the schema is loaded, so a schema edit cannot go silently unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_set = object.__setattr__

#: Keywords that only annotate or hold definitions: nothing to check.
_IGNORED = frozenset({"$schema", "$id", "$defs", "title", "description", "default", "$comment"})
SUPPORTED = frozenset({
    "$ref", "type", "properties", "additionalProperties", "patternProperties", "items",
    "enum", "required", "anyOf", "minimum", "minItems", "minLength", "minProperties",
    "pattern", "uniqueItems",
})


class SchemaSubsetError(ValueError):
    """A schema uses JSON Schema beyond what its small interpreter implements (this module's
    :class:`Validator`, or the input schemas' in :mod:`spotlint.recognize.schema_check`)."""


@frozen
class SchemaError(FrozenValue):
    """One violation, with the attributes of jsonschema's ``ValidationError`` spotlint uses
    (``schema`` is the subschema holding the failed keyword)."""

    absolute_path: tuple[Any, ...]
    validator: str
    validator_value: Any
    instance: Any
    message: str
    schema: Mapping[str, Any]

    def __init__(
        self,
        absolute_path: tuple[Any, ...],
        validator: str,
        validator_value: Any,
        instance: Any,
        message: str,
        schema: Mapping[str, Any],
    ) -> None:
        _set(self, "absolute_path", absolute_path)
        _set(self, "validator", validator)
        _set(self, "validator_value", validator_value)
        _set(self, "instance", instance)
        _set(self, "message", message)
        _set(self, "schema", schema)


def is_type(instance: Any, name: str) -> bool:
    """JSON Schema 2020-12 types over plain Python data, as jsonschema's type checker."""
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "string":
        return isinstance(instance, str)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if isinstance(instance, bool):  # bool is an int in Python, never a number in JSON
        return False
    if name == "number":
        return isinstance(instance, (int, float))
    if name == "integer":
        return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())
    raise SchemaSubsetError(f"unknown type {name!r}")


def json_equal(one: Any, two: Any) -> bool:
    """Equality as in ``enum``: ``True`` is not ``1``, containers compare item by item."""
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, bool) or isinstance(two, bool):
        return one is two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(
            json_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(json_equal(one[k], two[k]) for k in one)
    return bool(one == two)


#: Builds the error of the keyword being checked from its message.
Fail = Callable[[str], Iterator["SchemaError"]]


def _sized(instance: Any, value: int, short: str) -> str:
    return f"{instance!r} should be non-empty" if value == 1 else f"{instance!r} {short}"


class Validator:
    """Walks an instance against the schema in keyword order, yielding :class:`SchemaError`."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
        self._check_subset(schema)

    def _check_subset(self, schema: Any) -> None:
        if isinstance(schema, bool):
            return
        if not isinstance(schema, dict):
            raise SchemaSubsetError(f"a schema must be an object, got {schema!r}")
        unknown = set(schema) - SUPPORTED - _IGNORED
        if unknown:
            raise SchemaSubsetError(f"unsupported keyword(s) {sorted(unknown)}")
        if "$ref" in schema:
            self._resolve(schema["$ref"])
        for key in ("properties", "patternProperties", "$defs"):
            for sub in schema.get(key, {}).values():
                self._check_subset(sub)
        for key in ("additionalProperties", "items"):
            if key in schema:
                self._check_subset(schema[key])
        for sub in schema.get("anyOf", []):
            self._check_subset(sub)

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise SchemaSubsetError(f"$ref {ref!r}: only references inside the schema")
        node: Any = self.schema
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SchemaSubsetError(f"$ref {ref!r} points at nothing")
            node = node[part]
        return node

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        return self._errors(instance, self.schema, ())

    def _errors(self, instance: Any, schema: Any, path: tuple[Any, ...]) -> Iterator[SchemaError]:
        if schema is True:
            return
        if schema is False:
            yield SchemaError(path, "false", False, instance,
                              f"False schema does not allow {instance!r}", {})
            return
        for key, value in schema.items():
            if key in _IGNORED:
                continue
            error = self._one(key, value, instance, schema, path)
            if error is not None:
                yield from error

    def _one(
        self, key: str, value: Any, instance: Any, schema: Mapping[str, Any],
        path: tuple[Any, ...],
    ) -> Iterator[SchemaError] | None:
        def fail(message: str) -> Iterator[SchemaError]:
            yield SchemaError(path, key, value, instance, message, schema)

        if key == "$ref":
            return self._errors(instance, self._resolve(value), path)
        if key == "type":
            types = value if isinstance(value, list) else [value]
            if any(is_type(instance, t) for t in types):
                return None
            return fail(f"{instance!r} is not of type {', '.join(repr(t) for t in types)}")
        if key == "enum":
            if any(json_equal(each, instance) for each in value):
                return None
            return fail(f"{instance!r} is not one of {value!r}")
        if key == "anyOf":
            if any(next(self._errors(instance, sub, path), None) is None for sub in value):
                return None
            return fail(f"{instance!r} is not valid under any of the given schemas")
        if key == "uniqueItems":
            if not value or not isinstance(instance, list):
                return None
            repeated = any(
                json_equal(a, b) for i, a in enumerate(instance) for b in instance[i + 1:])
            return fail(f"{instance!r} has non-unique elements") if repeated else None
        if key in ("minimum", "minItems", "minLength", "minProperties", "pattern"):
            return self._bound(key, value, instance, fail)
        if key == "required":
            if not isinstance(instance, dict):
                return None
            missing = [name for name in value if name not in instance]
            return (e for name in missing for e in fail(f"{name!r} is a required property"))
        if key == "items":
            if not isinstance(instance, list):
                return None
            return (e for index, item in enumerate(instance)
                    for e in self._errors(item, value, (*path, index)))
        if key == "properties":
            if not isinstance(instance, dict):
                return None
            return (e for name, sub in value.items() if name in instance
                    for e in self._errors(instance[name], sub, (*path, name)))
        if key == "patternProperties":
            if not isinstance(instance, dict):
                return None
            return (e for pattern, sub in value.items() for name, item in instance.items()
                    if isinstance(name, str) and re.search(pattern, name)
                    for e in self._errors(item, sub, (*path, name)))
        if key == "additionalProperties":
            return self._additional(value, instance, schema, path, fail)
        raise SchemaSubsetError(f"unsupported keyword {key!r}")  # refused at load time

    @staticmethod
    def _bound(key: str, value: Any, instance: Any, fail: Fail) -> Iterator[SchemaError] | None:
        if key == "minimum":
            if is_type(instance, "number") and instance < value:
                return fail(f"{instance!r} is less than the minimum of {value!r}")
        elif key == "minItems":
            if isinstance(instance, list) and len(instance) < value:
                return fail(_sized(instance, value, "is too short"))
        elif key == "minLength":
            if isinstance(instance, str) and len(instance) < value:
                return fail(_sized(instance, value, "is too short"))
        elif key == "minProperties":
            if isinstance(instance, dict) and len(instance) < value:
                return fail(_sized(instance, value, "does not have enough properties"))
        elif isinstance(instance, str) and re.search(value, instance) is None:
            return fail(f"{instance!r} does not match {value!r}")
        return None

    def _additional(
        self, value: Any, instance: Any, schema: Mapping[str, Any], path: tuple[Any, ...],
        fail: Fail,
    ) -> Iterator[SchemaError] | None:
        if not isinstance(instance, dict):
            return None
        known = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        extras = [
            name for name in instance
            if name not in known
            and not (isinstance(name, str) and any(re.search(p, name) for p in patterns))
        ]
        if value is False:
            if not extras:
                return None
            if patterns:
                verb = "does" if len(extras) == 1 else "do"
                names = ", ".join(repr(e) for e in sorted(extras, key=str))
                regexes = ", ".join(repr(p) for p in sorted(patterns))
                return fail(f"{names} {verb} not match any of the regexes: {regexes}")
            verb = "was" if len(extras) == 1 else "were"
            names = ", ".join(repr(e) for e in sorted(extras, key=str))
            return fail(f"Additional properties are not allowed ({names} {verb} unexpected)")
        if isinstance(value, dict):
            return (e for name in extras
                    for e in self._errors(instance[name], value, (*path, name)))
        return None
