"""A tree built only as deep as fixes read equals the whole tree where they read.

Placing fixes (:func:`spotlint.fix.place.place_fixes`) composes a file with its
targets and the depth its changes read (:func:`spotlint.fix.resolve.reach`):
nodes outside the collections starting at a target and deeper than that depth
are followed but not built, and each collection's last content
(:attr:`spotlint.fix.tree.Span.last`) and each empty value's place are found as
the walk goes. What a fix reads (the nodes starting at a target and their
children to that depth, the scalar holding a target, every collection's last
content) must be exactly what the whole tree gives, on every YAML and JSON file
of the examples, the rules' fixtures and the shared corpus; and the last
content found by the walk must be the one found from the children of the
composer's nodes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from spotlint.fix.resolve import FileView, _last_content, reach
from spotlint.fix.tree import Span, Tree, TreeError, compose, compose_nodes
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location
from spotlint.rule import InsertKey, SetValue

ROOT = Path(__file__).resolve().parents[2]


def _read(view: FileView, s: Span, depth: int) -> tuple[object, ...]:
    """What a fix reading ``depth`` levels below ``s`` sees of it."""
    last = _last_content(view, s)
    below: tuple[object, ...] = ()
    if depth > 0 and s.kind == "map":
        below = tuple((_read(view, k, depth - 1), _read(view, v, depth - 1))
                      for k, v in s.entries)
    elif depth > 0 and s.kind == "seq":
        below = tuple(_read(view, i, depth - 1) for i in s.items)
    return (s.start, s.end, s.kind, s.style, s.path, s.is_key, s.value, s.tag, last, below)


def _seen(tree: Tree, targets: set[int], depth: int) -> list[object]:
    view = FileView("t.yaml", tree.text, "yaml")
    seen: list[object] = []
    for at in sorted(targets):
        seen.append([_read(view, s, depth) for s in tree.spans
                     if s.start == at and not _empty(s)])
        inside = tree.scalar_containing(at)
        seen.append(None if inside is None else _read(view, inside, 0))
    return seen


def _empty(s: Span) -> bool:
    return s.kind == "scalar" and s.style is None and s.value == ""


def _compare(text: str, rng: random.Random, rounds: int = 4) -> int:
    """Trees built to a random depth for random targets against the whole tree;
    how many were compared (0 when the file is not read plainly)."""
    if not load_yaml_text("t.yaml", text, Limits()).plain_parse:
        return 0
    try:
        whole = compose("t.yaml", text)
    except TreeError:
        return 0
    starts = sorted({s.start for s in whole.spans})
    if not starts:
        return 0
    scalars = [s for s in whole.spans if s.kind == "scalar" and s.end - s.start > 2]
    compared = 0
    for _ in range(rounds):
        targets = set(rng.sample(starts, min(len(starts), rng.randint(1, 3))))
        if scalars and rng.random() < 0.5:  # an index inside a scalar (a --conf segment)
            inner = rng.choice(scalars)
            targets.add(rng.randrange(inner.start + 1, inner.end))
        depth = rng.randint(0, 4)
        built = compose("t.yaml", text, targets=targets, depth=depth)
        assert _seen(built, targets, depth) == _seen(whole, targets, depth), (
            sorted(targets), depth)
        assert len(built.spans) <= len(whole.spans)
        compared += 1
    return compared


def _last_from_nodes(text: str) -> list[int] | None:
    """Every collection's last content from the event walk, then from the children of
    the composer's nodes (None when the text is refused)."""
    try:
        walked, composed = compose("t.yaml", text), compose_nodes("t.yaml", text)
    except TreeError:
        return None
    view = FileView("t.yaml", text, "yaml")
    for tree in (walked, composed):
        assert [s.kind for s in tree.spans] == [s.kind for s in walked.spans]
    pairs = [(s.last, _last_content(view, c)) for s, c in zip(walked.spans, composed.spans,
                                                                strict=True)
             if s.kind != "scalar"]
    assert all(c.last == -1 for c in composed.spans)  # found from the children there
    assert [a for a, _ in pairs] == [b for _, b in pairs]
    return [a for a, _ in pairs]


