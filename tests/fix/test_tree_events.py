"""Spans built from parse events equal the spans of a walk over libyaml's composed nodes.

:func:`spotlint.fix.tree.compose` builds spans in one pass over libyaml's events
(faster than composing a node graph and walking it); :func:`compose_nodes` is
the walk. Every YAML and JSON file of the examples and of the shared corpus,
and the shapes the event pass handles on its own (keys, empty values, several
documents, tags, refusals), must give identical spans, in the same order.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from support.fix_trees import files_ending, readable_texts

from spotlint.fix.tree import Span, Tree, TreeError, compose, compose_nodes

ROOT = Path(__file__).resolve().parents[2]


def _flat(tree: Tree) -> list[tuple[object, ...]]:
    return [_key(s) for s in tree.spans] + [("doc", *_key(d)) for d in tree.documents]


def _key(s: Span) -> tuple[object, ...]:
    return (s.start, s.end, s.kind, s.style, s.path, s.is_key, s.value, s.tag,
            [(_key(k)[:5], _key(v)[:5]) for k, v in s.entries], [_key(i)[:5] for i in s.items])


def _outcome(fn: object, text: str) -> object:
    try:
        return _flat(fn("t.yaml", text))  # type: ignore[operator]
    except TreeError:
        return "refused"


@pytest.mark.parametrize("text", [
    "", "---\n", "a: 1\n", "a: 1\n---\nb: [1, {c: d}]\n...\n---\n- x\n- - y\n  - z\n",
    "a:\n", "{a: , b: }\n", "- \n- x\n", "a: !!str 1\nb: !local x\nc: ! y\nd: 'q'\ne: |\n  t\n",
    "'a' :\nb:\n", "a:\r\n  b:\r\nc: 1\r\n", "1: x\ntrue: y\nnull: z\n",
    "a: &x 1\nb: *x\n", "a: *x\n", "base: &b {c: 1}\nd:\n  <<: *b\n", "d:\n  <<: {c: 1}\n",
    "? [a, b]\n: c\n", "? {a: 1}\n: c\nd: e\n", "a: [unclosed\n", "a: 1\n b: 2\n",
    '{"a": [1, 2.5, "x", null, true], "b": {}}', "- a\n- {x: [], y: {}}\n",
])
def test_event_spans_equal_node_spans(text: str) -> None:
    assert _outcome(compose, text) == _outcome(compose_nodes, text)


def test_refusals() -> None:
    for text in ("a: &x 1\nb: *x\n", "a: *x\n", "d:\n  <<: {c: 1}\n", "a: [unclosed\n"):
        assert _outcome(compose, text) == "refused"


def test_collection_keys_are_composed_by_nodes() -> None:
    """A mapping or sequence used as a key is left to the composer walk (same spans)."""
    tree = compose("t.yaml", "? [a, b]\n: c\n")
    key, value = tree.documents[0].entries[0]
    assert (key.kind, value.value) == ("seq", "c")


def _files(top: Path) -> list[Path]:
    return files_ending(top, (".yaml", ".yml", ".json"))


def _differing(files: list[Path]) -> tuple[int, list[str]]:
    compared, differing = 0, []
    for path, text in readable_texts(files):
        compared += 1
        if _outcome(compose, text) != _outcome(compose_nodes, text):
            differing.append(str(path))
    return compared, differing


def test_project_examples() -> None:
    compared, differing = _differing(_files(ROOT / "examples") + _files(ROOT / "rules/examples"))
    assert compared >= 5
    assert differing == []


def test_shared_corpus(corpus: Path) -> None:
    compared, differing = _differing(_files(corpus))
    assert compared > 100
    assert differing == []


def test_pyyamls_events_are_back_after_every_walk() -> None:
    """The walk reads libyaml's events as plain tuples (:mod:`spotlint.load.yaml_events`)
    only while it runs: after a whole walk, a refusal, a parse error or a collection
    key (composed by PyYAML's composer, which needs its own events), anything parsing
    YAML gets PyYAML's event classes again."""
    import yaml

    texts = ["a: 1\nb: [x, {c: d}]\n", "a: &x 1\nb: *x\n", "a: [unclosed\n", "? [a, b]\n: c\n",
             "a: *x\n", "d:\n  <<: {c: 1}\n"]
    for text in texts:
        with contextlib.suppress(TreeError):
            compose("t.yaml", text)
        events = list(yaml.parse("k: [v]\n", Loader=yaml.CSafeLoader))
        assert {type(e).__name__ for e in events} >= {
            "ScalarEvent", "MappingStartEvent", "SequenceEndEvent", "MappingEndEvent"}, text
        assert yaml.safe_load("k: [v]\n") == {"k": ["v"]}
