"""The one placement view per job role that every rule and fix reads.

For each driver and executor of each job (and each pod template no job
references) the :class:`PlacementIndex` computes, once, a :class:`RoleView`:

* ``scope``: the pools of the job's cluster (see :mod:`~spotlint.placement.clusters`);
* ``labels``: the capacity its capacity labels alone admit, with the
  constraints that decide it and the values no node carries;
* ``reach``: the pools whose nodes it can land on, and the capacity types it
  gets in each; ``blocked``: pools its labels fit but whose taints it does not
  tolerate;
* ``admitted``: the capacity types it may run on. With pools in reach they
  decide; otherwise the capacity labels do (and say nothing when the pod
  selects none: then every type is admitted).

**Incomplete placement.** When part of a role's placement lives in a pod
template spotlint cannot read (``s3://...``), what the job itself sets
(node-selector confs, ``spec.driver``) still holds: Spark applies it on top of
any template, which can only narrow it. The view is then an upper bound:
``admitted`` may be more than the truth, never less, and pools are matched on
labels only (the template may add tolerations). So "only Spot" and "never
Spot" are still certain; "may use Spot" is an assumption, and
:attr:`RoleView.assumption` says why.

Every rule reads these answers instead of computing its own, so no two
findings can disagree about where one role may run.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator

from spotlint.capacity import CapacityLabels
from spotlint.location import Location, Node
from spotlint.model import ON_DEMAND, SPOT, Job, PodPlacement, Pool, Project, Role, Taint
from spotlint.placement.candidates import PoolIndex
from spotlint.placement.clusters import Scope, ScopeFinder
from spotlint.placement.keys import NOTHING, SPOT_ONLY
from spotlint.placement.matching import matching_key, untolerated_taints
from spotlint.placement.pools import label_capacity_for
from spotlint.placement.verdict import CapacityVerdict, allowed_capacity
from spotlint.placement.zones import ZoneReach, reachable_zones
from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False

_set = object.__setattr__


CAPACITY_WORDS = {SPOT: "Spot", ON_DEMAND: "On-Demand"}


if TYPE_CHECKING:
    from functools import cached_property as _kept
    from typing import Any
else:
    class _kept:
        """``functools.cached_property`` without its lock: the value is computed on the
        first access and kept in the instance's dictionary, which answers every later
        one (a non-data descriptor). Python 3.11's takes a re-entrant lock on each first
        access (and Python 3.12 dropped it): several hundred views a process are asked
        why they may use Spot, each once. Views are read by one thread."""

        def __init__(self, func: Callable[[Any], Any]) -> None:
            self.func = func
            self.name = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner: type, name: str) -> None:
            self.name = name

        def __get__(self, instance: Any, owner: type | None = None) -> Any:
            if instance is None:
                return self
            value = instance.__dict__[self.name] = self.func(instance)
            return value


@frozen
class PoolReach(FrozenValue):
    """A pool the pod can land on and the capacity types it would get there."""

    pool: Pool
    types: frozenset[str]

    def __init__(
        self,
        pool: Pool,
        types: frozenset[str],
    ) -> None:
        _set(self, "pool", pool)
        _set(self, "types", types)


@frozen
class Blocked(FrozenValue):
    """A pool whose node labels suit the pod but whose taints it does not tolerate."""

    pool: Pool
    types: frozenset[str]
    taints: tuple[Taint, ...]

    def __init__(
        self,
        pool: Pool,
        types: frozenset[str],
        taints: tuple[Taint, ...],
    ) -> None:
        _set(self, "pool", pool)
        _set(self, "types", types)
        _set(self, "taints", taints)


@frozen
class RoleView(FrozenValue):
    """Where one role of one job may run, and why (see the module docstring)."""

    role: Role | None
    #: the merged constraints; None when the job says nothing about this role
    placement: PodPlacement | None
    scope: Scope
    labels: CapacityVerdict
    reach: tuple[PoolReach, ...]
    blocked: tuple[Blocked, ...]
    complete: bool
    admitted: frozenset[str]
    #: True when the pools in reach decided ``admitted``, False when the labels did
    by_pools: bool
    #: the pod template that could not be read, when the view is incomplete
    unread: str | None

    def __init__(
        self,
        role: Role | None,
        placement: PodPlacement | None,
        scope: Scope,
        labels: CapacityVerdict,
        reach: tuple[PoolReach, ...],
        blocked: tuple[Blocked, ...],
        complete: bool,
        admitted: frozenset[str],
        by_pools: bool,
        unread: str | None = None,
    ) -> None:
        _set(self, "role", role)
        _set(self, "placement", placement)
        _set(self, "scope", scope)
        _set(self, "labels", labels)
        _set(self, "reach", reach)
        _set(self, "blocked", blocked)
        _set(self, "complete", complete)
        _set(self, "admitted", admitted)
        _set(self, "by_pools", by_pools)
        _set(self, "unread", unread)

    @property
    def pools(self) -> tuple[Pool, ...]:
        return self.scope.pools

    @property
    def spot_only(self) -> bool:
        return self.admitted == SPOT_ONLY

    @property
    def excludes_spot(self) -> bool:
        """Never Spot: it may run somewhere, and not on Spot (certain even when incomplete)."""
        return bool(self.admitted) and SPOT not in self.admitted

    @property
    def may_use_spot(self) -> bool:
        return SPOT in self.admitted

    def reaching(self, capacity_type: str) -> list[Pool]:
        """Pools in reach that give it ``capacity_type`` nodes."""
        return [r.pool for r in self.reach if capacity_type in r.types]

    def blocked_from(self, capacity_type: str) -> list[Blocked]:
        """Pools offering ``capacity_type`` that only an untolerated taint keeps it off."""
        return [b for b in self.blocked if capacity_type in b.types]

    @_kept
    def assumption(self) -> str | None:
        """Why "may use Spot" is assumed rather than known (None: it is known, or not Spot).

        Kept once asked (the view does not change): every rule that says a role may use
        Spot says why, for each of its findings."""
        if SPOT not in self.admitted:
            return None
        if not self.complete and self.admitted != SPOT_ONLY:
            what = f"pod template {self.unread}" if self.unread else "pod template"
            return f"its {what} is not read"
        if self.by_pools or (self.labels.constrained and self.labels.admitting(SPOT)):
            return None
        if self.pools:
            if self.blocked:
                return "the pools its selectors match all carry taints it does not tolerate"
            return "its selectors match no pool in scope"
        return self.scope.why_unknown()

    @_kept
    def remedy(self) -> str | None:
        """What to write in the configuration so the assumption becomes knowledge."""
        if self.assumption is None or not self.complete or self.pools:
            return None
        return self.scope.remedy()


_EMPTY_ANCHORS: dict[int, PodPlacement] = {}
#: The roles in order (iterating the enum itself makes a generator each time: once per job)
ROLES: tuple[Role, ...] = tuple(Role)


class PlacementIndex:
    """Every role view of one project, each computed once, on first request.

    Built from the finished project (after templates are linked), the run's
    capacity label table and settings (declared pools, cluster mappings).
    """

    def __init__(self, project: Project, capacity: CapacityLabels, settings: Any = None) -> None:
        from spotlint.config.scopes import git_answers
        from spotlint.placement.declared import cluster_paths, declared_pools

        self.project = project
        self.capacity = capacity
        relative = getattr(settings, "config_relative", None)
        self.finder = ScopeFinder(
            project.pools, declared_pools(settings), cluster_paths(settings),
            relative if callable(relative) else (lambda path: path),
            project.self_contained,
            git_answers(settings) if hasattr(settings, "scoped") else None,
        )
        self._by_placement: dict[int, RoleView] = {}
        self._by_job: dict[tuple[int, Role], RoleView] = {}
        self._zones: dict[int, ZoneReach] = {}
        self._pool_indexes: dict[tuple[int, ...], tuple[tuple[Pool, ...], PoolIndex]] = {}
        #: id(scope) -> its pool index (scopes are kept by the finder, so ids stay theirs)
        self._index_of: dict[int, PoolIndex] = {}
        #: (id(pool index), what matching reads of a pod, complete) -> (reach, blocked)
        self._matched: dict[tuple[int, tuple[Any, ...], bool],
                            tuple[tuple[PoolReach, ...], tuple[Blocked, ...]]] = {}
        self._owner: dict[int, Job] = {}
        #: the capacity verdict of a role nothing places, by role
        self._unconstrained: dict[Role | None, CapacityVerdict] = {}
        #: every placement, in :func:`placements`' order (once asked for)
        self._placements: list[PodPlacement] | None = None
        owner = self._owner
        for job in project.jobs:  # (each job's placements: Job.placement of either role)
            for placement in (job.driver, job.executor):
                if placement is not None:
                    owner.setdefault(id(placement), job)

    # -- asking ------------------------------------------------------------------------

    def for_job(self, job: Job, role: Role) -> RoleView:
        """The view of one role of a job, also when the job sets nothing about it."""
        placement = job.placement(role)
        if placement is not None:
            return self.for_placement(placement)
        key = (id(job), role)
        view = self._by_job.get(key)
        if view is None:
            view = self._by_job[key] = self._compute(None, role, job.path, job)
        return view

    def for_placement(self, placement: PodPlacement) -> RoleView:
        view = self._by_placement.get(id(placement))
        if view is None:
            owner = self._owner.get(id(placement))
            path = owner.path if owner is not None else placement.path
            view = self._compute(placement, placement.role, path, owner)
            self._by_placement[id(placement)] = view
        return view

    def views(self, role: Role | None = None, include_incomplete: bool = True
              ) -> Iterator[RoleView]:
        """Each placement once: jobs' driver/executor, then templates no job references."""
        listed = self._placements
        if listed is None:  # the project is finished: its placements are listed once
            listed = self._placements = list(placements(self.project))
        for placement in listed:
            if role is not None and placement.role is not role:
                continue
            if placement.known or include_incomplete:
                yield self.for_placement(placement)

    def zones(self, view: RoleView) -> ZoneReach:
        """The zones the role can reach through the pools in its reach."""
        key = id(view)
        found = self._zones.get(key)
        if found is None:
            pod = view.placement or _empty(view.role)
            found = reachable_zones(pod, [r.pool for r in view.reach], self.capacity)
            self._zones[key] = found
        return found

    def admitted_with(self, view: RoleView, placement: PodPlacement) -> frozenset[str]:
        """What ``placement`` (a variant of the view's, as a fix would write it) admits
        in the view's scope: for checking that a fix leads somewhere before offering it."""
        found: set[str] = set()
        for pool in view.pools:
            if not view.complete or not untolerated_taints(placement, pool):
                found |= label_capacity_for(placement, pool, self.capacity)
        return frozenset(found)

    def verdict(self, placement: PodPlacement) -> CapacityVerdict:
        """The capacity-label verdict of any placement (also a template some job merged)."""
        if id(placement) in self._by_placement:
            return self._by_placement[id(placement)].labels
        return allowed_capacity(placement, self.capacity)

    def warm(self) -> None:
        """Compute every view now (before worker processes fork, so none recomputes)."""
        for job in self.project.jobs:
            for role in ROLES:
                self.for_job(job, role)
        for _ in self.views():
            pass

    # -- computing ---------------------------------------------------------------------

    def _pool_index(self, scope: Scope) -> PoolIndex:
        """The scope's pools indexed by label (see :mod:`.candidates`), built once per list
        of pools: the scopes of jobs in different directories under one ancestor are
        different objects holding the same pools (an index of every pool again for each
        directory was most of the placement work of a large repository)."""
        index = self._index_of.get(id(scope))
        if index is None:
            key = tuple(map(id, scope.pools))
            found = self._pool_indexes.get(key)
            if found is None:
                # the pools are kept beside their index, so their ids are not reused meanwhile
                found = self._pool_indexes[key] = (scope.pools, PoolIndex(scope.pools))
            index = self._index_of[id(scope)] = found[1]
        return index

    def _match(self, pod: PodPlacement, scope: Scope, complete: bool
               ) -> tuple[tuple[PoolReach, ...], tuple[Blocked, ...]]:
        """The pools of ``scope`` the pod reaches and those it is blocked from, memoized by
        what matching reads of the pod (:func:`.matching.matching_key`): jobs repeat
        their placements (one node selector for a team's hundreds of applications), and
        each distinct one is matched against a scope's pools once."""
        if not scope.pools:  # (most scopes of a repository of several clusters are empty)
            return (), ()
        index = self._pool_index(scope)
        key = (id(index), matching_key(pod), complete)
        found = self._matched.get(key)
        if found is None:
            reach: list[PoolReach] = []
            blocked: list[Blocked] = []
            for pool in index.candidates(pod):
                types = label_capacity_for(pod, pool, self.capacity)
                if not types:
                    continue
                taints = untolerated_taints(pod, pool) if complete else []
                if taints:
                    blocked.append(Blocked(pool, types, tuple(taints)))
                else:
                    reach.append(PoolReach(pool, types))
            found = self._matched[key] = (tuple(reach), tuple(blocked))
        return found

    def _compute(self, placement: PodPlacement | None, role: Role | None, path: str,
                 job: Job | None) -> RoleView:
        scope = self.finder.scope(path)
        pod = placement if placement is not None else _empty(role)
        complete = placement is None or placement.known
        if placement is not None:
            labels = allowed_capacity(pod, self.capacity)
        else:  # nothing constrains the pod: one verdict (it holds no node) for every such role
            labels = self._unconstrained.get(role)  # type: ignore[assignment]
            if labels is None:
                labels = self._unconstrained[role] = allowed_capacity(pod, self.capacity)
        reach, blocked = self._match(pod, scope, complete)
        admitted: frozenset[str] = NOTHING.union(*(r.types for r in reach))
        by_pools = bool(reach)
        if not by_pools:
            admitted = labels.allowed
        unread = None if complete or job is None or role is None else _unread(job, role)
        return RoleView(role, placement, scope, labels, reach, blocked, complete,
                        admitted, by_pools, unread)


