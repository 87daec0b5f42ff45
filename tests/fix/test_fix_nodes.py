"""A key inserted under a block mapping is placed from the loader's nodes as from the composed tree.

:mod:`spotlint.fix.nodes` answers an insertion from the nodes the loader built
(when it read the file plainly) instead of composing the file again; where it
answers, the splices (or the refusal) must be exactly those of the composed
tree (:class:`spotlint.fix.resolve.FileView` without the documents), for every
mapping of every YAML file of the examples, the rules' fixtures and the corpus,
new keys and parents, keys already there, parents that are mappings; and where
it cannot vouch for its answer (a duplicated key, a key that is not a string, a
tag, a flow placeholder, an empty or block scalar at the end) it gives none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.fix_trees import files_ending, placed_or_refused, summed_counts

from spotlint.fix import nodes
from spotlint.fix.resolve import FileView, Unresolvable, _insert_from_nodes
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node
from spotlint.rule import InsertKey

ROOT = Path(__file__).resolve().parents[2]


def _mappings(node: Node) -> Iterator[Node]:
    if isinstance(node.value, dict):
        yield node
        children = list(node.value.values())
    elif isinstance(node.value, list):
        children = node.value
    else:
        return
    for child in children:
        yield from _mappings(child)


def _compared(text: str) -> tuple[int, int]:
    """Every mapping of ``text`` as the place of several insertions: (answered from
    the nodes, asked). Each answer equals the composed tree's."""
    loaded = load_yaml_text("t.yaml", text, Limits())
    if not loaded.plain_parse:
        return 0, 0
    composed = FileView("t.yaml", text, "yaml")
    answered = asked = 0
    for document in loaded.documents:
        for mapping in _mappings(document):
            into = mapping.loc
            names = list(mapping.value)
            inner = [n for n, v in mapping.value.items() if isinstance(v.value, dict)]
            inner += [n for n in names if n not in inner][:2]
            changes = [
                (InsertKey(into, ("spark.new.key",), "true"),),
                (InsertKey(into, ("a", "b"), "x y"), InsertKey(into, ("a", "c"), 4)),
                (InsertKey(into, (names[0],), "v"),) if names else (),
                (InsertKey(into, ("k", "k"), "v"), InsertKey(into, ("k", "k"), "w")),
                *((InsertKey(into, (name, "deeper"), "1"),) for name in inner[:4]),
            ]
            for change in filter(None, changes):
                first = change[0]
                found = nodes.mapping_at(loaded.documents, into)
                assert found is None or found is mapping
                view = FileView("t.yaml", text, "yaml", documents=loaded.documents)
                try:
                    from_nodes = _insert_from_nodes(view, mapping, first.keys[:-1],
                                                    [(c.keys[-1], c.value) for c in change])
                except Unresolvable as exc:
                    from_nodes = f"unresolvable: {exc}"  # type: ignore[assignment]
                asked += 1
                if from_nodes is None:
                    continue
                answered += 1
                expected = placed_or_refused(composed, change)
                got = from_nodes if isinstance(from_nodes, str) else from_nodes[0]
                assert got == expected, (text, change)
                assert placed_or_refused(view, change) == expected
    return answered, asked


def _files(top: Path) -> list[Path]:
    return files_ending(top, (".yaml", ".yml"))


def _checked(files: list[Path]) -> tuple[int, int]:
    return summed_counts(files, _compared)


def test_examples_and_fixtures() -> None:
    answered, asked = _checked(_files(ROOT / "examples") + _files(ROOT / "rules"))
    assert asked > 500 and answered > asked * 0.7


def test_corpus(corpus: Path) -> None:
    answered, asked = _checked(_files(corpus))
    assert asked > 2000 and answered > asked * 0.7


