"""SL101-SL107 on hand-built model objects (no loader, no normalizer)."""

from __future__ import annotations

import itertools

import pytest
from spotlint.rules.placement import RULES

from spotlint.capacity import CapacityLabels
from spotlint.location import Location, Node
from spotlint.model import (
    ON_DEMAND,
    SPOT,
    Job,
    JobKind,
    PodPlacement,
    PodTemplate,
    Pool,
    Project,
    Requirement,
    Role,
    Taint,
    Toleration,
)
from spotlint.rule import Rule, RuleContext, Violation
from spotlint.testing import Case, actual, cases, expected, run_case

BY_CODE = {r.code: r for r in RULES}
KARP = "karpenter.sh/capacity-type"
EKS = "eks.amazonaws.com/capacityType"
ZONE = "topology.kubernetes.io/zone"
_lines = itertools.count(1)


def node(value: object = "", path: str = "pod.yaml", unknown: bool = False) -> Node:
    return Node(value, Location.point(path, next(_lines), 1), unknown=unknown)


def req(key: str, op: str, *values: str) -> Requirement:
    return Requirement(key=key, operator=op, values=values, node=node({"key": key}),
                       value_nodes=tuple(node(v) for v in values))


def placement(
    role: Role,
    selector: dict[str, str] | None = None,
    terms: list[list[Requirement]] | None = None,
    preferred: list[Requirement] | None = None,
    tolerations: list[Toleration] | None = None,
    known: bool = True,
    unknown_values: tuple[str, ...] = (),
) -> PodPlacement:
    return PodPlacement(
        role=role, anchor=node({}),
        node_selector={k: node(v, unknown=k in unknown_values)
                       for k, v in (selector or {}).items()},
        required_terms=terms, preferred=preferred or [], tolerations=tolerations or [],
        known=known,
    )


def job(driver: PodPlacement | None = None, executor: PodPlacement | None = None,
        name: str = "etl") -> Job:
    return Job(name=name, kind=JobKind.SPARK_APPLICATION, doc=node({}, path="app.yaml"),
               driver=driver, executor=executor)


def template(p: PodPlacement, referenced_by: list[Job] | None = None) -> PodTemplate:
    return PodTemplate(placement=p, doc=p.anchor, name="tpl", referenced_by=referenced_by or [])


def pool(name: str, capacity: set[str] | None, labels: dict[str, set[str] | None] | None = None,
         taints: list[Taint] | None = None, requirements: list[Requirement] | None = None) -> Pool:
    anchor = node({}, path=f"{name}.yaml")
    return Pool(name=name, kind="karpenter-nodepool", doc=anchor, anchor=anchor,
                capacity_types=frozenset(capacity) if capacity is not None else None,
                node_labels={k: frozenset(v) if v is not None else None
                             for k, v in (labels or {}).items()},
                taints=taints or [], requirements=requirements or [], karpenter=True)


def nodepool(name: str, *capacity_values: str, **extra: set[str]) -> Pool:
    labels: dict[str, set[str] | None] = {KARP: set(capacity_values),
                                          "karpenter.sh/nodepool": {name}}
    labels.update({k.replace("__", "/").replace("_", "."): v for k, v in extra.items()})
    types = {CapacityLabels().canonical(KARP, v) or v for v in capacity_values}
    return pool(name, types, labels)


def run(code: str, project: Project) -> list[Violation]:
    rule: Rule = BY_CODE[code]
    ctx = RuleContext(project=project, capacity=CapacityLabels())
    return list(rule.run(project, ctx))


def project(*, jobs: list[Job] | None = None, templates: list[PodTemplate] | None = None,
            pools: list[Pool] | None = None) -> Project:
    return Project(jobs=jobs or [], templates=templates or [], pools=pools or [])


# -- catalog -----------------------------------------------------------------------


def test_rules_are_sl101_to_sl107_with_docs() -> None:
    assert [r.code for r in RULES] == [f"SL10{i}" for i in range(1, 8)]
    assert len({r.name for r in RULES}) == 7
    for r in RULES:
        sections = r.doc_sections()
        assert sections[""], r.code
        assert sections.get("Why it matters") and sections.get("How to fix"), r.code
        assert r.target == "project"


# -- SL101 -------------------------------------------------------------------------


