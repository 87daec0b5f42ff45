"""Lines without a backslash are read by a shortcut; it gives what reading every line
as a logical line (escapes, continuations) gives, nodes and positions alike."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from spotlint.load import properties
from spotlint.load.base import Limits
from spotlint.location import Node


def _shape(node: Node) -> tuple[Any, ...]:
    key = node.key
    return (node.value, node.loc, node.unknown, node.tag,
            None if key is None else (key.value, key.loc))


def _read(text: str) -> tuple[Any, ...]:
    loaded = properties.load_properties_text("x.conf", text, Limits())
    entries = (
        [(name, _shape(value)) for name, value in loaded.documents[0].value.items()]
        if loaded.documents else [])
    return entries, [(e.message, e.line, e.col) for e in loaded.errors]


def _text(rng: random.Random) -> str:
    pieces = ["spark.a", "spark.executor.memory", "k", "=", ":", " ", "\t", "\f", "v",
              "4g", "${X}", "#", "!", "\n", "\r\n", "\r", "\\", "\\u0041", "\\t", "é",
              "  = ", " : ", "{{ y }}"]
    return "".join(rng.choice(pieces) for _ in range(rng.choice([1, 5, 30, 120])))


def test_the_shortcut_gives_what_logical_lines_give(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(201)
    texts = [_text(rng) for _ in range(3000)] + [
        "spark.a=1\nspark.b 2\n  spark.c : 3  \n=v\nk\nk=\n\tk\t=\tv\t\n",
        "a=b\\\n  c\nd=e\n", "a=\\u00\n", "x=1\r\ny=2\rz=3",
    ]
    fast = [_read(t) for t in texts]
    monkeypatch.setattr(properties, "_plain_entry", lambda *args: None)
    slow = [_read(t) for t in texts]
    for text, one, other in zip(texts, fast, slow, strict=True):
        assert one == other, text
    assert sum(bool(entries) for entries, _ in fast) > 2000


#: The patterns as first written (each tried at every character: see properties.py).
_FIRST_ENTRY_LINE = re.compile("(?:^|(?<=[\r\n]))(?=[ \\t\\f]*[^ \\t\\f#!\r\n])")
_FIRST_KEY = re.compile(r"(?:[^\\=: \t\f]|\\.)*", re.DOTALL)


def _entry_starts(text: str) -> list[int]:
    first = [0] if properties._ENTRY_FIRST.match(text) else []
    return first + [match.end() for match in properties._ENTRY_AFTER.finditer(text)]


@pytest.mark.parametrize("text", [
    "", "a", "#a", "\n", "\r\n", "\ra", "\r\na", " \t\fa", "\n\n!x\n y", "a\r\r\n\nb",
    "# c\n  k=v\r\n\tk2 v\n!c\n", "\\\n a", "k\\:x=1\\\n  more\n",
])
def test_entry_lines_are_found_where_the_first_pattern_found_them(text: str) -> None:
    assert _entry_starts(text) == [m.start() for m in _FIRST_ENTRY_LINE.finditer(text)]


def test_entry_lines_and_keys_match_as_the_first_patterns_did() -> None:
    rng = random.Random(19)
    pieces = ["\r", "\n", "\r\n", " ", "\t", "\f", "#", "!", "a", "=", ":", "\\", "é", "\\u"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(14)))
        assert _entry_starts(text) == [m.start() for m in _FIRST_ENTRY_LINE.finditer(text)]
        for at in range(len(text) + 1):
            assert (properties._KEY.match(text, at).end()  # type: ignore[union-attr]
                    == _FIRST_KEY.match(text, at).end()), (text, at)  # type: ignore[union-attr]
