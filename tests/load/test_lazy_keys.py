"""Plain keys kept in their value's node read exactly as key nodes of their own did.

The YAML loader keeps a plain one-line string key as text and start in the
value's node, and ``Node.key`` makes the key node when asked. Every tree of the
examples and of the shared corpus must equal, key nodes included (value,
position, tag, unknown), the tree built with a node for every key, which is
what the loader did before and still does for any other key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.shapes import node_shape

import spotlint.load.yaml_loader as yaml_loader
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node

ROOT = Path(__file__).resolve().parents[2]


def _trees(text: str) -> Any:
    loaded = load_yaml_text("t.yaml", text, Limits())
    return [node_shape(d) for d in loaded.documents], [e.message for e in loaded.errors]


def _both(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    lazy = [_trees(t) for t in texts]
    with monkeypatch.context() as patch:
        interpret = yaml_loader._Builder._interpret

        def no_lazy_key(self: Any, event: Any) -> tuple[Any, str, bool, bool]:
            value, tag, unknown, _ = interpret(self, event)
            return value, tag, unknown, False

        patch.setattr(yaml_loader._Builder, "_interpret", no_lazy_key)
        patch.setattr(yaml_loader, "_SCALARS", {})
        eager = [_trees(t) for t in texts]
    return lazy, eager


SHAPES = [
    "a: 1\nb:\n  c: [x, {d: e}]\n", "key   : v\n'q': 1\n\"d\": 2\n? e\n: 3\n",
    "a: &x {b: 1}\nc: *x\nd: *x\n", "a: &k key\n*k : v\n", "x: {}\n<<: {y: 1}\nz: 2\n",
    "${NAME}: 1\nb: ${V}\n", "é☃: 1\n\tb: 2\n", "1: a\ntrue: b\n~: c\n!!str s: d\n!loc l: e\n",
    "a:\nb: \nc: # comment\n  d: 1\n", "- a: 1\n  b: 2\n- {c: 3, d: [4]}\n",
    '{"a": {"b": [1, {"c": null}]}, "d": "e"}', "a: 1\na: 2\n", "a: x\u2028b: y\n",
    "? a\n  b\n: 1\n? c\n: 2\n",
    "long: " + "v" * 200 + "\n" + "k" * 150 + ": 1\n",
    "a: &x value\nb: !!str word\nc: !loc w\nd: ! e\nf: &y [g, &z h]\ni: *z\n",
    "t: a\tb\nu: x   # comment\nv: [p ,q , r]\nw: {s: t , u: v}\nx: 12\ny: 1.5\nz: ~\n",
    "k: plain\n  continued\nl: two\n\n  paragraphs\nm: 'q'\nn: \"d\"\no: |\n  b\np:\n",
    "é: ☃☃\nemoji: \U0001f600x\n", "root-scalar\n", "- a\n-  b\n- c d\n- e\n  f\n",
    "a: b\u2028c\nd: e\n", "a: x\r\nb: y z\r\nc: w\rd: v\n", "? a b\n: 1\n? c\n  d\n: 2\n",
]


def test_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    lazy, eager = _both(SHAPES, monkeypatch)
    assert lazy == eager


def test_key_node_is_made_once_and_can_be_set() -> None:
    doc = load_yaml_text("t.yaml", "spec:\n  name: x\n", Limits()).documents[0]
    spec = doc.value["spec"]
    name = spec.value["name"]
    assert name.key is name.key
    assert name.key is not None and name.key.loc == Location("t.yaml", 2, 3, 2, 6)
    other = Node("other", Location("t.yaml", 9, 9, 9, 13))
    name.key = other
    assert name.key is other
    name.key = None
    assert name.key is None


def test_an_aliased_value_keeps_each_key() -> None:
    doc = load_yaml_text("t.yaml", "a: &x {b: 1}\nc: *x\n", Limits()).documents[0]
    a, c = doc.value["a"], doc.value["c"]
    assert (a.key and a.key.value, c.key and c.key.value) == ("a", "c")
    assert a.key is not None and c.key is not None and a.key.loc != c.key.loc


def _files(top: Path) -> list[str]:
    texts = []
    for path in sorted(top.rglob("*")):
        if path.is_file() and path.name.endswith((".yaml", ".yml", ".json")):
            try:
                texts.append(path.read_text("utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
    return texts


def test_project_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _files(ROOT / "examples") + _files(ROOT / "rules/examples")
    lazy, eager = _both(texts, monkeypatch)
    assert len(texts) >= 20
    assert lazy == eager


def test_shared_corpus(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _files(corpus)
    lazy, eager = _both(texts, monkeypatch)
    assert len(texts) > 100
    assert lazy == eager
