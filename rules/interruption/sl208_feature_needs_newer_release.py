"""A conf is set that the job's Spark version does not have yet, so Spark ignores it.

## Why it matters
Spark does not reject keys it does not know; a decommission or PVC reuse flag on
a release that predates the feature is silently ignored. The configuration then
promises Spot resilience that the job does not have.

## How to fix
Move the job to a release that has the feature (the message names the first
Spark and EMR version), or remove the setting.

## Version notes
Gates come from the conf catalog's `since` field: decommission Spark 3.1 / EMR
6.3, driver-owned and reused PVCs Spark 3.2 / EMR 6.6, wait-to-reuse Spark 3.4 /
EMR 6.12, per-role node-selector confs Spark 3.3 / EMR 6.8, `OnDemand` claim
names Spark 3.1. A boolean set to `false` (what the old release does anyway)
is not reported, nor is a key whose first version the catalog marks unverified.
Unknown version: nothing is reported.

## Fix
None. The remedy is a newer Spark/EMR release (a change of image and release
label with its own testing) or deleting the setting, which would hide the
intent: both are for the job's owner.

## See also
SL201, SL209
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.conf import IMPLIED
from spotlint.model import ConfValue, Job
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.sparkconf import ConfSpec, catalog, facts
from spotlint.sparkconf.catalog import NAMESPACES
from spotlint.sparkconf.values import parse_bool


def _gate(value: ConfValue, spec: ConfSpec) -> tuple[int, int, int] | None:
    if spec.internal or not spec.since_verified:
        return None
    if spec.type == "boolean" and not value.unknown and parse_bool(value.text) is False:
        return None
    since = spec.since
    if (value.key.startswith(_CLAIM_KEYS)
            and value.key.endswith(".options.claimName")
            and not value.unknown and facts.ON_DEMAND in value.text):
        since = max(since, (3, 1, 0))
    return since


_CLAIM_KEYS = "spark.kubernetes.executor.volumes.persistentVolumeClaim."
#: The gate of a key whose value decides it, and of a key not met yet (see _key_gate).
_BY_VALUE = (-1, -1, -1)
_UNSEEN = (-2, -2, -2)
#: Each key's gate as far as the key alone decides it (:func:`_key_gate`): jobs repeat
#: their keys, and most are never gated. Bounded.
_GATES: dict[str, tuple[int, int, int] | None] = {}
_GATES_KEPT = 1 << 14


def _key_gate(key: str) -> tuple[int, int, int] | None:
    """None: no value of ``key`` is reported (outside the namespaces, not in the
    catalog, internal or unverified); ``_BY_VALUE``: its value decides (a boolean set
    to false, an ``OnDemand`` claim name); else the first version that has it."""
    spec = catalog().lookup(key) if key.startswith(NAMESPACES) else None
    gate: tuple[int, int, int] | None
    if spec is None or spec.internal or not spec.since_verified:
        gate = None
    elif spec.type == "boolean" or key.startswith(_CLAIM_KEYS):
        gate = _BY_VALUE
    else:
        gate = spec.since
    if len(_GATES) < _GATES_KEPT:
        _GATES[key] = gate
    return gate


@rule(code="SL208", name="feature-needs-newer-release", severity=Severity.WARNING,
      summary="A conf is set that the job's Spark/EMR version does not support.",
      target="job", doc=__doc__)
def feature_needs_newer_release(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    version = job.version
    if version is None:
        return
    gates = _GATES  # every job's confs pass here: most keys are answered by one lookup
    for value in job.conf:
        key = value.key
        since = gates.get(key, _UNSEEN)
        if since is _UNSEEN:
            since = _key_gate(key)
        if since is _BY_VALUE:
            spec = catalog().lookup(key)
            since = None if spec is None else _gate(value, spec)
        if since is None or value.origin in IMPLIED or version.at_least(*since):
            continue
        yield Violation(
            at=value.key_node,
            message=(f"{value.key} needs {facts.first_release(since[:2])} but this job runs "
                     f"{facts.describe_version(version)}: Spark ignores it"),
        )
