"""Node groups keep their minimum, maximum and desired size as written (for the map)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import lint

CASES = {
    "eksctl.yaml": (
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n"
        "metadata:\n  name: c\n  region: us-east-1\n"
        "managedNodeGroups:\n  - name: g\n    instanceType: m5.xlarge\n"
        "    minSize: 1\n    maxSize: 5\n    desiredCapacity: 2\n",
        {"min": "1", "max": "5", "desired": "2"}),
    "eks.tf": (
        'resource "aws_eks_node_group" "g" {\n  cluster_name = "c"\n'
        '  node_group_name = "g"\n  instance_types = ["m5.xlarge"]\n'
        "  scaling_config {\n    min_size = 0\n    max_size = 10\n    desired_size = 3\n  }\n}\n",
        {"min": "0", "max": "10", "desired": "3"}),
    "asg.tf": (
        'resource "aws_autoscaling_group" "g" {\n  min_size = 2\n  max_size = 8\n'
        "  desired_capacity = var.n\n"
        "  mixed_instances_policy {\n    instances_distribution {\n"
        "      on_demand_percentage_above_base_capacity = 0\n    }\n"
        '    launch_template {\n      override {\n        instance_type = "m5.xlarge"\n'
        "      }\n    }\n  }\n"
        '  tag {\n    key = "kubernetes.io/cluster/c"\n    value = "owned"\n'
        "    propagate_at_launch = true\n  }\n}\n",
        {"min": "2", "max": "8"}),
    "stack.yaml": (
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Max:\n    Type: Number\n"
        "    Default: 12\nResources:\n  Group:\n    Type: AWS::EKS::Nodegroup\n"
        "    Properties:\n      ClusterName: c\n      NodeRole: arn:aws:iam::1:role/r\n"
        "      Subnets: [subnet-1]\n      InstanceTypes: [m5.xlarge]\n"
        "      ScalingConfig:\n        MinSize: 1\n        MaxSize: !Ref Max\n"
        "        DesiredSize: 1\n",
        {"min": "1", "max": "12", "desired": "1"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_group_size_is_read(tmp_path: Path, name: str) -> None:
    text, expected = CASES[name]
    (tmp_path / name).write_text(text)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path)), keep_model=True, workers=1)
    assert result.model is not None
    pools = result.model.project.pools
    assert len(pools) == 1, [p.name for p in pools]
    assert dict(pools[0].size) == expected
