"""Characters libyaml counts as line breaks and spotlint does not (NEL, U+2028, U+2029).

A text holding one is positioned from character offsets (spotlint's lines: only
``\\n``, ``\\r\\n`` and ``\\r`` end one), so every value after it is where an editor
shows it: the same places as in the text with an ordinary character instead.
"""

from __future__ import annotations

import pytest

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node


def _places(node: Node) -> list[object]:
    key = node.key
    here: list[object] = [node.loc.line, node.loc.col, node.loc.end_line, node.loc.end_col,
                          None if key is None else (key.loc.line, key.loc.col)]
    if isinstance(node.value, dict):
        for child in node.value.values():
            here.extend(_places(child))
    elif isinstance(node.value, list):
        for child in node.value:
            here.extend(_places(child))
    return here


@pytest.mark.parametrize("exotic", ["\x85", "\u2028", "\u2029"])
def test_values_after_an_exotic_break_are_where_an_editor_shows_them(exotic: str) -> None:
    # (in quoted scalars: in a plain one libyaml would read the break as the end of a line)
    text = "a: 'x{0}y'\nb:\n  c: [1, 2]\nd: \"q{0}r\"\ne: 1\n"
    loaded = load_yaml_text("f.yaml", text.format(exotic), Limits())
    plain = load_yaml_text("f.yaml", text.format("z"), Limits())
    assert not loaded.errors and not plain.errors
    assert _places(loaded.documents[0]) == _places(plain.documents[0])
    e = loaded.documents[0].value["e"]
    assert (e.loc.line, e.loc.col, e.key.loc.line if e.key else None) == (5, 4, 5)
