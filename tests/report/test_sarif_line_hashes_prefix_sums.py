"""GitHub's line hashes, computed from prefix sums, equal the rolling hash's.

SARIF output hashes each file with a finding for GitHub's
``primaryLocationLineHash``. ``line_hashes`` computes codeql-action's rolling
hash from prefix sums (no Python step per character) and can stop at a line
(``until``); both must give exactly what the plain rolling loop below gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.report.sarif import _BLOCK, _EOF, _MASK, _MOD, _UTF16_NATIVE, line_hashes

ROOT = Path(__file__).resolve().parents[2]
_FIRST_MOD = pow(_MOD, _BLOCK, 1 << 64)
TEXTS = [
    "a\r\nb\rc\n\n  x\t\ty\n" * 50,
    "",
    "x",
    "é😀\n" * 300,
    "\n" * 500,
    "a" * 5000 + "\nb\n",
    "\r\n" * 300,
    "same line\n" * 120,
    "\r\r\n \r \n\t\r\t\n",
    "😀\n😀😀\n" * 100,
    "\ud800x\n",
    "ab\n" * 20000,  # several slices of the prefix sums
]


def _reference(text: str) -> dict[int, str]:
    """The earlier one-loop implementation (a rolling hash, one step per unit)."""
    raw = text.encode(_UTF16_NATIVE, "surrogatepass")
    units = memoryview(raw).cast("H").tolist() if len(raw) else []
    window = [0] * _BLOCK
    starts = [-1] * _BLOCK
    out: dict[int, str] = {}
    seen: dict[str, int] = {}
    value = index = line = 0
    line_start, prev_cr = True, False

    def emit(value: int, index: int) -> None:
        key = format(value, "x")
        seen[key] = seen.get(key, 0) + 1
        out[starts[index]] = f"{key}:{seen[key]}"
        starts[index] = -1

    for current in (*units, _EOF):
        if current == 0x20 or current == 0x09 or (prev_cr and current == 0x0A):
            prev_cr = False
            continue
        prev_cr = current == 0x0D
        if prev_cr:
            current = 0x0A
        if starts[index] != -1:
            emit(value, index)
        if line_start:
            line_start = False
            line += 1
            starts[index] = line
        if current == 0x0A:
            line_start = True
        value = (_MOD * value + current - _FIRST_MOD * window[index]) & _MASK
        window[index] = current
        index = (index + 1) % _BLOCK
    for _ in range(_BLOCK):
        if starts[index] != -1:
            emit(value, index)
        value = (_MOD * value - _FIRST_MOD * window[index]) & _MASK
        window[index] = 0
        index = (index + 1) % _BLOCK
    return out


def _examples() -> list[str]:
    files = sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())
    return [p.read_text("utf-8", "replace") for p in files]


@pytest.mark.parametrize("text", TEXTS + _examples())
def test_same_hashes_as_the_rolling_loop(text: str) -> None:
    assert line_hashes(text) == _reference(text)


@pytest.mark.parametrize("text", TEXTS[:-1] + _examples())
def test_every_prefix_agrees_with_the_whole_file(text: str) -> None:
    whole = line_hashes(text)
    last = max(whole, default=0)
    for until in range(1, last + 3):
        assert line_hashes(text, until) == {k: v for k, v in whole.items() if k <= until}


def test_only_lines_up_to_until_are_returned() -> None:
    text = "".join(f"line {i}\n" for i in range(5000))
    assert max(line_hashes(text, 3)) == 3
