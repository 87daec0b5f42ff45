"""Loaders keep 1-based positions and never construct objects from tags."""

from __future__ import annotations

from typing import Any

import pytest

from spotlint.load.base import Limits
from spotlint.load.files import load_bytes
from spotlint.load.properties import load_properties_text
from spotlint.load.submit_args import conf_items, split_words
from spotlint.load.textpos import SourceText, StringMapper
from spotlint.load.yaml_loader import load_yaml_text


def test_yaml_positions_are_one_based_for_keys_and_values() -> None:
    text = "a: 1\nspec:\n  nodeSelector:\n    k: v\n"
    doc = load_yaml_text("f.yaml", text, Limits()).documents[0]
    value = doc.path("spec", "nodeSelector", "k")
    assert value is not None
    assert (value.loc.line, value.loc.col) == (4, 8)
    assert (value.key_loc.line, value.key_loc.col) == (4, 5)


def test_multi_document_yaml() -> None:
    loaded = load_yaml_text("f.yaml", "a: 1\n---\nb: 2\n---\n", Limits())
    assert [d.plain() for d in loaded.documents] == [{"a": 1}, {"b": 2}]
    assert loaded.documents[1].loc.line == 3


def test_python_tag_is_refused_not_constructed() -> None:
    loaded = load_yaml_text("f.yaml", "a: !!python/object/apply:os.system ['echo hi']\n", Limits())
    assert not loaded.documents
    assert "unsupported YAML tag" in loaded.errors[0].message
    assert loaded.errors[0].line == 1


def test_local_tags_are_unknown_values() -> None:
    doc = load_yaml_text("f.yaml", "Subnets: !Ref PrivateSubnets\n", Limits()).documents[0]
    node = doc.get("Subnets")
    assert node is not None and node.unknown


def test_tagged_collections_keep_only_a_local_tag() -> None:
    """A collection with a local tag is unknown and keeps its tag; with a core tag (or
    none) it is a known value with no tag, nested or not, anchored or not."""
    text = ("a: !Thing {b: 1, c: !Items [1, !Deep {d: 2}]}\n"
            "e: !!map {f: 1}\ng: !!seq [2]\nh: &h !Anchored [3]\ni: [4]\n")
    doc = load_yaml_text("f.yaml", text, Limits()).documents[0]
    a = doc.value["a"]
    items = a.value["c"]
    shapes = {name: (node.tag, node.unknown) for name, node in [
        ("a", a), ("c", items), ("deep", items.value[1]), ("e", doc.value["e"]),
        ("g", doc.value["g"]), ("h", doc.value["h"]), ("i", doc.value["i"]), ("doc", doc)]}
    assert shapes == {
        "a": ("!Thing", True), "c": ("!Items", True), "deep": ("!Deep", True),
        "e": ("", False), "g": ("", False), "h": ("!Anchored", True), "i": ("", False),
        "doc": ("", False),
    }


def test_alias_bomb_stops_at_the_limit() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    loaded = load_yaml_text("bomb.yaml", "\n".join(lines) + "\n", Limits(max_alias_expansion=1000))
    assert loaded.errors and "max-alias-expansion" in loaded.errors[0].message


#: Documents whose aliases expand to known totals: anchored scalars, collections holding
#: aliases (nested expansion), merge keys, anchors inside anchors, plain and node keys.
ALIAS_SHAPES = [
    "a: &x {b: 1}\nc: *x\nd: *x\n",
    "s: &s [1, 2]\nt: *s\nu: [*s, *s]\n",
    "a: &a [1]\nb: &b {c: *a, d: [*a, {e: *a}]}\nf: *b\ng: [*b, *a]\n",
    "base: &b {p: 1, q: [2, 3]}\nm:\n  <<: [*b, {r: 4}]\n  s: 5\nn: {<<: *b}\n",
    "k: &k key\n*k : v\nw: &w {x: &y [1, {z: 2}], v: *y}\nu: [*w, *y, *k]\n",
    "- &a {a: 1, b: [2, 3]}\n- &b [*a, *a]\n- &c [*b, *b]\n- *c\n",
    "x: &e []\ny: &f {}\nz: [*e, *f, *e]\n",
]


def _expansion(text: str) -> int:
    """What the aliases of ``text`` expand to, counted from PyYAML's events: an alias
    adds the values (keys included) of what its anchor names, aliases in it expanded."""
    import yaml

    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # [anchor, values so far] of each open collection
    total = 0

    def add(size: int) -> None:
        if stack:
            stack[-1][1] += size

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            total += sizes[event.anchor]
            add(sizes[event.anchor])
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            add(1)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
            add(size)
    return total


