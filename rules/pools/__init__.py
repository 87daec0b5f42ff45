"""Node pools: vCPU:memory ratios and sizes per autoscaled group, instance diversity, zones,
allocation strategy, self-managed Spot, unknown types, Karpenter limits, scale-in, deprecated
APIs, tiny sizes, Spot interruption handling.

Imported only when the project has pools or Karpenter node classes (``NEEDS``;
SL409 checks the project, but reads nothing else).
"""

from __future__ import annotations

from spotlint.rule import Rule

from .sl401_mixed_vcpu_memory_ratio import mixed_vcpu_memory_ratio
from .sl402_low_instance_diversity import low_instance_diversity
from .sl403_pool_spans_zones import pool_spans_zones
from .sl404_spot_allocation_strategy import spot_allocation_strategy
from .sl405_self_managed_spot_group import self_managed_spot_group
from .sl406_unknown_instance_type import unknown_instance_type
from .sl407_pool_without_limits import pool_without_limits
from .sl408_pool_never_scales_in import pool_never_scales_in
from .sl409_deprecated_karpenter_api import deprecated_karpenter_api
from .sl410_tiny_instance_sizes import tiny_instance_sizes
from .sl411_mixed_instance_sizes import mixed_instance_sizes
from .sl412_spot_without_interruption_handling import spot_without_interruption_handling

RULES: list[Rule] = [
    mixed_vcpu_memory_ratio,
    low_instance_diversity,
    pool_spans_zones,
    spot_allocation_strategy,
    self_managed_spot_group,
    unknown_instance_type,
    pool_without_limits,
    pool_never_scales_in,
    deprecated_karpenter_api,
    tiny_instance_sizes,
    mixed_instance_sizes,
    spot_without_interruption_handling,
]

#: The Project attributes one of which must be non-empty for these rules to run.
NEEDS = ("pools", "node_classes", "interruption")
