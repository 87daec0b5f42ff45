"""The asked lines' hashes, found by comparing only lines that can share a window,
equal the whole file's answer: repeats, long lines, the end of the text, tabs,
CR line breaks, and a file with so many equal lines that one pass counts them."""

from __future__ import annotations

import random

import pytest

from spotlint.report import sarif
from spotlint.report.sarif import line_hashes


def _texts() -> list[str]:
    rng = random.Random(1919)
    long_line = "x" * 130
    words = ["a: 1", "a:1", " a : 1", "", "- y", "\tc: 'q'", "---", "spec:",
             long_line, long_line + "b", "y" * 99, "y" * 100, "z" * 98 + " z",
             "sparkSubmitParameters: " + "--conf spark.x=1 " * 8]
    out = ["a: 1\n" * 300, "x\r\ny\rz\n", "", "\n", "\n\n\n", long_line, "q" * 99,
           "a\n" + "b" * 100 + "\n" + "b" * 100 + "c\n" + "b" * 101 + "\n"]
    for _ in range(60):
        sep = rng.choice(["\n", "\n", "\r\n"])
        text = sep.join(rng.choice(words) for _ in range(rng.randint(1, 300)))
        out.append(text + rng.choice(["", "\n"]))
    return out


TEXTS = _texts()


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_every_asked_line_equals_the_whole_answer(index: int) -> None:
    text = TEXTS[index]
    whole = line_hashes(text)
    last = max(whole, default=0)
    rng = random.Random(len(text))
    for _ in range(8):
        lines = {rng.randint(0, last + 2) for _ in range(rng.randint(1, 12))}
        until = rng.choice([None, max(lines), max(1, min(lines))])
        top = max(lines) if until is None else until
        expected = {k: v for k, v in whole.items() if k in lines and k <= top}
        assert line_hashes(text, until, lines) == expected
    every = set(range(1, last + 1))
    assert line_hashes(text, None, every) == whole


@pytest.mark.parametrize("index", range(0, len(TEXTS), 3))
def test_texts_beyond_ascii_equal_the_whole_answer(index: int) -> None:
    # An ASCII text is searched as bytes; any other (here with letters beyond ASCII,
    # each still one UTF-16 unit) as str: both give the whole file's answer.
    text = TEXTS[index].replace("y", "\u00ff").replace("q", "\u20ac")
    whole = line_hashes(text)
    rng = random.Random(len(text) + 1)
    last = max(whole, default=0)
    for _ in range(6):
        lines = {rng.randint(0, last + 2) for _ in range(rng.randint(1, 12))}
        expected = {k: v for k, v in whole.items() if k in lines}
        assert line_hashes(text, None, lines) == expected


def test_many_equal_lines_fall_back_to_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    counted = sarif._counted_line_hashes

    def spy(flat: str, last: int, lines: object) -> dict[int, str]:
        calls.append(last)
        return counted(flat, last, lines)  # type: ignore[arg-type]

    monkeypatch.setattr(sarif, "_counted_line_hashes", spy)
    text = "a: 1\n" * 2000
    asked = set(range(1000, 2001, 5))
    assert line_hashes(text, None, asked) == {k: v for k, v in line_hashes(text).items()
                                              if k in asked}
    assert calls == [2000]
    calls.clear()
    assert line_hashes("a: 1\nb: 2\n" * 50, None, {99}) == {99: line_hashes(
        "a: 1\nb: 2\n" * 50)[99]}
    assert calls == []  # few equal lines: compared, not counted


def test_window_hashes_kept_for_the_run_give_the_same_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "_WINDOWS", {})
    monkeypatch.setattr(sarif, "_WINDOWS_KEPT", 50)
    for text in TEXTS[:30]:
        whole = line_hashes(text)
        asked = set(whole)
        first = line_hashes(text, None, asked)
        assert first == whole
        assert line_hashes(text, None, asked) == first  # answered from the kept hashes
    assert len(sarif._WINDOWS) == 50  # bounded
