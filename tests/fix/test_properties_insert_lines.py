"""A new ``.conf`` line goes after the last entry's last natural line (its continuation
lines included), found from that line on: the place the whole text split into lines
gives, on random texts with continuations, escaped backslashes, comments and every
line break."""

from __future__ import annotations

import random

from spotlint.fix.resolve import FileView, Unresolvable
from spotlint.load.properties import load_properties_text
from spotlint.load.textpos import LINE_BREAK
from spotlint.location import Location
from spotlint.rule import InsertKey

PIECES = ["a=1", "b = 2", "c  3", "d:4", "long.key.name    value", "cont = x \\", "  y",
          "e=\\\\", "# comment", "", "  ", "f=a\\", "\\", "g", "h=1\\\\\\", "ü=ß"]


def _expected_at(view: FileView) -> int:
    """Where the line goes, from the text split into lines (every line made)."""
    last = view.property_entries()[-1][1]
    lines = LINE_BREAK.split(view.text)
    line = max(last.loc.end_line, last.key.loc.end_line if last.key else 0)
    while line < len(lines) and (len(lines[line - 1])
                                 - len(lines[line - 1].rstrip("\\"))) % 2 == 1:
        line += 1
    return view.source.index(line, 1) + len(lines[line - 1])


def test_new_line_after_the_last_entry_and_its_continuations() -> None:
    rng = random.Random(5)
    placed = 0
    for _ in range(3000):
        nl = rng.choice(["\n", "\r\n", "\n", "\r"])
        text = nl.join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
        text += rng.choice(["", nl])
        view = FileView("t.conf", text, "properties",
                        properties=load_properties_text("t.conf", text))
        try:
            splices = view.resolve((InsertKey(Location("t.conf", 1, 1, 1, 1),
                                              ("spark.new",), "v"),)).splices
        except Unresolvable:
            continue
        if not view.property_entries():
            continue
        assert len(splices) == 1 and splices[0].start == _expected_at(view), text
        placed += 1
    assert placed > 1500
