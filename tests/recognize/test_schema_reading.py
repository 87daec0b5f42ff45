"""SL002's errors read only the schema files they need, and mean what every file read means.

A document the quick test fails has its errors worked out by the interpreter, which
reads a schema file when it first needs it (the file named by the ``$id`` asked for):
a SparkApplication needs its own schema and the pod spec's, not ten files. A ``$ref``
to an ``$id`` that is no file's name is answered from every file, as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spotlint.location import Location, Node
from spotlint.recognize import schema_check


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    schema_check._schemas.cache_clear()
    schema_check._by_names.cache_clear()
    yield
    schema_check._schemas.cache_clear()
    schema_check._by_names.cache_clear()


def _errors(schema_name: str, instance: Any) -> list[tuple[Any, ...]]:
    return [(e.absolute_path, e.validator, e.message)
            for e in schema_check.iter_errors(schema_name, instance)]


def test_an_invalid_document_reads_its_schema_and_those_it_names() -> None:
    at = Location("a.yaml", 1, 1, 1, 2)
    doc = Node({"spec": Node({"driver": Node({"nodeSelector": Node(5, at)}, at)}, at)}, at)
    found = schema_check.invalid_fields("sparkapplication.schema.json", doc)
    assert [m for _, m in found] == ["'spec.driver.nodeSelector' must be an object, got number 5"]
    assert sorted(schema_check._by_names().by_id) == [
        "podspec.schema.json", "sparkapplication.schema.json"]
    assert schema_check._schemas.cache_info().currsize == 0


def _inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schemas: dict[str, Any]) -> None:
    for name, schema in schemas.items():
        (tmp_path / name).write_text(json.dumps(schema), "utf-8")
    monkeypatch.setattr(schema_check, "_inputs_dir", lambda: str(tmp_path))


_NAMED_OTHERWISE = {
    "a.schema.json": {"$id": "a.schema.json", "properties": {
        "b": {"$ref": "other-id#/$defs/b"}, "c": {"$ref": "c.schema.json"}}},
    "b.schema.json": {"$id": "other-id", "$defs": {"b": {"type": "string"}}},
    "c.schema.json": {"type": "array", "items": {"type": "integer", "minimum": 1}},
}


@pytest.mark.parametrize("instance", [
    {"b": "x", "c": [1, 2]}, {"b": 1}, {"c": [0, "x"]}, {"b": None, "c": {}}, [], "s"])
def test_a_ref_to_an_id_that_is_no_files_name_is_answered_from_every_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, instance: Any) -> None:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    _inputs(tmp_path, monkeypatch, _NAMED_OTHERWISE)
    registry = Registry().with_resources(
        (s.get("$id", n), Resource.from_contents(s, default_specification=DRAFT202012))
        for n, s in _NAMED_OTHERWISE.items())
    reference = jsonschema.Draft202012Validator(_NAMED_OTHERWISE["a.schema.json"],
                                                registry=registry)
    expected = sorted((tuple(e.absolute_path), e.validator, e.message)
                      for e in reference.iter_errors(instance))
    assert sorted((tuple(p), v, m) for p, v, m in _errors("a.schema.json", instance)) \
        == expected


def test_a_schema_without_its_id_is_read_by_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _inputs(tmp_path, monkeypatch, _NAMED_OTHERWISE)
    assert [v for _, v, _ in _errors("c.schema.json", [0, 2, "x"])] == ["minimum", "type"]
    assert sorted(schema_check._by_names().by_id) == ["c.schema.json"]


def test_a_keyword_outside_the_subset_is_refused_when_its_file_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _inputs(tmp_path, monkeypatch, {
        "a.schema.json": {"properties": {"b": {"$ref": "b.schema.json"}}},
        "b.schema.json": {"pattern": "^x"}})
    with pytest.raises(schema_check.SchemaSubsetError, match="pattern"):
        _errors("a.schema.json", {"b": "y"})
    assert "b.schema.json" not in schema_check._by_names().by_id
