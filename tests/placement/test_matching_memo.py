"""Placements that read alike share one matching against their scope's pools.

``PlacementIndex`` matches each distinct placement (by ``matching_key``: the
selector's and terms' values with whether each is a placeholder, and the
tolerations' fields) against a scope's pools once. On generated projects whose
jobs repeat a few placements, in every variant that matching reads (a value, an
operator, a placeholder, a toleration, an unreadable template), every view of
the shared index must equal the view a fresh index computes for that placement
alone, and equal keys must have been shared.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from placement_support import KARP, node, pool, taint

from spotlint.capacity import CapacityLabels
from spotlint.model import Job, PodPlacement, Project, Requirement, Role, Toleration
from spotlint.placement.matching import matching_key
from spotlint.placement.pools import label_capacity_for
from spotlint.placement.view import ROLES, PlacementIndex, RoleView

VALUES = {KARP: ["spot", "on-demand"], "team": ["a", "b"]}


#: what a generated placement reads: (selector value and placeholder, a term (key,
#: operator, value, placeholder), a toleration (key, placeholder), readable)
Spec = tuple[object, ...]


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    selector = draw(st.sampled_from([None, ("spot", False), ("on-demand", False),
                                     ("spot", True)]))
    term = None
    if draw(st.booleans()):
        key = draw(st.sampled_from([KARP, "team"]))
        operator = draw(st.sampled_from(["In", "NotIn", "Exists"]))
        value = draw(st.sampled_from(VALUES[key])) if operator != "Exists" else None
        term = (key, operator, value, draw(st.integers(0, 3)) == 0)
    toleration = draw(st.sampled_from([None, ("dedicated", False), ("other", False),
                                       ("other", True)]))
    return selector, term, toleration, draw(st.integers(0, 4)) > 0


@st.composite
def variants(draw: st.DrawFn, spec: Spec) -> Spec:
    """``spec`` with one of its parts (or one part of its term) drawn again."""
    other = draw(specs())
    part = draw(st.integers(0, 3))
    changed = list(spec)
    if part == 1 and spec[1] is not None and other[1] is not None:
        term = list(spec[1])  # type: ignore[call-overload]
        which = draw(st.integers(0, 3))
        term[which] = other[1][which]  # type: ignore[index]
        if term[1] == "Exists" or term[2] is None:  # keep the term well formed
            term[1], term[2] = other[1][1], other[1][2]  # type: ignore[index]
        changed[1] = tuple(term)
    else:
        changed[part] = other[part]
    return tuple(changed)


def placement(spec: Spec, role: Role, path: str) -> PodPlacement:
    """A placement reading as ``spec`` says, with nodes of its own in ``path``."""
    selector, term, toleration, known = spec
    node_selector = {}
    if selector is not None:
        value, unknown = selector  # type: ignore[misc]
        node_selector[KARP] = node(value, path, unknown=unknown)
    terms = None
    if term is not None:
        key, operator, value, unknown = term  # type: ignore[misc]
        terms = [[Requirement(key, operator, (value,) if value else (), node({}, path),
                              unknown=unknown)]]
    tolerations = []
    if toleration is not None:
        key, unknown = toleration  # type: ignore[misc]
        field = node({"key": node(key, path, unknown=unknown)}, path)
        tolerations.append(Toleration(key, "Exists", None, None, field))
    return PodPlacement(role=role, anchor=node({}, path), node_selector=node_selector,
                        required_terms=terms, tolerations=tolerations, known=bool(known))


@st.composite
def projects(draw: st.DrawFn) -> Project:
    pools = []
    for i in range(draw(st.integers(1, 4))):
        types = draw(st.lists(st.sampled_from(["spot", "on-demand"]), min_size=1, max_size=2,
                              unique=True))
        labels: dict[str, set[str] | None] = {
            KARP: set(types), "team": {draw(st.sampled_from(VALUES["team"]))}}
        taints = [taint("dedicated", "x")] if draw(st.booleans()) else []
        pools.append(pool(f"p{i}", types, labels, taints=taints, path=f"/repo/pools/p{i}.yaml"))
    # a few placements, each repeated by several jobs (with nodes and files of their own),
    # and each differing from the first in one thing matching reads
    alphabet = [draw(specs())]
    for _ in range(draw(st.integers(0, 3))):
        alphabet.append(draw(variants(alphabet[0])))
    jobs = []
    for i in range(draw(st.integers(2, 10))):
        path = f"/repo/jobs/{draw(st.sampled_from(['a', 'b']))}/job{i}.yaml"
        roles = {}
        for role in Role:
            spec = draw(st.sampled_from([None, *alphabet]))
            roles[role] = None if spec is None else placement(spec, role, path)
        jobs.append(Job(name=f"job{i}", kind="SparkApplication", doc=node({}, path),
                        driver=roles[Role.DRIVER], executor=roles[Role.EXECUTOR]))
    return Project(jobs=jobs, pools=pools)


def _answer(view: RoleView) -> tuple[object, ...]:
    return (
        [(id(r.pool), r.types) for r in view.reach],
        [(id(b.pool), b.types, [id(t) for t in b.taints]) for b in view.blocked],
        view.admitted, view.by_pools, view.complete, view.unread,
    )


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(projects())
def test_shared_matching_equals_a_fresh_one(project: Project) -> None:
    capacity = CapacityLabels()
    shared = PlacementIndex(project, capacity)
    keys = set()
    for job in project.jobs:
        for role in Role:
            placement = job.placement(role)
            fresh = PlacementIndex(project, capacity).for_job(job, role)
            assert _answer(shared.for_job(job, role)) == _answer(fresh), (job.name, role)
            if placement is not None:
                keys.add((matching_key(placement), placement.known))
    # one matching per distinct placement (and scope: the jobs sit in two directories)
    assert len(shared._matched) <= 2 * (len(keys) + 1)


def test_placeholders_and_tolerations_are_told_apart() -> None:
    path = "/repo/jobs/job.yaml"

    def executor(unknown: bool = False, tolerated: str = "other",
                 placeholder: bool = False) -> PodPlacement:
        field = node({"key": node(tolerated, path, unknown=placeholder)}, path)
        return PodPlacement(role=Role.EXECUTOR, anchor=node({}, path),
                            node_selector={KARP: node("spot", path, unknown=unknown)},
                            tolerations=[Toleration(tolerated, "Exists", None, None, field)])

    pools = [pool("p", ["on-demand"], {KARP: {"on-demand"}}, path="/repo/pools/p.yaml"),
             pool("q", ["spot"], {KARP: {"spot"}}, taints=[taint("dedicated", "x")],
                  path="/repo/pools/q.yaml")]
    variants = [executor(), executor(unknown=True), executor(tolerated="dedicated"),
                executor(placeholder=True), executor()]
    jobs = [Job(name=f"j{i}", kind="SparkApplication", doc=node({}, path), executor=p)
            for i, p in enumerate(variants)]
    index = PlacementIndex(Project(jobs=jobs, pools=pools), CapacityLabels())
    views = [index.for_job(j, Role.EXECUTOR) for j in jobs]
    # plain: only the tainted Spot pool fits, and it is blocked
    assert [b.pool.name for b in views[0].blocked] == ["q"] and not views[0].reach
    # a placeholder selector may match the On-Demand pool too
    assert [r.pool.name for r in views[1].reach] == ["p"]
    # tolerated: the Spot pool is reached
    assert [r.pool.name for r in views[2].reach] == ["q"] and not views[2].blocked
    # a toleration whose key is a placeholder may tolerate the taint
    assert [r.pool.name for r in views[3].reach] == ["q"] and not views[3].blocked
    # the same placement again: the same matching, shared
    assert views[4].reach is views[0].reach and views[4].blocked is views[0].blocked
    assert len(index._matched) == 4


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(projects())
def test_reach_and_blocked_are_the_pools_whose_labels_fit(project: Project) -> None:
    # (SL106 explains a view with nothing in reach from its blocked pools, without
    # matching every pool of its scope again)
    capacity = CapacityLabels()
    index = PlacementIndex(project, capacity)
    for view in index.views():
        placement = view.placement
        assert placement is not None
        fits = [p for p in view.pools if label_capacity_for(placement, p, capacity)]
        matched = {id(r.pool) for r in view.reach} | {id(b.pool) for b in view.blocked}
        assert [p for p in view.pools if id(p) in matched] == fits
        if not view.complete:
            assert not view.blocked


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(projects())
def test_each_placement_is_owned_by_the_first_job_placing_it(project: Project) -> None:
    """The index finds a view's file through the job owning its placement: the first job
    (in project order) whose driver or executor it is, as Job.placement says."""
    shared = project.jobs[0].placement(Role.EXECUTOR) or project.jobs[0].placement(Role.DRIVER)
    if shared is not None:  # a placement two jobs share (a template's): the first owns it
        project.jobs[-1].set_placement(Role.DRIVER, shared)
    owners: dict[int, Job] = {}
    for job in project.jobs:
        for role in ROLES:
            placement = job.placement(role)
            if placement is not None:
                owners.setdefault(id(placement), job)
    assert tuple(Role) == ROLES
    index = PlacementIndex(project, CapacityLabels())
    assert index._owner == owners
