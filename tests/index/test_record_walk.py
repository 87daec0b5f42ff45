"""A record's walk for the files its objects point into, and its label keys, made faster
without changing a record.

``records._paths`` leaves plain values out as it meets them and looks up once per class
how an object is walked; held here to the walk it replaced (kept below as it was), object
for object, on the examples, the rule examples, the corpus (when present), a tree of jobs
built from a request file and objects nested past the walk's depth. Pools with the same
label keys share one joined string (a split run's summary then holds it once), which is
the string the keys always joined into.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.splits import request_tree

from spotlint.config.settings import Settings
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.reading import FileSet
from spotlint.index import records
from spotlint.load.discover import discover
from spotlint.location import Location, Node
from spotlint.model import Conf, Project
from spotlint.plugins.manager import default_registry
from spotlint.value import Value

REPO = Path(__file__).resolve().parents[2]


def _walked_before(project: Project) -> set[str]:
    """``records._paths`` as it was (session 20): the reference."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [
        (o, 0) for o in (*project.jobs, *project.pools, *project.templates)]
    while stack:
        item, depth = stack.pop()
        if type(item) in records._PLAIN or id(item) in seen or depth > 6:
            continue
        seen.add(id(item))
        if isinstance(item, Node):
            found.add(item.file_path)
        elif isinstance(item, Location):
            found.add(item.path)
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend([(child, depth + 1) for child in item])
        elif isinstance(item, dict):
            stack.extend([(child, depth + 1) for child in item.values()])
        elif isinstance(item, Conf):
            stack.extend([(child, depth + 1) for value in item
                          for child in item.settings(value.key)])
        elif isinstance(item, Value):
            stack.extend([(getattr(item, name), depth + 1) for name in item.FIELDS
                          if name != "referenced_by"])
        else:
            names = records._fields(type(item))
            stack.extend([(getattr(item, name), depth + 1) for name in names])
    return found


def _projects(root: Path) -> list[Project]:
    """Each file below ``root`` recognized alone (as a record is made from it)."""
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    made = []
    for candidate in discover([str(root)], str(root)):
        limits = settings.for_path(candidate.path).limits
        files = FileSet(limits, {}, [])
        files.root = settings.root
        loaded = files.read(candidate.path, explicit=False)
        if loaded is None or not (loaded.documents or loaded.embedded):
            continue
        project = Project()
        normalize_file(loaded, kinds, project, settings.root, limits, [], files.budget,
                       read_file=lambda path: None)
        made.append(project)
    return made


def _compare(root: Path) -> int:
    walked = 0
    for project in _projects(root):
        assert records._paths(project) == _walked_before(project)
        walked += bool(project.jobs or project.pools or project.templates)
    return walked


@pytest.mark.parametrize("tree", ["examples", "rules/examples"])
def test_the_walk_of_the_repository(tree: str) -> None:
    assert _compare(REPO / tree) > 10


def test_the_walk_of_the_corpus(corpus: Path) -> None:
    assert _compare(corpus) > 300


def test_the_walk_of_jobs_built_from_request_files(tmp_path: Path) -> None:
    assert _compare(request_tree(tmp_path / "repo")) >= 3


def test_the_walk_stops_where_it_stopped() -> None:
    """Nodes nested 1 to 9 deep, some met first past the depth the walk looks into and
    again above it, in mappings, lists, tuples, sets and confs; and plain values."""
    nodes = [Node(n, Location(f"f{n}.yaml", n + 1, 1, n + 1, 2)) for n in range(14)]
    edge: dict[int, Any] = {6: nodes[12], 7: nodes[13]}  # (a node 6 deep, one 7 deep)
    for depth, inner in list(edge.items()):
        for _ in range(depth):
            inner = [inner]
        edge[depth] = inner
    nested: Any = nodes[0]
    for depth in range(1, 10):
        nested = [nested, nodes[depth]] if depth % 3 else {"k": nested, "n": (nodes[depth],)}
    shared = [nodes[10], frozenset({"x", 3})]
    deep: Any = shared
    for _ in range(7):
        deep = [deep]
    project = Project(jobs=[deep, shared, nested, "plain", 5, None, *edge.values()],  # type: ignore[list-item]
                      templates=[{"a": [nodes[11], Location("loc.yaml", 1, 1, 1, 1)]}])  # type: ignore[list-item]
    found = records._paths(project)
    assert found == _walked_before(project)
    assert {"f10.yaml", "f11.yaml", "loc.yaml", "f12.yaml"} <= found
    assert "f0.yaml" not in found and "f13.yaml" not in found


def test_pools_with_the_same_label_keys_share_their_string(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [f"karpenter.k8s.aws/instance-key-{n}" for n in range(12)]
    first, second = dict.fromkeys(keys), dict.fromkeys(list(keys))  # (equal, not the same)
    joined = records._label_keys(first)
    assert joined == "\n".join(keys) and records._label_keys(second) is joined
    assert records._label_keys({"a\nb": None}) == ["a\nb"]  # (listed: a list of its own)
    assert records._label_keys({"a\nb": None}) is not records._label_keys({"a\nb": None})
    monkeypatch.setattr(records, "KEYS_KEPT", 2)
    many = [records._label_keys({f"k{n}": None, "z": None}) for n in range(5)]
    assert many == [f"k{n}\nz" for n in range(5)] and len(records._KEYS) <= 2
    assert records._label_keys({}) == ""


def test_label_values_by_position() -> None:
    """Values (sorted) by the position of their key, as a string, for the keys that have
    any (an empty set is a value; None is none)."""
    from spotlint.model import Pool

    labels: dict[str, frozenset[str] | None] = {f"k{n}": None for n in range(70)}
    labels["k0"] = frozenset({"b", "a"})
    labels["k65"] = frozenset({"z"})
    labels["k69"] = frozenset()
    node = Node({}, Location("p.yaml", 1, 1, 1, 1))
    entry = records._pool(Pool("p", "karpenter-nodepool", node, node, node_labels=labels))
    assert entry["label_values"] == {"0": ["a", "b"], "65": ["z"], "69": []}
    assert entry["label_keys"] == "\n".join(labels)
