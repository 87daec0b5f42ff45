"""A word of ordinary characters is made at once; every word reads as piece by piece.

The reader takes a word that is one run of ordinary characters (no quote,
expansion, escape or metacharacter) whole. Every command of the test scripts,
the examples' and the shared corpus's scripts, and of texts mixing every kind of
word must read the same as when each word is read piece by piece: text, where
each character came from, unknown spans, start and end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spotlint.load import shell

ROOT = Path(__file__).resolve().parents[2]

MIXED = (
    "a b=c --conf spark.x=1 ./run.sh /p/q.py x\\ y 'q r' \"s $T\" $V ${W}x u$(date)v "
    "`id` a#b c;d e|f g&&h (i) j>k l<m n<<EOF\nbody $X\nEOF\n"
    "o\\\np end x=$'\\t' \"$(cat <<'J'\n{\"a\": 1}\nJ\n)\" tail"
)


def _read(text: str) -> list[Any]:
    return [
        [(w.text, list(w.offsets), list(w.unknown), w.start, w.end) for w in command.words]
        + [[(h.text, list(h.offsets), list(h.unknown)) for h in command.heredocs]]
        + [[(r.op, r.target.text, list(r.target.offsets)) for r in command.redirects]]
        for command in shell.read_commands(text)
    ]


def _scripts(corpus: Path) -> list[str]:
    texts = [MIXED, MIXED[:37], MIXED[:61], "plain", "a  b\t\tc\n"]
    for top in (ROOT / "examples", ROOT / "tests" / "fixtures", corpus):
        for path in sorted(top.rglob("*.sh")):
            texts.append(path.read_text("utf-8", errors="replace"))
    return texts


def test_plain_words_read_as_piece_by_piece(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _scripts(corpus)
    whole = [_read(text) for text in texts]
    monkeypatch.setattr(shell._Reader, "word", shell._Reader._word)
    pieces = [_read(text) for text in texts]
    assert len(texts) > 20
    assert whole == pieces