def _unread(job: Job, role: Role) -> str | None:
    for ref in job.template_refs:
        if ref.role is role and ref.resolved is None:
            return ref.target
    return None


def _empty(role: Role | None) -> PodPlacement:
    """A placement with no constraints: what a pod gets when nothing places it."""
    key = hash(role)
    found = _EMPTY_ANCHORS.get(key)
    if found is None:
        found = _EMPTY_ANCHORS[key] = PodPlacement(
            role=role, anchor=Node({}, Location.point("", 1, 1)))
    return found


def placements(project: Project) -> Iterator[PodPlacement]:
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
        yield placement


#: The index of the last few projects, by identity (see :func:`index_for`).
_Entry = tuple[weakref.ref[Project], object, object, "PlacementIndex"]
_INDEXES: dict[tuple[int, int, int], _Entry] = {}
_INDEXES_KEPT = 4


def index_for(project: Project, capacity: CapacityLabels, settings: Any = None) -> PlacementIndex:
    """The placement index of a run: built on first request, then shared by every rule.

    Rules receive the project, the capacity table and the settings through
    their context; the index is kept by the identity of those three (the
    project through a weak reference, the other two held so their ``id`` cannot
    be reused while kept) for the last few runs, which is what a long-lived
    process needs.
    """
    key = (id(project), id(capacity), id(settings))
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is project:
        return entry[3]
    if len(_INDEXES) >= _INDEXES_KEPT:
        del _INDEXES[next(iter(_INDEXES))]
    index = PlacementIndex(project, capacity, settings)
    _INDEXES[key] = (weakref.ref(project), capacity, settings, index)
    return index


def forget(project: Project) -> None:
    """Drop the indexes of ``project``: an index holds its project, and with it every
    tree of the run, which the reports written after the rules do not need."""
    for key in [k for k, entry in _INDEXES.items() if entry[0]() is project]:
        del _INDEXES[key]
