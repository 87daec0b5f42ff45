"""The input schemas' quick tests as shipped (generated source, spotlint/recognize/schema_quick.py).

``tests/recognize/test_schema_check.py`` holds every quick answer (the shipped module's
and one written for any schema) to jsonschema's; these hold the shipped module to the
schemas it was written from, and the forms of keywords the shipped schemas do not use
to jsonschema.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from spotlint.location import Location, Node
from spotlint.recognize import schema_check
from spotlint.recognize.schema_quick import TESTS
from spotlint.recognize.schema_source import module_source, quick_test, shipped_source

SHIPPED = Path(schema_check.__file__).with_name("schema_quick.py")


def test_shipped_module_is_what_the_schemas_give() -> None:
    """Regenerate it with ``python scripts/gen_schema_quick.py`` when this fails."""
    assert SHIPPED.read_text("utf-8") == shipped_source()


def test_shipped_module_tests_every_schema_file() -> None:
    _, by_file = schema_check._schemas()
    assert sorted(TESTS) == sorted(by_file)


def test_a_changed_schema_changes_the_source() -> None:
    """The comparison above can fail: one type changed, the source differs."""
    validator, by_file = schema_check._schemas()
    changed = {**by_file["pod.schema.json"], "type": "array"}
    source = module_source(validator.by_id, {**by_file, "pod.schema.json": changed})
    assert source != shipped_source()


def test_a_valid_document_reads_no_schema_file() -> None:
    """The point of shipping the tests: a run whose documents are all valid neither
    reads nor compiles the schemas (and an invalid one still gets its errors)."""
    schema_check._schemas.cache_clear()
    selector = Node({"zone": Node("a", Location("p.yaml", 4, 11, 4, 12))},
                    Location("p.yaml", 4, 5, 4, 12))
    doc = Node({"spec": Node({"nodeSelector": selector}, Location("p.yaml", 3, 3, 4, 12))},
               Location("p.yaml", 1, 1, 4, 12))
    assert schema_check.invalid_fields("pod.schema.json", doc) == []
    assert schema_check._schemas.cache_info().currsize == 0
    bad = Node({"spec": Node(5, Location("p.yaml", 1, 7, 1, 8))}, Location("p.yaml", 1, 1, 1, 8))
    assert [m for _, m in schema_check.invalid_fields("pod.schema.json", bad)] == [
        "'spec' must be an object, got number 5"]


#: Keyword forms no shipped schema uses: an enum of other values than texts (numbers,
#: objects, null), bounds that are floats, types that are no one class, a list of types,
#: required beside other keywords, oneOf, an empty enum, minItems.
_FORMS = {
    "$id": "t.schema.json",
    "properties": {
        "e": {"enum": [1, 2.5, None, {"a": [True]}, "x"]},
        "n": {"type": ["integer", "null"], "minimum": 1.5, "maximum": 10},
        "u": {"type": "number", "maximum": math.inf},
        "o": {"oneOf": [{"type": "string"}, {"enum": ["s", 3]}]},
        "z": {"enum": []},
        "l": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/any"}},
        "r": {"required": ["k"], "additionalProperties": {"type": "boolean"}},
    },
    "$defs": {"any": True},
}


@pytest.mark.parametrize(
    "instance",
    [{}, {"e": 1}, {"e": 1.0}, {"e": True}, {"e": None}, {"e": {"a": [True]}}, {"e": {"a": [1]}},
     {"e": "x"}, {"e": "y"}, {"n": None}, {"n": 1}, {"n": 2}, {"n": 2.0}, {"n": 11}, {"n": True},
     {"n": 2.5}, {"n": "3"}, {"u": 1e308}, {"u": -math.inf}, {"u": False}, {"o": "s"},
     {"o": "t"}, {"o": 3}, {"o": 4}, {"z": "x"}, {"l": [1]}, {"l": [1, {}]}, {"l": "ab"},
     {"r": {}}, {"r": {"k": 1}}, {"r": {"k": True, "j": False}}, {"r": [1]}, [], "s", None],
)
def test_keyword_forms_the_shipped_schemas_do_not_use(instance: Any) -> None:
    import jsonschema

    errors = list(jsonschema.Draft202012Validator(_FORMS).iter_errors(instance))
    test = quick_test({"t.schema.json": _FORMS}, _FORMS, "t.schema.json")
    assert test(schema_check.as_node(instance)) == (not errors)


def test_a_ref_that_leads_only_to_itself_is_refused() -> None:
    schema = {"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/a"}}}
    with pytest.raises(schema_check.SchemaSubsetError, match="itself"):
        quick_test({"t": schema}, schema, "t")


def test_the_deepest_document_the_limits_allow_does_not_exhaust_the_stack() -> None:
    from spotlint.load.base import MAX_DEPTH_CEILING

    conf: dict[str, Any] = {"classification": 1}
    for _ in range(MAX_DEPTH_CEILING // 2):
        conf = {"classification": "x", "configurations": [conf]}
    doc = {"configurationOverrides": {"applicationConfiguration": [conf]}}
    assert not TESTS["emr-start-job-run.schema.json"](schema_check.as_node(doc))
