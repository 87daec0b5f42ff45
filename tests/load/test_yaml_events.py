"""The YAML builder reads libyaml's events as plain shapes, and PyYAML's classes come back.

While a file is parsed, :mod:`spotlint.load.yaml_events` has libyaml's parser make
tuples, lists and marks instead of PyYAML's event objects. The trees must be
exactly those built from PyYAML's own events (converted one by one by
``yaml_events.plain``, as for a parser that makes PyYAML's events): every value,
position, tag, unknown flag and key node, and every error with its position. After
each parse, whatever ended it, the parser's module holds PyYAML's classes again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml._yaml
from support.shapes import node_shape

import spotlint.load.yaml_events as yaml_events
import spotlint.load.yaml_loader as yaml_loader
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "MappingEndEvent",
         "SequenceEndEvent", "StreamStartEvent", "StreamEndEvent", "DocumentStartEvent",
         "DocumentEndEvent")

SHAPES = [
    "a: 1\nb:\n  c: [x, {d: e}]\n  f:\n  - g\n  - [h, i]\n  - j: k\n    l: m\n",
    "- a\n- b: c\n  d: [1, 2, {e: f}]\n- - g\n  - h\n- []\n- {}\n",
    "k: 'q'\nl: \"d\"\n? e\n: 3\nm: |\n  block\nn: >-\n  folded\n? [x, y]\n: z\n",
    "a: &x {b: 1}\nc: *x\nd: *x\n", "a: &k key\n*k : v\n", "x: {}\n<<: {y: 1}\nz: 2\n",
    "base: &b {p: 1}\nm:\n  <<: [*b, {q: 2}]\n  r: 3\n", "s: &s [1, 2]\nt: *s\n",
    "${NAME}: 1\nb: ${V}\nregion: {REGION}\nlist: [{A}]\n", "é☃: 1\nb: 2\n",
    "1: a\ntrue: b\n~: c\n!!str s: d\n!loc l: e\nx: !loc [1, 2]\ny: !!map {a: 1}\n",
    "z: !!seq [1]\nf: !!float 1.5\ni: !!int 0x1F\nb: !!bool yes\nn: !!null ''\n",
    "a:\nb: \nc: # comment\n  d: 1\n", '{"a": {"b": [1, {"c": null}]}, "d": "e"}',
    "a: 1\na: 2\n", "a: x\u2028b: y\nc: [1,\u0085 2]\n", "---\na: 1\n---\n- b\n---\n",
    "long: " + "v" * 200 + "\n" + "k" * 150 + ": 1\n", "? a\n  b\n: 1\n",
    "a: &a [1]\nb: &b {c: *a}\n", "! x: !!str\n",
    # errors, each with its message and position
    "a: !!python/object:os.system x\n", "a: *nothing\n", "a: [1, 2\n", "a: b: c\n",
    "a:\n  - b\n c: d\n", "- " * 200 + "x\n", "\ta: 1\n", "a: !!binary [1]\n",
]


def _load(text: str, limits: Limits) -> Any:
    loaded = load_yaml_text("t.yaml", text, limits)
    return ([node_shape(d) for d in loaded.documents],
            [(e.message, e.line, e.col) for e in loaded.errors], loaded.plain_parse)


def _pyyaml_classes() -> bool:
    return all(getattr(yaml._yaml, name) is getattr(yaml.events, name) for name in NAMES)


def _texts() -> list[str]:
    texts = []
    for top in (ROOT / "examples", ROOT / "rules" / "examples"):
        for path in sorted(top.rglob("*")):
            if path.is_file() and path.name.endswith((".yaml", ".yml", ".json")):
                texts.append(path.read_text("utf-8"))
    return texts


def _both(texts: list[str], limits: Limits, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = [_load(t, limits) for t in texts]
    with monkeypatch.context() as patch:
        # the builder converts PyYAML's events itself (libyaml's parser left as it is)
        patch.setattr(yaml_events, "begin", lambda documents=False: None)
        patch.setattr(yaml_events, "end", lambda: None)
        converted = [_load(t, limits) for t in texts]
    for text, a, b in zip(texts, plain, converted, strict=True):
        assert a == b, text


def test_shapes_equal_pyyaml_events(monkeypatch: pytest.MonkeyPatch) -> None:
    _both(SHAPES, Limits(), monkeypatch)
    assert _pyyaml_classes()


def test_limits_stop_at_the_same_place(monkeypatch: pytest.MonkeyPatch) -> None:
    _both(SHAPES, Limits(max_depth=3, max_nodes=9, max_alias_expansion=2), monkeypatch)


def test_documents_past_the_limit_point_at_the_first_one_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stream and document events in either shape: every document read up to the limit,
    and the error at the line of the first document past it."""
    texts = ["a: 1\n---\nb: 2\n---\n\n- c\n", "---\nx\n...\n---\n{y: 1}\n--- z\n",
             "# only a comment\n", "", "--- |\n  text\n---\n---\n"]
    limits = Limits(max_documents=2)
    _both(texts, limits, monkeypatch)
    loaded = load_yaml_text("t.yaml", texts[0], limits)
    assert [d.plain() for d in loaded.documents] == [{"a": 1}, {"b": 2}]
    assert [(e.message, e.line, e.col) for e in loaded.errors] == [
        ("more than max-documents=2 documents", 4, 1)]
    monkeypatch.setattr(yaml_loader, "_Parser", yaml.SafeLoader)
    assert [(e.message, e.line) for e in load_yaml_text("t.yaml", texts[1], limits).errors] == [
        ("more than max-documents=2 documents", 6)]


