"""``next_token`` (past spaces, line breaks and comments) answers as the character walk did.

The walk is now one regular expression match; the old loop is kept here as the
oracle, and both must agree at every index of random texts made of blanks,
comments, line breaks of every kind and a byte-order mark.
"""

from __future__ import annotations

import random

from spotlint.fix.tree import next_token


def _walked(text: str, index: int) -> int:
    size = len(text)
    while index < size:
        char = text[index]
        if char in " \t\r\n\ufeff":
            index += 1
        elif char == "#":
            while index < size and text[index] not in "\r\n":
                index += 1
        else:
            break
    return index


def test_same_index_as_the_walk() -> None:
    rng = random.Random(19)
    pieces = [" ", "\t", "\r", "\n", "\r\n", "\ufeff", "#", "# c", "a", "-", "\u2028", "\x85"]
    texts = ["", " ", "#", "a", "# only a comment", "  # c\n\n  # d\r\n  key: 1"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(400)]
    for text in texts:
        for index in range(len(text) + 3):
            assert next_token(text, index) == _walked(text, index), (text, index)
