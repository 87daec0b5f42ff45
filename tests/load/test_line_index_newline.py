"""LineIndex over a text without carriage returns (searched for "\\n" alone) answers as a
whole scan of every line break does."""

from __future__ import annotations

import random
from array import array
from bisect import bisect_right

from support.shapes import line_starts

from spotlint.load.textpos import LINE_BREAK, LineIndex


def test_newline_only_texts_answer_as_the_whole_scan() -> None:
    rng = random.Random(1905)
    pieces = ["a", "bc", " ", "\n", "\n\n", "\x0c", "\u2028", "\x85", "é", "\t"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.choice([0, 1, 3, 70, 500])))
        assert "\r" not in text
        starts = line_starts(text)
        lines = LineIndex(text)
        for _ in range(30):
            number = rng.randint(-2, len(starts) + 2)
            index = rng.randint(0, len(text) + 1)
            want = "" if not 0 < number <= len(starts) else LINE_BREAK.split(
                text[starts[number - 1]:], maxsplit=1)[0]
            assert lines.line(number) == want
            line = bisect_right(starts, index)
            assert lines.position(index) == (line, index - starts[line - 1] + 1)
        assert len(lines) == len(starts)


def test_a_carriage_return_anywhere_keeps_every_break() -> None:
    text = "a\nb\n" * 100 + "c\rd\r\ne"
    lines = LineIndex(text)
    assert lines.line(200) == "b"
    assert lines.line(201) == "c"
    assert lines.line(202) == "d"
    assert lines.line(203) == "e"
    assert len(lines) == 203


def test_source_text_positions_equal_every_break_scanned() -> None:
    from spotlint.load.textpos import SourceText

    rng = random.Random(7)
    for pieces in (["a", "\n", "é", "\x0c", "\u2028"], ["a", "\n", "\r", "\r\n"]):
        for _ in range(200):
            text = "".join(rng.choice(pieces) for _ in range(rng.choice([0, 5, 80])))
            starts = array("q", [0])
            starts.extend(m.end() for m in LINE_BREAK.finditer(text))
            source = SourceText("f", text)
            for index in range(len(text) + 1):
                line = bisect_right(starts, index)
                assert source.position(index) == (line, index - starts[line - 1] + 1)
            for line in range(1, len(starts) + 2):
                assert source.index(line, 1) == (
                    min(starts[line - 1], len(text)) if line <= len(starts) else len(text))
