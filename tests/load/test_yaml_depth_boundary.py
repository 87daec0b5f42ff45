"""``max-depth`` refuses exactly the values nested past it, scalars and collections alike.

Pinned at the boundary (the loader keeps whether its stack is past the limit as the
stack changes, rather than measuring it at every value): with ``max-depth=3``, a
scalar may sit under three mappings and a collection under two; one level more is
SL001 at the first value past the limit.
"""

from __future__ import annotations

import pytest

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text


def _nested(levels: int, leaf: str) -> str:
    text = "".join("  " * i + f"k{i}:\n" for i in range(levels))
    return text + "  " * levels + leaf + "\n"


def _errors(levels: int, leaf: str) -> list[tuple[str, int, int]]:
    loaded = load_yaml_text("t.yaml", _nested(levels, leaf), Limits(max_depth=3))
    return [(e.message, e.line, e.col) for e in loaded.errors]


TOO_DEEP = "nesting deeper than max-depth=3"


@pytest.mark.parametrize(("leaf", "first_refused", "where"), [
    ("v", 4, (4, 7)), ("[x]", 3, (4, 8)), ("{a: 1}", 3, (4, 8)),
])
def test_the_boundary(leaf: str, first_refused: int, where: tuple[int, int]) -> None:
    for levels in range(first_refused):
        assert _errors(levels, leaf) == [], levels
    assert _errors(first_refused, leaf) == [(TOO_DEEP, *where)]
    assert _errors(first_refused + 1, leaf) == [(TOO_DEEP, 4, 7)]


def test_a_sibling_after_a_deep_branch_is_read() -> None:
    """Leaving a deep branch lowers the depth again: its siblings are not refused. (An
    empty collection may open at the limit: nothing in it is past it.)"""
    text = "a:\n  b:\n    c: []\nd: 1\ne: [y]\n"
    loaded = load_yaml_text("t.yaml", text, Limits(max_depth=3))
    assert not loaded.errors
    assert loaded.documents[0].value["e"].value[0].value == "y"
