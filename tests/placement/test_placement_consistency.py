"""Property: no run holds two findings that contradict each other about one role's capacity.

Jobs, pods and pools are generated (capacity labels in every spelling, custom
labels, taints and tolerations, unreadable pod templates, decommission confs,
versions, declared pools), every SL1xx and SL2xx rule runs on the same project,
and the findings about each job's driver and executors must agree with each
other and with the one placement view they all read.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from placement_support import EKS, KARP, lint_tree, node, pool, req, taint

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.model import (
    ConfOrigin,
    ConfValue,
    Job,
    PodPlacement,
    Pool,
    Project,
    Requirement,
    Role,
    SparkVersion,
    Toleration,
)
from spotlint.placement.view import index_for
from spotlint.rule import RuleContext, Violation

SPOT_CLAIMS = ("SL201", "SL207")  # executors may run on Spot
LABEL_VALUES = {
    KARP: ["spot", "on-demand", "SPOT", "reserved"],
    EKS: ["SPOT", "ON_DEMAND", "spot"],
    "node-lifecycle": ["spot", "on-demand"],
    "node.kubernetes.io/lifecycle": ["spot", "normal", "ondemand"],
    "NodeGroupType": ["exec", "driver", "gpu"],
}
KEYS = sorted(LABEL_VALUES)
OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"]
DECOMMISSION = ["spark.decommission.enabled", "spark.storage.decommission.enabled",
                "spark.storage.decommission.shuffleBlocks.enabled"]


# -- strategies --------------------------------------------------------------------


@st.composite
def requirements(draw: st.DrawFn, path: str) -> Requirement:
    key = draw(st.sampled_from(KEYS))
    operator = draw(st.sampled_from(OPERATORS))
    values: tuple[str, ...] = ()
    if operator in ("In", "NotIn"):
        values = tuple(draw(st.lists(st.sampled_from(LABEL_VALUES[key]), min_size=1,
                                     max_size=2, unique=True)))
    return req(key, operator, *values, path=path)


@st.composite
def placements(draw: st.DrawFn, role: Role, path: str) -> PodPlacement | None:
    if draw(st.integers(0, 4)) == 0:
        return None  # the job says nothing about this role
    selector = draw(st.dictionaries(st.sampled_from(KEYS), st.just(""), max_size=2))
    chosen = {k: draw(st.sampled_from(LABEL_VALUES[k])) for k in selector}
    terms = None
    if draw(st.booleans()):
        terms = draw(st.lists(st.lists(requirements(path), min_size=1, max_size=2),
                              min_size=1, max_size=2))
    tolerations = []
    if draw(st.booleans()):
        tolerations.append(Toleration(draw(st.sampled_from(["dedicated", None])), "Exists",
                                      None, None, node({}, path)))
    return PodPlacement(
        role=role, anchor=node({}, path),
        node_selector={k: node(v, path) for k, v in chosen.items()},
        required_terms=terms, tolerations=tolerations,
        known=draw(st.integers(0, 5)) > 0,  # sometimes an unreadable s3:// template
    )


@st.composite
def pools(draw: st.DrawFn, index: int) -> Pool:
    provisioner = draw(st.sampled_from(["karpenter", "eks", "custom"]))
    types = draw(st.lists(st.sampled_from(["spot", "on-demand"]), min_size=1, max_size=2,
                          unique=True))
    labels: dict[str, set[str] | None] = {"topology.k8s.aws/zone-id": None}
    if provisioner == "karpenter":
        labels[KARP] = set(types)
    elif provisioner == "eks":
        labels[EKS] = {"SPOT" if t == "spot" else "ON_DEMAND" for t in types}
    if draw(st.booleans()):
        labels["NodeGroupType"] = {draw(st.sampled_from(LABEL_VALUES["NodeGroupType"]))}
    if draw(st.booleans()):
        labels["node-lifecycle"] = set(types)
    taints = [taint("dedicated", "x")] if draw(st.integers(0, 3)) == 0 else []
    return pool(f"p{index}", types, labels, taints=taints, path=f"/repo/pools/p{index}.yaml")


@st.composite
def jobs(draw: st.DrawFn, index: int) -> Job:
    path = f"/repo/jobs/job{index}.yaml"
    job = Job(name=f"job{index}", kind="SparkApplication", doc=node({}, path),
              driver=draw(placements(Role.DRIVER, path)),
              executor=draw(placements(Role.EXECUTOR, path)))
    version = draw(st.sampled_from([None, (3, 0), (3, 2), (3, 5)]))
    if version is not None:
        job.version = SparkVersion(version[0], version[1], 0, source="test")
    for key in DECOMMISSION:
        value = draw(st.sampled_from([None, "true", "false"]))
        if value is not None:
            key_node = node(key, path)
            value_node = node(value, path)
            value_node.key = key_node
            job.conf.add(ConfValue(key, value_node, ConfOrigin.SPARK_CONF))
    return job


@st.composite
def projects(draw: st.DrawFn) -> tuple[Project, Settings]:
    pool_list = [draw(pools(i)) for i in range(draw(st.integers(0, 3)))]
    job_list = [draw(jobs(i)) for i in range(draw(st.integers(1, 3)))]
    run_settings = Settings(root="/repo")
    if draw(st.integers(0, 3)) == 0:
        run_settings.declared_pools = [{
            "name": "declared", "provisioner": draw(st.sampled_from(
                ["karpenter", "managed-node-group", "other"])),
            "capacity-types": draw(st.lists(st.sampled_from(["spot", "on-demand"]),
                                            min_size=1, max_size=2, unique=True)),
        }]
    return Project(jobs=job_list, pools=pool_list), run_settings


# -- checking ----------------------------------------------------------------------


@dataclass
class Claims:
    """What the findings of one job say about its roles."""

    codes: dict[Role | None, set[str]] = field(default_factory=dict)
    messages: dict[str, list[str]] = field(default_factory=dict)

    def add(self, role: Role | None, code: str, message: str) -> None:
        self.codes.setdefault(role, set()).add(code)
        self.messages.setdefault(code, []).append(message)

    def has(self, role: Role | None, code: str) -> bool:
        return code in self.codes.get(role, set())


ROLE_OF_RULE: dict[str, Callable[[str], Role | None]] = {
    "SL101": lambda m: Role.DRIVER,
    "SL102": lambda m: Role.DRIVER,
    "SL103": lambda m: Role.EXECUTOR,
    "SL106": lambda m: Role.DRIVER if "host the driver" in m else Role.EXECUTOR,
    "SL201": lambda m: Role.EXECUTOR,
    "SL207": lambda m: Role.EXECUTOR,
}


def run_all(p: Project, run_settings: Settings) -> dict[str, Claims]:
    """Every SL1xx/SL2xx rule on one context; findings grouped by the job's file."""
    from spotlint.rules import all_rules

    ctx = RuleContext(project=p, capacity=CapacityLabels(), settings=run_settings)
    claims: dict[str, Claims] = {}
    for rule in all_rules():
        if rule.code not in ROLE_OF_RULE:
            continue
        found: list[Violation] = []
        if rule.target == "job":
            for job in p.jobs:
                found += list(rule.run(job, ctx))
        else:
            found += list(rule.run(p, ctx))
        for violation in found:
            path = violation.location.path
            claims.setdefault(path, Claims()).add(
                ROLE_OF_RULE[rule.code](violation.message), rule.code, violation.message)
    return claims