def test_sl101_spot_selector_on_job_driver() -> None:
    driver = placement(Role.DRIVER, {KARP: "spot"})
    [v] = run("SL101", project(jobs=[job(driver)]))
    assert v.at is driver.node_selector[KARP]
    assert "karpenter.sh/capacity-type: spot" in v.message
    assert "karpenter.sh/capacity-type: on-demand" in v.message


def test_sl101_spot_only_affinity_points_at_requirement() -> None:
    r = req(EKS, "In", "SPOT")
    [v] = run("SL101", project(jobs=[job(placement(Role.DRIVER, terms=[[r]]))]))
    assert v.at is r.node
    assert "ON_DEMAND" in v.message


@pytest.mark.parametrize(
    "driver",
    [
        None,
        placement(Role.DRIVER, {KARP: "on-demand"}),
        placement(Role.DRIVER, terms=[[req(KARP, "In", "spot", "on-demand")]]),
    ],
)
def test_sl101_silent(driver: PodPlacement | None) -> None:
    assert run("SL101", project(jobs=[job(driver)])) == []


def test_sl101_executors_on_spot_are_fine() -> None:
    executor = placement(Role.EXECUTOR, {KARP: "spot"})
    assert run("SL101", project(jobs=[job(executor=executor)])) == []


def test_sl101_unreferenced_driver_template() -> None:
    t = template(placement(Role.DRIVER, {"node-lifecycle": "spot"}))
    [v] = run("SL101", project(templates=[t]))
    assert v.at is t.placement.node_selector["node-lifecycle"]


def test_sl101_referenced_template_is_reported_once_through_its_job() -> None:
    driver = placement(Role.DRIVER, {KARP: "spot"})
    j = job(driver)
    assert len(run("SL101", project(jobs=[j], templates=[template(driver, [j])]))) == 1


def test_sl101_cross_document_spot_only_pool_via_custom_label() -> None:
    driver = placement(Role.DRIVER, {"workload": "batch"})
    spot = nodepool("batch", "spot", workload={"batch"})
    od = nodepool("other", "on-demand", workload={"other"})
    [v] = run("SL101", project(jobs=[job(driver)], pools=[spot, od]))
    assert v.at is driver.node_selector["workload"]
    assert v.related == (spot.anchor,)
    assert "NodePool batch (batch.yaml)" in v.message


def test_sl101_cross_document_mixed_pool_is_sl102_not_sl101() -> None:
    p = project(jobs=[job(placement(Role.DRIVER, {"workload": "x"}))],
                pools=[nodepool("mixed", "spot", "on-demand", workload={"x"})])
    assert run("SL101", p) == []
    assert len(run("SL102", p)) == 1


def test_sl101_no_pool_fits_leaves_it_to_sl106() -> None:
    p = project(jobs=[job(placement(Role.DRIVER, {"workload": "Batch"}))],
                pools=[nodepool("spot", "spot", workload={"batch"})])
    assert run("SL101", p) == []
    assert run("SL102", p) == []
    assert len(run("SL106", p)) == 1


def test_sl101_label_spot_only_names_pools_it_relied_on() -> None:
    spot = nodepool("spot", "spot")
    [v] = run("SL101", project(jobs=[job(placement(Role.DRIVER, {KARP: "spot"}))], pools=[spot]))
    assert v.related == (spot.anchor,)


# -- SL102 -------------------------------------------------------------------------


def test_sl102_unconstrained_driver_without_pools() -> None:
    driver = placement(Role.DRIVER, tolerations=[])
    [v] = run("SL102", project(jobs=[job(driver)]))
    assert v.at is driver.anchor
    assert "excludes Spot" in v.message


def test_sl102_points_at_requirement_admitting_spot() -> None:
    r = req(KARP, "In", "on-demand", "spot")
    [v] = run("SL102", project(jobs=[job(placement(Role.DRIVER, terms=[[r]]))]))
    assert v.at is r.node
    assert "also admits Spot" in v.message


def test_sl102_custom_label_without_pools_points_at_selector() -> None:
    driver = placement(Role.DRIVER, {"NodeGroupType": "spark-driver"})
    [v] = run("SL102", project(jobs=[job(driver)]))
    assert v.at is driver.node_selector["NodeGroupType"]


