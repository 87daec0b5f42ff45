"""The fingerprinter's cursor over a text's lines answers as :class:`LineIndex` does,
asked in line order (as findings are stamped) or in any order."""

from __future__ import annotations

import random

from spotlint.finding import NewlineCursor
from spotlint.load.textpos import LineIndex

PIECES = ["", "a", "  key: value", "\t- x", "# c", "ünï", "\x0c", "\u2028x", "   "]


def _text(rng: random.Random) -> str:
    lines = [rng.choice(PIECES) for _ in range(rng.randint(0, 200))]
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def test_cursor_lines_equal_the_line_index() -> None:
    rng = random.Random(19)
    asked = 0
    for _ in range(400):
        text = _text(rng)
        index, cursor = LineIndex(text), NewlineCursor(text)
        numbers = sorted(rng.randint(-2, 215) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.3:
            rng.shuffle(numbers)  # out of order too
        for number in numbers:
            assert cursor.line(number) == index.line(number), (text, number)
            asked += 1
    assert asked > 1500