def test_project_examples_equal_pyyaml_events(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    assert len(texts) > 50
    _both(texts, Limits(), monkeypatch)


def test_pure_python_parser_gives_the_same_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libyaml is missing, PyYAML's own parser (its events, its marks) is read."""
    texts = [t for t in SHAPES + _texts()[:20] if not _load(t, Limits())[1]]
    ours = [_load(t, Limits()) for t in texts]
    monkeypatch.setattr(yaml_loader, "_Parser", yaml.SafeLoader)
    for text, expected in zip(texts, ours, strict=True):
        assert _load(text, Limits()) == expected, text
    assert _pyyaml_classes()


def test_pyyaml_classes_come_back_after_every_parse() -> None:
    for text in SHAPES:
        load_yaml_text("t.yaml", text, Limits(max_nodes=5))
        assert _pyyaml_classes(), text
    events = list(yaml.parse("a: [1, {b: c}]\n", Loader=yaml.CSafeLoader))
    assert {type(e).__name__ for e in events} >= set(NAMES)
    assert all(type(e) is getattr(yaml.events, type(e).__name__) for e in events)


def test_an_exception_inside_the_parse_puts_them_back(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stop(Exception):
        pass

    def stop(self: Any, event: Any) -> Any:
        raise Stop

    monkeypatch.setattr(yaml_loader._Builder, "_interpret", stop)
    monkeypatch.setattr(yaml_loader, "_SCALARS", {})
    with pytest.raises(Stop):
        load_yaml_text("t.yaml", "a: 1\n", Limits())
    assert _pyyaml_classes()


def test_nested_begin_ends_with_the_outermost() -> None:
    yaml_events.begin()
    try:
        yaml_events.begin()
        yaml_events.end()
        assert not _pyyaml_classes()
        parser = yaml._yaml.CParser("[a]")
        assert yaml_events.in_effect(parser)
        shapes = [parser.get_event() for _ in range(5)][2:]
        parser.dispose()
        assert type(shapes[0]) is list and shapes[0][5] is False
        assert type(shapes[1]) is tuple and shapes[1][3] == "a"
        assert type(shapes[2]) is yaml_events.MARK and shapes[2].index == 3
    finally:
        yaml_events.end()
    assert _pyyaml_classes()
    assert not yaml_events.in_effect(yaml._yaml.CParser(""))


def _stream_events(text: str) -> list[Any]:
    parser = yaml._yaml.CParser(text)
    events = [parser.get_event() for _ in range(3)]
    events += [parser.get_event() for _ in range(2)]  # (after the scalar's)
    parser.dispose()
    return [events[0], events[1], events[3], events[4]]


def test_stream_and_document_events_are_plain_only_when_the_outermost_asks() -> None:
    """The loader asks for them plain; a reader of its own events (the fix spans' walk
    asks ``begin()``) gets PyYAML's classes, even inside the loader's parse."""
    pyyaml = [yaml.events.StreamStartEvent, yaml.events.DocumentStartEvent,
              yaml.events.DocumentEndEvent, yaml.events.StreamEndEvent]
    yaml_events.begin()
    try:
        assert [type(e) for e in _stream_events("x")] == pyyaml
    finally:
        yaml_events.end()
    yaml_events.begin(documents=True)
    try:
        start, document, end, stream_end = _stream_events("--- x")
        assert start is None and end is None and stream_end is yaml_events.STREAM_END
        assert type(document) is yaml_events.MARK and document.index == 0
        yaml_events.begin()
        try:
            assert [type(e) for e in _stream_events("x")] == pyyaml
            assert yaml_events.in_effect(yaml._yaml.CParser(""))
        finally:
            yaml_events.end()
        # the rest of the outer parse reads PyYAML's classes for these: the loader reads both
        loaded = load_yaml_text("t.yaml", "a: 1\n---\nb: [2]\n", Limits(max_documents=1))
        assert [d.plain() for d in loaded.documents] == [{"a": 1}]
        assert [(e.message, e.line) for e in loaded.errors] == [
            ("more than max-documents=1 documents", 2)]
    finally:
        yaml_events.end()
    assert _pyyaml_classes()

