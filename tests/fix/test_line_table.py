"""The line table a fix placement reads lazily answers as a whole one does.

:class:`spotlint.fix.resolve.FileView` converts its targets and edits with a
table of line starts read only as far as each question needs; every index and
position it gives must be the one :class:`spotlint.load.textpos.SourceText`
(the whole table) gives, whatever the order of the questions and the line
breaks (LF, CR LF, CR, a final break or none).
"""

from __future__ import annotations

import random

from spotlint.fix.resolve import FileView, _LineTable
from spotlint.load.textpos import SourceText


def _text(rng: random.Random, lines: int) -> str:
    parts = []
    for _ in range(lines):
        parts.append("x" * rng.randint(0, 12))
        parts.append(rng.choice(["\n", "\n", "\r\n", "\r", "\n\n"]))
    if rng.random() < 0.5:
        parts.pop()  # no final line break
    return "".join(parts)


def test_same_answers_in_any_order() -> None:
    rng = random.Random(6)
    for size in (0, 1, 3, 63, 64, 65, 200, 700):
        for _ in range(5):
            text = _text(rng, size) if size else rng.choice(["", "\n", "a"])
            whole, lazy = SourceText("t", text), _LineTable("t", text)
            questions = [("position", i) for i in range(len(text) + 2)] + [
                ("index", (line, col)) for line in range(1, size + 4) for col in (1, 2, 9)]
            rng.shuffle(questions)
            for kind, arg in questions:
                if kind == "position":
                    assert lazy.position(arg) == whole.position(arg), (text, arg)  # type: ignore[arg-type]
                else:
                    assert lazy.index(*arg) == whole.index(*arg), (text, arg)  # type: ignore[misc]


def test_only_what_is_asked_is_read() -> None:
    text = "a: 1\n" * 10_000
    lazy = _LineTable("t", text)
    assert lazy.position(12) == (3, 3)
    assert len(lazy._starts) < 200
    assert lazy.index(10_001, 1) == len(text)  # past the last line: read to the end
    assert FileView("t", text, "yaml").source.position(len(text)) == (10_001, 1)
