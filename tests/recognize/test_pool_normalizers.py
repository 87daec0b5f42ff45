"""Karpenter and eksctl documents to Pools: capacity defaults, labels, taints, positions."""

from __future__ import annotations

from support.pools import project_from

from spotlint.model import ON_DEMAND, RESERVED, SPOT, Pool


def one_pool(text: str) -> Pool:
    pools = project_from(text).pools
    assert len(pools) == 1
    return pools[0]


PROVISIONER = """\
apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: spark
spec:
  labels:
    team: data
  taints:
    - key: spark
      value: "true"
      effect: NoSchedule
  limits:
    resources:
      cpu: 100
"""


def test_provisioner_defaults_to_on_demand_and_amd64() -> None:
    pool = one_pool(PROVISIONER)
    assert pool.kind == "karpenter-provisioner" and pool.karpenter and not pool.autoscaled_group
    assert pool.capacity_types == {ON_DEMAND} and pool.capacity_node is None
    assert pool.node_labels["karpenter.sh/capacity-type"] == {"on-demand"}
    assert pool.node_labels["karpenter.sh/provisioner-name"] == {"spark"}
    assert pool.node_labels["kubernetes.io/arch"] == {"amd64"}
    assert pool.node_labels["team"] == {"data"}
    assert pool.node_labels["topology.kubernetes.io/zone"] is None
    assert [(t.key, t.value, t.effect) for t in pool.taints] == [("spark", "true", "NoSchedule")]
    assert pool.taints[0].node.loc.line == 9
    assert pool.limits is not None and pool.limits.at.line == 12
    assert pool.anchor is pool.doc and pool.api_version == "karpenter.sh/v1alpha5"


def test_nodepool_without_capacity_requirement_may_use_spot() -> None:
    pool = one_pool("""\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: general}
spec:
  template:
    metadata:
      labels: {NodeGroupType: spark}
    spec:
      requirements:
        - key: topology.kubernetes.io/zone
          operator: In
          values: [us-west-2a, us-west-2b]
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: [c, m]
""")
    assert pool.kind == "karpenter-nodepool" and pool.api_version == "karpenter.sh/v1"
    assert pool.capacity_types == {SPOT, ON_DEMAND} and pool.may_use_spot
    assert pool.node_labels["karpenter.sh/nodepool"] == {"general"}
    assert pool.node_labels["NodeGroupType"] == {"spark"}
    assert pool.node_labels["karpenter.k8s.aws/instance-category"] == {"c", "m"}
    assert pool.node_labels["topology.kubernetes.io/zone"] == {"us-west-2a", "us-west-2b"}
    assert pool.node_labels["kubernetes.io/arch"] is None
    assert pool.zones is not None and [(z.text(), z.loc.line) for z in pool.zones] == [
        ("us-west-2a", 12), ("us-west-2b", 12)]
    assert pool.requirements[0].key == "topology.kubernetes.io/zone"
    assert pool.requirements[0].node.loc.line == 10


def test_karpenter_capacity_operators() -> None:
    def capacity(op: str, values: str) -> frozenset[str] | None:
        return one_pool(f"""\
apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {{name: p}}
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: {op}
          values: {values}
""").capacity_types

    assert capacity("In", "[spot]") == {SPOT}
    assert capacity("In", "[spot, reserved]") == {SPOT, RESERVED}
    assert capacity("NotIn", "[spot]") == {ON_DEMAND}
    assert capacity("In", '["${CAPACITY}"]') is None
    assert capacity("In", "[SPOT]") is None  # no node carries it (SL105's business)


def test_nodepool_capacity_from_template_label() -> None:
    pool = one_pool("""\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: p}
spec:
  template:
    metadata:
      labels: {karpenter.sh/capacity-type: spot}
""")
    assert pool.capacity_types == {SPOT} and pool.capacity_node is not None


def test_node_classes_are_kept_by_name() -> None:
    project = project_from("""\
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
---
apiVersion: karpenter.k8s.aws/v1alpha1
kind: AWSNodeTemplate
metadata: {name: legacy}
""")
    assert set(project.node_classes) == {"default", "legacy"} and not project.pools


CLUSTER = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: analytics
  region: eu-west-1
availabilityZones: [eu-west-1a, eu-west-1b]
vpc:
  subnets:
    private:
      eu-west-1a: {id: subnet-aaa}
      private-b: {id: subnet-bbb, az: eu-west-1b}
