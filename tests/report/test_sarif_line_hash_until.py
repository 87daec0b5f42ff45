"""Hashing a file only up to its last finding gives the same line hashes.

SARIF output hashes each file with a finding for GitHub's
``primaryLocationLineHash``; a line's hash and its repeat count depend on
nothing past its own window, so ``line_hashes(text, until)`` stops early.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.report.sarif import line_hashes

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "a\r\nb\rc\n\n  x\t\ty\n" * 50,
    "",
    "x",
    "é😀\n" * 300,
    "\n" * 500,
    "a" * 5000 + "\nb\n",
    "\r\n" * 300,
    "same line\n" * 120,
]


def _examples() -> list[str]:
    files = sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())
    return [p.read_text("utf-8", "replace") for p in files]


@pytest.mark.parametrize("text", TEXTS + _examples())
def test_every_prefix_agrees_with_the_whole_file(text: str) -> None:
    whole = line_hashes(text)
    last = max(whole, default=0)
    for until in range(1, last + 3):
        assert line_hashes(text, until) == {k: v for k, v in whole.items() if k <= until}


def test_only_lines_up_to_until_are_returned() -> None:
    text = "".join(f"line {i}\n" for i in range(5000))
    assert max(line_hashes(text, 3)) == 3
