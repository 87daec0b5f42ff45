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


def test_fingerprints_equal_those_made_through_the_line_index() -> None:
    """Files split whole, large files and files with other line breaks read up to the
    line: the fingerprint is the one of LineIndex's line, files interleaved or not."""
    from spotlint.finding import Fingerprinter, sha256_hex
    from spotlint.location import new_location

    def expected(code: str, message: str, path: str, line: str, seen: dict[str, int]) -> str:
        base = sha256_hex("\x00".join((code, path, "".join(line.split()), message))
                          .encode("utf-8", "replace"))[:16]
        seen[base] = seen.get(base, 0) + 1
        return f"{base}:{seen[base] - 1}"

    rng = random.Random(23)
    texts = {f"f{i}.yaml": _text(rng) for i in range(30)}
    texts["crlf.yaml"] = "a: 1\r\nb: 2\r\n\r\nc: 3"
    texts["cr.yaml"] = "a\rb\nc"
    texts["big.yaml"] = "k: v\n" * 70_000 + "last: x"
    texts["none.yaml"] = ""
    fingerprint, seen = Fingerprinter(), {}
    asked = 0
    for _ in range(1500):
        path = rng.choice(sorted(texts))
        text = texts[path]
        number = rng.choice([-1, 0, 1, 2, 3, rng.randint(1, 230), 70_001, 70_002])
        code, message = rng.choice(["SL101", "SL201"]), rng.choice(["m", "n"])
        loc = new_location(path, number, 1, number, 2)
        got = fingerprint(code, message, loc, text if path != "none.yaml" else None)
        assert got == expected(code, message, path, LineIndex(text).line(number), seen), (
            path, number)
        asked += 1
    assert asked == 1500
