"""Label keys, capacity sets and taint effects the placement modules share.

Kept apart so that every topic module (verdicts, matching, pools, zones) names
the same constants without importing one another.
"""

from __future__ import annotations

from spotlint.model import CAPACITY_BLOCK, ON_DEMAND, RESERVED, SPOT

ALL_CAPACITY: frozenset[str] = frozenset({SPOT, ON_DEMAND, RESERVED, CAPACITY_BLOCK})
NOTHING: frozenset[str] = frozenset()
SPOT_ONLY: frozenset[str] = frozenset({SPOT})

#: Label keys that carry an availability zone name (``us-east-1a``).
ZONE_NAME_KEYS = ("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone")
#: Label key that carries an AWS zone id (``use1-az1``).
ZONE_ID_KEY = "topology.k8s.aws/zone-id"
ZONE_KEYS = (*ZONE_NAME_KEYS, ZONE_ID_KEY)

#: Taint effects that keep a pod off a node unless tolerated.
BLOCKING_EFFECTS = frozenset({"NoSchedule", "NoExecute"})

#: The label key Karpenter validates for its capacity requirement (SL105 on pools).
KARPENTER_CAPACITY_KEY = "karpenter.sh/capacity-type"
#: The label EKS puts on the nodes of a managed node group.
EKS_CAPACITY_KEY = "eks.amazonaws.com/capacityType"
#: Capacity labels only a provisioner writes: a node carries one exactly when that
#: provisioner launched it, so a selector on one that no pool in scope carries can
#: match no node (unlike a convention label users set by hand, such as
#: ``node.kubernetes.io/lifecycle``, which nodes defined elsewhere may carry).
PROVISIONER_CAPACITY_KEYS = frozenset({KARPENTER_CAPACITY_KEY, EKS_CAPACITY_KEY})

#: Labels kubelet and the AWS cloud provider put on every EC2 node, whoever
#: launched it (eksctl node groups, Karpenter pools and declared pools extend this list).
EC2_NODE_LABELS = (
    "kubernetes.io/hostname",
    "kubernetes.io/arch",
    "kubernetes.io/os",
    "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/instance-type",
    "beta.kubernetes.io/arch",
    "beta.kubernetes.io/os",
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/region",
    "topology.k8s.aws/zone-id",
)


def is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True
