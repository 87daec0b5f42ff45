"""CloudFormation templates: node groups read through parameters, intrinsics left unknown."""

from __future__ import annotations

from spotlint.load.base import Limits
from spotlint.load.files import load_text
from spotlint.model import ON_DEMAND, SPOT, Project
from spotlint.recognize.cloudformation import KINDS
from spotlint.recognize.kinds import NormalizeContext

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Capacity: {Type: String, Default: SPOT}
  Types: {Type: CommaDelimitedList, Default: "m5.xlarge, m5a.xlarge"}
Resources:
  Spot:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: analytics
      NodegroupName: spark-spot
      CapacityType: !Ref Capacity
      InstanceTypes: !Ref Types
      Labels: {NodeGroupType: spark}
      Taints:
        - {Key: spot, Value: "true", Effect: NO_SCHEDULE}
  Unknown:
    Type: AWS::EKS::Nodegroup
    Properties:
      CapacityType: !If [UseSpot, SPOT, ON_DEMAND]
      InstanceTypes: !Ref Missing
  Default:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: !Ref ClusterName
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MixedInstancesPolicy:
        InstancesDistribution: {OnDemandPercentageAboveBaseCapacity: 0}
"""


def _pools(text: str, path: str = "template.yaml") -> Project:
    loaded = load_text(path, text, Limits(), "json" if path.endswith(".json") else "yaml")
    assert not loaded.errors
    project = Project()
    ctx = NormalizeContext(file=loaded, project=project)
    for doc in loaded.documents:
        for kind in KINDS:
            if kind.matches(doc, loaded):
                kind.normalize(doc, ctx)
    return project


def test_parameters_resolve_and_intrinsics_stay_unknown() -> None:
    pools = {p.name: p for p in _pools(TEMPLATE).pools}
    assert set(pools) == {"spark-spot", "Unknown", "Default"}  # the ASG has no cluster tag
    spot = pools["spark-spot"]
    assert spot.capacity_types == frozenset({SPOT}) and spot.cluster == "analytics"
    assert [t.value for t in spot.instance_types or []] == ["m5.xlarge", "m5a.xlarge"]
    # The resolved parameter is reported where the template uses it.
    assert spot.capacity_node is not None and spot.capacity_node.loc.line == 11
    assert spot.node_labels["NodeGroupType"] == frozenset({"spark"})
    assert spot.node_labels["eks.amazonaws.com/nodegroup"] == frozenset({"spark-spot"})
    assert [(t.key, t.effect) for t in spot.taints] == [("spot", "NoSchedule")]
    unknown = pools["Unknown"]
    assert unknown.capacity_types is None and unknown.instance_types is None
    assert unknown.types_elsewhere
    default = pools["Default"]
    assert default.capacity_types == frozenset({ON_DEMAND}) and default.cluster is None


def test_json_templates_read_ref_and_fn() -> None:
    text = (
        '{"Parameters": {"T": {"Type": "String", "Default": "c5.xlarge"}},\n'
        ' "Resources": {"N": {"Type": "AWS::EKS::Nodegroup", "Properties": {\n'
        '   "CapacityType": {"Fn::If": ["Spot", "SPOT", "ON_DEMAND"]},\n'
        '   "InstanceTypes": [{"Ref": "T"}]}}}}\n'
    )
    pool = _pools(text, "template.json").pools[0]
    assert pool.capacity_types is None
    assert [t.value for t in pool.instance_types or []] == ["c5.xlarge"]
