"""Dynamic allocation on Kubernetes: shuffle tracking, bounds, timeouts, the external shuffle
service.

Imported only when the project has jobs (``NEEDS``).
"""

from __future__ import annotations

from spotlint.rule import Rule

from .sl301_dynamic_allocation_without_shuffle_tracking import (
    dynamic_allocation_without_shuffle_tracking,
)
from .sl302_dynamic_allocation_unbounded import dynamic_allocation_unbounded
from .sl303_shuffle_tracking_without_timeout import shuffle_tracking_without_timeout
from .sl304_external_shuffle_service_on_kubernetes import external_shuffle_service_on_kubernetes

RULES: list[Rule] = [
    dynamic_allocation_without_shuffle_tracking,
    dynamic_allocation_unbounded,
    shuffle_tracking_without_timeout,
    external_shuffle_service_on_kubernetes,
]

#: The Project attributes one of which must be non-empty for these rules to run.
NEEDS = ("jobs",)
