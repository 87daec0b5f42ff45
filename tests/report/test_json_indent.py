"""The indented JSON writer gives exactly ``json.dumps(indent=N, ensure_ascii=False)``."""

from __future__ import annotations

import enum
import json
import random
from collections import OrderedDict
from typing import Any

import pytest

from spotlint.report.json_indent import dumps_indented


def _reference(value: Any, indent: int = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


class _Level(enum.IntEnum):
    LOW = 1


class _Text(str):
    pass


_SCALARS: list[Any] = [
    "", "plain", 'quo"te', "back\\slash", "tab\tnew\nline", "\x00\x1f\x7f", "é日本",
    "\ud800", 0, -1, 2**70, 1.5, -0.0, 1e300, float("nan"), float("inf"), True, False, None,
]


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.5:
        return rng.choice(_SCALARS)
    if roll < 0.75:
        names = ["a", "b", "ruleId", "é", "x y", ""]
        return {rng.choice(names) + str(i): _random_value(rng, depth + 1)
                for i in range(rng.randint(0, 4))}
    if roll < 0.9:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return tuple(_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))


@pytest.mark.parametrize("seed", range(40))
def test_random_documents_match_the_standard_encoder(seed: int) -> None:
    rng = random.Random(seed)
    value = _random_value(rng)
    for indent in (0, 1, 2, 4):
        assert dumps_indented(value, indent) == _reference(value, indent)


@pytest.mark.parametrize("value", [
    {}, [], {"a": {}}, {"a": []}, [[], {}], {"k": [1, {"x": None}]},
    {1: "int key", "b": 2}, {None: 1, True: 2, 1.5: 3},  # keys json.dumps converts
    {"level": _Level.LOW}, [_Level.LOW], {"s": _Text("sub")},  # subclasses
    OrderedDict([("b", 1), ("a", 2)]),
])
def test_edge_values_match_the_standard_encoder(value: Any) -> None:
    assert dumps_indented(value, 2) == _reference(value)


def test_a_sarif_shaped_report_matches() -> None:
    result = {"ruleId": "SL101", "ruleIndex": 3, "level": "error",
              "message": {"text": "driver on Spot"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a/b.yaml"},
                                                  "region": {"startLine": 4, "startColumn": 7}}}],
              "partialFingerprints": {"primaryLocationLineHash": "abc:1"}}
    document = {"version": "2.1.0", "runs": [{"results": [result] * 3, "columnKind": "x"}]}
    assert dumps_indented(document, 2) == _reference(document)


def test_deep_nesting_falls_back_to_the_standard_encoder_error() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(RecursionError):
        _reference(deep)
    with pytest.raises(RecursionError):
        dumps_indented(deep, 2)
