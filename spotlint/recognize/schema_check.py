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

Nearly every document has no error, so a document is first only tested (each
subschema compiled into a function answering yes or no, stopping at the first
violation); its errors, positions and messages are worked out as before, and
only, when the test says it has some. Over the Spark-heavy 1k corpus's 619
checked documents that took the checks from 6.2 to 3.7 ms.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterator
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
    """Checks a tree against a schema in keyword order, giving :class:`SchemaError` s."""

    def __init__(self, by_id: dict[str, Any]) -> None:
        self.by_id = by_id
        self._checks: dict[tuple[int, str], tuple[Any, _Check]] = {}
        self._tests: dict[tuple[int, str], tuple[Any, _Test]] = {}
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
        """Does ``node`` satisfy ``schema``: exactly when :meth:`errors` finds nothing.

        Nearly every document does, so this is asked first (see :func:`invalid_fields`):
        each subschema compiled into a test (:meth:`_test`) that answers without
        keeping a path or making an error, and stops at the first violation; the
        errors, with their messages, are then worked out only for a document that
        has some.
        """
        return self._test(schema, base)(node)

    def errors(
        self, node: Node, schema: Any, base: str, path: tuple[Any, ...]
    ) -> Iterator[SchemaError]:
        """The violations of ``node`` (a located tree, see :func:`as_node`) by ``schema``,
        in the order jsonschema finds them (keyword order, depth first).

        Checks read ``node.value`` (a mapping's entries and a list's items are
        nodes; JSON types are told apart on it as on plain data), and only an
        error's own instance is made plain data (``node.plain()``), for its message:
        a document's tree is walked only where the schema describes it. Each
        subschema is compiled once into a function (see :meth:`_compiled`): the
        same walk without interpreting the keywords again at every value.
        """
        start: _Path = None
        for part in path:
            start = (start, part)
        found: list[SchemaError] = []
        self._compiled(schema, base)(node, start, found)
        return iter(found)

    def _test(self, schema: Any, base: str) -> _Test:
        """``schema`` (resolving ``$ref`` against ``base``) as a test function, made once."""
        key = (id(schema), base)
        hit = self._tests.get(key)
        if hit is None:
            # While it is compiled, a reference to it from inside (a recursive schema)
            # gets a function that calls it; any other, later, gets it.
            cell: list[_Test] = []

            def forward(node: Node) -> bool:
                return cell[0](node)

            self._tests[key] = (schema, forward)
            try:
                cell.append(self._compile_test(schema, base))
            except BaseException:
                del self._tests[key]
                raise
            hit = self._tests[key] = (schema, cell[0])
        return hit[1]

    def _compile_test(self, schema: Any, base: str) -> _Test:
        """The test of ``schema``: its keywords' tests (:meth:`_test_step`) all passed.

        The shapes of nearly every subschema of the input schemas are one function
        each, with no call per keyword: a type alone (most leaves), a list of texts
        alone, an array type with a schema for its items, and an object type with
        properties, required names and a schema for the other properties (most inner
        values), where an item, a property, or any other property, whose schema is a
        type alone is tested in place, without a call.
        """
        if schema is True:
            return _passes
        if not isinstance(schema, dict):
            raise SchemaSubsetError(f"{base}: a schema must be an object, got {schema!r}")
        keys = [key for key in schema if key not in _IGNORED]
        if keys == ["$ref"]:  # the test of what it names, itself
            return self._test(*self._resolve(schema["$ref"], base))
        classes = _leaf(schema)
        if classes is not None:

            def of_type(node: Node) -> bool:
                return isinstance(node.value, classes)

            return of_type
        kind = _classes(schema.get("type"))
        if kind == (dict,) and set(keys) <= _OBJECT_KEYWORDS:
            return self._object_test(schema, base)
        if kind == (list,) and sorted(keys) == ["items", "type"]:
            return self._array_test(schema["items"], base)
        if keys == ["enum"] and all(isinstance(each, str) for each in schema["enum"]):
            texts = frozenset(schema["enum"])

            def one_of_texts(node: Node) -> bool:
                value = node.value
                return isinstance(value, str) and value in texts

            return one_of_texts
        steps: list[_TestStep] = []
        for key in keys:
            step = self._test_step(key, schema[key], schema, base)
            if step is not None:
                steps.append(step)
        if not steps:
            return _passes
        if len(steps) == 1:
            (only,) = steps

            def test_one(node: Node) -> bool:
                return only(node, node.value)

            return test_one

        def test(node: Node) -> bool:
            value = node.value
            # (loops, here and below: a generator per test cost more than its steps)
            for step in steps:  # noqa: SIM110
                if not step(node, value):
                    return False
            return True

        return test

    def _object_test(self, schema: dict[str, Any], base: str) -> _Test:
        """An object type with ``properties``, ``required`` and ``additionalProperties``
        (any of them) as one test."""
        described = [(name, _leaf(sub), self._test(sub, base))
                     for name, sub in schema.get("properties", {}).items()]
        required = tuple(schema.get("required", ()))
        other = schema.get("additionalProperties")
        known = schema.get("properties", {})
        rest = self._test(other, base) if isinstance(other, dict) else None
        rest_classes = _leaf(other) if isinstance(other, dict) else None

        def object_test(node: Node) -> bool:
            value = node.value
            if not isinstance(value, dict):
                return False
            for name in required:
                if name not in value:
                    return False
            for name, classes, test in described:
                child = value.get(name)
                if child is not None:
                    if classes is not None:
                        if not isinstance(child.value, classes):
                            return False
                    elif not test(child):
                        return False
            if rest_classes is not None:
                for name, item in value.items():
                    if not isinstance(item.value, rest_classes) and name not in known:
                        return False
            elif rest is not None:
                for name, item in value.items():
                    if name not in known and not rest(item):
                        return False
            return True

        return object_test

    def _array_test(self, items: Any, base: str) -> _Test:
        """An array type whose items all pass ``items`` as one test (an item whose schema
        is a type alone tested in place, without a call)."""
        classes = _leaf(items)
        each = self._test(items, base) if classes is None else _passes

        def array_test(node: Node) -> bool:
            value = node.value
            if not isinstance(value, list):
                return False
            if classes is not None:
                for item in value:
                    if not isinstance(item.value, classes):
                        return False
            else:
                for item in value:
                    if not each(item):
                        return False
            return True

        return array_test

    def _test_step(self, key: str, keyword: Any, schema: dict[str, Any], base: str,
                   ) -> _TestStep | None:
        """One keyword of ``schema`` as a test of (node, its value): passes exactly when
        :meth:`_step` finds nothing."""
        if key == "$ref":
            target = self._test(*self._resolve(keyword, base))
            return lambda node, value: target(node)
        if key == "type":
            types = keyword if isinstance(keyword, list) else [keyword]
            classes = _classes(keyword)
            if classes is not None:
                return lambda node, value: isinstance(value, classes)

            def of_types(node: Node, value: Any) -> bool:
                for name in types:  # noqa: SIM110
                    if is_type(value, name):
                        return True
                return False

            return of_types
        if key == "properties":
            described = [(name, self._test(sub, base)) for name, sub in keyword.items()]

            def properties(node: Node, value: Any) -> bool:
                if isinstance(value, dict):
                    for name, test in described:
                        child = value.get(name)
                        if child is not None and not test(child):
                            return False
                return True

            return properties
        if key == "additionalProperties":
            if not isinstance(keyword, dict):
                return None
            known = schema.get("properties", {})
            rest = self._test(keyword, base)

            def additional(node: Node, value: Any) -> bool:
                if isinstance(value, dict):
                    for name, item in value.items():
                        if name not in known and not rest(item):
                            return False
                return True

            return additional
        if key == "items":
            each = self._test(keyword, base)

            def items(node: Node, value: Any) -> bool:
                if isinstance(value, list):
                    for item in value:
                        if not each(item):
                            return False
                return True

            return items
        if key == "enum":
            if all(isinstance(each, str) for each in keyword):
                # (``json_equal`` with a text is ``==``, which no other type meets)
                texts = frozenset(keyword)
                return lambda node, value: isinstance(value, str) and value in texts

            def enum(node: Node, value: Any) -> bool:
                instance = node.plain() if isinstance(value, (dict, list)) else value
                return any(json_equal(each, instance) for each in keyword)

            return enum
        if key == "required":

            def required(node: Node, value: Any) -> bool:
                if isinstance(value, dict):
                    for name in keyword:
                        if name not in value:
                            return False
                return True

            return required
        if key == "allOf":
            every = [self._test(sub, base) for sub in keyword]

            def all_of(node: Node, value: Any) -> bool:
                for test in every:  # noqa: SIM110
                    if not test(node):
                        return False
                return True

            return all_of
        if key == "oneOf":
            branches = [self._test(sub, base) for sub in keyword]
            return lambda node, value: sum(1 for test in branches if test(node)) == 1
        if key in ("minimum", "maximum"):
            low = key == "minimum"

            def bound(node: Node, value: Any) -> bool:
                if not is_type(value, "number"):
                    return True
                return not (value < keyword if low else value > keyword)

            return bound
        if key == "minItems":
            return lambda node, value: not (isinstance(value, list) and len(value) < keyword)
        raise SchemaSubsetError(f"unsupported keyword {key!r}")  # _check_subset refused it

    def _compiled(self, schema: Any, base: str) -> _Check:
        """``schema`` (resolving ``$ref`` against ``base``) as a check function, made once."""
        key = (id(schema), base)
        hit = self._checks.get(key)
        if hit is None:
            # the schema is kept beside its function, so its id is not reused meanwhile
            hit = self._checks[key] = (schema, self._compile(schema, base))
        return hit[1]

    def _compile(self, schema: Any, base: str) -> _Check:
        if schema is True:
            return _nothing
        if not isinstance(schema, dict):
            raise SchemaSubsetError(f"{base}: a schema must be an object, got {schema!r}")
        steps: list[_Step] = []
        for key, keyword in schema.items():
            if key in _IGNORED:
                continue
            step = self._step(key, keyword, schema, base)
            if step is not None:
                steps.append(step)

        # Most subschemas have one or two keywords: their steps are called directly,
        # without a loop (every value a document's schema describes is checked here).
        if not steps:
            return _nothing
        if len(steps) == 1:
            (only,) = steps

            def check_one(node: Node, path: _Path, out: list[SchemaError]) -> None:
                only(node, node.value, path, out)

            return check_one
        if len(steps) == 2:
            first, second = steps

            def check_two(node: Node, path: _Path, out: list[SchemaError]) -> None:
                value = node.value
                first(node, value, path, out)
                second(node, value, path, out)

            return check_two

        def check(node: Node, path: _Path, out: list[SchemaError]) -> None:
            value = node.value
            for step in steps:
                step(node, value, path, out)

        return check

    def _step(self, key: str, keyword: Any, schema: dict[str, Any], base: str) -> _Step | None:
        """One keyword of ``schema`` as a function of (node, its value, path, errors)."""
        if key == "$ref":
            target, target_base = self._resolve(keyword, base)
            cell: list[_Check] = []

            def ref(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if not cell:  # compiled on first use: references may be recursive
                    cell.append(self._compiled(target, target_base))
                cell[0](node, path, out)

            return ref
        if key == "type":
            types = keyword if isinstance(keyword, list) else [keyword]
            reprs = ", ".join(repr(t) for t in types)
            # Types that are exactly a Python class test (is_type's own): one isinstance.
            classes = (tuple(_CLASS_OF[t] for t in types)
                       if all(t in _CLASS_OF for t in types) else None)

            def of_type(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if classes is not None:
                    if isinstance(value, classes):
                        return
                else:
                    for name in types:
                        if is_type(value, name):
                            return
                instance = node.plain()
                out.append(_error(path, key, keyword, instance,
                                  f"{instance!r} is not of type {reprs}", schema))

            return of_type
        if key == "properties":
            described = [(name, self._compiled(sub, base)) for name, sub in keyword.items()]

            def properties(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if isinstance(value, dict):
                    for name, check in described:
                        child = value.get(name)
                        if child is not None:
                            check(child, (path, name), out)

            return properties
        if key == "additionalProperties":
            if not isinstance(keyword, dict):
                return None
            known = schema.get("properties", {})
            rest = self._compiled(keyword, base)

            def additional(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if isinstance(value, dict):
                    for name, item in value.items():
                        if name not in known:
                            rest(item, (path, name), out)

            return additional
        if key == "items":
            each = self._compiled(keyword, base)

            def items(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        each(item, (path, index), out)

            return items
        if key == "enum":

            def enum(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                instance = node.plain() if isinstance(value, (dict, list)) else value
                if not any(json_equal(each, instance) for each in keyword):
                    out.append(_error(path, key, keyword, instance,
                                      f"{instance!r} is not one of {keyword!r}", schema))

            return enum
        if key == "required":

            def required(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if isinstance(value, dict):
                    for name in keyword:
                        if name not in value:
                            out.append(_error(path, key, keyword, node.plain(),
                                              f"{name!r} is a required property", schema))

            return required
        if key == "allOf":
            every = [self._compiled(sub, base) for sub in keyword]

            def all_of(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                for check in every:
                    check(node, path, out)

            return all_of
        if key == "oneOf":
            branches = [(sub, self._compiled(sub, base)) for sub in keyword]

            def one_of(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                valid = []
                for sub, check in branches:
                    found: list[SchemaError] = []
                    check(node, None, found)
                    if not found:
                        valid.append(sub)
                if len(valid) == 1:
                    return
                instance = node.plain()
                if not valid:
                    message = f"{instance!r} is not valid under any of the given schemas"
                else:
                    # jsonschema lists the later matches first, then the first one.
                    reprs = ", ".join(repr(s) for s in [*valid[1:], valid[0]])
                    message = f"{instance!r} is valid under each of {reprs}"
                out.append(_error(path, "oneOf", keyword, instance, message, schema))

            return one_of
        if key in ("minimum", "maximum"):
            low = key == "minimum"

            def bound(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if not is_type(value, "number"):
                    return
                if low and value < keyword:
                    message = f"{value!r} is less than the minimum of {keyword!r}"
                elif not low and value > keyword:
                    message = f"{value!r} is greater than the maximum of {keyword!r}"
                else:
                    return
                out.append(_error(path, key, keyword, value, message, schema))

            return bound
        if key == "minItems":
            text = "should be non-empty" if keyword == 1 else "is too short"

            def min_items(node: Node, value: Any, path: _Path, out: list[SchemaError]) -> None:
                if isinstance(value, list) and len(value) < keyword:
                    instance = node.plain()
                    out.append(_error(path, key, keyword, instance, f"{instance!r} {text}",
                                      schema))

            return min_items
        raise SchemaSubsetError(f"unsupported keyword {key!r}")  # _check_subset refused it


#: JSON types that :func:`~spotlint.config.validate.is_type` tests with one ``isinstance``.
_CLASS_OF: dict[str, type] = {"object": dict, "array": list, "string": str, "boolean": bool}

def _classes(types: Any) -> tuple[type, ...] | None:
    """The classes a ``type`` keyword's types are exactly (None: not all are one class)."""
    names = types if isinstance(types, list) else [types]
    if all(isinstance(name, str) and name in _CLASS_OF for name in names):
        return tuple(_CLASS_OF[name] for name in names)
    return None


def _leaf(schema: Any) -> tuple[type, ...] | None:
    """The classes of a schema that is a type alone (annotations aside) made of them."""
    if not isinstance(schema, dict) or any(
            key not in _IGNORED for key in schema if key != "type"):
        return None
    return _classes(schema["type"]) if "type" in schema else None


#: Keywords an object's test (``_Validator._object_test``) checks in one function.
_OBJECT_KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties"})


#: Where a value is, innermost last: None at the document, else (parent's path, key or index).
_Path = tuple[Any, Any] | None
#: A compiled schema: checks a node at a path, appending what it finds.
_Check = Callable[[Node, _Path, list[SchemaError]], None]
#: A compiled keyword: the same, given the node's value too.
_Step = Callable[[Node, Any, _Path, list[SchemaError]], None]
#: A schema compiled as a test: does the node satisfy it?
_Test = Callable[[Node], bool]
#: A keyword compiled as a test, given the node and its value.
_TestStep = Callable[[Node, Any], bool]


def _nothing(node: Node, path: _Path, out: list[SchemaError]) -> None:
    return None


def _passes(node: Node) -> bool:
    return True


def _flat(path: _Path) -> tuple[Any, ...]:
    parts: list[Any] = []
    while path is not None:
        path, part = path
        parts.append(part)
    parts.reverse()
    return tuple(parts)


def _error(path: _Path, key: str, keyword: Any, instance: Any, message: str,
           schema: Any) -> SchemaError:
    return SchemaError(_flat(path), key, keyword, instance, message, schema)


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
    validator, by_file = _schemas()
    schema = by_file[schema_name]
    if validator.is_valid(doc, schema, schema.get("$id", schema_name)):
        return []
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
