"""What a context file gives other files, built back from its record without a parse.

A context file whose record holds only pools, node classes and interruption
handlers (no jobs, templates, references) contributes to other files'
findings only through them: where pods may land (capacity types, labels,
taints, zones), which cluster pools belong to (their own, or their node
class's discovery tags), which handlers cover them, how messages name them
and where related locations point. :func:`contribution` adds to a project
exactly that, at the locations a parse would give. Fields only the object's
own rules read keep their defaults: a context file's findings are never
reported, and pool rules skip its pools (``spotlint.engine.checking``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from spotlint.index.records import Record
from spotlint.location import Location, Node
from spotlint.model import InterruptionHandling, Pool, Project, Taint

#: Record keys of a file whose contribution the record holds entirely.
STANDS_IN = frozenset({"pools", "node_classes", "handlers"})


def stands_in(record: Mapping[str, Any]) -> bool:
    """Does the record hold all the file gives other files (so it can stand in)?"""
    return bool(record) and record.keys() <= STANDS_IN


def contribution(record: Record, path: str) -> Callable[[Project], None]:
    """Adds the file's pools, node classes and handlers (named ``path`` as the run
    names the file) to a project, in the order a parse adds them."""

    def add(project: Project) -> None:
        from spotlint.recognize.karpenter import node_class_stub

        project.pools.extend(pools_of(record, path))
        classes = project.node_classes
        for name, loc, cluster in record.get("node_classes", ()):
            doc = node_class_stub(cluster, _loc(path, loc))
            key = name if name not in classes else f"{name}@{path}:{loc[0]}"
            classes[key] = doc
        for kind, cluster, loc, queue, setting in record.get("handlers", ()):
            project.interruption.append(
                InterruptionHandling(kind, _loc(path, loc), queue, setting, cluster))

    return add


def pools_of(record: Record, path: str) -> list[Pool]:
    """The pools of the file at ``path``, from its record."""
    return [_pool(entry, path) for entry in record.get("pools", ())]


def _loc(path: str, values: Sequence[int]) -> Location:
    line, col, end_line, end_col = values
    return Location(path, line, col, end_line, end_col)


def _value(entry: Sequence[Any], loc: Location) -> Node:
    text, unknown = entry
    return Node(text, loc, unknown=bool(unknown))


def _pool(entry: Mapping[str, Any], path: str) -> Pool:
    loc = _loc(path, entry["anchor"])
    key = entry.get("anchor_key")
    anchor = Node({}, loc, key=Node(None, _loc(path, key)) if key is not None else None)
    doc_loc = entry.get("doc")
    doc = Node({}, _loc(path, doc_loc)) if doc_loc is not None else anchor
    capacity = entry.get("capacity")
    zones = entry.get("zones")
    types = entry.get("types")
    return Pool(
        name=entry["name"],
        kind=entry["kind"],
        doc=doc,
        anchor=anchor,
        capacity_types=frozenset(capacity) if capacity is not None else None,
        node_labels=_labels(entry["label_keys"], entry["label_values"]),
        taints=[Taint(k, v, e, _taint_node(loc, unknown)) for k, v, e, unknown in entry["taints"]],
        zones=[_value(z, loc) for z in zones] if zones is not None else None,
        instance_types=[_value(t, loc) for t in types] if types is not None else None,
        karpenter=entry["karpenter"],
        managed=entry["managed"],
        autoscaled_group=entry["autoscaled"],
        node_class=entry["node_class"],
        cluster=entry["cluster"],
        region=entry["region"],
    )


def _labels(
    keys: str | list[str], values: Mapping[str, Sequence[str]]
) -> dict[str, frozenset[str] | None]:
    if isinstance(keys, str):
        keys = keys.split("\n") if keys else []
    labels: dict[str, frozenset[str] | None] = dict.fromkeys(keys)
    names = list(labels)
    for position, found in values.items():
        labels[names[int(position)]] = frozenset(found)
    return labels


def _taint_node(loc: Location, unknown: bool) -> Node:
    """The taint's node: a placeholder field is all placement asks of it."""
    if not unknown:
        return Node({}, loc)
    return Node({"key": Node("", loc, unknown=True)}, loc)
