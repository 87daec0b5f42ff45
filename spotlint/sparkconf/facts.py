"""Job-level facts the SL2xx/SL3xx rules share: conf key names and derived questions.

Each question answers True, False or None ("cannot be known": a placeholder or a
value Spark would reject). Rules fire only on a definite answer, so a templated
config is never blamed for what its template might fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spotlint.location import Node
from spotlint.model import ConfValue, Job, SparkVersion
from spotlint.sparkconf.values import effective_bool, is_set_true
from spotlint.sparkconf.versions import emr_release_for

DECOMMISSION = "spark.decommission.enabled"
STORAGE_DECOMMISSION = "spark.storage.decommission.enabled"
RDD_BLOCKS = "spark.storage.decommission.rddBlocks.enabled"
SHUFFLE_BLOCKS = "spark.storage.decommission.shuffleBlocks.enabled"
FALLBACK_PATH = "spark.storage.decommission.fallbackStorage.path"
OWN_PVC = "spark.kubernetes.driver.ownPersistentVolumeClaim"
REUSE_PVC = "spark.kubernetes.driver.reusePersistentVolumeClaim"
WAIT_PVC = "spark.kubernetes.driver.waitToReusePersistentVolumeClaim"
DYNAMIC = "spark.dynamicAllocation.enabled"
TRACKING = "spark.dynamicAllocation.shuffleTracking.enabled"
TRACKING_TIMEOUT = "spark.dynamicAllocation.shuffleTracking.timeout"
MAX_EXECUTORS = "spark.dynamicAllocation.maxExecutors"
SHUFFLE_SERVICE = "spark.shuffle.service.enabled"
SHUFFLE_MANAGER = "spark.shuffle.manager"
SHUFFLE_IO_PLUGIN = "spark.shuffle.sort.io.plugin.class"
MASTER = "spark.master"

#: Shuffle managers that keep shuffle data off the executors (REFERENCE.md §3.6).
REMOTE_SHUFFLE_MANAGERS = frozenset({
    "org.apache.spark.shuffle.celeborn.SparkShuffleManager",
    "org.apache.spark.shuffle.celeborn.RssShuffleManager",
    "org.apache.spark.shuffle.gluten.celeborn.CelebornShuffleManager",
    "org.apache.spark.sql.comet.execution.shuffle.CometCelebornShuffleManager",
    "org.apache.spark.shuffle.RssShuffleManager",
    "org.apache.spark.shuffle.DelegationRssShuffleManager",
    "org.apache.spark.shuffle.gluten.uniffle.UniffleShuffleManager",
})
#: ShuffleDataIO plugins whose driver side reports reliable storage (Spark 3.5+ DRA check).
RELIABLE_SHUFFLE_IO = frozenset({
    "org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO",
    "org.apache.spark.shuffle.RssShuffleDataIo",
})
DURABLE_SCHEMES = ("s3", "s3a", "s3n", "gs", "abfs", "abfss", "hdfs", "wasb", "wasbs", "oss")

ON_DEMAND = "OnDemand"
_EXEC_PVC = re.compile(
    r"^spark\.kubernetes\.executor\.volumes\.persistentVolumeClaim\.(?P<name>[^.]+)\.options\.claimName$"
)

#: First Spark version of each feature SL208 gates (REFERENCE.md §3.4).
FEATURE_SPARK = {
    "decommission": (3, 1),
    "pvc-reuse": (3, 2),
    "wait-to-reuse": (3, 4),
    "shuffle-tracking": (3, 0),
}


def anchor(job: Job) -> Node:
    """Where a finding about an absent key points: the conf block if the format has one."""
    return job.doc


def setting(job: Job, key: str) -> ConfValue | None:
    return job.conf.get(key)


def at(job: Job, *keys: str) -> Node:
    """The first of ``keys`` the job sets (its key node), else the job anchor."""
    for key in keys:
        value = job.conf.get(key)
        if value is not None:
            return value.key_node
    return anchor(job)


def on(job: Job, key: str) -> bool | None:
    return effective_bool(job, key)


def explicitly_true(job: Job, key: str) -> bool:
    return is_set_true(job, key)


def needs(feature: str) -> str:
    """``Spark 3.2 / EMR 6.6`` for messages: the first release with ``feature``."""
    return first_release(FEATURE_SPARK[feature])


def first_release(spark: tuple[int, int]) -> str:
    """``Spark 3.2 / EMR 6.6``: a Spark minor and the first EMR on EKS line with it."""
    emr = emr_release_for(spark)
    text = f"Spark {spark[0]}.{spark[1]}"
    return f"{text} / EMR {emr}" if emr else text


def describe_version(version: SparkVersion) -> str:
    text = f"Spark {version.major}.{version.minor}.{version.patch}"
    if version.emr_release:
        text += f" (EMR {version.emr_release})"
    return text


def older_than(job: Job, spark: tuple[int, int]) -> bool:
    """True only when the version is known and predates ``spark``."""
    return job.version is not None and not job.version.at_least(spark[0], spark[1])


def not_on_kubernetes(job: Job) -> bool:
    """True when ``spark.master`` says the job runs on YARN, standalone or locally."""
    master = job.conf.get(MASTER)
    if master is None or master.unknown:
        return False
    return not master.text.lower().startswith("k8s://")


def on_kubernetes(job: Job) -> bool:
    """True when the job surely runs on Kubernetes (its format or its confs say so)."""
    master = job.conf.get(MASTER)
    if master is not None and not master.unknown:
        return master.text.lower().startswith("k8s://")
    if job.kind.implies_kubernetes:
        return True
    return any(True for _ in job.conf.with_prefix("spark.kubernetes."))


def executors_may_run_on_spot(job: Job, ctx: Any) -> bool:
    """Unknown placement counts as "may"; otherwise ask the placement model."""
    placement = job.executor
    if placement is None or not placement.known:
        return True
    from spotlint import placement as placement_mod

    capacity = getattr(ctx, "capacity", None)
    if capacity is None:
        from spotlint.capacity import CapacityLabels

        capacity = CapacityLabels()
    may = getattr(placement_mod, "may_run_on_spot", None)
    if may is not None:
        return bool(may(placement, capacity))
    from spotlint.model import SPOT

    return SPOT in placement_mod.allowed_capacity(placement, capacity).allowed


@dataclass(frozen=True)
class OnDemandVolume:
    """An executor PVC volume whose claim Spark generates per executor."""

    name: str
    claim: ConfValue


def on_demand_volumes(job: Job) -> Iterator[OnDemandVolume]:
    """Executor PVC volumes with ``claimName`` containing ``OnDemand`` (case-sensitive)."""
    for value in job.conf.with_prefix("spark.kubernetes.executor.volumes.persistentVolumeClaim."):
        m = _EXEC_PVC.match(value.key)
        if m and not value.unknown and ON_DEMAND in value.text:
            yield OnDemandVolume(m["name"], value)


def remote_shuffle(job: Job) -> bool | None:
    """True when a remote shuffle service holds shuffle data; None if a placeholder."""
    manager = job.conf.get(SHUFFLE_MANAGER)
    plugin = job.conf.get(SHUFFLE_IO_PLUGIN)
    if (manager is not None and manager.unknown) or (plugin is not None and plugin.unknown):
        return None
    if manager is not None and manager.text in REMOTE_SHUFFLE_MANAGERS:
        return True
    return plugin is not None and plugin.text in RELIABLE_SHUFFLE_IO


def shuffle_block_migration(job: Job) -> bool | None:
    """Decommissioning migrates shuffle blocks: all three switches on (version defaults)."""
    return all3(on(job, DECOMMISSION), on(job, STORAGE_DECOMMISSION), on(job, SHUFFLE_BLOCKS))


def pvc_reuse(job: Job) -> bool | None:
    """Executors' on-demand PVCs outlive them and are handed to replacements."""
    if not any(True for _ in on_demand_volumes(job)):
        return False
    return all3(on(job, OWN_PVC), on(job, REUSE_PVC), True)


def all3(a: bool | None, b: bool | None, c: bool | None) -> bool | None:
    """Three-valued AND: False wins over unknown."""
    values = (a, b, c)
    if False in values:
        return False
    if None in values:
        return None
    return True
