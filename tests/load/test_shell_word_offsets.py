"""A shell word's character offsets, taken from a shared index ramp, are those of their definition.

``Word.add_span`` copies a slice of one shared ``array("q", range(n))``
(:func:`spotlint.load.shell._indices`) and ``add_unknown`` builds a placeholder's
offsets from it; both must equal the plain definitions, at any span, before and
after the ramp grows, and past its cap.
"""

from __future__ import annotations

import random
from array import array

import pytest

from spotlint.load import shell
from spotlint.load.shell import Word, read_commands


def _span_offsets(begin: int, end: int) -> list[int]:
    return list(range(begin, end))


def _unknown_offsets(text: str, begin: int, end: int) -> list[int]:
    last = max(end - 1, begin)
    return [min(begin + i, last) for i in range(len(text))]


@pytest.mark.parametrize(
    ("begin", "end"),
    [(0, 0), (0, 1), (3, 3), (5, 17), (0, 4096), (4095, 4097), (10_000, 10_050)],
)
def test_a_span_has_one_offset_per_character(begin: int, end: int) -> None:
    text = "x" * (end + 1)
    word = Word()
    word.add_span(text, begin, end)
    assert list(word.offsets) == _span_offsets(begin, end)
    assert word.text == text[begin:end]


def test_spans_past_the_cap_are_built_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shell, "_RAMP_CAP", 64)
    monkeypatch.setattr(shell, "_RAMP", array("q"))
    word = Word()
    word.add_span("y" * 200, 10, 150)
    word.add_span("y" * 200, 0, 64)
    assert list(word.offsets) == [*range(10, 150), *range(0, 64)]
    assert len(shell._RAMP) <= 64


@pytest.mark.parametrize(
    ("text", "begin", "end"),
    [
        ("$X", 7, 9),  # as long as its span
        ("${NAME}", 0, 2),  # longer: the rest at the span's last index
        ("$(cmd)", 4, 30),  # shorter than its span
        ("$1", 3, 3),  # an empty span
        ("", 5, 9),
    ],
)
def test_a_placeholder_points_into_its_span(text: str, begin: int, end: int) -> None:
    word = Word()
    word.add("a", 0)
    word.add_unknown(text, begin, end)
    assert list(word.offsets) == [0, *_unknown_offsets(text, begin, end)]
    assert word.unknown == [(1, 1 + len(text))]


def test_random_words_match_the_definitions() -> None:
    rnd = random.Random(6)
    for _ in range(500):
        word = Word()
        expected: list[int] = []
        for _ in range(rnd.randint(1, 6)):
            begin = rnd.randint(0, 9000)
            end = begin + rnd.randint(0, 300)
            if rnd.random() < 0.5:
                word.add_span("z" * end, begin, end)
                expected += _span_offsets(begin, end)
            else:
                placeholder = "$" + "V" * rnd.randint(0, 40)
                word.add_unknown(placeholder, begin, end)
                expected += _unknown_offsets(placeholder, begin, end)
        assert list(word.offsets) == expected


def test_a_script_words_point_at_their_characters() -> None:
    script = "aws emr-containers start-job-run --name 'my job' --x \"a$B c\" <<EOF\n{}\nEOF\n"
    (command,) = read_commands(script)
    for word in command.words:
        for index, offset in enumerate(word.offsets):
            if not any(a <= index < b for a, b in word.unknown):
                assert script[offset] == word.text[index]
    assert command.words[4].text == "my job"
    assert list(command.words[4].offsets) == list(range(41, 47))
