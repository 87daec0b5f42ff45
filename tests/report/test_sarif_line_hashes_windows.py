"""Hashing only the asked lines (windows compared as text) gives the whole-file answer."""

from __future__ import annotations

import random

import pytest

from spotlint.report.sarif import line_hashes


def _whole(text: str, lines: set[int], until: int | None = None) -> dict[int, str]:
    """The answer of the path that hashes every unit (``lines=None``)."""
    return {k: v for k, v in line_hashes(text, until).items() if k in lines}


@pytest.mark.parametrize("text", [
    "", "\n", "a", "a\n", "a\r\nb\rc\n", " \t \n\t\n",
    "x" * 99 + "\n", "x" * 100 + "\ny", "x" * 250,
    "same line\n" * 40 + "tail",  # repeats, and windows that reach the end
    "kind: Pod\nspec:\n  nodeSelector: {a: b}\n" * 30,
    "é ü ß\n" * 20, "\ud800 lone\n" * 3,  # one unit per character, not ASCII
    "emoji 😀 here\n" * 5,  # two units per character: the path that encodes the text
])
def test_selected_lines_equal_the_whole_file_path(text: str) -> None:
    count = text.count("\n") + text.count("\r") + 2
    everything = set(range(0, count + 2))
    assert line_hashes(text, None, everything) == _whole(text, everything)
    assert line_hashes(text, 3, everything) == _whole(text, everything, 3)


def test_random_texts_and_line_choices() -> None:
    rng = random.Random(1905)
    pieces = ["a: 1", "  b: x", "", "- y", "\tc: 'q'", "x" * 120, "# c", "é"]
    for _ in range(60):
        text = rng.choice(["\n", "\r\n"]).join(
            rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        lines = {rng.randint(0, 90) for _ in range(rng.randint(0, 8))}
        until = rng.choice([None, rng.randint(0, 90)])
        assert line_hashes(text, until, lines) == _whole(text, lines, until)
