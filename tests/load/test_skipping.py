"""Skipping what nothing reads (spotlint.load.skipping) changes no tree anybody reads.

A file read with skipping and the same file read without must give the same trees:
every value, position, key, tag and ``unknown`` flag, read through the nodes' own
attributes (a stand-in read so gets its value then), the same errors and the same
``plain_parse``: for every YAML and JSON file of examples/, the shared corpus and
generated documents built to hit each case the skipping must refuse or get right
(anchors, aliases, tags, merge keys, placeholders, sed placeholders, flow and
indentless collections, block scalars, comments and blank lines where a skipped
subtree ends, carriage returns, duplicate keys, the kind after the spec, several
documents, limits reached inside a skipped subtree). A stand-in's value read from
its own text (``_fragment``) must be the value read from the whole file.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.skipping import AFTER, HEAD, KEYS, REFUSED, VALUES, spark_document

from spotlint.load import skipping
from spotlint.load.base import Limits, LoadedFile
from spotlint.load.files import load_bytes
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"

_VALUE = Node.__dict__["value"]


def stand_ins(node: Node, out: list[Node] | None = None) -> list[Node]:
    """The stand-ins of a tree, found without reading any (their slots read directly)."""
    found: list[Node] = [] if out is None else out
    todo = [node]
    while todo:
        item = todo.pop()
        if type(item) is skipping.StandIn:
            found.append(item)
            continue
        value = _VALUE.__get__(item)
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return found


def shape(node: Node) -> Any:
    """Everything a reader can read of a tree, as plain data (stand-ins read too)."""
    key = None
    if node._kname is not None:
        key = ("plain", node._kname, node._kline, node._kcol)
    elif node._key is not None:
        key = ("node", shape(node._key))
    value = node.value
    if isinstance(value, dict):
        inner: Any = ("map", [(name, shape(child)) for name, child in value.items()])
    elif isinstance(value, list):
        inner = ("seq", [shape(child) for child in value])
    else:
        inner = ("scalar", type(value).__name__, value)
    return (type(node) is Node, node.span(), node.file_path, node.tag, node.unknown, key,
            node.key_start(), inner)


def _count(node: Node) -> int:
    """The values of a built tree, its mappings' keys included."""
    value = node.value
    if isinstance(value, dict):
        return 1 + sum(1 + _count(child) for child in value.values())
    if isinstance(value, list):
        return 1 + sum(_count(child) for child in value)
    return 1


def _keyless(described: Any) -> Any:
    return described[:5] + described[7:]


def loaded_shape(loaded: LoadedFile) -> Any:
    return (loaded.fmt, loaded.text, loaded.templated, loaded.plain_parse,
            [(e.message, e.line, e.col) for e in loaded.errors],
            [shape(doc) for doc in loaded.documents])


def both(path: str, text: str, fmt: str = "yaml", limits: Limits | None = None
         ) -> tuple[LoadedFile, LoadedFile, int]:
    """The file read without and with skipping, and how many stand-ins the latter holds."""
    limits = limits or Limits()
    plain = load_yaml_text(path, text, limits, fmt)
    skipped = load_yaml_text(path, text, limits, fmt, skip=True)
    count = sum(len(stand_ins(doc)) for doc in skipped.documents)
    return plain, skipped, count


def assert_same(path: str, text: str, fmt: str = "yaml", limits: Limits | None = None) -> int:
    plain, skipped, count = both(path, text, fmt, limits)
    assert loaded_shape(skipped) == loaded_shape(plain), path
    return count


def assert_fragments_exact(path: str, text: str, fmt: str = "yaml") -> tuple[int, int]:
    """Each stand-in's value from its own text is the one from the whole file; how many
    stand-ins there were, and how many were read from their own text."""
    loaded = load_yaml_text(path, text, Limits(), fmt, skip=True)
    total = alone = 0
    for doc in loaded.documents:
        for node in stand_ins(doc):
            total += 1
            pending = _VALUE.__get__(node)
            fragment = skipping._fragment(node, pending)
            source, index, _, _, _ = pending
            whole = skipping._at(source.documents()[index], node._line, node._col)
            assert type(whole) is Node and whole.span() == node.span()
            # (read alone unless the build made no collection there, ``{NAME}``, or
            # fewer values than were read, a key twice)
            assert fragment is not None or not isinstance(whole.value, (dict, list)) or (
                _count(whole) != pending[4]), (path, node)
            if fragment is not None:
                alone += 1
                # (its own key aside: the stand-in keeps its own)
                assert _keyless(shape(fragment)) == _keyless(shape(whole)), (path, node)
    return total, alone


