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
from support.fix_trees import files_ending, readable_texts, whole_tree

from spotlint.fix.resolve import FileView, _last_content, reach
from spotlint.fix.tree import Span, Tree, TreeError, compose, compose_nodes
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


def _relative(seen: list[object], prefix: tuple[object, ...]) -> object:
    """``seen`` with every data path under ``prefix`` made relative to it (as a tree
    read from a fragment gives them: the mapping is document 0)."""
    if (isinstance(seen, tuple) and len(seen) == 10 and seen[2] in ("map", "seq", "scalar")
            and isinstance(seen[4], tuple)):
        path = seen[4]
        if path[: len(prefix)] == prefix:
            path = (0, *path[len(prefix):])
        return (*seen[:4], path, *seen[5:9], _relative(seen[9], prefix))  # type: ignore[arg-type]
    if isinstance(seen, (list, tuple)):
        return type(seen)(_relative(x, prefix) for x in seen)  # type: ignore[arg-type]
    return seen


def _fragments(text: str, rng: random.Random) -> int:
    """Every block mapping as the first target (with random targets inside it), read
    alone (``fragment``) and read from the start: the same, but for paths; how many
    were read alone."""
    whole = whole_tree(text)
    if whole is None:
        return 0
    alone = 0
    for mapping in whole.spans:
        if mapping.kind != "map" or mapping.style != "block":
            continue
        inner = [s.start for s in whole.spans if mapping.start < s.start < mapping.end]
        targets = {mapping.start, *rng.sample(inner, min(len(inner), rng.randint(0, 2)))}
        depth = rng.randint(0, 3)
        read = compose("t.yaml", text, targets=targets, depth=depth, fragment=True)
        walked = compose("t.yaml", text, targets=targets, depth=depth)
        expected = _seen(walked, targets, depth)
        if read.documents and read.documents[0].path == (0,) and mapping.path != (0,):
            alone += 1
            expected = _relative(expected, mapping.path)  # type: ignore[assignment]
        assert _seen(read, targets, depth) == expected, (mapping.start, sorted(targets))
    return alone


def _compare(text: str, rng: random.Random, rounds: int = 4) -> int:
    """Trees built to a random depth for random targets against the whole tree;
    how many were compared (0 when the file is not read plainly)."""
    whole = whole_tree(text)
    if whole is None:
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


FRAGMENTS = [
    "a: 0\nspec:\n  x:\n    y: 1\n  z: [1, 2]\n  w:\nafter: 1\n",
    "items:\n- name: a\n  spec:\n    k: v\n- name: b\n  spec: {k: v}\n---\nz:\n  q: 1\n",
    "- - a: 1\n    b: 2\n  - c: 3\n",
    "top:\n  s: |\n    text\n  t: 'quoted\n    more'\n  u: plain\n    more\nend: 1\n",
    "top:\n  a: 1\n  # comment at the key column\n# comment before the end\n  b: 2\nend: 1\n",
    "top:\n  a: 1\n  b:\n  - x\n  - y\nend:\n",
    "top:\n  a: 1\n...\n---\nb: 2\n", "top:\r\n  a: 1\r\n  b: 2\r\nnext: 3\r\n",
    "top:\n  a: 1\n  b: >\n\n    folded\n\n", "top:\n  a: 1\n  b: 2",
]


@pytest.mark.parametrize("text", FRAGMENTS)
def test_fragments(text: str) -> None:
    assert _fragments(text, random.Random(6)) > 0


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
    return files_ending(top, (".yaml", ".yml", ".json"))


def _checked(files: list[Path]) -> tuple[int, int]:
    rng = random.Random(6)
    compared = alone = 0
    for _, text in readable_texts(files):
        _last_from_nodes(text)
        compared += _compare(text, rng)
        alone += _fragments(text, rng)
    return compared, alone


def test_project_examples() -> None:
    compared, alone = _checked(_files(ROOT / "examples") + _files(ROOT / "rules/examples"))
    assert compared >= 20 and alone >= 20


def test_shared_corpus(corpus: Path) -> None:
    compared, alone = _checked(_files(corpus))
    assert compared > 400 and alone > 400
