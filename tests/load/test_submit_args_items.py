"""``conf_items`` gives the items the Token-based version gave: same keys and values,
same positions, keys and unknown marks.

The reference below is that version (words as :class:`Token` objects, every node made
through ``Node(value, mapper.locate(...))``); the items are compared on hand-picked and
random argument strings, each held in a plain, a single-quoted and a double-quoted YAML
scalar (a double-quoted one with escapes is not verbatim: positions are then searched
for in the raw text, in order, with the mapper's cursor).
"""

from __future__ import annotations

import json
import random

import pytest

from spotlint.load.base import Limits
from spotlint.load.placeholders import has_placeholder
from spotlint.load.submit_args import FLAG_CONFS, Token, conf_items, split_words
from spotlint.load.textpos import SourceText, StringMapper
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node


def _reference(node: Node, mapper: StringMapper) -> list[tuple[Node, Node]]:
    value = mapper.value
    tokens = split_words(value)
    items: list[tuple[Node, Node]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.text
        pair: Token | None = None
        if word in ("--conf", "-c") and index + 1 < len(tokens):
            pair = tokens[index + 1]
            index += 2
        elif word.startswith("--conf="):
            pair = Token(word[len("--conf="):], token.start + 7, token.end, token.quoted)
            index += 1
        elif word in FLAG_CONFS and index + 1 < len(tokens):
            arg = tokens[index + 1]
            key = Node(FLAG_CONFS[word], mapper.locate(token.start, len(word)))
            items.append((key, _value_node(arg.text, mapper, arg, 0, key)))
            index += 2
            continue
        else:
            index += 1
            continue
        text = pair.text
        if "=" not in text:
            continue
        key_text, val_text = text.split("=", 1)
        lead = 1 if value[pair.start:pair.start + 1] in ("'", '"') else 0
        key = Node(key_text.strip(), mapper.locate(pair.start + lead, len(key_text)))
        items.append((key, _value_node(val_text, mapper, pair, lead + len(key_text) + 1, key)))
    return items


def _value_node(text: str, mapper: StringMapper, token: Token, skip: int, key: Node) -> Node:
    loc = mapper.locate(token.start + skip, max(len(text), 1))
    unknown = has_placeholder(text) or (
        mapper.node.unknown and has_placeholder(mapper.value[token.start:token.end]))
    return Node(text.strip(), loc, key=key, unknown=unknown)


def _facts(node: Node) -> tuple[object, ...]:
    key = node.key
    return (node.value, node.loc, node.tag, node.unknown, node._kname,
            None if key is None else (key.value, key.loc))


def _mappers(params: str) -> list[tuple[str, StringMapper]]:
    """``params`` as the value of a YAML key, written plain, single- and double-quoted."""
    out = []
    for written in (params, "'" + params.replace("'", "''") + "'", json.dumps(params)):
        text = f"job:\n  params: {written}\n"
        loaded = load_yaml_text("p.yaml", text, Limits())
        if loaded.errors or not loaded.documents:
            continue
        node = loaded.documents[0].path("job", "params")
        if node is None or not isinstance(node.value, str):
            continue
        out.append((text, StringMapper(node, SourceText("p.yaml", text))))
    return out


def _check(params: str) -> int:
    compared = 0
    for text, mapper in _mappers(params):
        # (a fresh mapper each: a mapper that is not verbatim keeps a cursor)
        node = mapper.node
        again = StringMapper(node, SourceText("p.yaml", text))
        ours = [(_facts(i.key), _facts(i.value), i.value.key is i.key)
                for i in conf_items(node, mapper)]
        theirs = [(_facts(k), _facts(v), v.key is k) for k, v in _reference(node, again)]
        assert ours == theirs, (params, text)
        compared += 1
    return compared


@pytest.mark.parametrize("params", [
    "--conf spark.driver.cores=5  --conf spark.executor.memory=20G",
    "--conf=spark.a=1 -c spark.b=${B} --num-executors 4 --name 'my job'",
    "--conf 'spark.driver.extraJavaOptions=-Da=1 -Db=2' --conf \"spark.x= y \"",
    "--conf spark.a=\\$HOME --executor-memory <mem> --conf spark.c",
    "--driver-cores", "--conf", "-c x=1", "  --conf  k=  ", "--conf =v --conf k=",
    "--conf spark.é=ü --conf spark.tab=\\t",
])
def test_examples(params: str) -> None:
    assert _check(params) > 0


def test_random_argument_strings() -> None:
    rng = random.Random(20)
    words = ["--conf", "-c", "--conf=", "--name", "--num-executors", "--class", "spark.a",
             "=", "x=1", "k= v", "${V}", "'", '"', "\\", " ", "  ", "\t", "é", "<b>", "a=b c"]
    compared = 0
    for _ in range(1500):
        params = "".join(rng.choice(words) + rng.choice(["", " "])
                         for _ in range(rng.randint(0, 12)))
        compared += _check(params)
    assert compared > 2000
