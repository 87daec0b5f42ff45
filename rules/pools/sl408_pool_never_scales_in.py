"""A Karpenter pool never removes idle nodes.

## Why it matters
Spark clusters are bursty: executors come and go within minutes. A pool that
never consolidates keeps every node it ever launched for a burst, and empty
nodes are billed like busy ones.

What counts as "never": a `v1alpha5` Provisioner with neither
`ttlSecondsAfterEmpty` nor `consolidation.enabled: true`; a NodePool with
`disruption.consolidateAfter: Never`, or with a disruption budget of `nodes: "0"`
that is always active (no `schedule`) and covers the `Empty` and `Underutilized`
reasons (or all reasons).

## How to fix
NodePool: `disruption.consolidationPolicy: WhenEmptyOrUnderutilized` (or
`WhenEmpty`) with a `consolidateAfter` such as `60s`; restrict disruption with a
scheduled budget instead of a permanent zero. Provisioner: set
`ttlSecondsAfterEmpty: 30` or `consolidation: {enabled: true}`, then migrate to a
NodePool (SL409).

## See also
SL407, SL409
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.location import Node
from spotlint.model import DisruptionBudget, Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import karpenter_autoscaled, spec_anchor

_SCALE_IN_REASONS = {"Empty", "Underutilized"}


def _provisioner(pool: Pool) -> Iterator[Violation]:
    scale_in = pool.scale_in
    if scale_in.empty_ttl or not scale_in.consolidation_known:
        return
    enabled = scale_in.consolidation_enabled
    if enabled is not None and (enabled.unknown or enabled.value is True):
        return
    yield Violation(
        at=enabled if enabled is not None else spec_anchor(pool),
        message=(
            f"Provisioner '{pool.name}' sets neither ttlSecondsAfterEmpty nor "
            "consolidation.enabled: true, so empty nodes are never removed"
        ),
    )


def _blocking_budget(budget: DisruptionBudget) -> Node | None:
    nodes = budget.nodes
    if nodes is None or nodes.unknown or nodes.text() not in ("0", "0%"):
        return None
    if budget.scheduled:
        return None
    if budget.reasons is not None and (
        not budget.reasons_known or not budget.reasons >= _SCALE_IN_REASONS
    ):
        return None
    return nodes


def _nodepool(pool: Pool) -> Iterator[Violation]:
    scale_in = pool.scale_in
    if not scale_in.disruption:
        return
    after = scale_in.consolidate_after
    if after is not None and not after.unknown and after.text() == "Never":
        yield Violation(
            at=after,
            message=(
                f"NodePool '{pool.name}' sets consolidateAfter: Never, so idle and empty "
                "nodes are never consolidated"
            ),
        )
        return
    for budget in scale_in.budgets:
        blocking = _blocking_budget(budget)
        if blocking is not None:
            yield Violation(
                at=blocking,
                message=(
                    f"NodePool '{pool.name}' has a permanent disruption budget of "
                    f"{blocking.text()} nodes, so idle nodes are never consolidated; give "
                    "the budget a schedule or a non-zero value"
                ),
            )
            return


@rule(
    code="SL408",
    name="pool-never-scales-in",
    severity=Severity.WARNING,
    summary="A Karpenter pool has no setting that removes empty or underused nodes.",
    target="pool",
    doc=__doc__,
    applies_to=("karpenter-nodepool", "karpenter-provisioner"),
)
def pool_never_scales_in(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    if not karpenter_autoscaled(pool):
        return
    if pool.api_version.endswith("/v1alpha5"):
        yield from _provisioner(pool)
    else:
        yield from _nodepool(pool)
