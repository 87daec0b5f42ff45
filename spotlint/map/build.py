"""The placement map of one run: clusters, pools, jobs and where each job role lands.

Everything here is *read* from the run's model and from the placement view
(:class:`~spotlint.placement.view.PlacementIndex`) that the rules read, asked
through :func:`~spotlint.placement.view.index_for` with the project, capacity
table and settings each rule was given: the map draws the one placement
answer, it never computes its own, so a map and a finding cannot disagree.

The result is plain data (dictionaries, lists, strings), the shape documented
in docs/map.md and ``schemas/map.schema.json``; the terminal table and the
HTML page render it, and ``--format json`` prints it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from spotlint import __version__
from spotlint.finding import Finding
from spotlint.model import ON_DEMAND, SPOT, Job, Pool, Role
from spotlint.placement.clusters import Cluster, pool_cluster
from spotlint.placement.pools import POOL_KIND_WORDS
from spotlint.placement.view import PlacementIndex, RoleView, index_for
from spotlint.result import RunResult

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The version of the JSON shape (docs/map.md says what changes it).
MAP_VERSION = 1

#: Where a role can land, as the map names it.
LANDINGS = ("spot", "on-demand", "both", "nowhere", "unknown")

_INSTANCE_TYPE_KEYS = ("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type")
_FAMILY_KEYS = ("karpenter.k8s.aws/instance-family", "eks.amazonaws.com/instance-family")
_SIZE_KEYS = ("karpenter.k8s.aws/instance-size", "eks.amazonaws.com/instance-size")
_INSTANCE_PREFIXES = ("karpenter.k8s.aws/instance-", "eks.amazonaws.com/instance-")


def landing_of(types: Iterable[str]) -> str:
    """``spot``, ``on-demand`` (any capacity that is not Spot), ``both`` or ``nowhere``."""
    kinds = frozenset(types)
    if not kinds:
        return "nowhere"
    if SPOT not in kinds:
        return "on-demand"
    return "spot" if kinds == {SPOT} else "both"


def _types(types: Iterable[str]) -> list[str]:
    order = {SPOT: 0, ON_DEMAND: 1}
    return sorted(types, key=lambda t: (order.get(t, 2), t))


class _Ids:
    """Stable short ids (``p1``, ``j3``) in model order, so two runs give the same map."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_key: dict[Any, str] = {}

    def __call__(self, key: Any) -> str:
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = f"{self.prefix}{len(self.by_key) + 1}"
        return found