def test_sl102_custom_label_selecting_on_demand_pool_is_fine() -> None:
    driver = placement(Role.DRIVER, {"NodeGroupType": "spark-driver"})
    od = pool("driver-group", {ON_DEMAND}, {"NodeGroupType": {"spark-driver"}, EKS: {"ON_DEMAND"}})
    spot = pool("exec-group", {SPOT}, {"NodeGroupType": {"spark-exec"}, EKS: {"SPOT"}})
    assert run("SL102", project(jobs=[job(driver)], pools=[od, spot])) == []


def test_sl102_cross_document_names_spot_pools_only() -> None:
    driver = placement(Role.DRIVER)
    od = nodepool("od", "on-demand")
    mixed = nodepool("mixed", "spot", "on-demand")
    [v] = run("SL102", project(jobs=[job(driver)], pools=[od, mixed]))
    assert v.related == (mixed.anchor,)
    assert "NodePool mixed" in v.message and "NodePool od" not in v.message


@pytest.mark.parametrize(
    "driver",
    [
        placement(Role.DRIVER, {KARP: "on-demand"}),
        placement(Role.DRIVER, {KARP: "spot"}),
        placement(Role.DRIVER, terms=[[req(EKS, "NotIn", "SPOT")]]),
        placement(Role.DRIVER, {KARP: "SPOT"}),
        placement(Role.DRIVER, known=False),
    ],
)
def test_sl102_silent(driver: PodPlacement) -> None:
    assert run("SL102", project(jobs=[job(driver)])) == []


def test_sl102_taints_keep_driver_off_spot_pool() -> None:
    spot = nodepool("spot", "spot")
    spot.taints.append(Taint("spot", "true", "NoSchedule", node({})))
    od = nodepool("od", "on-demand")
    assert run("SL102", project(jobs=[job(placement(Role.DRIVER))], pools=[spot, od])) == []


# -- SL103 -------------------------------------------------------------------------


def test_sl103_executor_on_demand_selector() -> None:
    executor = placement(Role.EXECUTOR, {EKS: "ON_DEMAND"})
    [v] = run("SL103", project(jobs=[job(executor=executor)]))
    assert v.at is executor.node_selector[EKS]
    assert "SPOT" in v.message


def test_sl103_executor_notin_spot_affinity() -> None:
    r = req(KARP, "NotIn", "spot")
    [v] = run("SL103", project(jobs=[job(executor=placement(Role.EXECUTOR, terms=[[r]]))]))
    assert v.at is r.node


def test_sl103_custom_label_leading_to_on_demand_pools() -> None:
    executor = placement(Role.EXECUTOR, {"workload": "exec"})
    od = nodepool("exec-od", "on-demand", workload={"exec"})
    [v] = run("SL103", project(jobs=[job(executor=executor)], pools=[od]))
    assert v.related == (od.anchor,)


@pytest.mark.parametrize(
    ("executor", "pools"),
    [
        (placement(Role.EXECUTOR, {KARP: "spot"}), []),
        (placement(Role.EXECUTOR, terms=[[req(KARP, "In", "spot", "on-demand")]]), []),
        (placement(Role.EXECUTOR), [nodepool("od", "on-demand")]),
        (placement(Role.EXECUTOR, {"workload": "x"}),
         [nodepool("mixed", "spot", "on-demand", workload={"x"})]),
    ],
)
def test_sl103_silent(executor: PodPlacement, pools: list[Pool]) -> None:
    assert run("SL103", project(jobs=[job(executor=executor)], pools=pools)) == []


def test_sl103_ignores_driver() -> None:
    assert run("SL103", project(jobs=[job(placement(Role.DRIVER, {KARP: "on-demand"}))])) == []


# -- SL104 -------------------------------------------------------------------------


def test_sl104_capacity_only_preferred() -> None:
    r = req(KARP, "In", "on-demand")
    [v] = run("SL104", project(jobs=[job(placement(Role.DRIVER, preferred=[r]))]))
    assert v.at is r.node
    assert "driver" in v.message


def test_sl104_silent_when_required_capacity_exists() -> None:
    p = placement(Role.EXECUTOR, {KARP: "spot"}, preferred=[req(KARP, "In", "spot")])
    assert run("SL104", project(jobs=[job(executor=p)])) == []


