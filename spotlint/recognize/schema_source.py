"""The input schemas' quick tests written as Python source (:mod:`.schema_quick`).

SL002 first only tests a document against its kind's schema (valid or not, see
:func:`spotlint.recognize.schema_check.invalid_fields`); nearly every document is
valid, and only an invalid one has its errors worked out by the interpreter. The
test used to be made in each process from the schemas: ten JSON files read, their
keywords checked, every subschema made into a closure (~1.5 ms a process of a split
run, every run). Written out once as plain functions (one per subschema, each
keyword's test in line, a property or item whose schema is a type alone tested in
place) the tests cost an import of their bytecode, and run faster too: no call
per keyword, no loop over a subschema's parts.

:func:`module_source` writes the module shipped as ``schema_quick.py``
(``scripts/gen_schema_quick.py``; ``tests/recognize/test_schema_quick.py`` holds the
shipped file equal to what the schemas give); :func:`quick_test` makes the test of
any schema the same way (the tests hold both to jsonschema). Each subschema's test
passes exactly when the interpreter finds no error in the value: the shapes are the
ones the interpreter's own quick test knew, keyword by keyword. Nothing a run
imports imports this module (a schema the shipped module lacked would go straight
to the interpreter's errors).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from spotlint.config.validate import SchemaSubsetError
from spotlint.recognize.schema_check import IGNORED, pointed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Keywords an object's test checks in one function (the rest go keyword by keyword).
_OBJECT_KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties"})
#: JSON types that are exactly one Python class (``is_type``'s ``isinstance`` tests).
_CLASS_OF: dict[str, str] = {"object": "dict", "array": "list", "string": "str",
                             "boolean": "bool"}
#: The other JSON types, as ``is_type`` tests them, with ``{}`` for the value.
_TYPE_TEST: dict[str, str] = {
    "null": "{} is None",
    "number": "(not isinstance({0}, bool) and isinstance({0}, (int, float)))",
    "integer": "(not isinstance({0}, bool) and (isinstance({0}, int) or "
               "(isinstance({0}, float) and {0}.is_integer())))",
}

#: What a shipped module starts with (after its docstring).
_HEADER = '''\
# ruff: noqa
from __future__ import annotations

from spotlint.config.validate import json_equal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.location import Node


def _passes(node: Node) -> bool:
    return True


def _in_enum(node: Node, value: Any, allowed: tuple[Any, ...]) -> bool:
    instance = node.plain() if isinstance(value, (dict, list)) else value
    return any(json_equal(each, instance) for each in allowed)
'''

_DOC = '''"""The input schemas' quick tests (SL002), one function per subschema: GENERATED.

