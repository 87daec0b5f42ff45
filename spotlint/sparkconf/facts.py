"""Job-level facts the SL2xx/SL3xx rules share: conf key names and derived questions.

Each question answers True, False or None ("cannot be known": a placeholder or a
value Spark would reject). Rules fire only on a definite answer, so a templated
config is never blamed for what its template might fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from weakref import WeakKeyDictionary

from spotlint.location import Node
from spotlint.model import Conf, ConfValue, Job, Role, SparkVersion

# (imported here, not in executor_view: an import statement run is ~0.7 us, and rules
# ask every job's executor view, several rules each)
from spotlint.placement.view import index_for
from spotlint.sparkconf.values import effective_bool, is_set_true
from spotlint.sparkconf.versions import emr_release_for
from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.placement.view import RoleView
    from spotlint.rule import RuleContext

_set = object.__setattr__


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

#: Shuffle managers that keep shuffle data off the executors: Apache Celeborn
#: (https://celeborn.apache.org/), Apache Uniffle (https://uniffle.apache.org/),
#: Uber's Remote Shuffle Service (https://github.com/uber/RemoteShuffleService) and
#: ByteDance's Cloud Shuffle Service (https://github.com/bytedance/CloudShuffleService).
#: SL207's page lists them; a test keeps the page and this set equal.
REMOTE_SHUFFLE_MANAGERS = frozenset({
    "org.apache.spark.shuffle.css.CssShuffleManager",
    "org.apache.spark.shuffle.celeborn.SparkShuffleManager",
    "org.apache.spark.shuffle.celeborn.RssShuffleManager",
    "org.apache.spark.shuffle.gluten.celeborn.CelebornShuffleManager",
    "org.apache.spark.sql.comet.execution.shuffle.CometCelebornShuffleManager",
    "org.apache.spark.shuffle.RssShuffleManager",
    "org.apache.spark.shuffle.DelegationRssShuffleManager",
    "org.apache.spark.shuffle.gluten.uniffle.UniffleShuffleManager",
})
#: ShuffleDataIO plugins whose driver side reports reliable storage. Spark asks the
#: plugin (``ShuffleDriverComponents.supportsReliableStorage``, SPARK-42689) only
#: from 3.5.0; Celeborn's and Uniffle's docs require Spark 3.5 for it.
RELIABLE_SHUFFLE_IO = frozenset({
    "org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO",
    "org.apache.spark.shuffle.RssShuffleDataIo",
})
DURABLE_SCHEMES = ("s3", "s3a", "s3n", "gs", "abfs", "abfss", "hdfs", "wasb", "wasbs", "oss")

ON_DEMAND = "OnDemand"
_EXEC_PVC = re.compile(
    r"^spark\.kubernetes\.executor\.volumes\.persistentVolumeClaim\.(?P<name>[^.]+)\.options\.claimName$"
)

#: First Spark version of each feature SL208 gates (the "Since Version" columns of
#: https://spark.apache.org/docs/latest/configuration.html and running-on-kubernetes.html).
FEATURE_SPARK = {
    "reliable-shuffle-io": (3, 5),
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


#: Whether a boolean conf is on for the job (:func:`.values.effective_bool` itself, not
#: a function calling it: rules ask it several times per job, thousands of times a run).
on = effective_bool


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


def executor_view(job: Job, ctx: RuleContext[Any]) -> RoleView:
    """Where the job's executors may run: the run's one placement view (never recomputed)."""
    return index_for(ctx.project, ctx.capacity, ctx.settings).for_job(job, Role.EXECUTOR)


def spot_clause(view: RoleView) -> str:
    """``executors may run on Spot`` and, when that is an assumption, why and what to do."""
    why = view.assumption
    if why is None:
        return "executors may run on Spot"
    remedy = view.remedy
    return f"executors may run on Spot ({why}{'; ' + remedy if remedy else ''})"


def decommission_remedy(job: Job) -> list[str] | None:
    """The switches SL201 asks for on this job; None when its version has no decommissioning.

    ``spark.decommission.enabled`` and ``spark.storage.decommission.enabled``,
    plus ``...shuffleBlocks.enabled`` on a Spark known to predate 3.4, where it
    defaults to ``false``, unless a remote shuffle service keeps shuffle data.
    """
    if older_than(job, FEATURE_SPARK["decommission"]):
        return None
    keys = [DECOMMISSION, STORAGE_DECOMMISSION]
    if job.version is not None and not job.version.at_least(3, 4) \
            and remote_shuffle(job) is not True:
        # (a remote shuffle service holds shuffle data: nothing to migrate)
        keys.append(SHUFFLE_BLOCKS)
    return keys


def remedy_migrates_shuffle(job: Job, keys: list[str]) -> bool:
    """Would turning ``keys`` on make decommissioning migrate shuffle blocks?

    True when every switch of shuffle-block migration is either among ``keys``
    or already on (explicitly or by the version's default): an explicit
    ``shuffleBlocks.enabled=false`` the remedy does not touch keeps it off.
    """
    return all(k in keys or on(job, k) is True
               for k in (DECOMMISSION, STORAGE_DECOMMISSION, SHUFFLE_BLOCKS))


def decommission_covers_shuffle(job: Job) -> bool:
    """SL201 fires on this job and its remedy also protects shuffle data (so SL207 is silent).

    Both rules ask this one question (after the same "may run on Spot"), so the
    job gets one finding for one problem and the messages agree on who covers what.
    """
    if on(job, DECOMMISSION) is not False:
        return False
    keys = decommission_remedy(job)
    return keys is not None and remedy_migrates_shuffle(job, keys)


@frozen
class OnDemandVolume(FrozenValue):
    """An executor PVC volume whose claim Spark generates per executor."""

    name: str
    claim: ConfValue

    def __init__(
        self,
        name: str,
        claim: ConfValue,
    ) -> None:
        _set(self, "name", name)
        _set(self, "claim", claim)


def on_demand_volumes(job: Job) -> Iterator[OnDemandVolume]:
    """Executor PVC volumes with ``claimName`` containing ``OnDemand`` (case-sensitive).

    Found once per job (four rules ask every job, and each asking went over every
    key of its conf), kept by its conf, which nothing changes once the job is read:
    weakly, so a conf no longer held drops its answer."""
    conf = job.conf
    found = _VOLUMES.get(conf)
    if found is None:
        found = _VOLUMES[conf] = tuple([  # (most jobs have none: the one empty tuple)
            OnDemandVolume(m["name"], value)
            for value in conf.with_prefix(
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.")
            if (m := _EXEC_PVC.match(value.key)) and not value.unknown
            and ON_DEMAND in value.text])
    return iter(found)


#: :func:`on_demand_volumes`' answers by the job's conf (~100 bytes a job).
_VOLUMES: WeakKeyDictionary[Conf, tuple[OnDemandVolume, ...]] = WeakKeyDictionary()


def remote_shuffle(job: Job) -> bool | None:
    """True when a remote shuffle service holds shuffle data; None if a placeholder."""
    manager = job.conf.get(SHUFFLE_MANAGER)
    plugin = job.conf.get(SHUFFLE_IO_PLUGIN)
    if (manager is not None and manager.unknown) or (plugin is not None and plugin.unknown):
        return None
    if manager is not None and manager.text in REMOTE_SHUFFLE_MANAGERS:
        return True
    return plugin is not None and plugin.text in RELIABLE_SHUFFLE_IO


def reliable_shuffle_storage(job: Job) -> bool | None:
    """Does Spark's dynamic-allocation start-up check accept the shuffle plugin as storage?

    Spark 3.5+ accepts dynamic allocation without shuffle tracking when the
    ``spark.shuffle.sort.io.plugin.class`` plugin reports reliable storage
    (Celeborn's ``CelebornShuffleDataIO``, Uniffle's ``RssShuffleDataIo``). Older
    Spark never asks the plugin; a remote shuffle manager alone passes the check
    only on a Spark patched by Celeborn's DRA patch, which no configuration
    shows. False when the version is known to say no; None when it cannot be
    known (a placeholder, or a remote shuffle manager on an unknown version).
    """
    plugin = job.conf.get(SHUFFLE_IO_PLUGIN)
    if plugin is not None and plugin.unknown:
        return None
    if plugin is not None and plugin.text in RELIABLE_SHUFFLE_IO:
        return not older_than(job, FEATURE_SPARK["reliable-shuffle-io"])
    manager = job.conf.get(SHUFFLE_MANAGER)
    if manager is not None and manager.unknown:
        return None
    if manager is not None and manager.text in REMOTE_SHUFFLE_MANAGERS:
        return None if job.version is None else False
    return False


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