def test_generated_documents_read_the_same() -> None:
    rng = random.Random(16)
    made = alone = total = errors = 0
    for number in range(400):
        text = spark_document(rng)
        made += assert_same(f"gen-{number}.yaml", text)
        counted, fragments = assert_fragments_exact(f"gen-{number}.yaml", text)
        errors += bool(load_yaml_text("g.yaml", text, Limits()).errors)
        total += counted
        alone += fragments
    # (the documents do exercise the skipping and the reads from a stand-in's own text)
    assert made > 1000 and errors < 40
    assert alone > total // 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES + REFUSED)), min_size=1,
                max_size=4),
       st.sampled_from(AFTER), st.booleans())
def test_any_mix_of_values_reads_the_same(
    chosen: list[tuple[str, str]], after: str, crlf: bool,
) -> None:
    text = HEAD + "spec:\n  driver:\n" + "".join(
        f"    {key}:" + value.format(i="    ", j="      ") for key, value in chosen) + after
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_same("mix.yaml", text)
    assert_fragments_exact("mix.yaml", text)


@pytest.mark.parametrize("limits", [
    Limits(max_nodes=12), Limits(max_nodes=20), Limits(max_depth=3), Limits(max_depth=4),
    Limits(max_alias_expansion=1),
])
@pytest.mark.parametrize("driver", ["[&a {n: 1}, *a, *a]", "[{n: 1}, [], [[]]]"])
def test_limits_reached_inside_a_skipped_subtree_read_the_same(limits: Limits, driver: str
                                                               ) -> None:
    text = HEAD + "spec:\n  volumes:\n  - name: a\n    x: [[1, [2]]]\n  - {b: c}\n" \
        f"  driver:\n    initContainers: {driver}\n"
    plain, skipped, _ = both("limits.yaml", text, limits=limits)
    assert loaded_shape(skipped) == loaded_shape(plain)


def test_an_alias_of_an_anchor_outside_reads_the_same() -> None:
    text = HEAD + "base: &b {name: a}\nspec:\n  volumes:\n  - *b\n  driver:\n" \
        "    initContainers: [*b]\n"
    assert assert_same("alias.yaml", text) == 0  # (read again without skipping)


def test_what_is_skipped_only_under_the_kinds_of_the_table() -> None:
    text = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  volumes: [a]\n"
    assert assert_same("deploy.yaml", text) == 0
    text = HEAD + "spec:\n  volumes: [a]\n  sparkConf: {a: b}\n"
    assert assert_same("app.yaml", text) == 1
    # the group decides, not the version; another group is another kind
    assert assert_same("app.yaml", text.replace("v1beta2", "v1beta1")) == 1
    assert assert_same("app.yaml", text.replace("sparkoperator.k8s.io", "example.com")) == 0


def test_json_reads_the_same() -> None:
    text = ('{"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",\n'
            ' "spec": {"volumes": [{"name": "a"}],\n  "driver": {"initContainers": []}}}\n')
    assert assert_same("app.json", text, "json") == 2
    assert assert_fragments_exact("app.json", text, "json") == (2, 2)


def test_a_stand_in_read_becomes_a_plain_node() -> None:
    text = HEAD + "spec:\n  volumes:\n  - name: a\n  type: Scala\n"
    loaded = load_yaml_text("a.yaml", text, Limits(), skip=True)
    volumes = _VALUE.__get__(_VALUE.__get__(loaded.documents[0])["spec"])["volumes"]
    assert type(volumes) is skipping.StandIn
    before = skipping.READ[0]
    assert volumes.value[0].get("name").value == "a"
    assert type(volumes) is Node
    assert skipping.READ[0] == before + 1
    assert volumes.span() == [7, 3, 8, 2] and volumes.key_start() == (6, 3)


