"""SL405/SL412: a handler covers the pools of its own cluster, not every pool scanned.

A Node Termination Handler that names no cluster covers the pools placement would
match a pod in its file against: those nearest to it in its repository. So with
several repositories checked together (with or without ``.git`` directories), one
repository's handler does not silence another's Spot groups.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

NTH = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: aws-node-termination-handler
  namespace: kube-system
spec:
  chart:
    spec:
      chart: aws-node-termination-handler
      sourceRef: {kind: HelmRepository, name: eks-charts}
"""


def group(cluster: str) -> str:
    """An eksctl cluster with one self-managed Spot group (SL405, SL412 without a handler)."""
    return f"""\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: {cluster}
  region: eu-west-1
nodeGroups:
  - name: spark-spot
    instancesDistribution:
      instanceTypes: [m5.xlarge, m5a.xlarge, m5d.xlarge, m6i.xlarge]
      onDemandPercentageAboveBaseCapacity: 0
      spotAllocationStrategy: price-capacity-optimized
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def found(root: Path) -> Counter[tuple[str, str]]:
    result = lint([str(root)], Settings(root=str(root)))
    return Counter((Path(f.location.path).relative_to(root).parts[0], f.code)
                   for f in result.active if f.code in ("SL405", "SL412"))


def test_a_handler_in_the_same_repository_covers_its_groups(tmp_path: Path) -> None:
    write(tmp_path, {"infra/addons/nth.yaml": NTH,
                     "infra/clusters/analytics.yaml": group("analytics")})
    assert found(tmp_path) == Counter()


@pytest.mark.parametrize("git", [False, True])
def test_a_handler_in_a_sibling_repository_does_not(tmp_path: Path, git: bool) -> None:
    write(tmp_path, {"repo-a/addons/nth.yaml": NTH,
                     "repo-a/clusters/analytics.yaml": group("analytics"),
                     "repo-b/eksctl/batch.yaml": group("batch")})
    if git:
        (tmp_path / "repo-a" / ".git").mkdir()
        (tmp_path / "repo-b" / ".git").mkdir()
    assert found(tmp_path) == Counter({("repo-b", "SL405"): 1, ("repo-b", "SL412"): 1})


def test_a_handler_naming_no_cluster_does_not_reach_a_namesake_elsewhere(
    tmp_path: Path,
) -> None:
    # The handler names no cluster: its place decides, not the name its neighbours
    # carry (sample repositories reuse names like "analytics" or "cluster-1").
    write(tmp_path, {"repo-a/addons/nth.yaml": NTH,
                     "repo-a/clusters/analytics.yaml": group("analytics"),
                     "repo-b/eksctl/analytics.yaml": group("analytics")})
    assert found(tmp_path) == Counter({("repo-b", "SL405"): 1, ("repo-b", "SL412"): 1})


def test_a_handler_naming_its_cluster_covers_that_cluster_only(tmp_path: Path) -> None:
    named = (
        'module "eks_blueprints_addons" {\n'
        '  source       = "aws-ia/eks-blueprints-addons/aws"\n'
        '  cluster_name = "analytics"\n'
        '  enable_aws_node_termination_handler = true\n}\n')
    write(tmp_path, {"repo-a/addons/main.tf": named,
                     "repo-a/clusters/analytics.yaml": group("analytics"),
                     "repo-a/clusters/batch.yaml": group("batch")})
    assert found(tmp_path) == Counter({("repo-a", "SL405"): 1, ("repo-a", "SL412"): 1})


def test_a_handler_equally_near_two_clusters_covers_both(tmp_path: Path) -> None:
    # Which of the two it runs in cannot be told: no finding rests on a guess.
    write(tmp_path, {"platform/nth.yaml": NTH,
                     "platform/prod/cluster.yaml": group("prod"),
                     "platform/staging/cluster.yaml": group("staging")})
    assert found(tmp_path) == Counter()


def test_a_handler_with_no_pool_near_it_covers_none_in_another_repository(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"repo-a/.git/HEAD": "", "repo-a/addons/nth.yaml": NTH,
                     "repo-b/.git/HEAD": "", "repo-b/eksctl/batch.yaml": group("batch")})
    assert found(tmp_path) == Counter({("repo-b", "SL405"): 1, ("repo-b", "SL412"): 1})


def test_the_clusters_mapping_decides_for_a_handler_naming_none(tmp_path: Path) -> None:
    # Side by side, but mapped: the handler's file belongs to prod, so staging is uncovered.
    from spotlint.config.files import load_config_into
    from spotlint.plugins.manager import default_registry

    write(tmp_path, {
        ".spotlint.yaml": "clusters:\n"
                          "  - {name: prod, paths: [addons, prod]}\n"
                          "  - {name: staging, paths: [staging]}\n",
        "addons/nth.yaml": NTH,
        "prod/cluster.yaml": group("prod"),
        "staging/cluster.yaml": group("staging")})
    settings = Settings(root=str(tmp_path))
    assert load_config_into(settings, [str(tmp_path)], None, default_registry().rules)
    result = lint([str(tmp_path)], settings)
    assert sorted((Path(f.location.path).parent.name, f.code) for f in result.active
                  if f.code in ("SL405", "SL412")) == [("staging", "SL405"), ("staging", "SL412")]
