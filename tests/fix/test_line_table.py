"""The line table a fix placement asks answers as a whole one does.

:class:`spotlint.fix.resolve.FileView` converts its targets and edits by
counting line breaks from the last answer (a text without ``\\r``) or with the
whole table; every index and position it gives must be the one
:class:`spotlint.load.textpos.SourceText` (the whole table) gives, whatever the
order of the questions and the line breaks (LF, CR LF, CR, a final break or
none), and the characters it scans stay bounded by a few times the text.
"""

from __future__ import annotations

import random

from spotlint.fix.resolve import FileView, _LineTable
from spotlint.load.textpos import SourceText


def _text(rng: random.Random, lines: int, breaks: list[str]) -> str:
    parts = []
    for _ in range(lines):
        parts.append("x" * rng.randint(0, 12))
        parts.append(rng.choice(breaks))
    if rng.random() < 0.5:
        parts.pop()  # no final line break
    return "".join(parts)


def _ask(rng: random.Random, text: str, lines: int, shuffle: bool = True,
         every: int = 1) -> _LineTable:
    whole, table = SourceText("t", text), _LineTable("t", text)
    questions = [("position", i) for i in range(0, len(text) + 2, every)] + [
        ("index", (line, col)) for line in range(1, lines + 4, every)
        for col in ((1, 2, 9) if shuffle else (1,))]
    if shuffle:
        rng.shuffle(questions)
    else:  # in the order of the text, as a fix's targets and edits mostly come
        questions.sort(key=lambda q: q[1] if q[0] == "position" else whole.index(*q[1]))
    for kind, arg in questions:
        if kind == "position":
            assert table.position(arg) == whole.position(arg), (text, arg)  # type: ignore[arg-type]
        else:
            assert table.index(*arg) == whole.index(*arg), (text, arg)  # type: ignore[misc]
    return table


def test_same_answers_in_any_order() -> None:
    rng = random.Random(6)
    for breaks in (["\n", "\n", "\r\n", "\r", "\n\n"], ["\n", "\n\n"]):
        for size in (0, 1, 3, 63, 64, 65, 200, 700):
            for _ in range(5):
                text = _text(rng, size, breaks) if size else rng.choice(["", "\n", "a"])
                _ask(rng, text, size)


def test_in_order_questions_count_without_a_table() -> None:
    rng = random.Random(6)
    text = _text(rng, 300, ["\n", "\n\n"])
    table = _ask(rng, text, 300, shuffle=False, every=7)
    assert table._whole is None
    assert table._spent <= 3 * len(text)  # counted on from the cursor, not from the start


def test_questions_in_no_order_make_the_whole_table() -> None:
    rng = random.Random(6)
    text = _text(rng, 700, ["\n"])
    table = _ask(rng, text, 700)
    assert table._whole is not None  # the budget was spent: the rest came from it
    assert _LineTable("t", "a\r\nb")._whole is not None  # a text with CR: at once


def test_only_what_is_asked_is_read() -> None:
    text = "a: 1\n" * 10_000
    table = _LineTable("t", text)
    assert table.position(12) == (3, 3)
    assert table.index(4, 2) == 16
    assert table._spent < 40
    assert table.index(10_001, 1) == len(text)  # past the last line: read to the end
    assert table._whole is None
    assert FileView("t", text, "yaml").source.position(len(text)) == (10_001, 1)


def test_leaps_over_lines_of_changing_lengths() -> None:
    # The cursor leaps forward by the average length of the lines before it: lines
    # much longer or shorter further on (a long header, then short keys; the
    # reverse) must still give the whole table's answers, and the leaps stay cheap.
    shapes = [
        ["x" * 200] * 10 + ["a: 1"] * 300,
        ["a: 1"] * 10 + ["x" * 200] * 300,
        (["a: 1"] * 5 + ["y" * 90] * 5) * 40,
        ["", "", "z" * 50] * 120,
        ["k" * 30] * 400,
    ]
    for lines in shapes:
        text = "\n".join(lines) + "\n"
        whole = SourceText("t", text)
        for stride in (1, 9, 10, 17, 40, 150):
            table = _LineTable("t", text)
            for line in range(1, len(lines) + 3, stride):
                assert table.index(line, 2) == whole.index(line, 2), (lines[:2], stride, line)
            assert table._whole is None
            assert table._spent <= 2 * len(text)


def test_a_small_text_gets_its_whole_table_at_once() -> None:
    """A small text without ``\\r`` is answered from a table made at once (``str.split``),
    as the whole table (regular expression) answers; a large one, or one with ``\\r``,
    is counted from a cursor as before."""
    from spotlint.fix.resolve import _SMALL, _SmallTable

    rng = random.Random(8)
    for size in (0, 1, 2, 5, 63, 200):
        for _ in range(10):
            text = _text(rng, size, ["\n", "\n\n"]) if size else rng.choice(["", "\n", "a"])
            whole, small = SourceText("t", text), _SmallTable("t", text)
            assert list(small._starts) == list(whole._starts), text
            for line in range(1, size + 4):
                for col in (1, 2, 9):
                    assert small.index(line, col) == whole.index(line, col)
            for index in range(len(text) + 2):
                assert small.position(index) == whole.position(index)
    assert isinstance(FileView("t", "a: 1\n" * 100, "yaml").source, _SmallTable)
    assert isinstance(FileView("t", "a: 1\n" * (_SMALL // 5 + 1), "yaml").source, _LineTable)
    assert isinstance(FileView("t", "a: 1\r\nb: 2\r\n", "yaml").source, _LineTable)
