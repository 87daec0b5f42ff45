"""write_atomic given its content in pieces (how ``--output`` writes a large report).

The pieces are written as they come, so a report is not held in memory twice;
the file must still be replaced whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spotlint.load.safe_write import write_atomic


def _pieces(*parts: bytes) -> Iterator[bytes]:
    yield from parts


def test_pieces_are_written_in_order_as_one_file(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_bytes(b"old report")
    write_atomic(str(target), _pieces(b'{"runs": ', b"[]", b"}\n"))
    assert target.read_bytes() == b'{"runs": []}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_a_piece_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old report")

    def failing() -> Iterator[bytes]:
        yield b"half of a new rep"
        raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")

    with pytest.raises(UnicodeEncodeError):
        write_atomic(str(target), failing())
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_pieces_go_straight_into_a_file_that_is_not_regular(tmp_path: Path) -> None:
    # /dev/null is a device: it is written in place, never renamed over.
    write_atomic("/dev/null", _pieces(b"a", b"b"))
    assert Path("/dev/null").is_char_device()
