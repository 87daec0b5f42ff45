"""SL402 judges pools known to launch Spot, not pools whose capacity cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

NODEPOOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: batch}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [CAPACITY]
        - key: node.kubernetes.io/instance-type
          operator: In
          values: [r5.2xlarge, r5d.2xlarge, r6i.2xlarge]
"""

SELF_MANAGED = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: analytics, region: eu-west-1}
nodeGroups:
  - name: spark
    instancesDistribution:
      instanceTypes: [m5.xlarge, m5a.xlarge]
      onDemandPercentageAboveBaseCapacity: PERCENT
"""


def sl402(tmp_path: Path, text: str) -> int:
    path = tmp_path / "pool.yaml"
    path.write_text(text)
    result = lint([str(path)], Settings(root=str(tmp_path), select=["SL402"]))
    return sum(f.code == "SL402" for f in result.active)


@pytest.mark.parametrize(("capacity", "expected"), [
    ('"spot"', 1), ('"spot", "on-demand"', 1),  # known to launch Spot: judged
    ('"on-demand"', 0),                          # known not to
    ('"${CAPACITY_TYPE}"', 0),                   # cannot be read: not assumed Spot
])
def test_a_nodepool_is_judged_when_it_is_known_to_launch_spot(
    tmp_path: Path, capacity: str, expected: int,
) -> None:
    assert sl402(tmp_path, NODEPOOL.replace("CAPACITY", capacity)) == expected


@pytest.mark.parametrize(("percent", "expected"), [
    ("0", 1), ("50", 1), ("100", 0), ('"${ON_DEMAND_PERCENT}"', 0),
])
def test_a_self_managed_group_is_judged_when_it_is_known_to_launch_spot(
    tmp_path: Path, percent: str, expected: int,
) -> None:
    assert sl402(tmp_path, SELF_MANAGED.replace("PERCENT", percent)) == expected
