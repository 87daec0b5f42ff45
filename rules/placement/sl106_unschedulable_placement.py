"""No node pool in scope can host the pod.

Cross-document: when node pools (Karpenter NodePools or Provisioners, eksctl
node groups) are scanned with the Spark jobs and pod templates, every driver
and executor placement must fit at least one pool: the pool's node labels
(including the capacity, pool-name and zone labels its nodes get
automatically) satisfy the pod's ``nodeSelector`` and required node affinity,
and the pod tolerates each of the pool's ``NoSchedule``/``NoExecute`` taints.
The finding names the constraint that no pool meets: a selector value no pool
offers, a requirement no pool satisfies, or the taints that block pools whose
labels would match. A constraint that fails only because its capacity value
is misspelt is left to SL105, which suggests the right value.

The scanned pools are often only part of a cluster (node groups defined in
Terraform, or another cluster's manifests in the same repository), so the rule
only reports what it can defend. A pod that selects a label key none of the
scanned pools puts on its nodes is taken to target a pool that was not scanned.
So is a custom label value (a pool or node-group name) that no scanned pool
offers, unless it is a near miss of one they do offer (a typo such as
``spark-executors`` for ``spark-executor``, or a difference only in case).
Values of platform labels (zones, architecture, instance type, capacity) and
blocking taints are always reported. So is a provisioner's own capacity label
that no pool in scope carries: only Karpenter nodes carry
``karpenter.sh/capacity-type`` and only EKS managed node group nodes
``eks.amazonaws.com/capacityType``, so a driver selecting
``eks.amazonaws.com/capacityType: ON_DEMAND`` among Karpenter pools matches no
node. Pods are matched against the pools of their own cluster (see
docs/placement.md): by default those under the closest ancestor directory of
the pod's file that holds any pool. When a pod template cannot be read, only
the label constraints the job itself sets are checked (the template may add
tolerations).

## Why it matters
A pod that fits no pool stays Pending: Karpenter finds no NodePool to launch
for it and Cluster Autoscaler no group to scale. A Spark driver that never
starts, or executors that never arrive, look like a hung job rather than a
configuration error.

## How to fix
Make the selector match a label a pool really sets (check the spelling and the
value), add the missing toleration for the pool's taint, or add the label or
capacity type to the pool. If the pods target a cluster whose pools are not in
the scanned set, lint them separately.

## Fix
None. The pod and the pools disagree, and either side may be the one to change
(a label, a toleration, a new pool); spotlint cannot tell which.

## See also
SL105
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Project
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import anchors, index_of, role_word, titles


@rule(code="SL106", name="unschedulable-placement", severity=Severity.ERROR,
      summary="No pool in scope satisfies the pod's selectors and tolerations.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner", "ClusterConfig"))
def unschedulable_placement(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    if not project.pools and not ctx.settings.declared_pools:
        return
    from spotlint.placement.explain import (  # only with pools to explain
        explain_unschedulable,
        selects_unscanned_label,
    )

    index = index_of(ctx)
    for view in index.views(include_incomplete=True):
        placement = view.placement
        if placement is None or not view.pools or view.reach:
            continue
        pools = list(view.pools)
        invalid = {id(bad.node) for bad in view.labels.invalid}
        # The pools whose labels fit are those the view reaches (none here) and those
        # their taints block (the view matched labels alone when it is incomplete).
        reasons = explain_unschedulable(placement, pools, index.capacity, taints=view.complete,
                                        label_fits=[b.pool for b in view.blocked])
        if any(unmet.foreign for unmet in reasons) or selects_unscanned_label(placement, pools):
            continue  # it targets a pool that was not scanned
        for unmet in reasons:
            if id(unmet.node) in invalid:
                continue  # a misspelt capacity value: SL105 says it, with the fix
            yield Violation(
                at=unmet.node,
                message=(f"No pool in scope can host the {role_word(placement)}: "
                         f"{unmet.message}. Pools considered: {titles(pools)}."),
                related=anchors(pools),
            )
