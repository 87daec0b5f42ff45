"""A value set on a scalar is placed from the loader's nodes as from the composed tree.

:mod:`spotlint.fix.scalars` answers a :class:`~spotlint.rule.SetValue` from the
node starting where it points (when the loader read the file plainly) instead
of composing the file again; where it answers, the splice must be exactly the
composed tree's (:class:`spotlint.fix.resolve.FileView` without the documents),
for every scalar, key or value, of every YAML file of the examples, the rules'
fixtures and the corpus, with values that keep or change their quoting; and
where it cannot vouch for its answer (a block scalar, a tag, an anchor, an
empty value, a place inside a scalar) it gives none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.fix_trees import files_ending, placed_or_refused, summed_counts

from spotlint.fix import scalars
from spotlint.fix.resolve import FileView
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node
from spotlint.rule import SetValue

ROOT = Path(__file__).resolve().parents[2]
#: values written plain, quoted (a boolean's text), and with a quote inside
VALUES: tuple[str | bool | int, ...] = ("spot-value", "true", "it's \"x\"", 4, False)


def _places(node: Node) -> Iterator[Location]:
    """Where every value and every key of ``node``'s tree starts (and a place
    inside each scalar of two characters or more)."""
    if isinstance(node.value, dict):
        yield node.loc
        for child in node.value.values():
            key = child.key
            if key is not None:
                yield key.loc
            yield from _places(child)
    elif isinstance(node.value, list):
        yield node.loc
        for child in node.value:
            yield from _places(child)
    else:
        loc = node.loc
        yield loc
        if loc.end_line == loc.line and loc.end_col > loc.col:
            yield Location(loc.path, loc.line, loc.col + 1, loc.line, loc.end_col)


def _compared(text: str) -> tuple[int, int]:
    """Every place of ``text`` set to each of :data:`VALUES`: (answered from the
    nodes, asked). Each answer equals the composed tree's."""
    loaded = load_yaml_text("t.yaml", text, Limits())
    if not loaded.plain_parse:
        return 0, 0
    composed = FileView("t.yaml", text, "yaml")
    from_nodes = FileView("t.yaml", text, "yaml", documents=loaded.documents)
    answered = asked = 0
    for document in loaded.documents:
        for place in _places(document):
            scalar = scalars.scalar_at(text, from_nodes.source.index, loaded.documents, place)
            asked += 1
            if scalar is None:
                continue
            answered += 1
            for value in VALUES:
                change = SetValue(place, value)
                expected = placed_or_refused(composed, (change,))
                assert placed_or_refused(from_nodes, (change,)) == expected, (text, place, value)
                assert not isinstance(expected, str), (text, place)  # a splice was made
    return answered, asked


def _files(top: Path) -> list[Path]:
    return files_ending(top, (".yaml", ".yml"))


def _checked(files: list[Path]) -> tuple[int, int]:
    return summed_counts(files, _compared)


def test_examples_and_fixtures() -> None:
    answered, asked = _checked(_files(ROOT / "examples") + _files(ROOT / "rules"))
    assert asked > 2000 and answered > asked * 0.4


def test_corpus(corpus: Path) -> None:
    answered, asked = _checked(_files(corpus))
    assert asked > 5000 and answered > asked * 0.4


SHAPES = [
    "spec:\n  sparkConf:\n    \"spark.a\": \"1\"\n    'spark.b': '2'\n    spark.c: x\n",
    "a:\n  - x\n  - 'y'\n  - \"z\"\n  - {b: 1, 'c': \"d\"}\n  - [e, 'f']\n",
    "a: multi\n  line plain\nb: \"multi\n  line quoted\"\nc: 'it''s'\nd: \"q\\\"\"\n",
    "a:\r\n  b: 1\r\n  c: \"2\"\r\n", "a:\n  b: x  # comment\n  c: 'y'   \n",
    "? explicit\n: value\n\"quoted key\": 1\n'single key': 2\n",
    "- a: 1\n  b: 2\n- c\n---\nd: e\n", "a: ${VAR}\nb: x${Y}z\n", "a: null\nb: ~\nc:\nd: ''\n",
    "a: {b: , c: 1}\nd: [e, ]\n", "{? : x}\n",
    "a: 0x10\nb: 1.5\nc: true\n0x11: hex key\n1: int key\ntrue: bool key\n",
    "a: !!str tagged\nb: !local x\nc: |\n  block\nd: >\n  folded\n",
    "a:\n  b: c\n  b: d\n  e: f\n", "k: \u00e9t\u00e9\nl: \"\u2028\"\nm: \"x\u0085y\"\nn: 1\n",
]


@pytest.mark.parametrize("text", SHAPES)
def test_shapes(text: str) -> None:
    answered, asked = _compared(text)
    assert 0 < answered < asked  # some places answered from the nodes, some not


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: |\n  block\n", 1, 4),  # a block scalar: the composer refuses it
    ("a: !!str x\n", 1, 4),  # a tag
    ("a: &x y\nb: *x\n", 1, 4),  # an anchor (the file is not read plainly either)
    ("a: &x y\nb: *x\n", 2, 4),  # an alias
    ("a: ''\nb:\n", 2, 3),  # an empty value
    ("a: --conf spark.x=1\n", 1, 11),  # inside a scalar
    ("a: {VAR}\n", 1, 4),  # a flow placeholder
])
def test_not_vouched_for(text: str, line: int, col: int) -> None:
    loaded = load_yaml_text("t.yaml", text, Limits())
    view = FileView("t.yaml", text, "yaml")
    at = Location("t.yaml", line, col, line, col)
    assert scalars.scalar_at(text, view.source.index, loaded.documents, at) is None


def test_a_dropped_duplicate_key_is_not_found() -> None:
    """The loader keeps one entry of a duplicated key: the other one's place has no node."""
    text = "a: 1\nb: 2\na: 3\n"
    loaded = load_yaml_text("t.yaml", text, Limits())
    view = FileView("t.yaml", text, "yaml")
    first = Location("t.yaml", 1, 1, 1, 1)
    found = scalars.scalar_at(text, view.source.index, loaded.documents, first)
    assert found is None or found == (0, 1, None, True)
