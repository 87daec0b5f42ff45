"""Nodes keep their position inline and make ``Location`` on demand (issue 19)."""

from __future__ import annotations

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node, located


def test_located_is_the_node_init_makes() -> None:
    made = located("spot", "a.yaml", 3, 5, 3, 9, "int", True)
    init = Node("spot", Location("a.yaml", 3, 5, 3, 9), None, "int", True)
    for node in (made, init):
        assert node.loc == Location("a.yaml", 3, 5, 3, 9)
        assert (node.value, node.key, node.tag, node.unknown) == ("spot", None, "int", True)
    assert repr(made) == "Node('spot' @ 3:5)"


def test_loc_is_a_fresh_equal_location_and_can_be_set() -> None:
    node = located({}, "a.yaml", 1, 1, 4, 2)
    assert node.loc == node.loc and node.loc is not node.loc
    node.loc = Location("b.yaml", 7, 3, 8, 1)
    assert node.loc == Location("b.yaml", 7, 3, 8, 1)
    assert node.key_loc == node.loc
    node.key = located("k", "b.yaml", 6, 1, 6, 1)
    assert node.key_loc == Location("b.yaml", 6, 1, 6, 1)


def test_nodes_hold_no_location_object() -> None:
    node = Node(1, Location("a.yaml", 2, 2, 2, 2))
    assert not hasattr(node, "__dict__")
    # (``_kline`` and ``_kcol`` are set only where a plain key is kept: hence the default)
    assert all(not isinstance(getattr(node, slot, None), Location) for slot in Node.__slots__)


def test_loaded_positions_match_the_text() -> None:
    text = "a:\n  b: [1, two]\n  c: |\n    x\n"
    root = load_yaml_text("f.yaml", text, Limits()).documents[0]
    b = root.path("a", "b")
    assert b is not None
    assert b.loc == Location("f.yaml", 2, 6, 2, 13)
    assert b.key_loc == Location("f.yaml", 2, 3, 2, 3)
    assert [e.loc.col for e in b.elements()] == [7, 10]
    c = root.path("a", "c")
    assert c is not None and c.loc.line == 3 and c.loc.end_line == 4
    assert root.loc == Location("f.yaml", 1, 1, 4, 1)


def test_span_and_key_start_read_what_loc_and_key_loc_say() -> None:
    """``span()`` and ``key_start()`` give ``loc``'s and ``key_loc``'s positions, and a
    plain key kept in its value's node is not made for them."""
    text = ("a: 1\n'q': [x, {y: z}]\nb: &s\n  c: d\ne: *s\n? f\n  g\n: h\n"
            "list:\n  - i\n  - j: k\n")
    root = load_yaml_text("s.yaml", text, Limits()).documents[0]
    stack, seen = [root], 0
    while stack:
        node = stack.pop()
        kept = node._kname is not None and node._key is None
        loc = node.loc
        assert node.span() == [loc.line, loc.col, loc.end_line, loc.end_col]
        start = node.key_start()
        if kept:
            assert node._key is None  # not made by key_start()
            seen += 1
        assert start == (node.key_loc.line, node.key_loc.col)
        stack.extend(node.value.values() if node.is_map else node.elements())
    assert seen >= 5
