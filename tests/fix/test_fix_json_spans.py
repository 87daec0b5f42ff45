"""A fix in a JSON file is placed from json's scanner as from the composed tree.

:mod:`spotlint.fix.json_spans` finds what an insertion or an append reads from the
change's target on, instead of composing the file; the splices (or the refusal)
must be exactly those of the composed tree (a :class:`FileView` without targets),
for every mapping and every string of every JSON file of the examples, the rules'
fixtures and the corpus, and of every YAML document of them written as JSON in
several layouts: new keys and parents, keys already there, parents that are
mappings or not, strings that are values or keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.fix_trees import files_ending, placed_or_refused, readable_texts

from spotlint.fix import json_spans
from spotlint.fix.resolve import FileView, change_at, reach
from spotlint.load.base import Limits
from spotlint.load.files import load_text
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node
from spotlint.rule import AppendArgs, Change, InsertKey

ROOT = Path(__file__).resolve().parents[2]


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node.value, dict):
        for child in node.value.values():
            yield from _nodes(child)
    elif isinstance(node.value, list):
        for child in node.value:
            yield from _nodes(child)


def _changes(loaded_documents: list[Node]) -> Iterator[tuple[tuple[Change, ...], bool]]:
    """Changes at every mapping and string, and whether the scanner answers them
    (all but an append to a key, which the composed tree refuses, and to a plain
    scalar the loader reads as a string: ``-1.5e3`` is one to YAML 1.1)."""
    for document in loaded_documents:
        for node in _nodes(document):
            if isinstance(node.value, dict):
                into = node.loc
                names = list(node.value)
                inner = [n for n, v in node.value.items() if isinstance(v.value, dict)]
                inner += [n for n in names if n not in inner][:2]
                yield (InsertKey(into, ("spark.new.key",), "true"),), True
                yield (InsertKey(into, ("a", "b"), "x y"), InsertKey(into, ("a", "c"), 4)), True
                yield (InsertKey(into, ("k", "k"), "v"), InsertKey(into, ("k", "k"), "w")), True
                if names:
                    yield (InsertKey(into, (names[0],), "v"),), True
                for name in inner[:4]:
                    yield (InsertKey(into, (name, "deeper"), True),), True
                    yield (InsertKey(into, (name, "x", "y"), "1"),), True
            elif isinstance(node.value, str):
                yield (AppendArgs(node.loc, ("--conf", "spark.a=b")),), True
                yield (AppendArgs(node.loc, ("needs quoting",)),), True
            if node.key is not None:  # a key is not a string to append to
                yield (AppendArgs(node.key.loc, ("--conf", "spark.a=b")),), False


def _compared(text: str) -> tuple[int, int]:
    """Every change of :func:`_changes` in ``text``: (answered by the scanner, asked).
    Each answer equals the composed tree's, and the scanner answers every change
    it should (the file is then not composed)."""
    loaded = load_text("t.json", text, Limits(), "json")
    if not loaded.plain_parse:
        return 0, 0
    composed = FileView("t.json", text, "json")
    answered = asked = 0
    for changes, scanned in _changes(loaded.documents):
        targets = [change_at(c) for c in changes]
        view = FileView("t.json", text, "json", targets=targets,
                        depth=max(map(reach, changes)))
        got = placed_or_refused(view, changes)
        assert got == placed_or_refused(composed, changes), (text, changes)
        asked += 1
        first = changes[0]
        if isinstance(first, AppendArgs):
            scanned = scanned and text[view.source.index(first.to.line, first.to.col)] == '"'
        assert (view._tree is None) == scanned, (text, changes)
        answered += scanned
    return answered, asked


def _as_json(text: str) -> list[str]:
    """The plainly read YAML documents of ``text`` written as JSON, in a few layouts."""
    try:
        loaded = load_yaml_text("t.yaml", text, Limits())
    except RecursionError:  # pragma: no cover - no test file nests that deep
        return []
    out = []
    for document in loaded.documents:
        data = document.plain()
        if not isinstance(data, dict):
            continue
        try:
            out += [json.dumps(data, indent=2), json.dumps(data),
                    json.dumps(data, indent="\t", separators=(" ,", " : ")),
                    json.dumps(data, separators=(",", ":"), ensure_ascii=False)]
        except (TypeError, ValueError):
            continue
    return out


def _json_files() -> list[Path]:
    return (files_ending(ROOT / "examples", (".json",))
            + files_ending(ROOT / "rules", (".json",)))


def test_json_files_of_examples_and_fixtures() -> None:
    answered = asked = 0
    for _, text in readable_texts(_json_files()):
        one, two = _compared(text)
        answered, asked = answered + one, asked + two
    assert asked > 500 and answered > asked * 0.8


def test_corpus_json(corpus: Path) -> None:
    answered = asked = 0
    for _, text in readable_texts(files_ending(corpus, (".json",))):
        one, two = _compared(text)
        answered, asked = answered + one, asked + two
    assert asked > 50 and answered > asked * 0.8


def test_yaml_documents_written_as_json() -> None:
    answered = asked = 0
    files = files_ending(ROOT / "examples", (".yaml", ".yml"))[:60]
    for _, text in readable_texts(files):
        for written in _as_json(text):
            one, two = _compared(written)
            answered, asked = answered + one, asked + two
    assert asked > 1000 and answered > asked * 0.8


SHAPES = [
    "{}", "{ }", '{"a": {}}', '{"a": {"b": {}}}', '{"a":1,"b":[1,2],"c":{"d":"e"}}',
    '{\n  "a": "x",\n  "b": {\n    "c": true\n  }\n}\n', '{"a": 1, "a": 2}',
    '{"a": {"b": 1}, "a": "s"}', '{"\\u00e9t\\u00e9": "\\"q\\"", "b": "x\\/y"}',
    '{"n": -1.5e3, "t": true, "f": false, "z": null, "s": "--conf a=b"}',
    '{\r\n\t"a" : "x" ,\r\n\t"b" : { "c" : [ ] }\r\n}', '[{"a": "b"}, {"c": {}}]',
    '{"a": [{"b": {"c": "d"}}], "e": "f"}', '{"é": "ü", "x": "--conf  "}',
    '{"a": "", "b": " "}',
]


@pytest.mark.parametrize("text", SHAPES)
def test_shapes(text: str) -> None:
    assert _compared(text)[1] > 0


def test_no_object_or_string_at_the_target_is_left_to_the_composer() -> None:
    text = '{"a": [1, 2], "b": 3, "c": "s"}'
    assert json_spans.object_at(text, text.index("["), 0) is None
    assert json_spans.object_at(text, text.index("3"), 0) is None
    assert json_spans.string_at(text, text.index('"a"')) is None  # a key
    assert json_spans.string_at(text, text.index("3")) is None
    found = json_spans.string_at(text, text.index('"s"'))
    assert found is not None and (found.start, found.end) == (text.index('"s"'), len(text) - 1)
    # a text that does not read as JSON from the target on
    assert json_spans.object_at('{"a": 1 "b": 2}', 0, 0) is None
    assert json_spans.object_at('{"a" 1}', 0, 0) is None
    assert json_spans.object_at('{"a": }', 0, 0) is None
    assert json_spans.object_at('{"a": {"b" 1}}', 0, 1) is None
    assert json_spans.object_at('{"a": 1', 0, 0) is None


def test_members_spanned_as_the_composer_spans_them() -> None:
    text = '{ "k" :  "v" , "m": {"n": 1} }'
    found = json_spans.object_at(text, 0, 1)
    assert found is not None and (found.start, found.end) == (0, len(text))
    (key, value), (key2, inner) = found.entries
    assert text[key.start : key.end] == '"k"' and key.value == "k" and key.is_key
    assert text[value.start : value.end] == '"v"' and value.value == "v"
    assert key2.value == "m" and inner.kind == "map" and len(inner.entries) == 1
    assert text[inner.start : inner.end] == '{"n": 1}'
    shallow = json_spans.object_at(text, 0, 0)
    assert shallow is not None and shallow.entries[1][1].entries == []
