"""Where pools learn their cluster: eksctl metadata, Karpenter node-class discovery tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from placement_support import write

from spotlint.config.settings import Settings
from spotlint.engine import run as engine_run
from spotlint.model import Project


def project_of(root: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The project a lint of ``root`` builds (captured before rules run)."""
    seen: list[Project] = []
    finish = engine_run._finish

    def capture(run: engine_run.Run) -> object:
        seen.append(run.project)
        return finish(run)

    monkeypatch.setattr(engine_run, "_finish", capture)
    engine_run.lint([str(root)], Settings(root=str(root)))
    return seen[0]


def clusters(project: Project) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.cluster, p.region) for p in project.pools}


def test_eksctl_groups_belong_to_metadata_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"cluster.yaml": """
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: {name: spark, region: eu-west-1}
        managedNodeGroups: [{name: a}]
        nodeGroups: [{name: b}]
    """, "templated.yaml": """
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: {name: "${CLUSTER}", region: eu-west-1}
        managedNodeGroups: [{name: c}]
    """})
    assert clusters(project_of(tmp_path, monkeypatch)) == {
        "a": ("spark", "eu-west-1"), "b": ("spark", "eu-west-1"), "c": (None, "eu-west-1")}


NODE_CLASS = """
    apiVersion: karpenter.k8s.aws/v1
    kind: EC2NodeClass
    metadata: {name: spark}
    spec:
      subnetSelectorTerms:
        - tags: {karpenter.sh/discovery: %s}
      securityGroupSelectorTerms:
        - tags: {karpenter.sh/discovery: %s}
"""

NODE_POOL = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: %s}
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: spark}
"""


def test_nodepool_learns_its_cluster_from_the_node_class_in_any_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {
        "a-nodepool.yaml": NODE_POOL % "early",     # read before the class
        "b-nodeclass.yaml": NODE_CLASS % ("analytics", "analytics"),
        "c-nodepool.yaml": NODE_POOL % "late",
    })
    assert clusters(project_of(tmp_path, monkeypatch)) == {
        "early": ("analytics", None), "late": ("analytics", None)}


def test_the_nearest_same_named_node_class_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {
        "east/nodeclass.yaml": NODE_CLASS % ("east", "east"),
        "east/nodepool.yaml": NODE_POOL % "east-pool",
        "west/nodeclass.yaml": NODE_CLASS % ("west", "west"),
        "west/nodepool.yaml": NODE_POOL % "west-pool",
    })
    assert clusters(project_of(tmp_path, monkeypatch)) == {
        "east-pool": ("east", None), "west-pool": ("west", None)}


@pytest.mark.parametrize(
    ("subnet", "group", "expected"),
    [
        ('"${CLUSTER_NAME}"', '"${CLUSTER_NAME}"', None),  # a placeholder: unknown
        ("one", "two", None),                               # two names: not one cluster
    ],
)
def test_unknown_or_conflicting_discovery_tags_name_no_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subnet: str, group: str,
    expected: str | None,
) -> None:
    write(tmp_path, {"nodeclass.yaml": NODE_CLASS % (subnet, group),
                     "nodepool.yaml": NODE_POOL % "p"})
    assert clusters(project_of(tmp_path, monkeypatch)) == {"p": (expected, None)}


def test_provisioner_inline_provider_and_eks_cluster_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"provisioner.yaml": """
        apiVersion: karpenter.sh/v1alpha5
        kind: Provisioner
        metadata: {name: default}
        spec:
          provider:
            subnetSelector: {kubernetes.io/cluster/batch: "*"}
    """})
    assert clusters(project_of(tmp_path, monkeypatch)) == {"default": ("batch", None)}
