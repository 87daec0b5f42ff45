"""Documents read from a heredoc are moved to where they sit in the Terraform file
(spotlint.recognize.terraform_embedded._shift): every value and every key where
moving each node's ``Location`` (the way it was done before) put it."""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Location, Node
from spotlint.recognize import terraform_embedded
from spotlint.recognize.terraform_embedded import _nodes

TEXTS = [
    # Helm values as Terraform modules write them: plain keys, lists, nesting
    "controller:\n  resources:\n    requests: {cpu: 1, memory: 1Gi}\n"
    "settings:\n  clusterName: c\n  interruptionQueue: q\n"
    "tolerations:\n  - key: a\n    operator: Exists\n  - {key: b, effect: NoSchedule}\n",
    # anchors and aliases (one node reached twice), quoted and complex keys
    "base: &b\n  x: 1\n  y: [1, 2]\nother: *b\n'quoted key': 2\n\"dq\": 3\n"
    "? [a, b]\n: complex\n? {k: v}\n: mapped\nlong key with spaces: 4\n",
    # several documents, scalars and empty values
    "---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: p\n"
    "spec:\n  template:\n    spec:\n      requirements:\n        - key: k\n"
    "          values: [\"spot\"]\n---\n- 1\n- two\n- {three: 3}\n---\nplain\n---\nempty:\n",
]


def _shift_before(doc: Node, lines: int, cols: int) -> None:
    """What ``_shift`` did: each node's (and key's) ``Location`` asked and set again."""
    for node in _nodes(doc):
        loc = node.loc
        node.loc = Location(
            loc.path, loc.line + lines, loc.col + cols, loc.end_line + lines, loc.end_col + cols)


def _walk(node: Node) -> Iterator[tuple[object, ...]]:
    """Every value's position and its key's (the key node made here if it was not), in
    a fixed order (aliases walked as often as they are reached)."""
    key = node.key
    yield (tuple(node.span()), node.key_start(), tuple(key.span()) if key else None)
    if isinstance(node.value, dict):
        for name, child in node.value.items():
            yield (name,)
            yield from _walk(child)
    elif isinstance(node.value, list):
        for child in node.value:
            yield from _walk(child)


def _docs(text: str) -> list[Node]:
    loaded = load_yaml_text("values.yaml", text, Limits())
    assert loaded.documents and not loaded.errors
    return loaded.documents


def test_shifted_documents_are_where_they_were_put_before() -> None:
    for text in TEXTS:
        for lines, cols in ((0, 0), (12, 4), (3, 0), (7, 21)):
            before, now = _docs(text), _docs(text)
            for doc in before:
                _shift_before(doc, lines, cols)
            for doc in now:
                terraform_embedded._shift(doc, lines, cols)
            assert [list(_walk(d)) for d in now] == [list(_walk(d)) for d in before]
            if lines or cols:  # (the positions did move)
                assert [list(_walk(d)) for d in now] != [list(_walk(d)) for d in _docs(text)]


def test_a_key_asked_for_before_the_shift_moves_once() -> None:
    before, now = _docs(TEXTS[0]), _docs(TEXTS[0])
    for docs in (before, now):
        for node in _nodes(docs[0]):  # every key made
            assert node.loc
    for doc in before:
        _shift_before(doc, 5, 2)
    for doc in now:
        terraform_embedded._shift(doc, 5, 2)
    assert [list(_walk(d)) for d in now] == [list(_walk(d)) for d in before]
