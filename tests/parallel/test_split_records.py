"""A split run's record of each file is the commit hook's record of it.

The processes of a split run tell each other what their files give other files
through the index's records, built from the project each file was recognized
into (not by reading the file again, as :func:`spotlint.index.records.build`
does). Selection trusts them as it trusts the index's, so they must be equal,
file for file; which files a file's objects point into is looked for only in
files whose recognition may read another file, and that shortcut is held to the
full walk here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.splits import request_tree

from spotlint.cli.joins import SELF_CONTAINED, IndexJoins
from spotlint.config.settings import Settings
from spotlint.engine import parallel
from spotlint.engine.paths import real
from spotlint.engine.reading import candidates
from spotlint.engine.run import _new_run
from spotlint.index.records import build
from spotlint.plugins.manager import default_registry

ROOT = Path(__file__).resolve().parents[2]


def _compare(root: Path) -> int:
    settings = Settings(root=str(root))
    registry = default_registry()
    found = list(candidates([str(root)], settings))
    run = _new_run(settings, registry, {}, [], {}, False)
    part = parallel.Part(run, found, real(str(root)), IndexJoins())
    part.read_pieces(range(-(-len(found) // parallel.CHUNK)))
    summary = part.summary()
    compared = 0
    for number, key in summary["own"].items():
        rel = summary["rels"][number]
        expected = build(os.path.join(str(root), rel), rel, real(str(root)), settings,
                         registry.kinds)
        record = dict(summary["records"].get(number, {}))
        if record.pop(SELF_CONTAINED, False):  # a guide, which the index never records
            assert key.endswith(".md"), key
        assert record == expected, key
        compared += bool(expected)
    return compared


@pytest.mark.parametrize("tree", ["examples", "rules/examples"])
def test_records_of_the_repository(tree: str) -> None:
    assert _compare(ROOT / tree) > 10


def test_records_of_the_corpus(corpus: Path) -> None:
    assert _compare(corpus) > 100


def test_records_naming_other_files(tmp_path: Path) -> None:
    """Jobs built from a request file (a script's, a container script's): their records
    name it among their sources, as the hook's do."""
    assert _compare(request_tree(tmp_path / "repo")) == 3


def test_pools_built_back_share_their_label_keys() -> None:
    """Pools built back from records (another process's, as a split run does) share the
    strings of their label keys: most pools carry the same well-known keys, and a
    split's process builds back thousands of them."""
    from spotlint.index.pools import pools_of

    keys = "\n".join(f"karpenter.k8s.aws/instance-key-{n}" for n in range(12))
    entry = {"name": "p", "kind": "NodePool", "anchor": [1, 1, 1, 1], "capacity": ["spot"],
             "label_keys": keys, "label_values": {}, "taints": [], "zones": None,
             "types": None, "karpenter": True, "managed": False, "autoscaled": False,
             "node_class": None, "cluster": None, "region": None}
    # two records, as unpickled: equal texts, not the same objects
    first, second = ({**entry, "label_keys": "".join(list(keys))} for _ in range(2))
    assert first["label_keys"] is not second["label_keys"]
    (one,), (other,) = pools_of({"pools": [first]}, "a.yaml", {}), pools_of(
        {"pools": [second]}, "b.yaml", {})
    assert list(one.node_labels) == keys.split("\n")
    assert all(a is b for a, b in zip(one.node_labels, other.node_labels, strict=True))