class MapBuilder:
    """Builds the map of one :class:`~spotlint.result.RunResult` kept with its model."""

    def __init__(self, result: RunResult) -> None:
        if result.model is None:
            raise ValueError("the run kept no model: lint(..., keep_model=True)")
        self.result = result
        self.model = result.model
        self.root = result.root
        self.pool_ids = _Ids("p")
        self.cluster_ids = _Ids("c")
        self.job_ids = _Ids("j")
        self.clusters: dict[str, dict[str, Any]] = {}
        self.pools: dict[str, dict[str, Any]] = {}
        self.attached: set[int] = set()
        reported = set(result.files)
        self.findings_by_path: dict[str, list[Finding]] = {}
        for finding in result.findings:
            self.findings_by_path.setdefault(finding.location.path, []).append(finding)
        self.indexes = [index_for(self.model.project, capacity, settings)
                        for settings, capacity in self.model.judges]
        self.reported = reported

    # -- the whole map ------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        project = self.model.project
        for pool in project.pools:
            self._pool(pool, self._identity(pool))
        for index in self.indexes:
            for entry in index.finder.declared:
                self._pool(entry.pool, entry.cluster, declared=True)
        jobs = [self._job(job) for job in project.jobs if job.path in self.reported]
        # Pools first met through a job's scope (declared ones a job reached) are in
        # self.pools already; clusters are listed in the order their pools appear.
        unattached = [self._finding(f) for f in self.result.findings
                      if id(f) not in self.attached]
        return {
            "version": MAP_VERSION,
            "tool": {"name": "spotlint", "version": self.result.tool_version or __version__},
            "root": self.root,
            "clusters": list(self.clusters.values()),
            "pools": list(self.pools.values()),
            "jobs": jobs,
            "findings": unattached,
            "rules": sorted({f.code for f in self.result.findings}),
            "summary": _summary(jobs, self.pools.values()),
        }

    # -- clusters and pools -------------------------------------------------------------

    def _identity(self, pool: Pool) -> Cluster | None:
        for index in self.indexes:
            if id(pool) in index.finder.identity:
                return index.finder.identity[id(pool)]
        return pool_cluster(pool)

    def _cluster(self, cluster: Cluster | None, pool: Pool | None, declared: bool) -> str:
        """The id of a pool's cluster: named by its source or the configuration, else
        the pool's directory (pools that name no cluster are grouped where they sit)."""
        if cluster is not None:
            key: Any = ("named", cluster.name, cluster.region)
            for existing in self.clusters.values():
                if existing["name"] == cluster.name and (
                        existing["region"] is None or cluster.region is None
                        or existing["region"] == cluster.region):
                    if existing["region"] is None and cluster.region is not None:
                        existing["region"] = cluster.region
                    return str(existing["id"])
            name, region, how = cluster.name, cluster.region, "named"
        elif declared or pool is None:
            key = ("declared",)
            name, region, how = "declared pools (any cluster)", None, "declared"
        else:
            directory = os.path.dirname(self._rel(pool.path)) or "."
            key = ("directory", directory)
            name, region, how = f"{directory}/", None, "directory"
        ident = self.cluster_ids(key)
        if ident not in self.clusters:
            self.clusters[ident] = {"id": ident, "name": name, "region": region, "how": how,
                                    "pools": [], "jobs": []}
        return ident

    def _pool(self, pool: Pool, cluster: Cluster | None, declared: bool = False) -> str:
        ident = self.pool_ids(id(pool))
        if ident in self.pools:
            return ident
        cluster_id = self._cluster(cluster, pool, declared)
        self.clusters[cluster_id]["pools"].append(ident)
        offers = (None if pool.capacity_types is None else _types(pool.capacity_types))
        self.pools[ident] = {
            "id": ident,
            "name": pool.name,
            "kind": pool.kind,
            "kind_label": POOL_KIND_WORDS.get(pool.kind, pool.kind),
            "cluster": cluster_id,
            "declared": declared,
            "path": self._rel(pool.path),
            "line": pool.anchor.loc.line,
            "capacity": offers,
            "offers": "unknown" if offers is None else landing_of(offers),
            "instances": _instances(pool),
            "zones": None if pool.zones is None else sorted(
                {z.text() or "?" for z in pool.zones}),
            "limits": _limits(pool),
            "taints": [_taint(t.key, t.value, t.effect) for t in pool.taints],
            "findings": [self._finding(f) for f in self._findings_in(pool.anchor.loc)],
        }
        return ident

    # -- jobs ---------------------------------------------------------------------------

    def _job(self, job: Job) -> dict[str, Any]:
        settings, capacity = self.model.judge(job.path)
        index = index_for(self.model.project, capacity, settings)
        roles = {role.value: self._role(index, index.for_job(job, role)) for role in Role}
        driver = index.for_job(job, Role.DRIVER)
        scope = driver.scope
        pool_ids = [self._scoped_pool(p) for p in scope.pools]
        cluster_ids = sorted({self.pools[p]["cluster"] for p in pool_ids},
                             key=lambda c: int(c[1:]))
        ident = self.job_ids(id(job))
        for cluster_id in cluster_ids:
            self.clusters[cluster_id]["jobs"].append(ident)
        return {
            "id": ident,
            "name": job.name,
            "kind": str(job.kind),
            "path": self._rel(job.path),
            "line": job.doc.loc.line,
            "clusters": cluster_ids,
            "scope": {
                "how": scope.how,
                "cluster": str(scope.cluster) if scope.cluster is not None else None,
                "pools": pool_ids,
                "rivals": [str(c) for c in scope.rivals],
            },
            "driver": roles[Role.DRIVER.value],
            "executor": roles[Role.EXECUTOR.value],
            "findings": [self._finding(f) for f in self._findings_in(job.doc.loc)],
        }

    def _scoped_pool(self, pool: Pool) -> str:
        ident = self.pool_ids.by_key.get(id(pool))
        if ident is None:  # a pool of the scope the project list did not hold
            ident = self._pool(pool, self._identity(pool), declared=pool.kind == "declared")
        return ident

    def _role(self, index: PlacementIndex, view: RoleView) -> dict[str, Any]:
        reach = [{"pool": self._scoped_pool(r.pool), "capacity": _types(r.types)}
                 for r in view.reach]
        blocked = [{"pool": self._scoped_pool(b.pool), "capacity": _types(b.types),
                    "taints": [_taint(t.key, t.value, t.effect) for t in b.taints]}
                   for b in view.blocked]
        lands, decided, capacity, why = _landing(index, view)
        return {
            "lands": lands,
            "capacity": capacity,
            "decided_by": decided,
            "pools": reach,
            "blocked": blocked,
            "complete": view.complete,
            "unread_template": view.unread,
            "why": why,
            "remedy": view.remedy,
        }

    # -- findings -----------------------------------------------------------------------

    def _findings_in(self, loc: Any) -> list[Finding]:
        """The findings located in a document (its first to its last line)."""
        found = [f for f in self.findings_by_path.get(loc.path, ())
                 if loc.line <= f.location.line <= max(loc.end_line, loc.line)]
        self.attached.update(id(f) for f in found)
        return found

    def _finding(self, finding: Finding) -> dict[str, Any]:
        loc = finding.location
        return {
            "code": finding.code,
            "name": finding.name,
            "severity": finding.severity.value,
            "message": finding.message,
            "path": self._rel(loc.path),
            "line": loc.line,
            "col": loc.col,
            "suppressed": finding.suppression is not None,
        }

    def _rel(self, path: str) -> str:
        if not path or path == "-" or not os.path.isabs(path):
            return path.replace(os.sep, "/")
        try:
            rel = os.path.relpath(path, os.path.abspath(self.root))
        except ValueError:
            return path
        return path if rel.startswith("..") else rel.replace(os.sep, "/")