SHAPES = [
    "a: 1\n---\nb: [1, {c: d}]\n...\n---\n- x\n- - y\n  - z\n",
    "spec:\n  containers:\n  - name: x\n    image: y\n  nodeSelector:\n  tolerations: []\n"
    "rest:\n  a: b\n",
    "a:\n  b:\n  c:\n    - \n    - d\ne: f\n", "{a: , b: {c: }}\n---\nz: 1\n",
    "a: |\n  text\n\nb: 'q'\nc: \"--conf x=y\"\n", "a:\n  b: >\n    folded\n\n# c\n",
    "a:\n  - b:\n      c: 1\n    d:\n  -\n  - [x, {y: }]\n# end\n",
    '{"spec": {"a": [1, 2], "b": {"c": "d"}}, "z": null}',
    # empty values ending collections below the depth: their places end the content
    "spec:\n  a:\n    b:\n      c: 1\n      d:\n  # comment\nnext: 1\n",
    "spec:\n  x:\n  - a\n  -\n  -\n# c\ny: 1\n", "s:\n  k:\n    - [a, ]\n    - {b: }\nt: 1\n",
    # empty values whose event ends elsewhere than their place (a tag, a key alone)
    "s:\n  k:\n    x: 1\n    y: !!str\n# c\nt: 1\n", "s:\n  k:\n    x: 1\n    ? a\n# c\nt: 1\n",
    "s:\n  k:\n    - !!str\n    -\n# c\nt: 1\n",
]


@pytest.mark.parametrize("text", SHAPES)
def test_shapes(text: str) -> None:
    assert _compare(text, random.Random(6), rounds=30) == 30
    assert _last_from_nodes(text)
    # every node as the only target, at every depth
    whole = compose("t.yaml", text)
    for at in {s.start for s in whole.spans}:
        for depth in range(4):
            built = compose("t.yaml", text, targets={at}, depth=depth)
            assert _seen(built, {at}, depth) == _seen(whole, {at}, depth), (at, depth)


def test_deep_nodes_are_not_built() -> None:
    text = "a: 0\nspec:\n  x:\n    y:\n      z: [1, 2]\n    w: 3\n  last: 4\nafter: 5\n"
    whole = compose("t.yaml", text)
    spec = text.index("x:")  # the mapping under spec starts at its first key
    built = compose("t.yaml", text, targets={spec}, depth=1)
    mapping = next(s for s in built.spans if s.start == spec and s.kind == "map")
    assert [k.value for k, _ in mapping.entries] == ["x", "last"]
    inner = mapping.entries[0][1]
    assert inner.kind == "map" and inner.entries == []  # not built below the depth
    assert inner.last == text.index("3") + 1  # but where its content ends is known
    assert {s.value for s in built.spans if s.kind == "scalar"} == {"x", "last", "4"}
    assert len(built.spans) < len(whole.spans)
    # a scalar holding a target deep inside is built, with its path
    deep = compose("t.yaml", text, targets={spec, text.index("2")}, depth=1)
    two = next(s for s in deep.spans if s.value == "2")
    assert two.path == (0, "spec", "x", "y", "z", 1)


def test_reach() -> None:
    at = Location("t.yaml", 1, 1, 1, 1)
    assert reach(SetValue(at, "x", None)) == 0
    assert reach(InsertKey(at, ("k",), "v")) == 2
    assert reach(InsertKey(at, ("nodeSelector", "k"), "v")) == 3


def _files(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*") if p.is_file()
                  and p.name.endswith((".yaml", ".yml", ".json")))


def _checked(files: list[Path]) -> int:
    rng = random.Random(6)
    compared = 0
    for path in files:
        try:
            text = path.read_text("utf-8").removeprefix("\ufeff")
        except (UnicodeDecodeError, OSError):
            continue
        _last_from_nodes(text)
        compared += _compare(text, rng)
    return compared


def test_project_examples() -> None:
    assert _checked(_files(ROOT / "examples") + _files(ROOT / "rules/examples")) >= 20


def test_shared_corpus(corpus: Path) -> None:
    assert _checked(_files(corpus)) > 400