def test_sl104_ignores_non_capacity_preferences() -> None:
    p = placement(Role.EXECUTOR, preferred=[req(ZONE, "In", "us-east-1a")])
    assert run("SL104", project(templates=[template(p)])) == []


# -- SL105 -------------------------------------------------------------------------


def test_sl105_selector_value() -> None:
    p = placement(Role.EXECUTOR, {KARP: "ON_DEMAND"})
    [v] = run("SL105", project(jobs=[job(executor=p)]))
    assert v.at is p.node_selector[KARP]
    assert 'did you mean "on-demand"' in v.message


def test_sl105_affinity_and_preferred_values() -> None:
    hard, soft = req(EKS, "In", "Spot"), req(EKS, "In", "on_demand")
    p = placement(Role.DRIVER, terms=[[hard]], preferred=[soft])
    found = run("SL105", project(jobs=[job(p)]))
    # the finding points at the wrong value, not at its expression's key (issue 15)
    assert [v.at for v in found] == [hard.value_nodes[0], soft.value_nodes[0]]
    assert '"SPOT"' in found[0].message and '"ON_DEMAND"' in found[1].message


def test_sl105_karpenter_pool_requirement() -> None:
    r = req(KARP, "In", "Spot", "on-demand")
    bad_pool = pool("spark", None, requirements=[r, req("node-lifecycle", "In", "Spot")])
    [v] = run("SL105", project(pools=[bad_pool]))
    assert v.at is r.value_nodes[0]
    assert "NodePool spark" in v.message


def test_sl105_unknown_and_lenient_values_are_fine() -> None:
    p = placement(Role.EXECUTOR, {KARP: "${CAP}", "node.kubernetes.io/lifecycle": "ondemand"},
                  unknown_values=(KARP,))
    assert run("SL105", project(jobs=[job(executor=p)])) == []


def test_sl105_reports_even_when_rest_of_placement_is_unknown() -> None:
    p = placement(Role.EXECUTOR, {KARP: "SPOT"}, known=False)
    assert len(run("SL105", project(jobs=[job(executor=p)]))) == 1


def test_sl105_shared_node_reported_once() -> None:
    shared = placement(Role.DRIVER, {KARP: "Spot"})
    j1, j2 = job(shared, name="a"), job(shared, name="b")
    found = run("SL105", project(jobs=[j1, j2], templates=[template(shared, [j1, j2])]))
    assert len(found) == 1


def test_sl105_suggestion_missing_for_unrelated_word() -> None:
    [v] = run("SL105", project(jobs=[job(placement(Role.DRIVER, {KARP: "cheap"}))]))
    assert "did you mean" not in v.message
    assert "on-demand, spot, reserved" in v.message


# -- SL106 -------------------------------------------------------------------------


def test_sl106_needs_pools() -> None:
    assert run("SL106", project(jobs=[job(placement(Role.DRIVER, {"x": "y"}))])) == []


def test_sl106_selector_no_pool_offers() -> None:
    executor = placement(Role.EXECUTOR, {"NodeGroupType": "spark-executors"})
    group = pool("exec", {SPOT}, {"NodeGroupType": {"spark-executor"}})
    [v] = run("SL106", project(jobs=[job(executor=executor)], pools=[group]))
    assert v.at is executor.node_selector["NodeGroupType"]
    assert "spark-executor" in v.message and "executors" in v.message
    assert v.related == (group.anchor,)


def test_sl106_silent_for_label_no_scanned_pool_carries() -> None:
    executor = placement(Role.EXECUTOR, {"NodeGroupType": "spark"})
    groups = [nodepool("a", "spot"), nodepool("b", "on-demand")]
    assert run("SL106", project(jobs=[job(executor=executor)], pools=groups)) == []


def test_sl106_one_finding_for_all_tainted_pools() -> None:
    pools = [nodepool("gpu", "on-demand"), nodepool("nvme", "spot")]
    pools[0].taints.append(Taint("nvidia.com/gpu", None, "NoSchedule", node({})))
    pools[1].taints.append(Taint("workload", "nvme", "NoExecute", node({})))
    [v] = run("SL106", project(jobs=[job(placement(Role.DRIVER))], pools=pools))
    assert "nvidia.com/gpu:NoSchedule" in v.message
    assert "workload=nvme:NoExecute" in v.message