def build_map(result: RunResult) -> dict[str, Any]:
    """The map of a run made with ``keep_model=True`` (see docs/map.md for the shape)."""
    return MapBuilder(result).build()


def _landing(index: PlacementIndex, view: RoleView) -> tuple[str, str, list[str], str]:
    """(lands, decided by, capacity types, why) of one role, read from its view.

    * pools in reach decide: the types they give it;
    * pools in scope but none in reach: nowhere, with the placement package's own
      explanation (unless the pod selects a label no pool in scope puts on its
      nodes: then it targets a pool that was not read, and the answer is unknown);
    * no pool in scope: the capacity labels decide when they say anything;
    * otherwise unknown, with the view's reason.
    """
    if view.reach:
        types = _types(view.admitted)
        why = f"decided by the {len(view.reach)} pool(s) in scope it can land on"
        if view.assumption:
            why += f"; an upper bound: {view.assumption}"
        return landing_of(view.admitted), "pools", types, why
    if view.pools:
        from spotlint.placement.explain import explain_unschedulable, selects_unscanned_label

        pod = view.placement
        pools = list(view.pools)
        reasons = (explain_unschedulable(pod, pools, index.capacity, taints=view.complete)
                   if pod is not None else [])
        foreign = next((r.message for r in reasons if r.foreign), None)
        if foreign is None and pod is not None and selects_unscanned_label(pod, pools):
            foreign = "it selects a label key no pool in scope puts on its nodes"
        if foreign is not None:  # as SL106: it targets a pool that was not scanned
            return ("unknown", "nothing", _types(view.labels.allowed),
                    f"it targets nodes no pool in scope describes: {foreign}")
        told = "; ".join(r.message for r in reasons[:3]) or (
            view.assumption or "no pool in scope fits")
        return "nowhere", "pools", [], f"no pool in scope can host it: {told}"
    if view.labels.constrained:
        types = _types(view.labels.allowed)
        said = "; ".join(c.describe() for c in view.labels.constraints[:3])
        return (landing_of(view.labels.allowed), "labels", types,
                f"its capacity labels decide ({said}); {view.scope.why_unknown()}")
    why = view.assumption or view.scope.why_unknown()
    return "unknown", "nothing", _types(view.admitted), why


def _taint(key: str, value: str | None, effect: str) -> str:
    return f"{key}={value}:{effect}" if value else f"{key}:{effect}"


def _instances(pool: Pool) -> dict[str, Any]:
    """Instance types, families and sizes a pool names (explicit lists and requirements)."""
    types: set[str] = set()
    families: set[str] = set()
    sizes: set[str] = set()
    other: list[str] = []
    for node in pool.instance_types or ():
        text = node.text()
        if text:
            types.add(text)
    for req in pool.requirements:
        values = [v for v in req.values if v]
        if req.operator == "In" and req.key in _INSTANCE_TYPE_KEYS:
            types.update(values)
        elif req.operator == "In" and req.key in _FAMILY_KEYS:
            families.update(values)
        elif req.operator == "In" and req.key in _SIZE_KEYS:
            sizes.update(values)
        elif req.key.startswith(_INSTANCE_PREFIXES) or req.key in _INSTANCE_TYPE_KEYS:
            shown = f" [{', '.join(values)}]" if values else ""
            other.append(f"{req.key.rsplit('/', 1)[-1]} {req.operator}{shown}")
    for name in types:
        family, dot, size = name.partition(".")
        if dot and "*" not in family:
            families.add(family)
            if size and "*" not in size:
                sizes.add(size)
    return {"types": sorted(types), "families": sorted(families), "sizes": sorted(sizes),
            "requirements": other}


def _limits(pool: Pool) -> dict[str, Any] | None:
    limits = pool.limits
    replicas = pool.replicas.text() if pool.replicas is not None else None
    if limits is None and replicas is None and not pool.size:
        return None
    return {
        "known": limits.known if limits is not None else True,
        "amounts": dict(limits.amounts) if limits is not None else {},
        "replicas": replicas,
        "size": dict(pool.size),
    }


def _summary(jobs: Sequence[dict[str, Any]], pools: Iterable[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {
        role: dict.fromkeys(LANDINGS, 0) for role in ("driver", "executor")}
    for job in jobs:
        for role in ("driver", "executor"):
            counts[role][job[role]["lands"]] += 1
    return {"jobs": len(jobs), "pools": len(list(pools)), "driver": counts["driver"],
            "executor": counts["executor"]}
