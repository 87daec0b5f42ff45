"""A self-managed Spot node group does not use a capacity-aware allocation strategy.

## Why it matters
When an Auto Scaling group's `spotAllocationStrategy` is unset, EC2 uses
`lowest-price`: it picks the cheapest pools, which are often the ones closest to
running out, so interruptions come sooner and more often. The capacity-aware
strategies launch from the pools with the most spare capacity.

## How to fix
Set the instances distribution's Spot allocation strategy to
`price-capacity-optimized` (AWS's recommendation; eksctl
`instancesDistribution.spotAllocationStrategy`, Terraform
`spot_allocation_strategy`, CloudFormation `SpotAllocationStrategy`), or `capacity-optimized` /
`capacity-optimized-prioritized`. Drop `spotInstancePools`, which only applies to
`lowest-price`. EKS managed node groups and Karpenter choose a capacity-aware
strategy on their own.

## See also
SL405, SL402
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import spot_known

GOOD_STRATEGIES = (
    "capacity-optimized", "capacity-optimized-prioritized", "price-capacity-optimized",
)


@rule(
    code="SL404",
    name="spot-allocation-strategy",
    severity=Severity.WARNING,
    summary="A self-managed Spot group's spotAllocationStrategy is unset or not capacity-aware.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-self-managed", "terraform-self-managed-node-group", "terraform-autoscaling-group",
        "cloudformation-autoscaling-group",
    ),
)
def spot_allocation_strategy(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    allocation = pool.spot_allocation
    if pool.managed or pool.karpenter or allocation is None or not spot_known(pool):
        return
    strategy = allocation.strategy
    if strategy is None:
        yield Violation(
            at=allocation.at,
            message=(
                f"Spot node group '{pool.name}' sets no Spot allocation strategy, so EC2 uses "
                "lowest-price; set it to price-capacity-optimized"
            ),
        )
        return
    value = allocation.strategy_text
    if value is not None and value not in GOOD_STRATEGIES:
        yield Violation(
            at=strategy,
            message=(
                f"Spot node group '{pool.name}' uses Spot allocation strategy '{value}'; use "
                "price-capacity-optimized (or capacity-optimized) to launch from the pools "
                "least likely to be interrupted"
            ),
        )
