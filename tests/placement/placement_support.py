"""Builders for the placement tests: model objects by hand, and small repositories on disk."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from pathlib import Path

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.location import Location, Node
from spotlint.model import (
    Job,
    PodPlacement,
    PodTemplate,
    Pool,
    Project,
    Requirement,
    Role,
    Taint,
    Toleration,
)
from spotlint.result import RunResult
from spotlint.rule import RuleContext, Violation

KARP = "karpenter.sh/capacity-type"
EKS = "eks.amazonaws.com/capacityType"
ZONE = "topology.kubernetes.io/zone"
ZONE_ID = "topology.k8s.aws/zone-id"
_lines = itertools.count(1)


def node(value: object = "", path: str = "pod.yaml", unknown: bool = False) -> Node:
    return Node(value, Location.point(path, next(_lines), 1), unknown=unknown)


def req(key: str, op: str, *values: str, path: str = "pod.yaml") -> Requirement:
    return Requirement(key=key, operator=op, values=values, node=node({"key": key}, path),
                       value_nodes=tuple(node(v, path) for v in values))


def placement(
    role: Role,
    selector: dict[str, str] | None = None,
    terms: list[list[Requirement]] | None = None,
    tolerations: list[Toleration] | None = None,
    known: bool = True,
    path: str = "pod.yaml",
) -> PodPlacement:
    return PodPlacement(
        role=role, anchor=node({}, path),
        node_selector={k: node(v, path) for k, v in (selector or {}).items()},
        required_terms=terms, tolerations=tolerations or [], known=known,
    )


def job(driver: PodPlacement | None = None, executor: PodPlacement | None = None,
        name: str = "etl", path: str = "app.yaml") -> Job:
    return Job(name=name, kind="SparkApplication", doc=node({}, path),
               driver=driver, executor=executor)


def template(p: PodPlacement) -> PodTemplate:
    return PodTemplate(placement=p, doc=p.anchor, name="tpl")


def pool(name: str, capacity: Sequence[str] | None,
         labels: dict[str, set[str] | None] | None = None, taints: list[Taint] | None = None,
         path: str | None = None, cluster: str | None = None, region: str | None = None) -> Pool:
    anchor = node({}, path or f"{name}.yaml")
    return Pool(name=name, kind="karpenter-nodepool", doc=anchor, anchor=anchor,
                capacity_types=frozenset(capacity) if capacity is not None else None,
                node_labels={k: frozenset(v) if v is not None else None
                             for k, v in (labels or {}).items()},
                taints=taints or [], cluster=cluster, region=region)


def nodepool(name: str, *capacity_values: str, path: str | None = None,
             cluster: str | None = None, **labels: set[str] | None) -> Pool:
    """A Karpenter-like pool: its capacity label, its name label, the zone-id label."""
    all_labels: dict[str, set[str] | None] = {
        KARP: set(capacity_values), "karpenter.sh/nodepool": {name}, ZONE_ID: None}
    all_labels.update({k.replace("__", "/").replace("_", "."): v for k, v in labels.items()})
    types = [CapacityLabels().canonical(KARP, v) or v for v in capacity_values]
    return pool(name, types, all_labels, path=path, cluster=cluster)


def node_group(name: str, *capacity: str, path: str | None = None, cluster: str | None = None,
               region: str | None = None, **labels: set[str] | None) -> Pool:
    """An EKS-managed-node-group-like pool: eks.amazonaws.com/capacityType and its name."""
    values = {"spot": "SPOT", "on-demand": "ON_DEMAND"}
    all_labels: dict[str, set[str] | None] = {
        EKS: {values[c] for c in capacity}, "eks.amazonaws.com/nodegroup": {name}, ZONE_ID: None}
    all_labels.update({k.replace("__", "/").replace("_", "."): v for k, v in labels.items()})
    group = pool(name, list(capacity), all_labels, path=path, cluster=cluster, region=region)
    group.kind = "eksctl-managed"
    return group


def taint(key: str, value: str | None = None, effect: str = "NoSchedule") -> Taint:
    return Taint(key, value, effect, node({}))


def project(*, jobs: list[Job] | None = None, templates: list[PodTemplate] | None = None,
            pools: list[Pool] | None = None) -> Project:
    return Project(jobs=jobs or [], templates=templates or [], pools=pools or [])


def context(p: Project, settings: Settings | None = None) -> RuleContext:
    return RuleContext(project=p, capacity=CapacityLabels(), settings=settings)


def run_rule(code: str, p: Project, settings: Settings | None = None) -> list[Violation]:
    """Every violation one built-in rule yields on a hand-built project."""
    from spotlint.rules import all_rules

    rule = next(r for r in all_rules() if r.code == code)
    ctx = context(p, settings)
    if rule.target == "job":
        return [v for j in p.jobs for v in rule.run(j, ctx)]
    return list(rule.run(p, ctx))


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def lint_tree(root: Path, select: Sequence[str] = ("ALL",), **settings: object) -> RunResult:
    """Lint a directory as `spotlint check ROOT --isolated` would (with extra settings)."""
    chosen = Settings(root=str(root), select=list(select))
    for key, value in settings.items():
        setattr(chosen, key, value)
    return lint([str(root)], chosen)


def found(result: RunResult, root: Path) -> set[tuple[str, int, str]]:
    """(path relative to root, line, code) of the active findings."""
    return {(str(Path(f.location.path).resolve().relative_to(root.resolve())),
             f.location.line, f.code) for f in result.active}


def codes(result: RunResult) -> list[str]:
    return sorted(f.code for f in result.active)
