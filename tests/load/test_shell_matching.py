"""The bracket closing an expansion's opening one: nested, unclosed, or none at all."""

from __future__ import annotations

import itertools

from spotlint.load.shell import _matching


def _counted(text: str, pos: int, end: int, open_ch: str, close_ch: str) -> int:
    """Counting every bracket from ``pos`` (the plain definition)."""
    depth = 0
    for index in range(pos, end):
        if text[index] == open_ch:
            depth += 1
        elif text[index] == close_ch:
            depth -= 1
            if depth == 0:
                return index
    return end - 1


def test_matching_agrees_with_counting_every_bracket() -> None:
    checked = 0
    for size in range(1, 7):
        for chars in itertools.product("{}x", repeat=size):
            text = "".join(chars)
            for pos in range(size):
                for end in range(pos, size + 1):
                    assert _matching(text, pos, end, "{", "}") == _counted(
                        text, pos, end, "{", "}"), (text, pos, end)
                    checked += 1
    assert checked > 10_000
    assert _matching("$(( (1 + 2) * 3 ))", 1, 18, "(", ")") == 17
