"""Karpenter requirement evaluation over the catalog."""

from __future__ import annotations

from spotlint.capacity.instances import catalog
from spotlint.capacity.requirements import (
    admitted_by,
    admitted_count,
    admitted_types,
    is_instance_key,
)
from spotlint.location import Location, Node
from spotlint.model import Requirement

HERE = Location("t.yaml", 1, 1, 1, 1)


def req(key: str, op: str, *values: str, unknown: bool = False) -> Requirement:
    nodes = tuple(Node(v, HERE) for v in values)
    return Requirement(key, op, tuple(values), Node({}, HERE), unknown, nodes)


def names(*reqs: Requirement, api: str = "karpenter.sh/v1") -> frozenset[str]:
    return admitted_types(list(reqs), api).types


def test_no_requirements_admit_everything_in_v1() -> None:
    result = admitted_types([], "karpenter.sh/v1")
    assert result.exact and len(result.types) == len(catalog())
    assert result.assumed == ()


def test_v1alpha5_defaults() -> None:
    result = admitted_types([], "karpenter.sh/v1alpha5")
    assert {str(a) for a in result.assumed} == {
        "kubernetes.io/arch In [amd64]",
        "karpenter.k8s.aws/instance-category In [c, m, r]",
        "karpenter.k8s.aws/instance-generation Gt [2]",
    }
    cat = catalog()
    for name in result.types:
        t = cat.get(name)
        assert t is not None and t.arch == "amd64" and t.category in "cmr" and t.generation > 2
    assert "m5.xlarge" in result.types and "m6g.xlarge" not in result.types
    assert "m1.small" not in result.types and "m3.medium" in result.types


def test_v1alpha5_family_suppresses_category_default() -> None:
    result = admitted_types([req("karpenter.k8s.aws/instance-family", "In", "i3")],
                            "karpenter.sh/v1alpha5")
    assert "i3.xlarge" in result.types
    arch = admitted_types([req("kubernetes.io/arch", "In", "arm64")], "karpenter.sh/v1alpha5")
    assert "m6g.xlarge" in arch.types and "m5.xlarge" not in arch.types


def test_in_and_notin() -> None:
    got = names(req("node.kubernetes.io/instance-type", "In", "m5.xlarge", "c5.xlarge"))
    assert got == {"m5.xlarge", "c5.xlarge"}
    got = names(req("karpenter.k8s.aws/instance-family", "In", "m5"),
                req("karpenter.k8s.aws/instance-size", "NotIn", "metal", "large"))
    assert "m5.xlarge" in got and "m5.large" not in got and "m5.metal" not in got


def test_numeric_operators() -> None:
    cpu = "karpenter.k8s.aws/instance-cpu"
    family = req("karpenter.k8s.aws/instance-family", "In", "m5")
    assert names(family, req(cpu, "Gt", "8"), req(cpu, "Lt", "48")) == {
        "m5.4xlarge", "m5.8xlarge"}
    assert names(family, req(cpu, "Gte", "8"), req(cpu, "Lte", "16")) == {
        "m5.2xlarge", "m5.4xlarge"}
    mem = names(family, req("karpenter.k8s.aws/instance-memory", "Lt", "16384"))
    assert mem == {"m5.large"}


def test_exists_and_does_not_exist() -> None:
    nvme = "karpenter.k8s.aws/instance-local-nvme"
    family = req("karpenter.k8s.aws/instance-category", "In", "m")
    with_disk = names(family, req(nvme, "Exists"))
    without = names(family, req(nvme, "DoesNotExist"))
    assert "m5d.xlarge" in with_disk and "m5.xlarge" not in with_disk
    assert "m5.xlarge" in without and "m5d.xlarge" not in without
    assert names(req("kubernetes.io/arch", "DoesNotExist")) == frozenset()


def test_repeated_keys_are_anded() -> None:
    key = "karpenter.k8s.aws/instance-family"
    assert names(req(key, "In", "m5", "c5"), req(key, "In", "c5", "r5"),
                 req("karpenter.k8s.aws/instance-size", "In", "xlarge")) == {"c5.xlarge"}


def test_unknown_values_are_unconstrained_and_inexact() -> None:
    result = admitted_types([req("karpenter.k8s.aws/instance-family", "In", "${F}", unknown=True)])
    assert not result.exact and len(result.types) == len(catalog())
    newer = admitted_types([req("karpenter.k8s.aws/instance-family", "In", "m5", "m99z")])
    assert not newer.exact and "m5.large" in newer.types
    bad_bound = admitted_types([req("karpenter.k8s.aws/instance-cpu", "Gt", "four")])
    assert not bad_bound.exact


def test_non_instance_keys_are_ignored() -> None:
    result = admitted_types([
        req("karpenter.sh/capacity-type", "In", "spot"),
        req("topology.kubernetes.io/zone", "In", "us-west-2a"),
        req("team", "In", "data"),
    ])
    assert result.exact and len(result.types) == len(catalog()) and result.narrowing == ()
    assert not is_instance_key("team") and is_instance_key("kubernetes.io/arch")


def test_narrowing_and_admitted_by() -> None:
    family = req("karpenter.k8s.aws/instance-family", "In", "c5d")
    arch = req("kubernetes.io/arch", "In", "amd64")
    result = admitted_types([arch, family])
    assert result.narrowing == (arch, family)
    assert len(admitted_by(family)) < len(admitted_by(arch))
    assert result.families() == {"c5d"}


def test_admitted_count_is_the_number_admitted_by() -> None:
    cases = [
        req("karpenter.k8s.aws/instance-family", "In", "c5d", "m5"),
        req("kubernetes.io/arch", "NotIn", "arm64"),
        req("karpenter.k8s.aws/instance-cpu", "Gt", "8"),
        req("node.kubernetes.io/instance-type", "In", "m5.large", "nosuch.large"),
        req("karpenter.k8s.aws/instance-gpu-count", "DoesNotExist"),
        req("team", "In", "data"),  # not about the instance: every type
        req("karpenter.k8s.aws/instance-family", "In", "{{ x }}", unknown=True),
    ]
    counts = [admitted_count(r) for r in cases]
    assert counts == [len(admitted_by(r)) for r in cases]
    assert len(set(counts)) >= 5 and 0 < min(counts) < len(catalog()) == max(counts)
