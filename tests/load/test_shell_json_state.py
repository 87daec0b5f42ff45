"""The JSON string state of json_ready, which skips to quotes and backslashes, equals a
character-by-character scan on any text cut into any pieces."""

from __future__ import annotations

import random

from spotlint.load.shell import _JsonStringState


def _by_character(state: tuple[bool, bool], text: str, begin: int, end: int) -> tuple[bool, bool]:
    in_string, escaped = state
    for ch in text[begin:end]:
        if escaped:
            escaped = False
        elif in_string and ch == "\\":
            escaped = True
        elif ch == '"':
            in_string = not in_string
    return in_string, escaped


def test_equals_a_character_scan_on_random_pieces() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice('"\\\\a{ :') for _ in range(rng.randint(0, 30)))
        cuts = sorted(rng.randint(0, len(text)) for _ in range(rng.randint(0, 4)))
        state = _JsonStringState()
        expected = (False, False)
        pos = 0
        for cut in [*cuts, len(text)]:
            state.feed(text, pos, cut)
            expected = _by_character(expected, text, pos, cut)
            assert (state.in_string, state.escaped) == expected, (text, cuts, cut)
            pos = cut


def test_a_piece_inside_a_longer_text_stops_at_its_end() -> None:
    state = _JsonStringState()
    state.feed('{"a\\', 0, 4)  # ends on a backslash inside a string
    assert (state.in_string, state.escaped) == (True, True)
    state.feed('xx"yz', 2, 3)  # the escaped character is the quote: still inside
    assert (state.in_string, state.escaped) == (True, False)
    state.feed('"', 0, 1)
    assert (state.in_string, state.escaped) == (False, False)
