"""Where a pod may run: capacity types, pools and zones, from its scheduling constraints.

This package is the one place that knows Kubernetes scheduling semantics, so
every rule that asks "where can this pod run?" gets the same answer. It reads
only the format-free model: a :class:`~spotlint.model.PodPlacement` for the pod
and :class:`~spotlint.model.Pool` objects for the nodes. One module per topic:

* :mod:`~spotlint.placement.verdict`: capacity admitted by capacity labels alone;
* :mod:`~spotlint.placement.matching`: selectors, affinity, taints, tolerations;
* :mod:`~spotlint.placement.pools`: a pool's node labels per capacity type, fit;
* :mod:`~spotlint.placement.explain`: why no pool can host a pod;
* :mod:`~spotlint.placement.zones`: the zones pools offer and pods reach;
* :mod:`~spotlint.placement.clusters`: which pools a job is matched against;
* :mod:`~spotlint.placement.declared`: pools and clusters the configuration declares;
* :mod:`~spotlint.placement.view`: the one view per job role every rule reads;
* :mod:`~spotlint.placement.suggest`: advice naming only labels nodes in scope carry.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.placement.explain import (
        SYSTEM_LABEL_PREFIXES,
        Unmet,
        explain_unschedulable,
        selects_unscanned_label,
    )
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
    from spotlint.placement.view import PlacementIndex, RoleView, index_for
    from spotlint.placement.zones import Zone, ZoneReach, pinned_zone, pool_zones, reachable_zones

#: Each public name and the module defining it: the package imports a module only
#: when one of its names is asked for, so a run that needs the view alone does not
#: pay for explanations and suggestions (the one-file check counts milliseconds).
_EXPORTS = {
    "SYSTEM_LABEL_PREFIXES": "explain",
    "Unmet": "explain",
    "explain_unschedulable": "explain",
    "selects_unscanned_label": "explain",
    "ALL_CAPACITY": "keys",
    "BLOCKING_EFFECTS": "keys",
    "KARPENTER_CAPACITY_KEY": "keys",
    "NOTHING": "keys",
    "ZONE_ID_KEY": "keys",
    "ZONE_KEYS": "keys",
    "ZONE_NAME_KEYS": "keys",
    "Labels": "matching",
    "key_satisfiable": "matching",
    "labels_satisfy": "matching",
    "requirements_satisfiable": "matching",
    "selector_requirement": "matching",
    "tolerates": "matching",
    "untolerated_taints": "matching",
    "POOL_KIND_WORDS": "pools",
    "labels_for_capacity": "pools",
    "pool_capacity_for": "pools",
    "pool_fits": "pools",
    "pool_label": "pools",
    "pool_title": "pools",
    "pools_for": "pools",
    "CapacityConstraint": "verdict",
    "CapacityVerdict": "verdict",
    "InvalidCapacityValue": "verdict",
    "allowed_capacity": "verdict",
    "invalid_requirement_values": "verdict",
    "is_unknown": "verdict",
    "requirement_capacity": "verdict",
    "soft_capacity_preferences": "verdict",
    "PlacementIndex": "view",
    "RoleView": "view",
    "index_for": "view",
    "Zone": "zones",
    "ZoneReach": "zones",
    "pinned_zone": "zones",
    "pool_zones": "zones",
    "reachable_zones": "zones",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

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
    "PlacementIndex",
    "RoleView",
    "Unmet",
    "Zone",
    "ZoneReach",
    "allowed_capacity",
    "explain_unschedulable",
    "index_for",
    "invalid_requirement_values",
    "is_unknown",
    "key_satisfiable",
    "labels_for_capacity",
    "labels_satisfy",
    "pinned_zone",
    "pool_capacity_for",
    "pool_fits",
    "pool_label",
    "pool_title",
    "pool_zones",
    "pools_for",
    "reachable_zones",
    "requirement_capacity",
    "requirements_satisfiable",
    "selector_requirement",
    "selects_unscanned_label",
    "soft_capacity_preferences",
    "tolerates",
    "untolerated_taints",
]
