"""LineIndex reads line starts only as far as asked, with the answers of a whole scan."""

from __future__ import annotations

import random
from bisect import bisect_right

from support.shapes import line_starts

from spotlint.load.textpos import LINE_BREAK, LineIndex


def _text(rng: random.Random) -> str:
    pieces = ["a", "bc", " ", "\n", "\r\n", "\r", "\n\n", "\x0c", "\u2028", "é"]
    return "".join(rng.choice(pieces) for _ in range(rng.choice([0, 1, 3, 60, 400])))


def test_every_question_in_any_order_gets_the_whole_scans_answer() -> None:
    rng = random.Random(19)
    for _ in range(400):
        text = _text(rng)
        starts = line_starts(text)
        lines = LineIndex(text)
        for _ in range(30):
            question = rng.choice(
                ["line", "line_at", "position", "start", "len", "clamp", "split_line"])
            number = rng.randint(-3, len(starts) + 3)
            index = rng.randint(0, len(text) + 2)
            if question == "line":
                want = "" if not 0 < number <= len(starts) else LINE_BREAK.split(
                    text[starts[number - 1]:], maxsplit=1)[0]
                assert lines.line(number) == want
            elif question == "line_at":
                assert lines.line_at(index) == bisect_right(starts, index)
            elif question == "position":
                line = bisect_right(starts, index)
                assert lines.position(index) == (line, index - starts[line - 1] + 1)
            elif question == "start" and -len(starts) < number <= len(starts):
                assert lines.start(number) == starts[number - 1]
            elif question == "len":
                assert len(lines) == len(starts)
            elif question == "split_line":
                split = LINE_BREAK.split(text)
                want_line = split[number - 1] if 0 < number <= len(split) else None
                assert lines.split_line(number) == want_line
            elif question == "clamp":
                whole = LineIndex(text)
                len(whole)
                assert lines.clamp(number, index) == whole.clamp(number, index)


def test_a_question_near_the_top_does_not_read_the_whole_text() -> None:
    text = "x\n" * 100_000
    lines = LineIndex(text)
    assert lines.line(3) == "x"
    assert len(lines._starts) < 1000
    assert len(lines) == 100_000


def test_split_line_counts_the_empty_line_after_a_final_break() -> None:
    for text, lines in [("", [""]), ("a", ["a"]), ("a\n", ["a", ""]), ("a\r\n", ["a", ""]),
                        ("a\r", ["a", ""]), ("a\n\n", ["a", "", ""]), ("\r\nb", ["", "b"])]:
        index = LineIndex(text)
        assert [index.split_line(n) for n in range(1, len(lines) + 1)] == lines
        assert index.split_line(len(lines) + 1) is None
        assert index.split_line(0) is None
