"""Where pods run: driver on Spot, driver not pinned to On-Demand, executors off Spot, soft-only
capacity affinity, misspelt capacity values, pods no pool can host, jobs spanning zones.

Imported with the rule bundle: every pod template needs them.
"""

from __future__ import annotations

from spotlint.rule import Rule

from .sl101_driver_on_spot import driver_on_spot
from .sl102_driver_not_on_demand import driver_not_on_demand
from .sl103_executor_not_on_spot import executor_not_on_spot
from .sl104_soft_capacity_affinity import soft_capacity_affinity
from .sl105_invalid_capacity_value import invalid_capacity_value
from .sl106_unschedulable_placement import unschedulable_placement
from .sl107_job_spans_zones import job_spans_zones

RULES: list[Rule] = [
    driver_on_spot,
    driver_not_on_demand,
    executor_not_on_spot,
    soft_capacity_affinity,
    invalid_capacity_value,
    unschedulable_placement,
    job_spans_zones,
]