def assert_consistent(p: Project, run_settings: Settings) -> None:
    claims = run_all(p, run_settings)
    index = index_for(p, CapacityLabels(), run_settings)
    for job in p.jobs:
        said = claims.get(job.path, Claims())
        executors, driver = Role.EXECUTOR, Role.DRIVER
        # Executors are kept off Spot, and may run on Spot: never both.
        spot_claims = [c for c in SPOT_CLAIMS if said.has(executors, c)]
        assert not (said.has(executors, "SL103") and spot_claims), (job.name, said.codes)
        # The driver can only run on Spot, and is merely not kept off it: never both.
        assert not (said.has(driver, "SL101") and said.has(driver, "SL102")), said.codes
        # "No pool can host it" and "it can land on pool X": never both.
        for role, lands in ((driver, ("SL101", "SL102")), (executors, ("SL103",))):
            if said.has(role, "SL106"):
                for code in lands:
                    assert not any("can land on" in m for m in said.messages.get(code, [])
                                   if said.has(role, code)), (code, said.messages)
        # SL201 says when its remedy covers SL207; then SL207 is silent.
        if said.has(executors, "SL201") and any(
                "covers SL207" in m for m in said.messages["SL201"]):
            assert not said.has(executors, "SL207"), said.messages
        # Every claim agrees with the one view every rule reads.
        view = index.for_job(job, executors)
        if spot_claims:
            assert view.may_use_spot
        if said.has(executors, "SL103"):
            assert view.excludes_spot
        driver_view = index.for_job(job, driver)
        if said.has(driver, "SL101"):
            assert driver_view.spot_only
        if said.has(driver, "SL102"):
            assert driver_view.may_use_spot and not driver_view.spot_only


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_no_two_findings_contradict_each_other_about_a_role(
    generated: tuple[Project, Settings],
) -> None:
    assert_consistent(*generated)