Written by ``scripts/gen_schema_quick.py`` from ``schemas/inputs`` (see
:mod:`spotlint.recognize.schema_source`); do not edit: change a schema and run the
script again (``tests/recognize/test_schema_quick.py`` fails until then).
"""
'''


def module_source(by_id: Mapping[str, Any], by_file: Mapping[str, Any]) -> str:
    """The module holding ``TESTS``: each schema file's test by file name (``by_id``:
    every schema by the ``$id`` its ``$ref`` s name; its keywords already checked)."""
    writer = _Writer(by_id)
    tops = [(name, writer.name_of(schema, schema.get("$id", name)))
            for name, schema in sorted(by_file.items())]
    entries = "".join(f"    {name!r}: {function},\n" for name, function in tops)
    return (_DOC + "\n" + _HEADER + "".join(writer.functions)
            + "\n\nTESTS = {\n" + entries + "}\n")


def shipped_source() -> str:
    """The source of :mod:`.schema_quick` as the shipped schemas give it (every schema
    file's keywords checked first, by the interpreter's own subset check)."""
    from spotlint.recognize.schema_check import _schemas

    validator, by_file = _schemas()
    return module_source(validator.by_id, by_file)


def quick_test(by_id: Mapping[str, Any], schema: Any, base: str) -> Callable[[Any], bool]:
    """The test of ``schema`` (its ``$ref`` s resolved against ``base`` and ``by_id``),
    made from the same source a shipped module would hold."""
    writer = _Writer(by_id)
    top = writer.name_of(schema, base)
    namespace: dict[str, Any] = {}
    exec(compile(_HEADER + "".join(writer.functions), "<schema test>", "exec"), namespace)
    test: Callable[[Any], bool] = namespace[top]
    return test


class _Writer:
    """Writes one function per subschema reached, named ``_t<n>`` in the order reached."""

    def __init__(self, by_id: Mapping[str, Any]) -> None:
        self.by_id = by_id
        self.functions: list[str] = []
        #: function name by (id of the subschema, the ``$id`` it resolves against);
        #: None while a ``$ref`` alone is being followed
        self._names: dict[tuple[int, str], str | None] = {}
        #: the subschemas named (so their ids are not reused while writing)
        self._kept: list[Any] = []

    def resolve(self, ref: str, base: str) -> tuple[Any, str]:
        """The schema ``ref`` points at, and the ``$id`` its own refs resolve against."""
        uri, _, fragment = ref.partition("#")
        target_id = uri or base
        if target_id not in self.by_id:
            raise SchemaSubsetError(f"{base}: $ref {ref!r} names no input schema")
        return pointed(self.by_id[target_id], fragment, ref, base), target_id

    def name_of(self, schema: Any, base: str) -> str:
        """The name of ``schema``'s test function, written when first asked."""
        if schema is True:
            return "_passes"
        key = (id(schema), base)
        if key in self._names:
            name = self._names[key]
            if name is None:
                raise SchemaSubsetError(f"{base}: a $ref that leads only to itself")
            return name
        self._kept.append(schema)
        if not isinstance(schema, dict):
            raise SchemaSubsetError(f"{base}: a schema must be an object, got {schema!r}")
        keys = [word for word in schema if word not in IGNORED]
        if keys == ["$ref"]:  # the test of what it names, itself
            self._names[key] = None
            name = self.name_of(*self.resolve(schema["$ref"], base))
        else:
            name = f"_t{len(self._names)}"
            self._names[key] = name  # (before the body: a reference from inside finds it)
            self.functions.append(self._function(name, schema, keys, base))
        self._names[key] = name
        return name

    def test_of(self, schema: Any, base: str, target: str) -> str:
        """An expression testing the node ``target`` against ``schema``: in place for a
        type alone, else a call of its function."""
        if schema is True:
            return "True"
        classes = _leaf(schema)
        if classes is not None:
            return f"isinstance({target}.value, {classes})"
        return f"{self.name_of(schema, base)}({target})"

    def _function(self, name: str, schema: dict[str, Any], keys: list[str], base: str) -> str:
        head = f"\n\ndef {name}(node: Node) -> bool:\n"
        classes = _leaf(schema)
        if classes is not None:
            return head + f"    return isinstance(node.value, {classes})\n"
        kind = _classes(schema.get("type"))
        if kind == "dict" and set(keys) <= _OBJECT_KEYWORDS:
            body = self._object(schema, base)
        elif kind == "list" and sorted(keys) == ["items", "type"]:
            body = ["if not isinstance(value, list):", "    return False",
                    "for item in value:",
                    f"    if not {self.test_of(schema['items'], base, 'item')}:",
                    "        return False"]
        elif keys == ["enum"] and all(isinstance(each, str) for each in schema["enum"]):
            return head + (f"    value = node.value\n    return isinstance(value, str) and "
                           f"value in {_texts(schema['enum'])}\n")
        else:
            body = []
            for key in keys:
                body.extend(self._step(key, schema[key], schema, base))
        if not body:
            return head + "    return True\n"
        lines = ["value = node.value", *body, "return True"]
        return head + "".join(f"    {line}\n" for line in lines)

    def _object(self, schema: dict[str, Any], base: str) -> list[str]:
        """An object type with ``properties``, ``required`` and ``additionalProperties``."""
        lines = ["if not isinstance(value, dict):", "    return False"]
        for required in schema.get("required", ()):
            lines += [f"if {_literal(required)} not in value:", "    return False"]
        known = schema.get("properties", {})
        for name, sub in known.items():
            lines += [f"child = value.get({_literal(name)})",
                      f"if child is not None and not {self.test_of(sub, base, 'child')}:",
                      "    return False"]
        other = schema.get("additionalProperties")
        if isinstance(other, dict):
            lines += self._others(known, other, base)
        return lines

    def _others(self, known: Mapping[str, Any], other: Any, base: str) -> list[str]:
        """The test of the properties ``known`` does not name, given the value is a dict."""
        test = self.test_of(other, base, "item")
        if not known:
            return ["for item in value.values():", f"    if not {test}:",
                    "        return False"]
        return ["for name, item in value.items():",
                f"    if name not in {_texts(known)} and not {test}:",
                "        return False"]

    def _step(self, key: str, keyword: Any, schema: dict[str, Any], base: str) -> list[str]:
        """One keyword's test, as lines that return False when it fails (``node`` and its
        ``value`` given)."""
        fail = "    return False"
        if key == "$ref":
            return [f"if not {self.name_of(*self.resolve(keyword, base))}(node):", fail]
        if key == "type":
            return [f"if not {_type_test(keyword, 'value')}:", fail]
        if key == "properties":
            lines = ["if isinstance(value, dict):"]
            for name, sub in keyword.items():
                lines += [f"    child = value.get({_literal(name)})",
                          f"    if child is not None and not {self.test_of(sub, base, 'child')}:",
                          "        return False"]
            return lines if len(lines) > 1 else []
        if key == "additionalProperties":
            if not isinstance(keyword, dict):
                return []
            inner = self._others(schema.get("properties", {}), keyword, base)
            return ["if isinstance(value, dict):", *(f"    {line}" for line in inner)]
        if key == "items":
            return ["if isinstance(value, list):", "    for item in value:",
                    f"        if not {self.test_of(keyword, base, 'item')}:",
                    "            return False"]
        if key == "enum":
            if all(isinstance(each, str) for each in keyword):
                return [f"if not (isinstance(value, str) and value in {_texts(keyword)}):", fail]
            allowed = "(" + "".join(f"{_literal(each)}, " for each in keyword) + ")"
            return [f"if not _in_enum(node, value, {allowed}):", fail]
        if key == "required":
            if not keyword:
                return []
            missing = " or ".join(f"{_literal(name)} not in value" for name in keyword)
            return [f"if isinstance(value, dict) and ({missing}):", fail]
        if key == "allOf":
            lines = []
            for sub in keyword:
                lines += [f"if not {self.test_of(sub, base, 'node')}:", fail]
            return lines
        if key == "oneOf":
            passed = " + ".join(f"bool({self.test_of(sub, base, 'node')})" for sub in keyword)
            return [f"if ({passed or '0'}) != 1:", fail]
        if key in ("minimum", "maximum"):
            number = _TYPE_TEST["number"].format("value")
            beyond = "<" if key == "minimum" else ">"
            return [f"if {number} and value {beyond} {_literal(keyword)}:", fail]
        if key == "minItems":
            return [f"if isinstance(value, list) and len(value) < {_literal(keyword)}:", fail]
        raise SchemaSubsetError(f"unsupported keyword {key!r}")  # the subset check refused it


