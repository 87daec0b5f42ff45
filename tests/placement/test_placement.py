"""Unit tests of spotlint.placement on hand-built model objects."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spotlint.capacity import CapacityLabels
from spotlint.location import Location, Node
from spotlint.model import (
    CAPACITY_BLOCK,
    ON_DEMAND,
    RESERVED,
    SPOT,
    PodPlacement,
    Pool,
    Requirement,
    Role,
    Taint,
    Toleration,
)
from spotlint.placement import (
    ALL_CAPACITY,
    ZoneReach,
    allowed_capacity,
    explain_unschedulable,
    key_satisfiable,
    labels_for_capacity,
    labels_satisfy,
    pinned_zone,
    pool_capacity_for,
    pools_for,
    reachable_zones,
    soft_capacity_preferences,
    tolerates,
    untolerated_taints,
)

CAP = CapacityLabels()
KARP = "karpenter.sh/capacity-type"
EKS = "eks.amazonaws.com/capacityType"
ZONE = "topology.kubernetes.io/zone"
_lines = itertools.count(1)


def node(value: object = "", unknown: bool = False, path: str = "pod.yaml") -> Node:
    return Node(value, Location.point(path, next(_lines), 1), unknown=unknown)


def req(key: str, op: str, *values: str, unknown: bool = False) -> Requirement:
    return Requirement(key=key, operator=op, values=values, node=node({"key": key}),
                       unknown=unknown, value_nodes=tuple(node(v) for v in values))


def pod(
    selector: dict[str, str] | None = None,
    terms: list[list[Requirement]] | None = None,
    preferred: list[Requirement] | None = None,
    tolerations: list[Toleration] | None = None,
    unknown_values: tuple[str, ...] = (),
    known: bool = True,
) -> PodPlacement:
    return PodPlacement(
        role=Role.DRIVER,
        anchor=node({}),
        node_selector={
            k: node(v, unknown=k in unknown_values) for k, v in (selector or {}).items()
        },
        required_terms=terms,
        preferred=preferred or [],
        tolerations=tolerations or [],
        known=known,
    )


def tol(key: str | None, op: str = "Equal", value: str | None = None,
        effect: str | None = None) -> Toleration:
    return Toleration(key=key, operator=op, value=value, effect=effect, node=node({}))


def taint(key: str, value: str | None, effect: str = "NoSchedule") -> Taint:
    return Taint(key=key, value=value, effect=effect, node=node({}))


def pool(
    name: str,
    capacity: set[str] | None,
    labels: dict[str, set[str] | None] | None = None,
    taints: list[Taint] | None = None,
    zones: list[str] | None = None,
) -> Pool:
    return Pool(
        name=name, kind="NodePool", doc=node({}, path=f"{name}.yaml"),
        anchor=node({}, path=f"{name}.yaml"),
        capacity_types=frozenset(capacity) if capacity is not None else None,
        node_labels={k: frozenset(v) if v is not None else None for k, v in (labels or {}).items()},
        taints=taints or [],
        zones=[node(z) for z in zones] if zones is not None else None,
    )


def zones_for(placement: PodPlacement, pools: list[Pool],
              table: CapacityLabels = CAP) -> ZoneReach:
    """The zones a pod reaches through the pools it fits."""
    return reachable_zones(placement, pools_for(placement, pools, table), table)


def names(reach: ZoneReach) -> set[str]:
    return {z.value for z in reach.zones}


def karpenter_pool(name: str, *types: str, **labels: set[str] | None) -> Pool:
    all_labels: dict[str, set[str] | None] = {KARP: set(types), "karpenter.sh/nodepool": {name}}
    all_labels.update({k.replace("__", "/").replace("_", "."): v for k, v in labels.items()})
    canonical = {CAP.canonical(KARP, t) or t for t in types}
    return pool(name, canonical, all_labels)


def allowed(p: PodPlacement) -> frozenset[str]:
    return allowed_capacity(p, CAP).allowed


# -- capacity from nodeSelector ----------------------------------------------------


def test_unconstrained_pod_may_run_anywhere() -> None:
    verdict = allowed_capacity(pod(), CAP)
    assert verdict.allowed == ALL_CAPACITY
    assert not verdict.constrained
    assert verdict.constraints == ()


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (KARP, "spot", {SPOT}),
        (KARP, "on-demand", {ON_DEMAND}),
        (KARP, "reserved", {RESERVED}),
        (EKS, "SPOT", {SPOT}),
        (EKS, "ON_DEMAND", {ON_DEMAND}),
        (EKS, "CAPACITY_BLOCK", {CAPACITY_BLOCK}),
        ("node-lifecycle", "spot", {SPOT}),
        ("node-lifecycle", "on-demand", {ON_DEMAND}),
        ("node.kubernetes.io/lifecycle", "normal", {ON_DEMAND}),
        ("node-role.kubernetes.io/spot-worker", "true", {SPOT}),
    ],
)
def test_selector_on_each_capacity_label(key: str, value: str, expected: set[str]) -> None:
    p = pod({key: value})
    verdict = allowed_capacity(p, CAP)
    assert verdict.allowed == expected
    assert verdict.constrained
    assert verdict.constraints[0].node is p.node_selector[key]
    assert verdict.invalid == ()


def test_selector_constraint_points_at_value_node() -> None:
    p = pod({KARP: "spot", "NodeGroupType": "spark"})
    verdict = allowed_capacity(p, CAP)
    assert verdict.nodes == (p.node_selector[KARP],)
    assert verdict.constraints[0].describe() == "nodeSelector karpenter.sh/capacity-type: spot"


def test_custom_label_does_not_constrain_capacity() -> None:
    assert allowed(pod({"NodeGroupType": "spark-driver"})) == ALL_CAPACITY


def test_selectors_of_two_provisioners_are_anded() -> None:
    assert allowed(pod({KARP: "spot", EKS: "ON_DEMAND"})) == frozenset()


def test_wrong_case_value_matches_no_node_and_is_reported() -> None:
    p = pod({KARP: "SPOT"})
    verdict = allowed_capacity(p, CAP)
    assert verdict.allowed == frozenset()
    [bad] = verdict.invalid
    assert (bad.key, bad.value, bad.suggestion) == (KARP, "SPOT", "spot")
    assert bad.node is p.node_selector[KARP]


def test_eks_lowercase_value_suggests_upper_case() -> None:
    [bad] = allowed_capacity(pod({EKS: "on-demand"}), CAP).invalid
    assert bad.suggestion == "ON_DEMAND"


def test_unknown_selector_value_is_unconstrained_and_never_invalid() -> None:
    verdict = allowed_capacity(pod({KARP: "${CAPACITY}"}, unknown_values=(KARP,)), CAP)
    assert verdict.allowed == ALL_CAPACITY
    assert verdict.invalid == ()
    assert not verdict.constrained


def test_lenient_label_custom_value_is_not_invalid() -> None:
    verdict = allowed_capacity(pod({"node.kubernetes.io/lifecycle": "preemptible"}), CAP)
    assert verdict.invalid == ()
    assert verdict.allowed == ALL_CAPACITY


def test_lenient_label_near_miss_reads_as_what_it_means() -> None:
    assert allowed(pod({"node.kubernetes.io/lifecycle": "ondemand"})) == {ON_DEMAND}


def test_extra_capacity_label_from_config() -> None:
    cap = CapacityLabels({"lifecycle": {"Ec2Spot": SPOT, "OnDemand": ON_DEMAND}})
    assert allowed_capacity(pod({"lifecycle": "Ec2Spot"}), cap).allowed == {SPOT}
    assert allowed_capacity(pod({"lifecycle": "Ec2Spot"}), CAP).allowed == ALL_CAPACITY


# -- capacity from required affinity -----------------------------------------------


def test_in_operator() -> None:
    assert allowed(pod(terms=[[req(KARP, "In", "spot", "on-demand")]])) == {SPOT, ON_DEMAND}


def test_notin_operator_excludes_listed_types() -> None:
    assert allowed(pod(terms=[[req(KARP, "NotIn", "spot")]])) == ALL_CAPACITY - {SPOT}


def test_notin_on_marker_label() -> None:
    marker = "node-role.kubernetes.io/spot-worker"
    assert allowed(pod(terms=[[req(marker, "NotIn", "true")]])) == ALL_CAPACITY - {SPOT}


def test_exists_on_marker_label_means_spot() -> None:
    marker = "node-role.kubernetes.io/spot-worker"
    assert allowed(pod(terms=[[req(marker, "Exists")]])) == {SPOT}


def test_exists_on_provisioner_label_admits_its_types() -> None:
    assert allowed(pod(terms=[[req(KARP, "Exists")]])) == {SPOT, ON_DEMAND, RESERVED}


def test_does_not_exist_on_provisioner_label_does_not_constrain() -> None:
    assert allowed(pod(terms=[[req(KARP, "DoesNotExist")]])) == ALL_CAPACITY


def test_does_not_exist_on_marker_label_excludes_spot() -> None:
    marker = "node-role.kubernetes.io/spot-worker"
    assert allowed(pod(terms=[[req(marker, "DoesNotExist")]])) == ALL_CAPACITY - {SPOT}


@pytest.mark.parametrize("op", ["Gt", "Lt"])
def test_numeric_operators_on_capacity_label_match_nothing(op: str) -> None:
    assert allowed(pod(terms=[[req(KARP, op, "3")]])) == frozenset()


def test_terms_are_ored() -> None:
    terms = [[req(KARP, "In", "spot")], [req(EKS, "In", "ON_DEMAND")]]
    assert allowed(pod(terms=terms)) == {SPOT, ON_DEMAND}


def test_expressions_in_a_term_are_anded() -> None:
    term = [req(KARP, "In", "spot", "on-demand"), req(KARP, "NotIn", "spot")]
    assert allowed(pod(terms=[term])) == {ON_DEMAND}


def test_term_without_capacity_requirement_admits_everything() -> None:
    terms = [[req(KARP, "In", "on-demand")], [req("NodeGroupType", "In", "spark")]]
    assert allowed(pod(terms=terms)) == ALL_CAPACITY


def test_selector_and_affinity_are_anded() -> None:
    p = pod({KARP: "spot"}, terms=[[req(KARP, "In", "spot", "on-demand")]])
    assert allowed(p) == {SPOT}


def test_unknown_requirement_is_unconstrained() -> None:
    p = pod(terms=[[req(KARP, "In", "{{ .Values.capacity }}", unknown=True)]])
    verdict = allowed_capacity(p, CAP)
    assert verdict.allowed == ALL_CAPACITY
    assert verdict.invalid == ()


def test_invalid_affinity_value_points_at_requirement() -> None:
    r = req(EKS, "In", "Spot")
    [bad] = allowed_capacity(pod(terms=[[r]]), CAP).invalid
    assert bad.node is r.node
    assert bad.suggestion == "SPOT"


def test_invalid_value_without_a_suggestion() -> None:
    [bad] = allowed_capacity(pod({KARP: "preemptible"}), CAP).invalid
    assert bad.suggestion is None


def test_admitting_and_excluding_constraints() -> None:
    verdict = allowed_capacity(pod({"node-lifecycle": "spot"}), CAP)
    assert [c.key for c in verdict.admitting(SPOT)] == ["node-lifecycle"]
    assert verdict.excluding(SPOT) == []
    assert verdict.spot_only


def test_preferred_affinity_does_not_constrain() -> None:
    p = pod(preferred=[req(KARP, "In", "on-demand")])
    assert allowed(p) == ALL_CAPACITY
    assert [r.key for r in soft_capacity_preferences(p)] == [KARP]


def test_soft_preferences_ignore_other_labels() -> None:
    p = pod(preferred=[req("topology.kubernetes.io/zone", "In", "us-east-1a")])
    assert soft_capacity_preferences(p) == []


# -- pools_for: labels -------------------------------------------------------------


def test_pool_without_label_does_not_satisfy_selector() -> None:
    p = pod({"NodeGroupType": "spark"})
    assert pools_for(p, [pool("plain", {ON_DEMAND})]) == []


def test_pool_with_any_value_label_satisfies_selector() -> None:
    p = pod({"team": "data"})
    any_team = pool("any", {ON_DEMAND}, {"team": None})
    assert pools_for(p, [any_team]) == [any_team]


def test_karpenter_capacity_label_selects_the_right_pool() -> None:
    spot = karpenter_pool("spot", "spot")
    od = karpenter_pool("od", "on-demand")
    assert pools_for(pod({KARP: "on-demand"}), [spot, od]) == [od]
    assert pool_capacity_for(pod(), spot, CAP) == {SPOT}


def test_selector_on_other_provisioner_label_fits_no_karpenter_pool() -> None:
    assert pools_for(pod({EKS: "ON_DEMAND"}), [karpenter_pool("od", "on-demand")]) == []


def test_notin_and_does_not_exist_accept_missing_label() -> None:
    plain = pool("plain", {ON_DEMAND})
    p = pod(terms=[[req("gpu", "DoesNotExist"), req("tier", "NotIn", "batch")]])
    assert pools_for(p, [plain]) == [plain]


def test_does_not_exist_rejects_pool_with_label() -> None:
    gpu = pool("gpu", {ON_DEMAND}, {"nvidia.com/gpu": {"true"}})
    assert pools_for(pod(terms=[[req("nvidia.com/gpu", "DoesNotExist")]]), [gpu]) == []


def test_exists_needs_the_label() -> None:
    labelled = pool("l", {ON_DEMAND}, {"spark": None})
    plain = pool("p", {ON_DEMAND})
    assert pools_for(pod(terms=[[req("spark", "Exists")]]), [labelled, plain]) == [labelled]


def test_gt_lt_compare_integers() -> None:
    gen = "karpenter.k8s.aws/instance-generation"
    old = pool("old", {SPOT}, {gen: {"4", "5"}})
    new = pool("new", {SPOT}, {gen: {"6", "7"}})
    assert pools_for(pod(terms=[[req(gen, "Gt", "5")]]), [old, new]) == [new]
    assert pools_for(pod(terms=[[req(gen, "Lt", "5")]]), [old, new]) == [old]
    assert pools_for(pod(terms=[[req(gen, "Gt", "five")]]), [old, new]) == []


def test_gt_lt_against_any_value() -> None:
    gen = "karpenter.k8s.aws/instance-generation"
    open_pool = pool("open", {SPOT}, {gen: None})
    assert pools_for(pod(terms=[[req(gen, "Gt", "5"), req(gen, "Lt", "7")]]), [open_pool])
    assert not pools_for(pod(terms=[[req(gen, "Gt", "5"), req(gen, "Lt", "6")]]), [open_pool])
    assert not pools_for(
        pod(terms=[[req(gen, "Gt", "5"), req(gen, "Lt", "7"), req(gen, "NotIn", "6")]]), [open_pool]
    )


def test_same_key_requirements_must_hold_for_one_value() -> None:
    both = pool("both", {ON_DEMAND}, {"tier": {"a", "b"}})
    term = [req("tier", "In", "a"), req("tier", "In", "b")]
    assert pools_for(pod(terms=[term]), [both]) == []
    assert pools_for(pod(terms=[[req("tier", "In", "a"), req("tier", "NotIn", "b")]]), [both])


def test_any_value_label_with_contradicting_in() -> None:
    assert not key_satisfiable([req("k", "In", "a"), req("k", "In", "b")], None, True)
    assert key_satisfiable([req("k", "In", "a", "b"), req("k", "NotIn", "a")], None, True)
    assert not key_satisfiable([req("k", "DoesNotExist")], None, True)


def test_required_terms_ored_across_pools() -> None:
    a = pool("a", {ON_DEMAND}, {"NodeGroupType": {"a"}})
    b = pool("b", {ON_DEMAND}, {"NodeGroupType": {"b"}})
    terms = [[req("NodeGroupType", "In", "a")], [req("NodeGroupType", "In", "b")]]
    assert pools_for(pod(terms=terms), [a, b]) == [a, b]


def test_unknown_requirement_fits_any_pool() -> None:
    a = pool("a", {ON_DEMAND})
    assert pools_for(pod(terms=[[req("NodeGroupType", "In", "${G}", unknown=True)]]), [a]) == [a]
    assert pools_for(pod({"NodeGroupType": "${G}"}, unknown_values=("NodeGroupType",)), [a]) == [a]


def test_pool_with_unknown_capacity_accepts_any_capacity_selector() -> None:
    unknown = pool("unknown", None, {KARP: None})
    assert pool_capacity_for(pod({KARP: "spot"}), unknown, CAP) == {SPOT}
    assert pool_capacity_for(pod(), unknown, CAP) == {SPOT, ON_DEMAND, RESERVED}


def test_labels_satisfy_selector_and_term_together() -> None:
    p = pod({"a": "1"}, terms=[[req("b", "In", "2")]])
    assert labels_satisfy(p, {"a": frozenset({"1"}), "b": frozenset({"2"})})
    assert not labels_satisfy(p, {"a": frozenset({"1"})})


# -- taints and tolerations --------------------------------------------------------


@pytest.mark.parametrize(
    ("toleration", "matches"),
    [
        (tol("dedicated", "Equal", "spark", "NoSchedule"), True),
        (tol("dedicated", "Equal", "other", "NoSchedule"), False),
        (tol("dedicated", "Exists"), True),
        (tol("dedicated", "Exists", effect="NoExecute"), False),
        (tol(None, "Exists"), True),
        (tol(None, "Equal", "spark"), False),
        (tol("other", "Exists"), False),
        (tol("dedicated", "Equal", "spark"), True),
    ],
)
def test_toleration_semantics(toleration: Toleration, matches: bool) -> None:
    assert tolerates(toleration, taint("dedicated", "spark")) is matches


def test_toleration_without_value_matches_taint_without_value() -> None:
    assert tolerates(tol("spot", "Equal"), taint("spot", None))


def test_untolerated_taint_blocks_pool() -> None:
    tainted = pool("t", {SPOT}, taints=[taint("spot", "true")])
    assert pools_for(pod(), [tainted]) == []
    p = pod(tolerations=[tol("spot", "Equal", "true", "NoSchedule")])
    assert pools_for(p, [tainted]) == [tainted]


def test_prefer_no_schedule_does_not_block() -> None:
    soft = pool("soft", {SPOT}, taints=[taint("spot", "true", "PreferNoSchedule")])
    assert pools_for(pod(), [soft]) == [soft]


def test_no_execute_blocks() -> None:
    p = pool("p", {SPOT}, taints=[taint("x", None, "NoExecute")])
    assert untolerated_taints(pod(), p) == p.taints


def test_every_taint_must_be_tolerated() -> None:
    p = pool("p", {SPOT}, taints=[taint("a", "1"), taint("b", "2")])
    assert pools_for(pod(tolerations=[tol("a", "Equal", "1")]), [p]) == []


def test_unknown_toleration_value_tolerates() -> None:
    t = Toleration(key="dedicated", operator="Equal", value="${V}", effect=None,
                   node=Node({"value": node("${V}", unknown=True)}, Location.point("p", 1, 1)))
    assert tolerates(t, taint("dedicated", "spark"))


# -- explaining SL106 --------------------------------------------------------------


def test_explain_names_selector_no_pool_carries() -> None:
    p = pod({"NodeGroupType": "spark-driver"})
    [why] = explain_unschedulable(p, [pool("a", {ON_DEMAND}, {"NodeGroupType": {"spark-exec"}})])
    assert why.node is p.node_selector["NodeGroupType"]
    assert "NodeGroupType: spark-driver" in why.message
    assert "spark-exec" in why.message


def test_explain_marks_label_no_pool_carries_as_foreign() -> None:
    [why] = explain_unschedulable(pod({"NodeGroupType": "spark"}), [pool("a", {SPOT})])
    assert why.foreign
    assert "no pool's nodes carry this label" in why.message
    # A near miss of a value the pools offer is a typo in these files...
    [why] = explain_unschedulable(
        pod({"NodeGroupType": "spark"}), [pool("a", {SPOT}, {"NodeGroupType": {"sparks"}})]
    )
    assert not why.foreign
    # ...a custom value far from all of them names a pool that was not scanned.
    [why] = explain_unschedulable(
        pod({"NodeGroupType": "spark"}), [pool("a", {SPOT}, {"NodeGroupType": {"other"}})]
    )
    assert why.foreign
    # Values of system labels (zones, instance facts) are never "another pool".
    [why] = explain_unschedulable(
        pod({"topology.kubernetes.io/zone": "eu-west-1c"}),
        [pool("a", {SPOT}, {"topology.kubernetes.io/zone": {"eu-west-1a"}})],
    )
    assert not why.foreign


def test_explain_names_affinity_requirement() -> None:
    r = req(KARP, "In", "on-demand")
    [why] = explain_unschedulable(pod(terms=[[r]]), [karpenter_pool("spot", "spot")])
    assert why.node is r.node
    assert "karpenter.sh/capacity-type In [on-demand]" in why.message


def test_explain_names_blocking_taint() -> None:
    p = pod()
    tainted = pool("gpu", {ON_DEMAND}, taints=[taint("nvidia.com/gpu", "true")])
    [why] = explain_unschedulable(p, [tainted])
    assert "nvidia.com/gpu=true:NoSchedule" in why.message
    assert "gpu" in why.message


def test_explain_combination_no_single_pool_meets() -> None:
    a = pool("a", {ON_DEMAND}, {"x": {"1"}})
    b = pool("b", {ON_DEMAND}, {"y": {"2"}})
    [why] = explain_unschedulable(pod({"x": "1", "y": "2"}), [a, b])
    assert "no single pool" in why.message


def test_explain_is_empty_when_a_pool_fits() -> None:
    assert explain_unschedulable(pod(), [pool("a", {ON_DEMAND})]) == []
    assert explain_unschedulable(pod(), []) == []


# -- zones -------------------------------------------------------------------------


def test_zones_from_pool_labels() -> None:
    p = pool("a", {SPOT}, {ZONE: {"us-east-1a", "us-east-1b"}})
    reach = zones_for(pod(), [p])
    assert names(reach) == {"us-east-1a", "us-east-1b"}
    assert not reach.unknown


def test_zones_from_pool_zone_list() -> None:
    reach = zones_for(pod(), [pool("a", {SPOT}, zones=["eu-west-1a", "eu-west-1c"])])
    assert names(reach) == {"eu-west-1a", "eu-west-1c"}


def test_zones_unknown_when_pool_does_not_say() -> None:
    reach = zones_for(pod(), [pool("a", {SPOT})])
    assert reach.unknown and reach.zones == frozenset()


def test_pod_zone_affinity_narrows_pool_zones() -> None:
    p = pool("a", {SPOT}, {ZONE: {"us-east-1a", "us-east-1b", "us-east-1c"}})
    placement = pod(terms=[[req(ZONE, "In", "us-east-1a", "us-east-1b")]])
    assert names(zones_for(placement, [p])) == {"us-east-1a", "us-east-1b"}


def test_deprecated_zone_label_narrows_too() -> None:
    legacy = "failure-domain.beta.kubernetes.io/zone"
    both = {"us-east-1a", "us-east-1b"}
    p = pool("a", {SPOT}, {ZONE: set(both), legacy: set(both)})
    assert names(zones_for(pod(terms=[[req(legacy, "NotIn", "us-east-1b")]]), [p])) == {
        "us-east-1a"}


@pytest.mark.parametrize(
    "placement",
    [
        pod({ZONE: "us-east-1a"}),
        pod({"topology.k8s.aws/zone-id": "use1-az1"}),
        pod(terms=[[req(ZONE, "In", "us-east-1a")]]),
    ],
)
def test_pinned_zone(placement: PodPlacement) -> None:
    assert pinned_zone(placement) is not None
    zone_id: dict[str, set[str] | None] = {"topology.k8s.aws/zone-id": None}
    zoned = pool("a", {SPOT}, {ZONE: {"us-east-1a", "us-east-1b"}, **zone_id})
    reach = zones_for(placement, [zoned])
    assert len(reach.zones) == 1


def test_not_pinned_with_two_zones_or_two_terms() -> None:
    assert pinned_zone(pod(terms=[[req(ZONE, "In", "a", "b")]])) is None
    assert pinned_zone(pod(terms=[[req(ZONE, "In", "a")], [req(ZONE, "In", "b")]])) is None
    assert pinned_zone(pod({ZONE: "${AZ}"}, unknown_values=(ZONE,))) is None


def test_zones_only_of_fitting_pools() -> None:
    a = pool("a", {SPOT}, {"NodeGroupType": {"spark"}, ZONE: {"us-east-1a"}})
    b = pool("b", {SPOT}, {ZONE: {"us-east-1b"}})
    reach = zones_for(pod({"NodeGroupType": "spark"}), [a, b])
    assert names(reach) == {"us-east-1a"}
    assert reach.pools == (a,)


# -- properties --------------------------------------------------------------------

CAPACITY_VALUES = [(KARP, v) for v in ("spot", "on-demand", "reserved")] + [
    (EKS, v) for v in ("SPOT", "ON_DEMAND")
]


@given(st.lists(st.sampled_from(CAPACITY_VALUES), min_size=1, max_size=4),
       st.lists(st.sampled_from(CAPACITY_VALUES), min_size=1, max_size=4))
def test_or_of_terms_is_union(first: list[tuple[str, str]], second: list[tuple[str, str]]) -> None:
    def term(items: list[tuple[str, str]]) -> list[Requirement]:
        return [req(k, "In", v) for k, v in items]

    one, two = allowed(pod(terms=[term(first)])), allowed(pod(terms=[term(second)]))
    assert allowed(pod(terms=[term(first), term(second)])) == one | two
    assert allowed(pod(terms=[term(first) + term(second)])) == one & two


@given(st.sampled_from(CAPACITY_VALUES))
def test_in_and_notin_partition(item: tuple[str, str]) -> None:
    key, value = item
    chosen = allowed(pod(terms=[[req(key, "In", value)]]))
    rest = allowed(pod(terms=[[req(key, "NotIn", value)]]))
    assert chosen | rest == ALL_CAPACITY
    assert not chosen & rest


def test_marker_label_is_absent_on_non_spot_nodes_of_a_pool() -> None:
    marker = "node-role.kubernetes.io/spot-worker"
    mixed = pool("kops", {SPOT, ON_DEMAND}, {marker: {"true"}})
    assert pool_capacity_for(pod(terms=[[req(marker, "DoesNotExist")]]), mixed, CAP) == {ON_DEMAND}
    assert pool_capacity_for(pod({marker: "true"}), mixed, CAP) == {SPOT}


# -- per-run memo of pool labels ---------------------------------------------------


def test_pool_labels_are_computed_once_per_pool_for_many_jobs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from spotlint.placement import pools as placement

    calls: list[str] = []
    compute = placement._labels_for_capacity

    def counting(p: Pool, capacity_type: str, capacity: CapacityLabels) -> object:
        calls.append(p.name)
        return compute(p, capacity_type, capacity)

    monkeypatch.setattr(placement, "_labels_for_capacity", counting)
    table = CapacityLabels()
    pools = [karpenter_pool(f"p{i}", "spot", "on-demand") for i in range(5)]
    pods = [pod({KARP: "spot" if i % 2 else "on-demand"}) for i in range(40)]
    fits = [len(pools_for(p, pools, table)) for p in pods]
    assert fits == [5] * 40
    assert sorted(calls) == sorted(f"p{i}" for i in range(5) for _ in range(2))
    # The answers are those of a fresh table, where nothing is remembered.
    for p in pools:
        for capacity_type in (SPOT, ON_DEMAND):
            assert labels_for_capacity(p, capacity_type, table) == compute(
                p, capacity_type, CapacityLabels()
            )
    # Pools that are gone leave no entry behind.
    zoned = pool("z", {SPOT}, {ZONE: {"us-east-1a", "us-east-1b"}})
    for _ in range(20):
        zones_for(pod(), [zoned], table)
    del pools, zoned, p
    gc.collect()
    assert table.pool_memo == {}
