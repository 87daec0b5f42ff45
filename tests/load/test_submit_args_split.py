"""``split_words`` copies runs of plain characters at once and splits as before.

The reference below is the character-at-a-time splitter it replaced: the same
words, starts, ends and quoting on hand-picked and random argument strings.
"""

from __future__ import annotations

import random

import pytest

from spotlint.load.submit_args import split_words


def _reference(value: str) -> list[tuple[str, int, int, bool]]:
    tokens: list[tuple[str, int, int, bool]] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and value[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        start, parts, quoted = i, [], False
        while i < n and value[i] not in " \t\r\n":
            ch = value[i]
            if ch in "'\"":
                quoted = True
                close = value.find(ch, i + 1)
                if close == -1:
                    close = n
                inner = value[i + 1 : close]
                parts.append(inner.replace('\\"', '"') if ch == '"' else inner)
                i = close + 1
            elif ch == "\\" and i + 1 < n:
                parts.append(value[i + 1])
                i += 2
            else:
                parts.append(ch)
                i += 1
        tokens.append(("".join(parts), start, i, quoted))
    return tokens


def _ours(value: str) -> list[tuple[str, int, int, bool]]:
    return [(t.text, t.start, t.end, t.quoted) for t in split_words(value)]


@pytest.mark.parametrize("value", [
    "", " ", "\\", "a\\", "a\\ b", "'open", '"x\\"y" z',
    "--conf spark.executor.memory=4G --conf 'spark.driver.extraJavaOptions=-Da=1 -Db=2'",
    "--conf=spark.x=1\t--name\n'my job' \"q\"uoted\\\\end",
])
def test_examples(value: str) -> None:
    assert _ours(value) == _reference(value)


def test_random_strings() -> None:
    rng = random.Random(6)
    alphabet = " \t\r\n'\"\\ab=-.é"
    for _ in range(5000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _ours(value) == _reference(value), value