def test_sl106_taint_not_tolerated() -> None:
    tainted = nodepool("dedicated", "on-demand")
    tainted.taints.append(Taint("dedicated", "spark", "NoSchedule", node({})))
    driver = placement(Role.DRIVER)
    [v] = run("SL106", project(jobs=[job(driver)], pools=[tainted]))
    assert v.at is driver.anchor
    assert "dedicated=spark:NoSchedule" in v.message


def test_sl106_tolerated_taint_fits() -> None:
    tainted = nodepool("dedicated", "on-demand")
    tainted.taints.append(Taint("dedicated", "spark", "NoSchedule", node({})))
    tolerant = placement(Role.DRIVER, tolerations=[
        Toleration("dedicated", "Exists", None, None, node({}))])
    assert run("SL106", project(jobs=[job(tolerant)], pools=[tainted])) == []


def test_sl106_leaves_misspelt_capacity_to_sl105() -> None:
    p = project(jobs=[job(placement(Role.DRIVER, {KARP: "ON_DEMAND"}))],
                pools=[nodepool("od", "on-demand")])
    assert run("SL106", p) == []
    assert len(run("SL105", p)) == 1


def test_sl106_skips_unknown_placement() -> None:
    p = placement(Role.DRIVER, {"x": "y"}, known=False)
    assert run("SL106", project(jobs=[job(p)], pools=[nodepool("a", "spot")])) == []


# -- SL107 -------------------------------------------------------------------------


def zonal(name: str, *zones: str, **extra: set[str]) -> Pool:
    p = nodepool(name, "spot", "on-demand", **extra)
    p.node_labels[ZONE] = frozenset(zones)
    return p


def test_sl107_multi_zone_pool() -> None:
    driver = placement(Role.DRIVER, {KARP: "on-demand"})
    executor = placement(Role.EXECUTOR)
    spark = zonal("spark", "us-east-1a", "us-east-1b")
    [v] = run("SL107", project(jobs=[job(driver, executor)], pools=[spark]))
    assert v.at is executor.anchor
    assert "2 zones (us-east-1a, us-east-1b)" in v.message
    assert v.related == (spark.anchor,)


def test_sl107_pinned_job_is_fine() -> None:
    pin = {ZONE: "us-east-1a"}
    j = job(placement(Role.DRIVER, pin), placement(Role.EXECUTOR, pin))
    assert run("SL107", project(jobs=[j], pools=[zonal("spark", "us-east-1a", "us-east-1b")])) == []


def test_sl107_roles_pinned_to_different_zones() -> None:
    j = job(placement(Role.DRIVER, {ZONE: "us-east-1a"}),
            placement(Role.EXECUTOR, {ZONE: "us-east-1b"}))
    spark = zonal("spark", "us-east-1a", "us-east-1b")
    assert len(run("SL107", project(jobs=[j], pools=[spark]))) == 1


def test_sl107_single_zone_pools_per_role() -> None:
    pools = [zonal("drv", "us-east-1a", role={"d"}), zonal("exe", "us-east-1a", role={"e"})]
    j = job(placement(Role.DRIVER, {"role": "d"}), placement(Role.EXECUTOR, {"role": "e"}))
    assert run("SL107", project(jobs=[j], pools=pools)) == []


def test_sl107_unknown_zones_no_finding() -> None:
    j = job(placement(Role.DRIVER), placement(Role.EXECUTOR))
    assert run("SL107", project(jobs=[j], pools=[nodepool("spark", "spot")])) == []


def test_sl107_job_without_placement_is_skipped() -> None:
    assert run("SL107", project(jobs=[job()], pools=[zonal("s", "a", "b")])) == []


def test_sl107_unreferenced_template() -> None:
    t = template(placement(Role.EXECUTOR))
    [v] = run("SL107", project(templates=[t], pools=[zonal("s", "us-west-2a", "us-west-2b")]))
    assert "pod template tpl" in v.message


# -- the documented examples -------------------------------------------------------

EXAMPLE_CASES = [c for code in BY_CODE for c in cases(code)]


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda c: f"{c.code}/{c.name}")
def test_examples_find_exactly_what_they_mark(case: Case) -> None:
    result = run_case(case)
    assert actual(case, result) == expected(case)
    if case.bad:
        assert expected(case), "a bad example must mark at least one finding"