def test_alias_expansion_is_counted_exactly() -> None:
    """Each alias adds its anchor's whole size: at that total a document loads, one less
    stops it (an anchored collection's size is worked out when it ends)."""
    for text in ALIAS_SHAPES:
        total = _expansion(text)
        assert total > 1, text
        loaded = load_yaml_text("a.yaml", text, Limits(max_alias_expansion=total))
        assert not loaded.errors and loaded.documents, text
        loaded = load_yaml_text("a.yaml", text, Limits(max_alias_expansion=total - 1))
        assert [e.message for e in loaded.errors] == [
            f"alias expansion above max-alias-expansion={total - 1}"], text


#: Keys of every kind a mapping may have: one word, several words, several lines
#: (explicit ``?`` keys), quoted, flow mappings, keys after multi-line values.
KEY_SHAPES = [
    "a: 1\nb c: 2\nspark.executor.cores: 3\n'q': 4\n\"d d\": 5\n",
    "? a\n  b\n: 1\n? long\n\n  key\n: 2\nnext: {x: 1, y z: 2, ? w\n   v : 3}\n",
    "m:\n  k: v\n  l: |\n    text\n  n: >-\n    folded\n    lines\n  o p: q\n",
    "- {a: 1}\n- x y: [1, {z: 2}]\n  u:\n    v w: 3\n",
    "k: plain\n  continued\nnext key: 1\n",
]


def _compose_keys(node: Any, out: list[tuple[Any, ...]]) -> None:
    """Each entry's key text and position as the composer's marks give them."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            start, end = key.start_mark, key.end_mark
            line, end_line, end_col = start.line + 1, end.line + 1, end.column
            if end_col == 0 and end_line > line:
                end_line, end_col = end_line - 1, 1
            out.append((key.value, line, start.column + 1, end_line, end_col or 1))
            _compose_keys(value, out)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _compose_keys(item, out)


def _our_keys(node: Any, out: list[tuple[Any, ...]]) -> None:
    for child in node.value.values() if node.is_map else node.elements():
        if node.is_map:
            loc = child.key.loc
            out.append((child.key.value, loc.line, loc.col, loc.end_line, loc.end_col))
        _our_keys(child, out)


def test_keys_are_where_the_composer_puts_them() -> None:
    """A plain key kept as its text and start (one-line keys, one-word ones without
    asking libyaml's end mark) is where PyYAML's composer says, as any other key."""
    import yaml

    spans = 0
    for text in KEY_SHAPES:
        expected: list[tuple[Any, ...]] = []
        _compose_keys(yaml.compose(text, Loader=yaml.SafeLoader), expected)
        ours: list[tuple[Any, ...]] = []
        _our_keys(load_yaml_text("k.yaml", text, Limits()).documents[0], ours)
        assert ours == expected, text
        spans += sum(1 for key in expected if key[3] > key[1])
    assert spans >= 2  # keys over several lines are among them


def test_plain_and_quoted_texts_are_remembered_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same text plain and quoted reads as two values, in either order, from the
    memo as on first sight; plain and quoted memos hold at most their bound together."""
    import spotlint.load.yaml_loader as yaml_loader

    entries = ['a: "true"', "b: true", "c: 'true'", 'd: "1"', "e: 1", "f: |\n  1",
               "g: !!str 1", "h: ~", "i: '~'", 'j: ""', "k:"]
    text = "\n".join(entries) + "\n"
    expected = {"a": "true", "b": True, "c": "true", "d": "1", "e": 1, "f": "1\n", "g": "1",
                "h": None, "i": "~", "j": "", "k": None}
    for fresh in (True, False):  # an empty memo, then the one the first parses filled
        if fresh:
            monkeypatch.setattr(yaml_loader, "_SCALARS", {})
            monkeypatch.setattr(yaml_loader, "_QUOTED", {})
        for source in (text, "\n".join(reversed(entries)) + "\n"):
            doc = load_yaml_text("q.yaml", source, Limits()).documents[0]
            assert doc.plain() == expected, source
    monkeypatch.setattr(yaml_loader, "_SCALARS", {})
    monkeypatch.setattr(yaml_loader, "_QUOTED", {})
    monkeypatch.setattr(yaml_loader, "_SCALAR_CACHE_SIZE", 3)
    load_yaml_text("q.yaml", text, Limits())
    assert len(yaml_loader._SCALARS) + len(yaml_loader._QUOTED) == 3


#: Values of every place a count can stop at: plain keys with scalar values (read with
#: their key), with collections, quoted, tagged and anchored values, aliases, items.
NODE_SHAPES = [
    "a: 1\nb: x y\nc: 'q'\nd:\n  e: [1, {f: g}]\nh: !!str 2\ni: &j k\nl: *j\n",
    "- a: 1\n  b: 2\n- {c: 3, d: 4}\n- e\n",
    '{"a": {"b": [1, {"c": null}]}, "d": "e"}',
    "? a\n  b\n: 1\nc:\nd: |\n  text\n",
]


def test_max_nodes_stops_at_the_value_past_the_limit() -> None:
    """With ``max-nodes=n`` a document stops at its (n+1)-th value (keys, scalars and
    collections, in the order the parser reads them; aliases make none), with the
    position of that value's start; with n the count of all of them it loads."""
    import yaml

    for text in NODE_SHAPES:
        starts = [(e.start_mark.line + 1, e.start_mark.column + 1) for e in yaml.parse(text)
                  if isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent))]
        loaded = load_yaml_text("n.yaml", text, Limits(max_nodes=len(starts)))
        assert not loaded.errors and loaded.documents, text
        for limit in range(len(starts)):
            loaded = load_yaml_text("n.yaml", text, Limits(max_nodes=limit))
            assert [(e.message, e.line, e.col) for e in loaded.errors] == [
                (f"more than max-nodes={limit} values", *starts[limit])], (text, limit)