managedNodeGroups:
  - name: spot-mng
    spot: true
    instanceTypes: [m5.xlarge, m5a.xlarge]
    labels: {role: executor}
    taints:
      - {key: spark, value: "true", effect: NoSchedule}
  - name: od-mng
    instanceType: m5.large
    subnets: [subnet-aaa, private-b]
nodeGroups:
  - name: mixed
    amiFamily: AmazonLinux2
    availabilityZones: [eu-west-1a]
    taints: {dedicated: "spark:NoSchedule"}
    instancesDistribution:
      instanceTypes: [r5.xlarge, r5a.xlarge]
      onDemandBaseCapacity: 1
      onDemandPercentageAboveBaseCapacity: 0
  - name: plain
    amiFamily: Bottlerocket
    instanceType: c5.xlarge
  - name: templated
    instancesDistribution:
      instanceTypes: [c5.xlarge]
      onDemandPercentageAboveBaseCapacity: ${OD_PCT}
  - not-a-map
"""


def test_eksctl_groups() -> None:
    pools = {p.name: p for p in project_from(CLUSTER).pools}
    assert set(pools) == {"spot-mng", "od-mng", "mixed", "plain", "templated"}
    spot = pools["spot-mng"]
    assert spot.kind == "eksctl-managed" and spot.managed and spot.autoscaled_group
    assert spot.capacity_types == {SPOT} and spot.capacity_node is not None
    assert spot.capacity_node.loc.line == 14
    assert spot.anchor.loc.line == 13 and spot.anchor.get("name") is not None
    assert [t.text() for t in spot.instance_types or []] == ["m5.xlarge", "m5a.xlarge"]
    assert spot.node_labels["eks.amazonaws.com/capacityType"] == {"SPOT"}
    assert spot.node_labels["eks.amazonaws.com/nodegroup"] == {"spot-mng"}
    assert spot.node_labels["alpha.eksctl.io/nodegroup-name"] == {"spot-mng"}
    assert spot.node_labels["role"] == {"executor"}
    assert spot.node_labels["node.kubernetes.io/instance-type"] == {"m5.xlarge", "m5a.xlarge"}
    assert spot.node_labels["topology.kubernetes.io/zone"] == {"eu-west-1a", "eu-west-1b"}
    assert spot.zones is None and spot.zones_at is None
    assert [(t.key, t.effect) for t in spot.taints] == [("spark", "NoSchedule")]

    od = pools["od-mng"]
    assert od.capacity_types == {ON_DEMAND} and od.capacity_node is None
    assert od.node_labels["eks.amazonaws.com/capacityType"] == {"ON_DEMAND"}
    assert od.zones is not None and [z.text() for z in od.zones] == ["eu-west-1a", "eu-west-1b"]
    assert od.zones[0].loc.line == 21 and od.zones[0].loc.col == 15

    mixed = pools["mixed"]
    assert mixed.kind == "eksctl-self-managed" and not mixed.managed
    assert mixed.capacity_types == {SPOT, ON_DEMAND}
    assert mixed.node_labels["node-lifecycle"] == {"spot", "on-demand"}
    taints = [(t.key, t.value, t.effect) for t in mixed.taints]
    assert taints == [("dedicated", "spark", "NoSchedule")]
    assert [t.text() for t in mixed.instance_types or []] == ["r5.xlarge", "r5a.xlarge"]
    assert mixed.spot_allocation is not None and mixed.spot_allocation.strategy is None

    plain = pools["plain"]
    assert plain.capacity_types == {ON_DEMAND} and "node-lifecycle" not in plain.node_labels
    assert pools["templated"].capacity_types is None


def test_wrong_shapes_do_not_crash() -> None:
    project = project_from("""\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: [odd]
availabilityZones: 3
managedNodeGroups:
  - name: a
    spot: "yes"
    instanceTypes: m5.large
    taints: 7
    labels: [x]
nodeGroups: {x: 1}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: b}
spec:
  template: [1, 2]
---
apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
spec:
  requirements: [1, {key: [x]}, {key: karpenter.sh/capacity-type, operator: In, values: spot}]
---
apiVersion: karpenter.sh/v1
kind: NodePool
""")
    pools = {p.name: p for p in project.pools}
    assert pools["a"].capacity_types is None and pools["a"].instance_types is None
    assert pools["b"].capacity_types == {SPOT, ON_DEMAND}
    assert pools["<unnamed>"].kind in ("karpenter-provisioner", "karpenter-nodepool")
