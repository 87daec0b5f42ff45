"""Positions in LSP terms: 0-based, exclusive ends, columns in the negotiated code units."""

from __future__ import annotations

from lsprotocol import types

from spotlint.location import Location
from spotlint.rule import Edit
from spotlint.server.convert import Positions

TEXT = "name: a  # \U0001f680 launch\nkey: \U0001f680spot\r\nlast: x"


def _span(r: types.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def test_columns_count_utf16_units_by_default() -> None:
    # "spot" on line 2 starts after "key: " and a rocket (one character, two UTF-16 units).
    loc = Location("f.yaml", 2, 7, 2, 10)
    assert _span(Positions(TEXT).location(loc)) == (1, 7, 1, 11)


def test_other_encodings_count_their_own_units() -> None:
    loc = Location("f.yaml", 2, 7, 2, 10)
    utf32 = Positions(TEXT, types.PositionEncodingKind.Utf32)
    utf8 = Positions(TEXT, types.PositionEncodingKind.Utf8)
    assert _span(utf32.location(loc)) == (1, 6, 1, 10)
    assert _span(utf8.location(loc)) == (1, 9, 1, 13)


def test_a_finding_over_several_lines_ends_with_its_first_line() -> None:
    loc = Location("f.yaml", 1, 1, 3, 1)
    # Line 1 is 19 characters, one of them the rocket: 20 UTF-16 units.
    assert _span(Positions(TEXT).location(loc)) == (0, 0, 0, 20)


def test_a_point_finding_covers_one_character() -> None:
    assert _span(Positions(TEXT).location(Location.point("f.yaml", 3, 1))) == (2, 0, 2, 1)


def test_an_insertion_edit_is_empty_and_end_exclusive_edits_map_directly() -> None:
    positions = Positions(TEXT)
    insert = positions.edit(Edit("f.yaml", 3, 1, 3, 1, "new: 1\n"))
    assert _span(insert.range) == (2, 0, 2, 0) and insert.new_text == "new: 1\n"
    replace = positions.edit(Edit("f.yaml", 2, 7, 2, 11, "on-demand"))
    assert _span(replace.range) == (1, 7, 1, 11)


def test_positions_past_the_end_are_clamped() -> None:
    assert _span(Positions(TEXT).location(Location.point("f.yaml", 9, 1))) == (2, 7, 2, 7)
