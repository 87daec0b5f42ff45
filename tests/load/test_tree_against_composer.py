"""The YAML loader's trees hold libyaml's composed nodes, in their order and at their places.

The loader builds its trees from parse events itself (:mod:`spotlint.load.yaml_loader`),
with the common cases written out in its loop. Every value of a document, taken in
order (a mapping's values in key order, a sequence's items in order, depth first),
must start where libyaml's C composer puts the node for it, and be a mapping, a
sequence or a scalar as that node is: on the examples, the rules' fixtures, the
shared corpus and the shapes below. What the loader changes on purpose is left
out: files with anchors or merge keys (not plainly parsed), mappings with a key
twice (the last value is kept), sed placeholders (``{NAME}`` is a value), and
texts with line breaks only libyaml counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node

ROOT = Path(__file__).resolve().parents[2]

SHAPES = [
    "a: 1\nb:\n  c: [x, {d: e}]\n  f:\n  - g\n  - [h, i]\n  - j: k\n    l: m\n",
    "- a\n- b: c\n  d: [1, 2, {e: f}]\n- - g\n  - h\n",
    "k: 'q'\nl: \"d\"\n? e\n: 3\nm: |\n  block\nn: >-\n  folded\n",
    "empty:\nlist: []\nmap: {}\nnull: ~\n", "a:\n  b:\n    c:\n      d: [e]\n",
    '{"a": {"b": [1, {"c": null}]}, "d": ["e", "f"]}', "---\na: 1\n---\n- b\n- c\n",
    "1: a\ntrue: b\n!!str s: d\n!loc l: e\nx: !loc [1, 2]\n",
]


class _Skip(Exception):
    """The loader builds this document differently on purpose."""


def _ours(node: Node, out: list[tuple[int, int, str]]) -> None:
    loc = node.loc
    if node.is_map:
        out.append((loc.line, loc.col, "map"))
        for child in node.value.values():
            _ours(child, out)
    elif node.is_seq:
        out.append((loc.line, loc.col, "seq"))
        for child in node.value:
            _ours(child, out)
    else:
        out.append((loc.line, loc.col, "scalar"))


def _composed(node: Any, out: list[tuple[int, int, str]]) -> None:
    start = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value]
        if len(set(keys)) != len(keys):
            raise _Skip
        if node.flow_style and len(node.value) == 1 and node.value[0][1].value == "":
            raise _Skip  # maybe a sed placeholder ``{NAME}``
        out.append((*start, "map"))
        for _, child in node.value:
            _composed(child, out)
    elif isinstance(node, yaml.SequenceNode):
        out.append((*start, "seq"))
        for child in node.value:
            _composed(child, out)
    else:
        out.append((*start, "scalar"))


def _compare(text: str) -> bool:
    """Assert the loader's trees match the composer's; False when ``text`` is left out."""
    if any(ch in text for ch in "\x85\u2028\u2029"):
        return False
    loaded = load_yaml_text("t.yaml", text, Limits())
    if loaded.errors or not loaded.plain_parse or loaded.templated:
        return False
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.CSafeLoader))
        composed: list[tuple[int, int, str]] = []
        for document in documents:
            if isinstance(document, yaml.ScalarNode) and document.value == "" and (
                    document.tag.endswith(":null")):
                continue  # an empty document: the loader keeps none
            _composed(document, composed)
    except (yaml.YAMLError, _Skip):
        return False
    ours: list[tuple[int, int, str]] = []
    for root in loaded.documents:
        _ours(root, ours)
    assert ours == composed
    return True


def _texts(top: Path) -> list[str]:
    texts = []
    for path in sorted(top.rglob("*")):
        if path.is_file() and path.name.endswith((".yaml", ".yml")):
            try:
                texts.append(path.read_text("utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
    return texts


@pytest.mark.parametrize("text", SHAPES)
def test_shapes(text: str) -> None:
    assert _compare(text)


def test_project_examples() -> None:
    texts = _texts(ROOT / "examples") + _texts(ROOT / "rules/examples")
    assert sum(_compare(t) for t in texts) >= 20


def test_shared_corpus(corpus: Path) -> None:
    assert sum(_compare(t) for t in _texts(corpus)) > 100
