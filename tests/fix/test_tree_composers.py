"""libyaml's C composer and ruamel.yaml's give the same fix spans.

Fixes shown in JSON or SARIF output are placed on spans from libyaml (fast);
``--fix`` places the ones it writes on ruamel's (the reader it verifies with).
Both must describe every node alike, or a shown fix would differ from the one
written: every YAML and JSON file of the examples and of the shared corpus is
composed both ways and compared node by node (position, kind, style, data
path, value), refusals included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fix_trees import files_ending

from spotlint.fix.tree import Span, Tree, TreeError, compose, compose_exact

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".yaml", ".yml", ".json")


def _flat(tree: Tree) -> list[tuple[object, ...]]:
    return [_key(s) for s in tree.spans]


def _key(s: Span) -> tuple[object, ...]:
    return (s.start, s.end, s.kind, s.style, s.path, s.is_key, s.value, s.tag,
            len(s.entries), len(s.items))


def _outcome(fn: object, path: str, text: str) -> object:
    try:
        return _flat(fn(path, text))  # type: ignore[operator]
    except TreeError:
        return "refused"


def _files(top: Path) -> list[Path]:
    return files_ending(top, SUFFIXES)


def _compare(files: list[Path]) -> tuple[int, list[str]]:
    compared, differing = 0, []
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        text = text.removeprefix("\ufeff")
        fast, exact = _outcome(compose, str(path), text), _outcome(compose_exact, str(path), text)
        compared += 1
        if fast != exact:
            differing.append(str(path))
    return compared, differing


@pytest.mark.parametrize("folder", ["examples", "rules/examples"])
def test_same_spans_on_project_examples(folder: str) -> None:
    compared, differing = _compare(_files(ROOT / folder))
    assert compared >= 5
    assert differing == []


def test_same_spans_on_shared_corpus(corpus: Path) -> None:
    compared, differing = _compare(_files(corpus))
    assert compared > 100
    assert differing == []


def test_anchors_and_merge_keys_refused_by_both() -> None:
    for text in ("a: &x 1\nb: *x\n", "base: &b {c: 1}\nd:\n  <<: *b\n", "a: &only 1\n"):
        assert _outcome(compose, "t.yaml", text) == "refused"
        assert _outcome(compose_exact, "t.yaml", text) == "refused"


def test_unicode_positions_are_characters() -> None:
    text = 'a: "é€😀"\nb: [x, {c: d}]\n'
    tree = compose("t.yaml", text)
    assert _flat(tree) == _flat(compose_exact("t.yaml", text))
    value = tree.documents[0].entries[1][1]
    assert text[value.start:value.end] == "[x, {c: d}]"
    assert value.style == "flow"


@pytest.mark.parametrize("text", [
    "a:\n", "a:", "a:   # c\n  # d\nb: 1\n", "{a: , b: }\n", "- \n- x\n",
    "- x\n-\n  # c\n- y\n", "a: [x, , ]\n", "a:\n---\nb:\n...\n", "'a' :\nb:\n",
    "a:\r\n  b:\r\nc: 1\r\n", "a: ''\nb: \"\"\n", "a: |\n\nb: 1\n",
])
def test_empty_values_have_one_place(text: str) -> None:
    """The composers put empty scalars in different places; the spans agree anyway."""
    assert _outcome(compose, "t.yaml", text) == _outcome(compose_exact, "t.yaml", text)


def test_empty_values_are_never_edit_targets() -> None:
    from spotlint.location import Location

    tree = compose("t.yaml", "a:\nb: 1\n")
    empty = tree.documents[0].entries[0][1]
    assert (empty.start, empty.end) == (2, 2)
    assert tree.starting_at(Location.point("t.yaml", 1, 3)) == []
    assert [s.value for s in tree.starting_at(Location.point("t.yaml", 2, 1))] == ["b"]