# -- the same, end to end from files -------------------------------------------------


def pod_spec(selector: dict[str, str], tolerate: bool) -> str:
    lines = [f"{k}: {v}" for k, v in selector.items()]
    spec = "nodeSelector: {" + ", ".join(lines) + "}"
    if tolerate:
        spec += "\n  tolerations: [{key: dedicated, operator: Exists}]"
    return spec


@st.composite
def repositories(draw: st.DrawFn) -> dict[str, str]:
    files: dict[str, str] = {}
    for i in range(draw(st.integers(0, 2))):
        types = draw(st.lists(st.sampled_from(["spot", "on-demand"]), min_size=1, max_size=2,
                              unique=True))
        taints = "[{key: dedicated, value: x, effect: NoSchedule}]" if draw(
            st.booleans()) else "[]"
        if draw(st.booleans()):
            group = draw(st.sampled_from(LABEL_VALUES["NodeGroupType"]))
            files[f"pools/nodepool{i}.yaml"] = f"""
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {{name: np{i}}}
                spec:
                  template:
                    metadata:
                      labels: {{NodeGroupType: {group}}}
                    spec:
                      taints: {taints}
                      requirements:
                        - {{key: karpenter.sh/capacity-type, operator: In,
                           values: [{", ".join(types)}]}}
            """
        else:
            spot = "true" if types == ["spot"] else "false"
            files[f"pools/cluster{i}.yaml"] = f"""
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {{name: c{i}, region: us-east-1}}
                managedNodeGroups:
                  - {{name: g{i}, spot: {spot}, taints: {taints}}}
            """
    selectors = st.dictionaries(st.sampled_from([KARP, EKS, "NodeGroupType"]),
                                st.just(""), max_size=1)
    driver = {k: draw(st.sampled_from(LABEL_VALUES[k])) for k in draw(selectors)}
    executor = {k: draw(st.sampled_from(LABEL_VALUES[k])) for k in draw(selectors)}
    decommission = draw(st.sampled_from(["", 'spark.decommission.enabled: "true"',
                                         'spark.storage.decommission.shuffleBlocks.enabled: '
                                         '"false"']))
    files["jobs/app.yaml"] = f"""
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata: {{name: etl}}
        spec:
          sparkVersion: "3.5.0"
          sparkConf: {{{decommission}}}
          driver:
            {textwrap.indent(pod_spec(driver, draw(st.booleans())), "            ").strip()}
          executor:
            {textwrap.indent(pod_spec(executor, draw(st.booleans())), "            ").strip()}
    """
    return files


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repositories())
def test_files_linted_together_never_contradict_either(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for rel, text in files.items():
            os.makedirs(root / os.path.dirname(rel), exist_ok=True)
            (root / rel).write_text(textwrap.dedent(text).lstrip("\n"))
        result = lint_tree(root, select=["SL1", "SL201", "SL207"])
        by_code = {f.code for f in result.active}
        assert not ({"SL201", "SL207"} & by_code and "SL103" in by_code), by_code
        assert not {"SL101", "SL102"} <= by_code, by_code
        if any(f.code == "SL201" and "covers SL207" in f.message for f in result.active):
            assert "SL207" not in by_code


def test_the_generator_reaches_every_kind_of_claim() -> None:
    """Guard against a vacuous property: the claims it checks do occur."""
    seen: set[str] = set()

    @settings(max_examples=200, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(projects())
    def collect(generated: tuple[Project, Settings]) -> None:
        for said in run_all(*generated).values():
            for codes in said.codes.values():
                seen.update(codes)

    collect()
    assert {"SL101", "SL102", "SL103", "SL106", "SL201", "SL207"} <= seen, seen

