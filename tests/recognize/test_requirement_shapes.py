"""Requirements read from ``{key, operator, values}`` maps of every shape.

Karpenter's reader (a pool's ``requirements``) and the pod-affinity reader
(``matchExpressions``) differ on purpose: Karpenter keeps an entry without an
operator (an unknown one), the affinity reader drops it. Both keep only scalar
values, and any placeholder, or a ``values`` that is not a list, makes the
requirement unknown.
"""

from __future__ import annotations

from typing import Any

import pytest

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.recognize import common, karpenter

SHAPES: list[tuple[str, Any, Any]] = [
    # text, Karpenter's (key, operator, values, unknown), the affinity reader's
    ("key: k\noperator: In\nvalues: [a, b]\n", ("k", "In", ("a", "b"), False),
     ("k", "In", ("a", "b"), False)),
    ("key: k\noperator: In\nvalues: [a, '${X}', [c], {d: 1}, 3]\n",
     ("k", "In", ("a", "${X}", "3"), True), ("k", "In", ("a", "${X}", "3"), True)),
    ("key: k\noperator: In\nvalues: x\n", ("k", "In", (), True), ("k", "In", (), False)),
    ("key: k\noperator: In\nvalues: '${V}'\n", ("k", "In", (), True), ("k", "In", (), True)),
    ("key: k\noperator: Exists\nvalues: []\n", ("k", "Exists", (), False),
     ("k", "Exists", (), False)),
    ("key: k\noperator: In\nvalues:\n", ("k", "In", (), True), ("k", "In", (), False)),
    ("key: k\nvalues: [a]\n", ("k", "", ("a",), True), None),
    ("key: k\noperator: [In]\n", ("k", "", (), True), None),
    ("key: '${K}'\noperator: In\n", ("${K}", "In", (), True), ("${K}", "In", (), True)),
    ("key: [k]\noperator: In\n", None, None),
    ("operator: In\nvalues: [a]\n", None, None),
    ("- key: k\n", None, None),
]


def _read(reader: Any, text: str) -> Any:
    doc = load_yaml_text("r.yaml", text, Limits()).documents[0]
    found = reader(doc)
    if found is None:
        return None
    assert found.node is doc
    assert [v.text() for v in found.value_nodes] == list(found.values)
    return (found.key, found.operator, found.values, found.unknown)


@pytest.mark.parametrize(("text", "pool", "affinity"), SHAPES)
def test_requirement_shapes(text: str, pool: Any, affinity: Any) -> None:
    assert _read(karpenter.requirement_from, text) == pool
    assert _read(common.requirement_from, text) == affinity
