"""What the SL1xx rules share: which placements to look at and how to name things.

A placement is looked at once, in the document that defines it: a job's merged
driver/executor placement (its template files, its ``spec.driver``/``executor``
and its node-selector confs), plus every pod template that no job references.
A referenced template is covered through its job, so it is not visited twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spotlint.capacity import CapacityLabels
from spotlint.location import Node
from spotlint.model import ON_DEMAND, SPOT, PodPlacement, Pool, Project, Role
from spotlint.placement import CapacityVerdict, allowed_capacity, pool_capacity_for, pool_title
from spotlint.rule import RuleContext, Violation

ROLE_WORDS = {Role.DRIVER: "driver", Role.EXECUTOR: "executors"}


def capacity_of(ctx: RuleContext) -> CapacityLabels:
    table = ctx.capacity
    return table if isinstance(table, CapacityLabels) else CapacityLabels()


def pools_of(ctx: RuleContext, placement: PodPlacement | None = None) -> list[Pool]:
    """The pools a placement is judged against: those defined nearest to it.

    A repository often keeps several clusters' (or blueprints') pools side by
    side; a job is matched against the pools under the closest ancestor
    directory of its file that holds any pool, not against every pool scanned.
    """
    project = ctx.project
    pools = list(project.pools) if isinstance(project, Project) else []
    if placement is None or not pools:
        return pools
    return pools_in_scope(placement.path, pools)


#: Per pool list: the pools (kept alive), their directories, the answer per directory.
_Scope = tuple[tuple[Pool, ...], list[tuple[str, Pool]], dict[str, list[Pool]]]
#: Scoping work by pool identities (see :func:`pools_in_scope`), for the last few lists.
_SCOPES: dict[tuple[int, ...], _Scope] = {}
_SCOPES_KEPT = 4


def pools_in_scope(path: str, pools: list[Pool]) -> list[Pool]:
    """The pools under the nearest ancestor directory of ``path`` that holds any.

    Every placement of every SL1xx rule asks this of the same pool list, so the
    pools' directories and the answer per directory are kept for the list (by
    the identity of its pools, which the entry keeps alive so an ``id`` cannot be
    reused while cached): a run costs placements + directories x pools, not
    placements x pools x depth path computations.
    """
    key = tuple(map(id, pools))
    entry = _SCOPES.get(key)
    if entry is None:
        if len(_SCOPES) >= _SCOPES_KEPT:
            del _SCOPES[next(iter(_SCOPES))]
        located = [(os.path.dirname(os.path.abspath(p.path)), p) for p in pools]
        entry = _SCOPES[key] = (tuple(pools), located, {})
    _, located, by_directory = entry
    directory = os.path.dirname(os.path.abspath(path))
    scoped = by_directory.get(directory)
    if scoped is None:
        scoped = by_directory[directory] = _nearest(directory, located)
    return list(scoped)


def _nearest(directory: str, located: list[tuple[str, Pool]]) -> list[Pool]:
    while True:
        prefix = directory.rstrip(os.sep) + os.sep
        scoped = [p for d, p in located if d == directory or d.startswith(prefix)]
        parent = os.path.dirname(directory)
        if scoped or parent == directory:
            return scoped
        directory = parent


def placements(project: Project, role: Role | None = None,
               include_unknown: bool = False) -> Iterator[PodPlacement]:
    """Each placement once: jobs' driver/executor, then templates no job references."""
    seen: set[int] = set()
    candidates: list[PodPlacement | None] = []
    for job in project.jobs:
        candidates.extend((job.driver, job.executor))
    candidates.extend(t.placement for t in project.templates if not t.referenced_by)
    for placement in candidates:
        if placement is None or id(placement) in seen:
            continue
        seen.add(id(placement))
        if role is not None and placement.role is not role:
            continue
        if placement.known or include_unknown:
            yield placement


def each_placement(
    project: Project, role: Role, check: Callable[[PodPlacement], Violation | None]
) -> Iterator[Violation]:
    """The finding ``check`` makes, if any, on each placement of ``role`` (SL101-SL103)."""
    for placement in placements(project, role):
        violation = check(placement)
        if violation is not None:
            yield violation


def role_word(placement: PodPlacement) -> str:
    return ROLE_WORDS.get(placement.role, "pod") if placement.role else "pod"


def first_constraint_node(placement: PodPlacement) -> Node:
    """The most specific node that decides where the pod goes, when no capacity label does.

    That is the first nodeSelector value, else the first required affinity
    requirement, else the placement itself.
    """
    for node in placement.node_selector.values():
        return node
    for term in placement.required_terms or []:
        for req in term:
            return req.node
    return placement.anchor


def on_demand_hint(capacity: CapacityLabels, key: str | None = None) -> str:
    """``karpenter.sh/capacity-type: on-demand``: the selector a fix should use."""
    keys = [key] if key else []
    keys += ["karpenter.sh/capacity-type", "eks.amazonaws.com/capacityType"]
    for candidate in keys:
        values = capacity.values_for(candidate, ON_DEMAND)
        if values:
            return f"{candidate}: {values[0]}"
    return "an On-Demand capacity label"


def spot_hint(capacity: CapacityLabels, key: str) -> str:
    values = capacity.values_for(key, SPOT)
    return f"{key}: {values[0]}" if values else "a Spot capacity label"


@dataclass(frozen=True)
class PoolReach:
    """A pool the pod can land on and the capacity types it would get there."""

    pool: Pool
    types: frozenset[str]


def reachable_pools(placement: PodPlacement, pools: Iterable[Pool],
                    capacity: CapacityLabels) -> list[PoolReach]:
    reach = (PoolReach(p, pool_capacity_for(placement, p, capacity)) for p in pools)
    return [r for r in reach if r.types]


def reach_of(placement: PodPlacement, ctx: RuleContext) -> list[PoolReach]:
    """The pools in the placement's scope it can land on (see ``pools_of``)."""
    return reachable_pools(placement, pools_of(ctx, placement), capacity_of(ctx))


def titles(pools: Iterable[Pool], limit: int = 4) -> str:
    """Pools named for a message; past ``limit`` the rest are counted, not listed."""
    listed = list(pools)
    shown = ", ".join(pool_title(p) for p in listed[:limit])
    return shown + (f" and {len(listed) - limit} more" if len(listed) > limit else "")


def anchors(pools: Iterable[Pool]) -> tuple[Node, ...]:
    return tuple(p.anchor for p in pools)


def verdict_for(placement: PodPlacement, ctx: RuleContext) -> CapacityVerdict:
    return allowed_capacity(placement, capacity_of(ctx))


def spot_only_pools(reach: list[PoolReach]) -> bool:
    """Every pool the pod can land on gives it Spot and nothing else."""
    return bool(reach) and all(r.types == frozenset({SPOT}) for r in reach)
