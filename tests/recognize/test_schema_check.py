"""The SL002 schema interpreter against jsonschema, the reference implementation.

spotlint checks input documents with its own small JSON Schema interpreter
(:mod:`spotlint.recognize.schema_check`) so a run need not import jsonschema. These tests
hold it to jsonschema's answers: the same errors (instance path, keyword,
message, and the SL002 text built from them) for documents generated from each
input schema, valid and broken, and for every document of the shared corpus.
"""

from __future__ import annotations

import json
import math
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from spotlint.load.base import Limits
from spotlint.load.files import load_bytes
from spotlint.location import Location, Node
from spotlint.recognize import schema_check
from spotlint.recognize.schema_quick import TESTS
from spotlint.recognize.schema_source import quick_test

INPUTS = Path(schema_check._inputs_dir())
SCHEMA_NAMES = sorted(p.name for p in INPUTS.glob("*.schema.json"))


@lru_cache(maxsize=1)
def _registry() -> Any:
    from referencing import Registry, Resource

    pairs = []
    for path in INPUTS.glob("*.schema.json"):
        schema = json.loads(path.read_text("utf-8"))
        pairs.append((schema.get("$id", path.name), Resource.from_contents(schema)))
    return Registry().with_resources(pairs)


@cache
def _reference(schema_name: str) -> Any:
    import jsonschema

    schema = json.loads((INPUTS / schema_name).read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=_registry())


def _key(path: Any, validator: str, message: str, text: str) -> tuple[str, ...]:
    return (repr(tuple(path)), validator, message, text)


def expected(schema_name: str, instance: Any) -> list[tuple[str, ...]]:
    return sorted(
        _key(e.absolute_path, e.validator, e.message, schema_check._describe(e))
        for e in _reference(schema_name).iter_errors(instance)
    )


def actual(schema_name: str, instance: Any) -> list[tuple[str, ...]]:
    return sorted(
        _key(e.absolute_path, e.validator, e.message, schema_check._describe(e))
        for e in schema_check.iter_errors(schema_name, instance)
    )


def valid(schema_name: str, instance: Any) -> bool:
    """The quick answer (asked before any error is worked out): the shipped module's
    test, which must be the validator's for the same schema."""
    validator, by_file = schema_check._schemas()
    schema = by_file[schema_name]
    node = schema_check.as_node(instance)
    shipped = TESTS[schema_name](node)
    assert shipped == quick_test(validator.by_id, schema, schema.get("$id", schema_name))(node)
    return shipped


# -- documents generated from the schemas ------------------------------------------

_WORDS = st.sampled_from(
    ["", "a", "In", "Exists", "NoSchedule", "spot", "key", "effect", "operator", "x y"]
)
_LEAVES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=120),
    st.sampled_from([0.0, 1.0, -1.5, 2.5, 1e300, math.inf, -math.inf]),
    _WORDS,
    st.text(max_size=4),
)
_ANY: st.SearchStrategy[Any] = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_WORDS, inner, max_size=3)
    ),
    max_leaves=6,
)


def _resolve(ref: str, base: str) -> tuple[Any, str]:
    uri, _, fragment = ref.partition("#")
    schema_id = uri or base
    node = json.loads((INPUTS / schema_id).read_text("utf-8"))
    for part in fragment.split("/")[1:]:
        node = node[part]
    return node, schema_id


@st.composite
def from_schema(draw: st.DrawFn, schema: Any, base: str, depth: int = 0) -> Any:
    """Mostly what ``schema`` describes, sometimes anything: both valid and broken input."""
    if depth > 8 or draw(st.integers(0, 9)) == 0:
        return draw(_ANY)
    if "$ref" in schema:
        target, target_base = _resolve(schema["$ref"], base)
        value = draw(from_schema(target, target_base, depth + 1))
        if isinstance(value, dict) and "properties" in schema and draw(st.booleans()):
            value.update(draw(from_schema({"properties": schema["properties"]}, base, depth + 1)))
        return value
    for combinator in ("allOf", "oneOf"):
        if combinator in schema:
            choice = draw(st.sampled_from(schema[combinator]))
            return draw(from_schema(choice, base, depth + 1))
    if "enum" in schema:
        return draw(st.one_of(st.sampled_from(schema["enum"]), _LEAVES))
    if "properties" in schema or "additionalProperties" in schema:
        out: dict[Any, Any] = {}
        for name, sub in schema.get("properties", {}).items():
            if draw(st.integers(0, 3)) > 0:
                out[name] = draw(from_schema(sub, base, depth + 1))
        extra = schema.get("additionalProperties")
        for name in draw(st.lists(_WORDS, max_size=2)):
            out[name] = draw(from_schema(extra, base, depth + 1)) if extra else draw(_ANY)
        if draw(st.integers(0, 5)) == 0:
            out[draw(st.integers(0, 3))] = draw(_LEAVES)  # a YAML mapping may have int keys
        return out
    if "items" in schema:
        return draw(st.lists(from_schema(schema["items"], base, depth + 1), max_size=3))
    kind = schema.get("type")
    if kind == "string":
        return draw(_WORDS)
    if kind in ("integer", "number"):
        edges = st.sampled_from([-1, 0, 1, 20, 21, 100, 101, 0.0, 3.0, 1.5, -0.5])
        return draw(st.one_of(edges, st.integers(-2, 120)))
    if kind == "boolean":
        return draw(st.booleans())
    return draw(_ANY)


