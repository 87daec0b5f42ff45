"""A large text written to stdout in pieces: the same bytes as written whole.

The command line writes a report through :func:`spotlint.cli.pipe.write`, which
encodes and writes a large text a piece at a time (no copy of it all as bytes).
Whatever the text and whatever stdout's encoding, what reaches the file descriptor
is what writing it whole gave: characters beyond the encoding as escapes, the
rest as they are.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from spotlint.cli import pipe
from spotlint.report.escape import write_stdout

#: Texts around a piece's size: ASCII, characters of 2 to 4 UTF-8 bytes across the
#: boundaries, characters a narrow encoding lacks.
TEXTS = [
    "",
    "x" * (pipe.PIECE - 1),
    "x" * pipe.PIECE,
    "y" * (pipe.PIECE + 1),
    ("{\"a\": \"é…😀\"},\n" * (3 * pipe.PIECE // 13))[: 3 * pipe.PIECE + 7],
    "ascii " * pipe.PIECE + "Grüße 🚀" + "z" * pipe.PIECE,
]


def _written(monkeypatch: pytest.MonkeyPatch, text: str, encoding: str,
             whole: bool) -> bytes:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, newline="\n", write_through=False)
    monkeypatch.setattr(sys, "stdout", stream)
    if whole:
        write_stdout(text)
    else:
        pipe.write(text)
    stream.flush()
    return raw.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_pieces_write_what_the_whole_text_writes(
    monkeypatch: pytest.MonkeyPatch, text: str, encoding: str,
) -> None:
    assert _written(monkeypatch, text, encoding, whole=False) == _written(
        monkeypatch, text, encoding, whole=True)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_pieces_are_the_text_in_order_and_bounded(text: str) -> None:
    parts = list(pipe.pieces(text))
    assert "".join(parts) == text
    assert all(len(part) <= pipe.PIECE for part in parts)
    assert len(parts) == max(1, -(-len(text) // pipe.PIECE))


def test_a_report_written_to_a_file_in_pieces(tmp_path: Path) -> None:
    from spotlint.cli.check import _write_outputs
    from spotlint.result import RunResult

    class Chunked:
        def __init__(self, chunks: list[str]) -> None:
            self.chunks = chunks

        def render_chunks(self, result: RunResult) -> list[str]:
            return self.chunks

    chunks = ["[", "é" * (2 * pipe.PIECE + 3), "]\n"]
    target = tmp_path / "out.json"
    _write_outputs([(cast(Any, Chunked(chunks)), str(target))], RunResult())
    assert target.read_bytes() == "".join(chunks).encode("utf-8")