def _classes(types: Any) -> str | None:
    """The classes (as source) a ``type`` keyword's types are exactly; None when some
    type is not one class."""
    names = types if isinstance(types, list) else [types]
    if not all(isinstance(name, str) and name in _CLASS_OF for name in names):
        return None
    if len(names) == 1:
        return _CLASS_OF[names[0]]
    return "(" + "".join(f"{_CLASS_OF[name]}, " for name in names) + ")"


def _leaf(schema: Any) -> str | None:
    """The classes of a schema that is a type alone (annotations aside) made of them."""
    if not isinstance(schema, dict) or any(
            key not in IGNORED for key in schema if key != "type"):
        return None
    return _classes(schema["type"]) if "type" in schema else None


def _type_test(types: Any, value: str) -> str:
    """An expression: is ``value`` of one of the JSON types ``types``?"""
    classes = _classes(types)
    if classes is not None:
        return f"isinstance({value}, {classes})"
    tests = []
    for name in types if isinstance(types, list) else [types]:
        if name in _CLASS_OF:
            tests.append(f"isinstance({value}, {_CLASS_OF[name]})")
        elif isinstance(name, str) and name in _TYPE_TEST:
            tests.append(_TYPE_TEST[name].format(value))
        else:
            raise SchemaSubsetError(f"unknown type {name!r}")
    return "(" + (" or ".join(tests) or "False") + ")"


def _texts(texts: Any) -> str:
    """A set display of texts (sorted, so the source is the same every time); ``()``
    when there are none (``{}`` would be a mapping)."""
    items = sorted(set(texts))
    return "{" + ", ".join(repr(text) for text in items) + "}" if items else "()"


def _literal(value: Any) -> str:
    """Python source for a JSON value (non-finite floats, which ``json`` reads, too)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(each) for each in value) + "]"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise SchemaSubsetError(f"not a JSON value: {value!r}")