def _top(schema_name: str) -> tuple[Any, str]:
    schema = json.loads((INPUTS / schema_name).read_text("utf-8"))
    return schema, schema.get("$id", schema_name)


@pytest.mark.parametrize("schema_name", SCHEMA_NAMES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_documents_get_jsonschemas_errors(schema_name: str, data: st.DataObject) -> None:
    schema, base = _top(schema_name)
    instance = data.draw(from_schema(schema, base))
    found = actual(schema_name, instance)
    assert found == expected(schema_name, instance)
    assert valid(schema_name, instance) == (not found)


def _declares(schema: Any, keyword: str) -> bool:
    if isinstance(schema, dict):
        return keyword in schema or any(_declares(v, keyword) for v in schema.values())
    if isinstance(schema, list):
        return any(_declares(v, keyword) for v in schema)
    return False


@pytest.mark.parametrize("keyword", ["type", "enum", "required", "minimum"])
def test_generated_documents_reach_errors_of_every_kind(keyword: str) -> None:
    """The generator is not vacuous: for each kind of error, it produces a document with one.

    Searched for with ``find`` rather than counted over a fixed sample: Hypothesis
    mixes constants from every loaded module into what it draws, so a fixed sample
    of 300 depended on which modules earlier tests had imported (it failed in the
    full run and passed alone, as ``minimum`` errors are rare).
    """
    names = [n for n in SCHEMA_NAMES if _declares(_top(n)[0], keyword)]
    assert names, keyword
    pairs = st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.just(name), from_schema(*_top(name)))
    )
    found = find(
        pairs,
        lambda pair: keyword in {e[1] for e in actual(*pair)},
        settings=settings(
            max_examples=20_000,
            deadline=None,
            database=None,
            phases=[Phase.generate],  # the first document found will do: no shrinking
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert keyword in {e[1] for e in actual(*found)}


@pytest.mark.parametrize(
    ("schema_name", "instance"),
    [
        ("eksctl-clusterconfig.schema.json", {"nodeGroups": [{"taints": 3}]}),
        ("eksctl-clusterconfig.schema.json", {"nodeGroups": [{"taints": [{"key": "k"}]}]}),
        ("eksctl-clusterconfig.schema.json", {"nodeGroups": [{"instancesDistribution": {
            "instanceTypes": [], "spotInstancePools": 21, "onDemandBaseCapacity": -1.0}}]}),
        ("karpenter-nodepool.schema.json", {"spec": {"limits": {"cpu": True, "mem": None}}}),
        ("sparkapplication.schema.json", {"spec": 5}),
        ("sparkapplication.schema.json", {"spec": {"template": {"driver": {"tolerations": [
            {"effect": 1, "operator": "In", "tolerationSeconds": 2.0}]}}}}),
        ("karpenter-nodepool.schema.json", {"spec": {"replicas": 1.0, "template": {"spec": {
            "requirements": [{"key": "k", "operator": True, "minValues": 0}]}}}}),
    ],
)
def test_chosen_documents_get_jsonschemas_errors(schema_name: str, instance: Any) -> None:
    found = actual(schema_name, instance)
    assert found and found == expected(schema_name, instance)
    assert not valid(schema_name, instance)


_SYNTHETIC = {
    "$id": "t.schema.json",
    "properties": {"a": {"type": "string"}},
    "additionalProperties": {"type": "integer"},
    "oneOf": [{"type": "object"}, {"required": ["a"]}, {"properties": {"a": {"enum": ["x"]}}}],
}
#: An object whose other properties are of a type alone (tested in place), one property not.
_SYNTHETIC_OBJECT = {
    "$id": "t.schema.json",
    "type": "object",
    "required": ["a"],
    "properties": {"a": {"type": "integer"}, "b": {"type": "array", "items": {"type": "string"}}},
    "additionalProperties": {"type": "string"},
}


@pytest.mark.parametrize("schema", [_SYNTHETIC, _SYNTHETIC_OBJECT])
@pytest.mark.parametrize(
    "instance",
    [{"a": "x", "b": 1}, {"a": 1, "b": "s", "c": 2.0}, {"b": True}, [], "s", None, {"a": 1},
     {"a": 2, "b": ["s"], "c": "t"}, {"a": 3, "c": 4}, {"a": 4, "b": [5]}, {"c": "t"}],
)
def test_keyword_forms_the_shipped_schemas_do_not_reach(schema: Any, instance: Any) -> None:
    """additionalProperties beside properties, and oneOf matching several branches."""
    import jsonschema

    reference = jsonschema.Draft202012Validator(schema)
    ours = schema_check._Validator({"t.schema.json": schema})
    node = schema_check.as_node(instance)
    found = sorted(
        _key(e.absolute_path, e.validator, e.message, schema_check._describe(e))
        for e in ours.errors(node, schema, "t.schema.json", ())
    )
    assert found == sorted(
        _key(e.absolute_path, e.validator, e.message, schema_check._describe(e))
        for e in reference.iter_errors(instance)
    )
    assert quick_test(ours.by_id, schema, "t.schema.json")(node) == (not found)


#: Shapes tested by a function of their own: a list of texts alone, an array whose
#: items are of a type alone (tested in place) or of another schema.
_SYNTHETIC_SHAPES = {
    "$id": "t.schema.json",
    "type": "object",
    "properties": {
        "e": {"enum": ["x", "y"]},
        "l": {"type": "array", "items": {"type": "string"}},
        "m": {"type": "array", "items": {"enum": ["p"]}},
        "n": {"type": "array", "items": {"type": "object", "required": ["k"]}},
    },
}


@pytest.mark.parametrize(
    "instance",
    [{}, {"e": "x"}, {"e": "z"}, {"e": 1}, {"e": ["x"]}, {"e": None}, {"l": []},
     {"l": ["a", "b"]}, {"l": ["a", 1]}, {"l": "a"}, {"l": {"a": 1}}, {"m": ["p", "p"]},
     {"m": ["p", "q"]}, {"m": [["p"]]}, {"n": [{"k": 1}]}, {"n": [{"k": 1}, {}]},
     {"n": [1]}, {"e": "y", "l": ["s"], "m": ["p"], "n": [{"k": None}]}],
)
def test_shapes_tested_in_one_function(instance: Any) -> None:
    """The quick test of each shape says "valid" exactly when jsonschema finds nothing."""
    import jsonschema

    schema = _SYNTHETIC_SHAPES
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    ours = schema_check._Validator({"t.schema.json": schema})
    node = schema_check.as_node(instance)
    assert quick_test(ours.by_id, schema, "t.schema.json")(node) == (not errors)
    assert (not list(ours.errors(node, schema, "t.schema.json", ()))) == (not errors)


def test_every_input_schema_is_within_the_supported_subset() -> None:
    # _schemas() checks each schema's keywords and $refs when built.
    schema_check._schemas.cache_clear()
    _, by_file = schema_check._schemas()
    assert sorted(by_file) == SCHEMA_NAMES


def test_a_keyword_outside_the_subset_is_refused() -> None:
    with pytest.raises(schema_check.SchemaSubsetError, match="pattern"):
        schema_check._Validator({"x": {"properties": {"a": {"pattern": "^a"}}}})
    with pytest.raises(schema_check.SchemaSubsetError, match="names no input schema"):
        schema_check._Validator({"x": {"$ref": "y.schema.json#/$defs/a"}})


# -- the shared corpus -------------------------------------------------------------


def _documents(corpus: Path) -> list[tuple[str, Any]]:
    docs: list[tuple[str, Any]] = []
    for directory, _, names in os.walk(corpus):
        for name in sorted(names):
            if not name.lower().endswith((".yaml", ".yml", ".json")):
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                loaded = load_bytes(path, handle.read(), Limits())
            docs.extend((path, doc.plain()) for doc in loaded.documents)
    return docs


def test_corpus_documents_get_jsonschemas_errors_under_every_schema(shared: Path) -> None:
    docs = _documents(shared / "corpus")
    assert len(docs) >= 200
    compared = with_errors = 0
    for path, instance in docs:
        for schema_name in SCHEMA_NAMES:
            found = actual(schema_name, instance)
            assert found == expected(schema_name, instance), (path, schema_name)
            assert valid(schema_name, instance) == (not found), (path, schema_name)
            compared += 1
            with_errors += bool(found)
    assert with_errors >= 10, (compared, with_errors)


def test_invalid_fields_points_at_the_offending_node() -> None:
    leaf = Node(True, Location("p.yaml", 4, 17, 4, 21))
    selector = Node({"zone": leaf}, Location("p.yaml", 4, 5, 4, 21))
    spec = Node({"nodeSelector": selector}, Location("p.yaml", 3, 3, 4, 21))
    doc = Node({"spec": spec}, Location("p.yaml", 1, 1, 4, 21))
    problems = schema_check.invalid_fields("pod.schema.json", doc)
    assert [(n.loc.line, n.loc.col, m) for n, m in problems] == [
        (4, 17, "'spec.nodeSelector.zone' must be a string, got boolean true")
    ]


def test_the_deepest_document_the_limits_allow_does_not_exhaust_the_stack() -> None:
    from spotlint.load.base import MAX_DEPTH_CEILING

    # The EMR schema recurses (configurations inside configurations), two
    # instance levels per step: this is as deep as the loader lets a document be.
    conf: dict[str, Any] = {"classification": 1}
    for _ in range(MAX_DEPTH_CEILING // 2):
        conf = {"classification": "x", "configurations": [conf]}
    doc = {"configurationOverrides": {"applicationConfiguration": [conf]}}
    assert [e.validator for e in schema_check.iter_errors("emr-start-job-run.schema.json", doc)] \
        == ["type"]