def test_deep_nesting_is_refused_before_parsing() -> None:
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    loaded = load_yaml_text("deep.yaml", text, Limits())
    assert loaded.errors and "max-depth" in loaded.errors[0].message


def test_placeholders_mark_values_unknown() -> None:
    doc = load_yaml_text(
        "f.yaml", "a: ${CAPACITY}\nb: '{{ .Values.x }}'\nc: spot\n", Limits()
    ).documents[0]
    assert [doc.value[k].unknown for k in "abc"] == [True, True, False]


def test_binary_and_encodings() -> None:
    assert load_bytes("b.yaml", b"\x00\x01\x02", Limits()).errors[0].message.startswith("binary")
    utf16 = "a: 1\n".encode("utf-16")
    assert load_bytes("u.yaml", utf16, Limits()).documents[0].plain() == {"a": 1}
    bad = load_bytes("l.yaml", b"a: 1\nb: \xff\n", Limits())
    assert bad.errors[0].line == 2


def test_size_limit() -> None:
    loaded = load_bytes("big.yaml", b"a: 1\n" * 100, Limits(max_file_bytes=50))
    assert "max-file-bytes" in loaded.errors[0].message


def test_json_errors_have_positions() -> None:
    loaded = load_bytes("x.json", b'{\n  "a": 1,\n}\n', Limits())
    assert loaded.errors[0].line == 3


def test_properties_separators_comments_and_continuations() -> None:
    text = "# c\nspark.a  true\nspark.b=2\n! bang\nspark.c : x \\\n   y\n"
    doc = load_properties_text("spark-defaults.conf", text).documents[0]
    assert doc.plain() == {"spark.a": "true", "spark.b": "2", "spark.c": "x y"}
    a = doc.get("spark.a")
    assert a is not None and (a.loc.line, a.loc.col) == (2, 10)
    assert a.key is not None and a.key.loc.col == 1


def test_split_words_keeps_offsets() -> None:
    words = split_words("--conf 'a=b c' --conf x=y")
    assert [(w.text, w.start) for w in words] == [
        ("--conf", 0),
        ("a=b c", 7),
        ("--conf", 15),
        ("x=y", 22),
    ]


def test_conf_items_are_positioned_inside_the_string() -> None:
    text = (
        '{"jobDriver": {"sparkSubmitJobDriver": {"sparkSubmitParameters":\n'
        '  "--conf spark.a=1 --conf spark.decommission.enabled=true --num-executors 4"}}}\n'
    )
    doc = load_yaml_text("j.json", text, Limits()).documents[0]
    params = doc.path("jobDriver", "sparkSubmitJobDriver", "sparkSubmitParameters")
    assert params is not None
    items = conf_items(params, StringMapper(params, SourceText("j.json", text)))
    keys = {i.key.value: i for i in items}
    dec = keys["spark.decommission.enabled"]
    assert (dec.key.loc.line, dec.key.loc.col) == (2, 28)
    assert dec.value.value == "true" and dec.value.loc.col == 28 + len(
        "spark.decommission.enabled="
    )
    assert keys["spark.executor.instances"].value.value == "4"
