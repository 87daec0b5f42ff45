"""A tree composed only as far as its targets equals the whole tree where fixes look.

When the loader read a file whole without an anchor, alias or merge key
(``LoadedFile.plain_parse``), placing a fix composes it only until every node
starting at a target has ended (:func:`spotlint.fix.tree.compose` with
``targets``). Every node a fix can be placed on (the nodes starting at a
target, everything inside them, the scalar holding a target) must be exactly
the node of a whole walk, empty values' places included, on every YAML and
JSON file of the examples and of the shared corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from support.fix_trees import files_ending, readable_texts, whole_tree

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.place import place_fixes
from spotlint.fix.tree import Span, Tree, compose
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.result import RunResult
from spotlint.value import replace

ROOT = Path(__file__).resolve().parents[2]


def _deep(s: Span) -> tuple[object, ...]:
    """A span and its whole subtree, every field."""
    return (s.start, s.end, s.kind, s.style, s.path, s.is_key, s.value, s.tag,
            [(_deep(k), _deep(v)) for k, v in s.entries], [_deep(i) for i in s.items])


def _seen_from(tree: Tree, targets: set[int]) -> list[object]:
    """What a fix can read of ``tree`` at ``targets`` (an empty value, never edited, is
    found only inside its collection: ``Tree.starting_at`` passes over it)."""
    seen: list[object] = []
    for at in sorted(targets):
        seen.append([_deep(s) for s in tree.spans if s.start == at and not _empty(s)])
        inside = tree.scalar_containing(at)
        seen.append(None if inside is None else _deep(inside))
    return seen


def _empty(s: Span) -> bool:
    return s.kind == "scalar" and s.style is None and s.value == ""


def _compare(text: str, rng: random.Random, rounds: int = 4) -> int:
    """Compare early-stopped trees with the whole tree for random targets; the number
    of target sets compared (0 when the file is not read plainly)."""
    whole = whole_tree(text)
    if whole is None:
        return 0
    starts = sorted({s.start for s in whole.spans})
    if not starts:
        return 0
    compared = 0
    for _ in range(rounds):
        targets = set(rng.sample(starts, min(len(starts), rng.randint(1, 3))))
        # an index inside a scalar (a ``--conf`` segment) is a target too
        scalars = [s for s in whole.spans if s.kind == "scalar" and s.end - s.start > 2]
        if scalars and rng.random() < 0.5:
            inner = rng.choice(scalars)
            targets.add(rng.randrange(inner.start + 1, inner.end))
        stopped = compose("t.yaml", text, targets=targets)
        assert _seen_from(stopped, targets) == _seen_from(whole, targets), sorted(targets)
        compared += 1
    return compared


@pytest.mark.parametrize("text", [
    "a: 1\n---\nb: [1, {c: d}]\n...\n---\n- x\n- - y\n  - z\n",
    "spec:\n  containers:\n  - name: x\n    image: y\n  nodeSelector:\n  tolerations: []\n"
    "rest:\n  a: b\n",
    "a:\n  b:\n  c:\n    - \n    - d\ne: f\n", "{a: , b: {c: }}\n---\nz: 1\n",
    "a: |\n  text\n\nb: 'q'\nc: \"--conf x=y\"\n",
    '{"spec": {"a": [1, 2], "b": {"c": "d"}}, "z": null}',
])
def test_shapes(text: str) -> None:
    assert _compare(text, random.Random(6), rounds=20) == 20


def test_every_target_of_a_small_file() -> None:
    """Each single start of a multi-document file, as the only target."""
    text = "a:\n  b: 1\n  c:\n    d: [x, y]\n  e:\n---\n- k: v\n  l:\n---\nlast: 1\n"
    whole = compose("t.yaml", text)
    for at in {s.start for s in whole.spans}:
        stopped = compose("t.yaml", text, targets={at})
        assert _seen_from(stopped, {at}) == _seen_from(whole, {at})
        assert len(stopped.spans) <= len(whole.spans)
    # a target early in the first document: the rest of the file is not walked
    first = compose("t.yaml", text, targets={text.index("b")})
    assert len(first.spans) < len(whole.spans)


def test_loader_says_what_is_plain() -> None:
    limits = Limits()
    assert load_yaml_text("t.yaml", "a: 1\n---\nb: '*'\n", limits).plain_parse
    for text in ("a: &x 1\nb: *x\n", "a: 1\n---\nb: &y 2\n", "base: {c: 1}\nd:\n  <<: {e: 2}\n",
                 "a: 1\n---\nb: [unclosed\n", "a: 1\n b: 2\n"):
        assert not load_yaml_text("t.yaml", text, limits).plain_parse, text
    # a template read after its placeholders were neutralized: not the text read
    templated = load_yaml_text("t.yaml", "{{- if .Values.x }}\na: 1\n{{- end }}\n", limits)
    assert templated.templated and not templated.plain_parse


def _files(top: Path) -> list[Path]:
    return files_ending(top, (".yaml", ".yml", ".json"))


def _compared(files: list[Path]) -> int:
    rng = random.Random(6)
    compared = 0
    for _, text in readable_texts(files):
        compared += _compare(text, rng)
    return compared


def test_project_examples() -> None:
    assert _compared(_files(ROOT / "examples") + _files(ROOT / "rules/examples")) >= 20


def test_shared_corpus(corpus: Path) -> None:
    assert _compared(_files(corpus)) > 400


def _placed(result: RunResult, plain: bool) -> list[object]:
    sources = {path: replace(source, plain_parse=source.plain_parse and plain)
               for path, source in result.sources.items()}
    placed = place_fixes(replace(result, sources=sources))
    return [(f.code, f.location, f.fix) for f in placed.findings]


def _same_fixes(top: Path) -> int:
    """Fixes placed with the early stop equal fixes placed on whole trees; how many."""
    result = lint([str(top)], Settings(root=str(top), select=["ALL"]))
    assert any(s.plain_parse for s in result.sources.values())
    stopped, whole = _placed(result, True), _placed(result, False)
    assert stopped == whole
    return sum(1 for _, _, fix in stopped if fix is not None and fix.edits)


def test_placed_fixes_equal_on_examples() -> None:
    assert _same_fixes(ROOT / "examples") > 0


def test_placed_fixes_equal_on_corpus(corpus: Path) -> None:
    assert _same_fixes(corpus) > 50