def _files(base: Path) -> list[Path]:
    return sorted(p for p in base.rglob("*") if p.is_file()
                  and p.suffix in (".yaml", ".yml", ".json"))


def test_examples_read_the_same() -> None:
    for path in _files(ROOT / "examples") + _files(ROOT / "tests" / "fixtures"):
        data = path.read_bytes()
        fmt = "json" if path.suffix == ".json" else "yaml"
        plain = load_bytes(str(path), data, Limits(), fmt)
        skipped = load_bytes(str(path), data, Limits(), fmt, skip=True)
        assert loaded_shape(skipped) == loaded_shape(plain), path


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_the_sample_corpus_reads_the_same() -> None:
    made = 0
    for path in _files(SHARED):
        data = path.read_bytes()
        fmt = "json" if path.suffix == ".json" else "yaml"
        plain = load_bytes(str(path), data, Limits(), fmt)
        skipped = load_bytes(str(path), data, Limits(), fmt, skip=True)
        made += sum(len(stand_ins(doc)) for doc in skipped.documents)
        assert loaded_shape(skipped) == loaded_shape(plain), path
        if fmt == "yaml" and not skipped.errors and skipped.text.isascii():
            assert_fragments_exact(str(path), skipped.text)
    assert made > 100


def test_a_document_without_kind_skips_its_own_table() -> None:
    request = ('{"name": "etl", "releaseLabel": "emr-6.9.0-latest",\n'
               ' "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://a.py"}},\n'
               ' "configurationOverrides": {"applicationConfiguration": [],\n'
               '   "monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": "s3://l"}}}}\n')
    assert assert_same("run.json", request, "json") == 1
    assert assert_fragments_exact("run.json", request, "json") == (1, 1)
    # a kind after the first collection: that collection was read with the kind-less
    # table, the rest with none (the kind's): the same trees either way
    late = request.replace('"name": "etl",', '"name": "etl", "x": [1], "kind": "Pod",')
    late = late.replace('"jobDriver"', '"apiVersion": "v1", "jobDriver"')
    assert assert_same("late.json", late, "json") == 0
    pool = "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: a\n" \
        "  annotations:\n    a: b\nspec: {}\n"
    assert assert_same("pool.yaml", pool) == 1


def test_a_tree_with_stand_ins_copies_and_pickles_as_built() -> None:
    import copy
    import pickle

    text = HEAD + "spec:\n  volumes:\n  - name: a\n  driver:\n    initContainers: [x]\n" \
        "    cores: 1\n"
    built = load_yaml_text("a.yaml", text, Limits()).documents[0]
    for make in (copy.deepcopy, copy.copy, lambda doc: pickle.loads(pickle.dumps(doc))):
        doc = load_yaml_text("a.yaml", text, Limits(), skip=True).documents[0]
        assert len(stand_ins(doc)) == 2
        assert shape(make(doc)) == shape(built)


def test_a_read_stopped_before_the_class_changes_reads_as_built() -> None:
    text = HEAD + "spec:\n  volumes:\n  - name: a\n"
    built = load_yaml_text("a.yaml", text, Limits()).documents[0]
    doc = load_yaml_text("a.yaml", text, Limits(), skip=True).documents[0]
    [node] = stand_ins(doc)
    _VALUE.__set__(node, built.value["spec"].value["volumes"].value)  # (as if stopped there)
    assert type(node) is skipping.StandIn
    assert shape(doc) == shape(built)


def test_the_kind_is_read_wherever_it_comes_before_the_subtree() -> None:
    body = "spec:\n  volumes: [a]\n"
    kind, api = "kind: SparkApplication\n", "apiVersion: sparkoperator.k8s.io/v1beta2\n"
    for text, made in ((kind + "metadata: {}\n" + api + body, 1),
                       (api + "metadata: {}\n" + kind + body, 1),
                       ("metadata: {}\n" + kind + "x: [1]\n" + api + body, 1),
                       (kind + "metadata: {}\n" + body + api, 0)):
        assert assert_same("order.yaml", text) == made, text
