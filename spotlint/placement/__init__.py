"""Where a pod may run: capacity types, pools and zones, from its scheduling constraints.

This package is the one place that knows Kubernetes scheduling semantics, so
every rule that asks "where can this pod run?" gets the same answer. It reads
only the format-free model: a :class:`~spotlint.model.PodPlacement` for the pod
and :class:`~spotlint.model.Pool` objects for the nodes. One module per topic:

* :mod:`~spotlint.placement.verdict`: capacity admitted by capacity labels alone;
* :mod:`~spotlint.placement.matching`: selectors, affinity, taints, tolerations;
* :mod:`~spotlint.placement.pools`: a pool's node labels per capacity type, fit;
* :mod:`~spotlint.placement.explain`: why no pool can host a pod;
* :mod:`~spotlint.placement.zones`: the zones pools offer and pods reach.
"""

from __future__ import annotations

from spotlint.placement.explain import SYSTEM_LABEL_PREFIXES, Unmet, explain_unschedulable
from spotlint.placement.keys import (
    ALL_CAPACITY,
    BLOCKING_EFFECTS,
    KARPENTER_CAPACITY_KEY,
    NOTHING,
    ZONE_ID_KEY,
    ZONE_KEYS,
    ZONE_NAME_KEYS,
)
from spotlint.placement.matching import (
    Labels,
    key_satisfiable,
    labels_satisfy,
    requirements_satisfiable,
    selector_requirement,
    tolerates,
    untolerated_taints,
)
from spotlint.placement.pools import (
    POOL_KIND_WORDS,
    labels_for_capacity,
    may_run_on_spot,
    pool_capacity_for,
    pool_fits,
    pool_label,
    pool_title,
    pools_for,
)
from spotlint.placement.verdict import (
    CapacityConstraint,
    CapacityVerdict,
    InvalidCapacityValue,
    allowed_capacity,
    invalid_requirement_values,
    is_unknown,
    requirement_capacity,
    soft_capacity_preferences,
)
from spotlint.placement.zones import ZoneReach, pinned_zone, pool_zones, zones_for

__all__ = [
    "ALL_CAPACITY",
    "BLOCKING_EFFECTS",
    "KARPENTER_CAPACITY_KEY",
    "NOTHING",
    "POOL_KIND_WORDS",
    "SYSTEM_LABEL_PREFIXES",
    "ZONE_ID_KEY",
    "ZONE_KEYS",
    "ZONE_NAME_KEYS",
    "CapacityConstraint",
    "CapacityVerdict",
    "InvalidCapacityValue",
    "Labels",
    "Unmet",
    "ZoneReach",
    "allowed_capacity",
    "explain_unschedulable",
    "invalid_requirement_values",
    "is_unknown",
    "key_satisfiable",
    "labels_for_capacity",
    "labels_satisfy",
    "may_run_on_spot",
    "pinned_zone",
    "pool_capacity_for",
    "pool_fits",
    "pool_label",
    "pool_title",
    "pool_zones",
    "pools_for",
    "requirement_capacity",
    "requirements_satisfiable",
    "selector_requirement",
    "soft_capacity_preferences",
    "tolerates",
    "untolerated_taints",
    "zones_for",
]
