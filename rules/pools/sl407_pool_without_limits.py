"""A Karpenter pool has no CPU or memory limit.

## Why it matters
Without `limits`, a Karpenter pool launches nodes for as long as pods are
pending. One runaway Spark job with dynamic allocation (or a retry storm) can
then buy hundreds of nodes before anyone notices.

A limit on `cpu`, `memory` or (Karpenter 1.x) `nodes` counts as a ceiling. Static
NodePools (`spec.replicas`) do not scale with demand and are not checked.

## How to fix
Add `spec.limits.cpu` and/or `spec.limits.memory` (a Provisioner writes them
under `spec.limits.resources`) sized for the largest run you expect.

## See also
SL408
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import karpenter_autoscaled, spec_anchor

CEILINGS = frozenset({"cpu", "memory", "nodes"})


@rule(
    code="SL407",
    name="pool-without-limits",
    severity=Severity.WARNING,
    summary="A Karpenter Provisioner or NodePool sets no cpu or memory limit.",
    target="pool",
    doc=__doc__,
    applies_to=("karpenter-nodepool", "karpenter-provisioner"),
)
def pool_without_limits(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    if not karpenter_autoscaled(pool):
        return
    limits = pool.limits
    if limits is not None and (not limits.known or limits.capped & CEILINGS):
        return
    yield Violation(
        at=limits.at if limits is not None else spec_anchor(pool),
        message=(
            f"Karpenter pool '{pool.name}' has no cpu or memory limit, so nothing caps how "
            "many nodes it launches; set spec.limits"
        ),
    )
