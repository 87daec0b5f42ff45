"""Fixes on pod placement (SL101, SL104, SL105): which located value to change.

Placement rules know a constraint by its node (a ``nodeSelector`` value, or a
whole ``matchExpressions`` entry); a fix needs the exact scalar to rewrite, or
the pod spec that should get a ``nodeSelector``. The model keeps no parent
links, so the pod spec holding an affinity entry is found by walking the
documents of that file (identity of nodes, not equality of values).
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.location import Node
from spotlint.model import PodPlacement, Project
from spotlint.rule import Change, InsertKey, SetValue


def value_nodes(node: Node, value: str) -> list[Node]:
    """The scalars spelling ``value``: ``node`` itself, or the ``values`` of an expression."""
    if node.is_scalar:
        return [node] if (node.text() or "").strip() == value else []
    values = node.get("values")
    return [v for v in (values.elements() if values is not None else ()) if v.text() == value]


def set_scalar(node: Node, value: str) -> SetValue:
    """Rewrite a scalar (or a ``--conf`` segment, whose raw text is ``node.value``)."""
    return SetValue(node.loc, value, node.value if isinstance(node.value, str) else None)


def shared_nodes(project: Project, placement: PodPlacement) -> set[int]:
    """Ids of the nodes constraining the *other* role of the job that owns ``placement``.

    A selector written once for both roles (``spark.kubernetes.node.selector.*``,
    one template for driver and executors) must not be changed for one of them.
    The owners are looked up in an index of the project built once (see
    :func:`_other_roles`), not by scanning every job for every placement.
    """
    ids: set[int] = set()
    for other in _other_roles(project).get(id(placement), ()):
        ids |= {id(n) for n in other.node_selector.values()}
        ids |= {id(r.node) for term in other.required_terms or [] for r in term}
        ids |= {id(r.node) for r in other.preferred}
    return ids


#: The last project indexed: (project, its job count, placement id -> other roles' placements).
_INDEXED: list[tuple[Project, int, dict[int, list[PodPlacement]]]] = []


def _other_roles(project: Project) -> dict[int, list[PodPlacement]]:
    """For each placement of a job, the placement of the job's other role.

    SL101 asks this for every driver it reports; scanning every job each time
    made fixing 100,000 one-line confs quadratic. The index is rebuilt when a
    different project (or the same one with other jobs) asks; it keeps its
    project alive, so an ``id`` cannot be reused while indexed.
    """
    if _INDEXED and _INDEXED[0][0] is project and _INDEXED[0][1] == len(project.jobs):
        return _INDEXED[0][2]
    index: dict[int, list[PodPlacement]] = {}
    for job in project.jobs:
        if job.driver is not None and job.executor is not None:
            index.setdefault(id(job.driver), []).append(job.executor)
            if job.executor is not job.driver:
                index.setdefault(id(job.executor), []).append(job.driver)
    _INDEXED[:] = [(project, len(project.jobs), index)]
    return index


def forget(project: Project) -> None:
    """Drop the index of ``project`` (it holds the project alive; see ``_other_roles``)."""
    if _INDEXED and _INDEXED[0][0] is project:
        _INDEXED.clear()


def with_value(placement: PodPlacement, at: Node, value: str) -> PodPlacement | None:
    """A copy of ``placement`` whose selector entry or ``In`` requirement at ``at`` reads
    ``value``: the placement a fix would leave, to check it still reaches a pool."""
    variant = placement.copy()
    for key, node in placement.node_selector.items():
        if node is at:
            variant.node_selector[key] = Node(value, node.loc, node.key)
            return variant
    for term in variant.required_terms or []:
        for index, req in enumerate(term):
            if req.node is at:
                term[index] = req.with_values((value,))
                return variant
    return None


def with_selector(placement: PodPlacement, key: str, value: str) -> PodPlacement:
    """A copy of ``placement`` with ``key: value`` added to its nodeSelector."""
    variant = placement.copy()
    variant.node_selector[key] = Node(value, placement.anchor.loc)
    return variant


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.value.values() if node.is_map else node.elements():
        yield from _walk(child)


def spec_holding(project: Project, target: Node) -> Node | None:
    """The pod spec map whose ``affinity`` contains ``target``."""
    roots = [j.doc for j in project.jobs] + [t.doc for t in project.templates]
    for root in roots:
        if root.loc.path != target.loc.path or not root.is_map:
            continue
        for node in _walk(root):
            affinity = node.get("affinity") if node.is_map else None
            if affinity is not None and any(n is target for n in _walk(affinity)):
                return node
    return None


def add_node_selector(spec: Node, key: str, value: str) -> Change | None:
    """``nodeSelector: {key: value}`` on a pod spec (added to an existing selector)."""
    selector = spec.get("nodeSelector")
    if selector is None:
        return InsertKey(spec.loc, ("nodeSelector", key), value)
    if not selector.is_map or selector.get(key) is not None:
        return None
    return InsertKey(selector.loc, (key,), value)