SHAPES = [
    "spec:\n  type: Scala\n  sparkConf:\n    a: '1'\n    b: \"2\"\n  driver:\n    cores: 1\n",
    "- a: 1\n  b:\n    c: d\n  e: f\n- g: h\n",
    "a:\n  b: |\n    text\n\n  c: >\n    folded\n# end\nd: 1\n",
    "a:\n  b: 1\n  c:\n  # comment at the key column\n  d:\n    - x\n    - y\ne: 2\n",
    "a:\n  list:\n  - x\n  - y\n  z: 1\n", "a:\r\n  b: 1\r\n  c: 2\r\n",
    "a:\n  b: {x: 1}\n  c: [1, 2]\n",
    "a:\n  b: 'multi\n    line'\n  c: \"q\n  at the key column\"\n",
    "top:\n  one: 1\n  two: 2\n---\nnext:\n  three: 3\n...\n",
    "a:\n  b: 1\n  c: 2", "a:\n  b:\n    c: 1\n      # deeper comment\n  d: 2\n",
    "a:\n  b:\t1\n  c: 2\t# t\n", "a:\n  b: 1 # trailing\n\n\n  c: 2   \n\nd: 3\n",
    "a: \u2028\n  b: 1\n", "a:\n  'quoted key': 1\n  \"double\": 2\n  plain: 3\n",
    "a:\n  b: ~\n  c: null\n", "a:\n  b: !!str 1\n  c: 2\n", "a:\n  b: 1\n  c: !!str 2\n",
    "a:\n  b:\n", "a:\n  b: ''\n", "a:\n  x:\n    y: 1\n  z:\n    w: 2\n",
    "a:\n  c: {VAR}\n  b: 1\n",  # a placeholder the composer reads as a flow mapping
]
#: Shapes the nodes do not vouch for: the composer answers them.
REFUSED = [
    "a:\n  b: 1\n  b: 2\n  c: 3\n",  # a duplicated key
    "a:\n  b: 1\n  c: 2\n  b: 3\n",  # the duplicate last
    "a:\n  b: 1\n  b:\n    c: 2\n",
    "a:\n  0x10: 1\n  b: 2\n", "a:\n  true: 1\n  b: 2\n", "a:\n  1: x\n  2: y\n",
    "a:\n  b: 1\n  c: {VAR}\n", "a:\n  b: 1\n  c: |\n    x\n", "a:\n  b: 1\n  c:\n",
]


@pytest.mark.parametrize("text", SHAPES)
def test_shapes(text: str) -> None:
    assert _compared(text)[1] > 0


@pytest.mark.parametrize("text", REFUSED)
def test_refused_shapes_are_composed(text: str) -> None:
    loaded = load_yaml_text("t.yaml", text, Limits())
    assert loaded.plain_parse
    inner = loaded.documents[0].value["a"]
    view = FileView("t.yaml", text, "yaml", documents=loaded.documents)
    assert _insert_from_nodes(view, inner, (), [("new", "v")]) is None
    assert _compared(text)[1] > 0  # and every answer given elsewhere in it is right


#: Shapes answered from the nodes (the mapping under ``a``), each as the composer does.
ANSWERED = [
    "a:\n  b: {x: 1}\n  c:\n      d: 1\n",  # a flow mapping is not the indentation step
    "a:\n  b:\n  'c':\n    d: 1\n",  # an empty value, then a quoted key: plain
    "a:\n  b: \"1\"\n  c: ~\n  d:\n    e: 1\n", "a:\r\n  'b': 1\r\n  c: x\r\n",
    "a:\n  b: 1\n  # c\n  c: 'q'  # d\nz: 1\n", "x: 1\n---\na:\n  b: [1]\n...\n",
    "a:\n  b:\n  - x\n  - y\n  c: 2\n",
]


@pytest.mark.parametrize("text", ANSWERED)
def test_answered_shapes(text: str) -> None:
    loaded = load_yaml_text("t.yaml", text, Limits())
    inner = next(d for d in loaded.documents if "a" in d.value).value["a"]
    view = FileView("t.yaml", text, "yaml", documents=loaded.documents)
    placed = _insert_from_nodes(view, inner, (), [("new", "v")])
    assert placed is not None
    assert placed[0] == placed_or_refused(FileView("t.yaml", text, "yaml"),
                                (InsertKey(inner.loc, ("new",), "v"),))


def test_key_lines_are_counted_as_lines_starting_at_the_column() -> None:
    """The key lines of a mapping, matched from the line break before each: the count
    a multi-line ``^`` pattern gives from the next line's start, on random texts."""
    import random
    import re

    rng = random.Random(19)
    pieces = ["\n", "\r\n", " ", "  ", "a", "#", "-", "- x", "-\n", "\t", "k: v", "\u2028"]
    for _ in range(400):
        text = "first: 1" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        line_end = text.find("\n")
        if line_end < 0:
            continue
        end = rng.randint(line_end, len(text))
        for column in (0, 1, 2, 4):
            old = re.compile(rf"^ {{{column}}}(?:[^\s#-]|-\S)", re.M)
            assert len(nodes._key_lines(column).findall(text, line_end, end)) == len(
                old.findall(text, line_end + 1, end)), (text, column, end)
