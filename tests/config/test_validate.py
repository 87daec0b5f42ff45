"""The configuration validator against jsonschema, the reference implementation.

:mod:`spotlint.config.validate` checks configuration files so a run need not
import jsonschema (~55 ms). These tests hold it to jsonschema's answers (the
same errors: instance path, keyword, message) for configurations generated from
the schema, valid and broken, and check the hot path imports no jsonschema.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spotlint.config.files import schema
from spotlint.config.validate import SchemaSubsetError, Validator

SCHEMA = schema()
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
OURS = Validator(SCHEMA)

_WORDS = st.sampled_from(
    ["", "a", "SL101", "SL4", "ALL", "spot", "on-demand", "kind", "name", "fail_on", "s3a",
     "3x", "error", "never", "x y", "NodePool", "max-depth", "rules", "SL402"]
)
_LEAVES: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 30), st.sampled_from([0.0, 1.5, math.inf]),
    _WORDS,
)
_ANY: st.SearchStrategy[Any] = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_WORDS, inner,
                                                                           max_size=3)),
    max_leaves=6,
)


def _resolve(ref: str) -> Any:
    node: Any = SCHEMA
    for part in ref[2:].split("/"):
        node = node[part]
    return node


@st.composite
def from_schema(draw: st.DrawFn, node: Any, depth: int = 0) -> Any:
    """Mostly what ``node`` describes, sometimes anything: valid and broken configurations."""
    if depth > 6 or draw(st.integers(0, 9)) == 0:
        return draw(_ANY)
    if "$ref" in node:
        return draw(from_schema(_resolve(node["$ref"]), depth + 1))
    if "enum" in node:
        return draw(st.one_of(st.sampled_from(node["enum"]), _LEAVES))
    if "properties" in node or "additionalProperties" in node or "patternProperties" in node:
        out: dict[Any, Any] = {}
        for name, sub in node.get("properties", {}).items():
            if draw(st.integers(0, 4)) == 0:
                out[name] = draw(from_schema(sub, depth + 1))
        for pattern, sub in node.get("patternProperties", {}).items():
            if draw(st.booleans()):
                out[draw(st.sampled_from(["SL402", "SL9", "X1"]))] = draw(
                    from_schema(sub, depth + 1))
            del pattern
        extra = node.get("additionalProperties")
        for name in draw(st.lists(_WORDS, max_size=2)):
            out[name] = draw(from_schema(extra, depth + 1)) if isinstance(extra, dict) else (
                draw(_ANY))
        return out
    if "items" in node:
        return draw(st.lists(from_schema(node["items"], depth + 1), max_size=3))
    kind = node.get("type")
    if kind == "string":
        return draw(_WORDS)
    if kind in ("integer", "number"):
        return draw(st.one_of(st.sampled_from([-1, 0, 1, 2.0, 2.5]), st.integers(-2, 30)))
    if kind == "boolean":
        return draw(st.booleans())
    return draw(_ANY)


def _errors(validator: Any, instance: Any) -> list[tuple[str, str, str]]:
    return sorted(
        (repr(tuple(e.absolute_path)), str(e.validator), e.message)
        for e in validator.iter_errors(instance)
    )


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_schema(SCHEMA))
def test_generated_configurations_get_jsonschemas_errors(config: Any) -> None:
    assert _errors(OURS, config) == _errors(REFERENCE, config)


@pytest.mark.parametrize(
    "config",
    [
        {"fail_on": "never"},
        {"select": "SL1"},
        {"select": [""]},
        {"severity": {"SL101": "fatal"}},
        {"ignore-objects": [{"rules": ["SL1"]}]},
        {"capacity-labels": {"x": {}}},
        {"capacity-labels": {"x": {"spot": ["a"], "preemptible": ["b"]}}},
        {"durable-storage-schemes": ["3x", "s3a"]},
        {"durable-storage-schemes": []},
        {"rules": {"sl402": {}, "SL402": {"min-instance-types": "8"}, "X": 1}},
        {"limits": {"max-depth": -1, "max-files": 3}},
        {"extend": ""},
        {"clusters": [{"name": "", "paths": 3}]},
        {"pools": [{"name": "p", "capacity-types": ["spot", "spot"]}]},
        [],
        "x",
    ],
)
def test_chosen_configurations_get_jsonschemas_errors(config: Any) -> None:
    found = _errors(OURS, config)
    assert found and found == _errors(REFERENCE, config)


def test_a_keyword_outside_the_subset_is_refused() -> None:
    with pytest.raises(SchemaSubsetError, match="not"):
        Validator({"properties": {"a": {"not": {"type": "string"}}}})
    with pytest.raises(SchemaSubsetError, match="points at nothing"):
        Validator({"$ref": "#/$defs/missing"})


def test_a_run_with_a_configuration_imports_no_jsonschema(tmp_path: Path) -> None:
    (tmp_path / ".spotlint.yaml").write_text("ignore: [SL207]\nseverity: {SL1: error}\n")
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nspec: {}\n")
    code = (
        "import sys; from spotlint.cli.main import main\n"
        "try:\n    main(['check', '--force-exclude', 'pod.yaml'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
