"""Spot capacity whose two-minute interruption notice nothing in scope handles.

## Why it matters
EC2 gives a Spot instance two minutes' notice before reclaiming it. Spark can
use that time (executor decommissioning migrates shuffle and cached blocks),
but only if something cordons and drains the node when the notice arrives.
EKS managed node groups do it themselves. A self-managed Auto Scaling group
needs the AWS Node Termination Handler; Karpenter does it only when its
controller is given an interruption queue (the SQS queue that EventBridge
fills with Spot interruption warnings). Without either, the node disappears
with its pods, the executors never start decommissioning, and their shuffle
data is lost.

This rule fires for a self-managed Spot group when no Node Termination Handler
is deployed in scope (a Helm release, an add-on flag such as
`enable_aws_node_termination_handler`, a manifest), and for a Karpenter
controller whose configuration is in scope (Helm values, Terraform module
inputs, the controller's environment) without an interruption queue while a
Karpenter pool of its cluster may launch Spot. When the controller's
configuration is not in scope, nothing is known and nothing is reported. A
Node Termination Handler in scope covers Karpenter nodes too. Handlers and pools
that name different clusters do not cover each other; a handler that names no
cluster covers the pools nearest to its file in its repository (one cluster's,
chosen as for jobs), so one repository's handler does not cover another's pools
when several are checked together.

`settings.interruptionQueueName` (without `aws.`) is not read by any Karpenter
chart: the queue setting is `settings.interruptionQueue` since v0.32 and
`settings.aws.interruptionQueueName` before.

## How to fix
For Karpenter, create the interruption queue and its EventBridge rules (the
Karpenter getting-started CloudFormation, the `karpenter` sub-module of the
Terraform EKS module, or `karpenter_enable_spot_termination` in EKS Blueprints
add-ons) and set `settings.interruptionQueue` in the chart values. For
self-managed groups, deploy the `aws-node-termination-handler` chart (queue
processor mode is recommended), or move the capacity to an EKS managed node
group or Karpenter.

## See also
SL405, SL201
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool, Project, location_of
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import names, spot_known
from ._interruption import controllers, covers, termination_handlers


def _self_managed_spot(pool: Pool) -> bool:
    return pool.autoscaled_group and not pool.managed and not pool.karpenter and spot_known(pool)


@rule(
    code="SL412",
    name="spot-without-interruption-handling",
    severity=Severity.WARNING,
    summary="Spot capacity is in scope but nothing handles the two-minute Spot notice for it.",
    target="project",
    doc=__doc__,
    applies_to=(
        "eksctl-self-managed", "terraform-self-managed-node-group", "terraform-autoscaling-group",
        "cloudformation-autoscaling-group", "karpenter-nodepool", "terraform", "helm-values",
    ),
)
def spot_without_interruption_handling(
    project: Project, ctx: RuleContext
) -> Iterator[Violation]:
    for pool in project.pools:
        if _self_managed_spot(pool) and not termination_handlers(ctx, pool):
            yield Violation(
                at=pool.capacity_node or pool.anchor.key_loc,
                message=(
                    f"self-managed node group '{pool.name}' launches Spot instances but no AWS "
                    "Node Termination Handler is deployed in scope: nodes are not drained "
                    "when the two-minute notice comes, so executors never decommission"
                ),
            )
    found = controllers(project)
    reported = ctx.reported
    for controller in found:
        if controller.queue is not False:
            continue
        where = location_of(controller.at)
        # (its finding lies in its own file: in a file not reported on, nothing to find;
        # a commit hook's context pools are many, and each would be asked which handlers
        # cover it)
        if reported is not None and not reported(where.path):
            continue
        # One configuration read twice (a values file, and the release that loads it):
        # what one reading knows (a queue set elsewhere) the other may not.
        if any(other.queue is not False for other in found if location_of(other.at) == where):
            continue
        spot = [
            p for p in project.pools
            if p.karpenter and spot_known(p) and covers(ctx, controller, p)
            and not termination_handlers(ctx, p)
        ]
        if not spot:
            continue
        setting = controller.setting or "settings.interruptionQueue"
        how = (
            f"{setting} is not read by Karpenter (use settings.interruptionQueue)"
            if setting == "settings.interruptionQueueName"
            else f"{setting} is not set"
        )
        yield Violation(
            at=controller.at,
            message=(
                f"Karpenter controller has no interruption queue ({how}) while its pools may "
                f"launch Spot ({names(sorted({p.name for p in spot}), 4)}): Spot nodes are not "
                "drained ahead of reclaim, so executors never decommission"
            ),
            related=tuple(p.anchor for p in spot[:4]),
        )
