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

import json
from collections.abc import Callable, Mapping, Sequence

from spotlint.index.records import Record, label_keys
from spotlint.location import Location, Node, located
from spotlint.model import InterruptionHandling, Pool, Project, Taint, shared_values, stored_pool

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Record keys of a file whose contribution the record holds entirely.
STANDS_IN = frozenset({"pools", "node_classes", "handlers"})


def stands_in(record: Mapping[str, Any]) -> bool:
    """Does the record hold all the file gives other files (so it can stand in)?"""
    return bool(record) and record.keys() <= STANDS_IN


def contribution(
    details: str, path: str, shared: dict[str, str]
) -> Callable[[Project], None] | None:
    """What adds the file's pools, node classes and handlers (named ``path`` as the run
    names the file) to a project, in the order a parse adds them. None when the
    record cannot be read back (a damaged index): the file is then parsed."""
    try:
        record = json.loads(details)
    except (ValueError, RecursionError):
        return None
    return contribution_of(record, path, shared)


def contribution_of(
    record: Record, path: str, shared: dict[str, str]
) -> Callable[[Project], None] | None:
    """:func:`contribution` from the record's details as they are made
    (:func:`spotlint.index.records.describe`: what JSON text reads back as), not as
    text: the processes of a split run exchange records so."""
    from spotlint.recognize.karpenter import node_class_stub

    try:
        pools = pools_of(record, path, shared)
        classes = [(name, node_class_stub(cluster, _loc(path, loc)))
                   for name, loc, cluster in record.get("node_classes", ())]
        handlers = [InterruptionHandling(kind, _loc(path, loc), queue, setting, cluster)
                    for kind, cluster, loc, queue, setting in record.get("handlers", ())]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError):
        return None

    def add(project: Project) -> None:
        project.pools.extend(pools)
        known = project.node_classes
        for name, doc in classes:
            known[name if name not in known else f"{name}@{path}:{doc.loc.line}"] = doc
        project.interruption.extend(handlers)

    return add


def pools_of(record: Record, path: str, shared: dict[str, str]) -> list[Pool]:
    """The pools of the file at ``path``, from its record (``shared``: the index's
    shared strings, :func:`~spotlint.index.records.share`)."""
    return [_pool(entry, path, shared) for entry in record.get("pools", ())]


def _loc(path: str, values: Sequence[int]) -> Location:
    line, col, end_line, end_col = values
    return Location(path, line, col, end_line, end_col)


def _pool(entry: dict[str, Any], path: str, shared: dict[str, str]) -> Pool:
    # (nodes made in place, ``located``: no Location object for each; the pool by
    # :func:`~spotlint.model.stored_pool`, its value sets already shared)
    line, col, end_line, end_col = at = entry["anchor"]
    anchor = located({}, path, line, col, end_line, end_col)
    key = entry.get("anchor_key")
    if key is not None:
        anchor.key = _at(None, path, key)
    doc_at = entry.get("doc")
    doc = _at({}, path, doc_at) if doc_at is not None else anchor
    capacity = entry.get("capacity")
    zones = entry.get("zones")
    types = entry.get("types")
    taints = entry["taints"]
    return stored_pool(
        entry["name"], entry["kind"], doc, anchor,
        _values(capacity) if capacity is not None else None,
        _labels(entry["label_keys"], shared, entry["label_values"]),
        [Taint(k, v, e, _taint_node(path, at, unknown)) for k, v, e, unknown in taints]
        if taints else [],
        [located(text, path, line, col, end_line, end_col, unknown=bool(unknown))
         for text, unknown in types] if types is not None else None,
        [located(text, path, line, col, end_line, end_col, unknown=bool(unknown))
         for text, unknown in zones] if zones is not None else None,
        entry["autoscaled"], entry["managed"], entry["karpenter"], entry["node_class"],
        entry["cluster"], entry["region"],
    )


def _values(found: Sequence[str]) -> frozenset[str]:
    """The shared frozenset (:func:`~spotlint.model.shared_values`) of these values,
    found by their tuple: pools repeat a few lists of values (``["spot"]``, a zone
    list), whose frozenset each cost hashing its items and comparing on a hit."""
    key = tuple(found)
    values = _FROZEN.get(key)
    if values is None:
        values = shared_values(frozenset(key))
        if len(_FROZEN) < _FROZEN_KEPT:
            _FROZEN[key] = values
    return values


#: :func:`_values`' answers by the values' tuple, up to :data:`_FROZEN_KEPT` of them.
_FROZEN: dict[tuple[str, ...], frozenset[str]] = {}
_FROZEN_KEPT = 4096


def _labels(
    stored_keys: Any, shared: dict[str, str], values: Mapping[str, Sequence[str]]
) -> dict[str, frozenset[str] | None]:
    # (the labels of no value yet, and their keys by position, made once for each set
    # of keys: most pools of a project carry the same ~27 well-known keys, stored as one
    # shared text, by which the template is found without splitting it again)
    if type(stored_keys) is dict:
        text = shared.get(stored_keys.get("ref", ""))
        template = _BY_TEXT.get(text) if type(text) is str else None
        if template is None:
            template = _template(label_keys({"label_keys": stored_keys}, shared))
            if type(text) is str and len(_BY_TEXT) < _TEMPLATES_KEPT:
                _BY_TEXT[text] = template
    else:
        template = _template(label_keys({"label_keys": stored_keys}, shared))
    labels, names = template[0].copy(), template[1]
    known = _FROZEN.get
    for position, found in values.items():
        same = known(tuple(found))
        labels[names[position]] = same if same is not None else _values(found)
    return labels


def _template(keys: list[str]) -> tuple[dict[str, frozenset[str] | None], dict[str, str]]:
    """The labels of no value of these keys, and the keys by their position as the
    details write it (``"0"``, ``"1"``...: :func:`_labels`)."""
    template = _TEMPLATES.get(key := tuple(keys))
    if template is None:
        empty: dict[str, frozenset[str] | None] = dict.fromkeys(keys)
        template = (empty, {str(at): name for at, name in enumerate(empty)})
        if len(_TEMPLATES) < _TEMPLATES_KEPT:
            _TEMPLATES[key] = template
    return template


#: :func:`_labels`' templates by the keys, up to :data:`_TEMPLATES_KEPT` sets of keys.
_TEMPLATES: dict[tuple[str, ...], tuple[dict[str, frozenset[str] | None], dict[str, str]]] = {}
#: the same by the shared text of the keys
_BY_TEXT: dict[str, tuple[dict[str, frozenset[str] | None], dict[str, str]]] = {}
_TEMPLATES_KEPT = 256


def _at(value: Any, path: str, span: Sequence[int], unknown: bool = False) -> Node:
    """A node of ``value`` at ``span`` (line, column, end line, end column) of ``path``."""
    line, col, end_line, end_col = span
    return located(value, path, line, col, end_line, end_col, unknown=unknown)


def _taint_node(path: str, span: Sequence[int], unknown: bool) -> Node:
    """The taint's node: a placeholder field is all placement asks of it."""
    if not unknown:
        return _at({}, path, span)
    return _at({"key": _at("", path, span, unknown=True)}, path, span)
