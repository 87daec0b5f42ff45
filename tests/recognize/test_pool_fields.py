"""The typed Pool fields the pool rules read, filled by the Karpenter and eksctl normalizers.

No pool rule walks a raw document: limits, scale-in settings, the Spot
allocation strategy and where each part is written come from these fields.
"""

from __future__ import annotations

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.model import Pool, Project
from spotlint.recognize import eksctl, karpenter
from spotlint.recognize.kinds import NormalizeContext


def project_from(text: str) -> Project:
    project = Project()
    loaded = load_yaml_text("pools.yaml", text, Limits())
    ctx = NormalizeContext(file=loaded, project=project)
    for doc in loaded.documents:
        for kind in [*karpenter.KINDS, *eksctl.KINDS]:
            if kind.matches(doc, loaded):
                kind.normalize(doc, ctx)
    return project


def one_pool(text: str) -> Pool:
    [pool] = project_from(text).pools
    return pool


PROVISIONER = """\
apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: spark
spec:
  requirements:
    - key: karpenter.sh/capacity-type
      operator: In
      values: [spot]
  limits:
    resources:
      cpu: 100
  consolidation:
    enabled: false
"""


def test_provisioner_limits_sit_under_resources() -> None:
    pool = one_pool(PROVISIONER)
    assert pool.limits is not None and pool.limits.known and pool.limits.capped == {"cpu"}
    assert pool.limits.at.line == 10
    assert pool.spec_at is not None and pool.spec_at.line == 5
    assert pool.requirements_at is not None and pool.requirements_at.line == 6
    scale_in = pool.scale_in
    assert not scale_in.empty_ttl and scale_in.consolidation_known
    assert scale_in.consolidation_enabled is not None
    assert scale_in.consolidation_enabled.value is False


def test_a_placeholder_limits_block_is_not_known() -> None:
    pool = one_pool(PROVISIONER.replace("    resources:\n      cpu: 100\n", "    ${LIMITS}\n"))
    assert pool.limits is not None and not pool.limits.known


NODEPOOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: executors
spec:
  replicas: 3
  limits:
    memory: 1000Gi
  disruption:
    consolidateAfter: Never
    budgets:
      - nodes: "0"
        reasons: [Empty, Underutilized]
      - nodes: "10%"
        schedule: "0 9 * * *"
  template:
    spec:
      requirements: []
"""


def test_nodepool_disruption_budgets_and_replicas() -> None:
    pool = one_pool(NODEPOOL)
    assert pool.replicas is not None and pool.replicas.value == 3
    assert pool.limits is not None and pool.limits.capped == {"memory"}
    scale_in = pool.scale_in
    assert scale_in.disruption and scale_in.consolidate_after is not None
    assert scale_in.consolidate_after.text() == "Never"
    first, second = scale_in.budgets
    assert first.nodes is not None and first.nodes.text() == "0" and not first.scheduled
    assert first.reasons == {"Empty", "Underutilized"} and first.reasons_known
    assert second.scheduled and second.reasons is None


CLUSTER = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: c
  region: us-east-1
nodeGroups:
  - name: spot
    availabilityZones: [us-east-1a, us-east-1b]
    instancesDistribution:
      instanceTypes: [m5.xlarge, m5a.xlarge]
      onDemandPercentageAboveBaseCapacity: 0
      spotAllocationStrategy: lowest-price
  - name: selected
    instanceSelector:
      vCPUs: 4
"""


def test_eksctl_groups_say_where_their_parts_are() -> None:
    pools = {p.name: p for p in project_from(CLUSTER).pools}
    spot = pools["spot"]
    assert spot.zones_at is not None and spot.zones_at.line == 8
    assert spot.spot_allocation is not None and spot.spot_allocation.at.line == 9
    assert spot.spot_allocation.strategy_text == "lowest-price"
    assert isinstance(spot.types_at, object) and getattr(spot.types_at, "line", None) == 10
    assert spot.types_elsewhere
    selected = pools["selected"]
    assert selected.types_elsewhere and selected.spot_allocation is None
    assert selected.zones_at is None and selected.limits is None
