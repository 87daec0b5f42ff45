"""Surviving interruptions: decommissioning, block migration, fallback storage, PVC reuse, remote
shuffle, version gates, unknown or invalid conf keys and values.

Imported only when the project has jobs (``NEEDS``).
"""

from __future__ import annotations

from spotlint.rule import Rule

from .sl201_decommission_disabled import decommission_disabled
from .sl202_storage_decommission_disabled import storage_decommission_disabled
from .sl203_fallback_storage_missing import fallback_storage_missing
from .sl204_pvc_reuse_disabled import pvc_reuse_disabled
from .sl205_pvc_reuse_no_wait import pvc_reuse_no_wait
from .sl206_pvc_reuse_without_ownership import pvc_reuse_without_ownership
from .sl207_no_shuffle_protection import no_shuffle_protection
from .sl208_feature_needs_newer_release import feature_needs_newer_release
from .sl209_unknown_conf_key import unknown_conf_key
from .sl210_invalid_conf_value import invalid_conf_value
from .sl211_incomplete_on_demand_pvc import incomplete_on_demand_pvc

RULES: list[Rule] = [
    decommission_disabled,
    storage_decommission_disabled,
    fallback_storage_missing,
    pvc_reuse_disabled,
    pvc_reuse_no_wait,
    pvc_reuse_without_ownership,
    no_shuffle_protection,
    feature_needs_newer_release,
    unknown_conf_key,
    invalid_conf_value,
    incomplete_on_demand_pvc,
]

#: The Project attributes one of which must be non-empty for these rules to run.
NEEDS = ("jobs",)
