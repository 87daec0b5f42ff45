"""A shell script of more than ``max-nodes`` words is refused, whatever its length.

The words are counted only for a text long enough to hold more than the limit (at
most one word per two characters): the limit is exact at its boundary either way.
"""

from __future__ import annotations

import pytest

from spotlint.load.base import Limits
from spotlint.load.files import load_bytes

LIMIT_ERROR = "more than max-nodes={} values"


@pytest.mark.parametrize(
    "text",
    ["a " * 7, "a " * 7 + "a", "a\tb\nc  d " * 3, " " + "a " * 8, "word " * 8, "a" * 30, ""],
)
def test_the_limit_is_exact(text: str) -> None:
    words = len(text.split())
    for limit in range(max(words - 2, 0), words + 3):
        loaded = load_bytes("s.sh", text.encode(), Limits(max_nodes=limit))
        messages = [e.message for e in loaded.errors]
        if words > limit:
            assert messages == [LIMIT_ERROR.format(limit)], (text, limit)
            assert loaded.text == ""
        else:
            assert messages == [], (text, limit)
            assert loaded.text == text
