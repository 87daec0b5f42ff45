from __future__ import annotations

import random

import pytest

from spotlint.model import SparkVersion
from spotlint.sparkconf.catalog import NAMESPACES, catalog, levenshtein

ALLOWED_TYPES = {"boolean", "int", "long", "double", "time", "size", "string", "quantity"}


def v(major: int, minor: int) -> SparkVersion:
    return SparkVersion(major, minor, 0, source="test")


def test_every_entry_is_complete() -> None:
    cat = catalog()
    specs = list(cat.keys.values()) + [spec for _, spec in cat.patterns]
    assert len(cat.keys) > 150
    for spec in specs:
        assert spec.type in ALLOWED_TYPES, spec.key
        assert spec.source in cat.sources, spec.key
        assert spec.since >= (0, 6, 0)
        if spec.type == "time":
            assert spec.unit in {"ms", "s"}, spec.key
        assert spec.key.startswith(NAMESPACES), spec.key


def test_rule_keys_are_known() -> None:
    cat = catalog()
    for key in (
        "spark.decommission.enabled",
        "spark.storage.decommission.enabled",
        "spark.storage.decommission.rddBlocks.enabled",
        "spark.storage.decommission.shuffleBlocks.enabled",
        "spark.storage.decommission.fallbackStorage.path",
        "spark.kubernetes.driver.ownPersistentVolumeClaim",
        "spark.kubernetes.driver.reusePersistentVolumeClaim",
        "spark.kubernetes.driver.waitToReusePersistentVolumeClaim",
        "spark.dynamicAllocation.enabled",
        "spark.dynamicAllocation.shuffleTracking.enabled",
        "spark.dynamicAllocation.shuffleTracking.timeout",
        "spark.dynamicAllocation.maxExecutors",
        "spark.shuffle.service.enabled",
        "spark.shuffle.manager",
        "spark.shuffle.sort.io.plugin.class",
    ):
        assert cat.lookup(key) is not None, key


@pytest.mark.parametrize(
    "key",
    [
        "spark.storage.decommission.rddBlocks.enabled",
        "spark.storage.decommission.shuffleBlocks.enabled",
        "spark.kubernetes.driver.ownPersistentVolumeClaim",
        "spark.kubernetes.driver.reusePersistentVolumeClaim",
        "spark.dynamicAllocation.shuffleTracking.enabled",
    ],
)
def test_spark_34_default_flips(key: str) -> None:
    spec = catalog().lookup(key)
    assert spec is not None
    assert spec.default_for(v(3, 3)) == "false"
    assert spec.default_for(v(3, 4)) == "true"
    assert spec.default_for(None) == "true"


def test_unchanged_defaults() -> None:
    cat = catalog()
    wait = cat.lookup("spark.kubernetes.driver.waitToReusePersistentVolumeClaim")
    assert wait is not None and wait.default_for(None) == "false"
    assert wait.since == (3, 4, 0)
    timeout = cat.lookup("spark.dynamicAllocation.shuffleTracking.timeout")
    assert timeout is not None and timeout.unit == "ms" and timeout.default is None
    idle = cat.lookup("spark.dynamicAllocation.executorIdleTimeout")
    assert idle is not None and idle.unit == "s"


@pytest.mark.parametrize(
    "key",
    [
        "spark.kubernetes.node.selector.karpenter.sh/capacity-type",
        "spark.kubernetes.executor.node.selector.eks.amazonaws.com/capacityType",
        "spark.kubernetes.driver.node.selector.topology.kubernetes.io/zone",
        "spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1.options.claimName",
        "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.storageClass",
        "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.sizeLimit",
        "spark.kubernetes.driver.volumes.hostPath.scratch.mount.path",
        "spark.kubernetes.driver.volumes.hostPath.scratch.mount.readOnly",
        "spark.kubernetes.executor.volumes.emptyDir.tmp.mount.subPath",
        "spark.kubernetes.executor.volumes.nfs.share.options.server",
        "spark.kubernetes.driver.label.team",
        "spark.kubernetes.executor.annotation.karpenter.sh/do-not-disrupt",
        "spark.kubernetes.driver.service.annotation.prometheus.io/scrape",
        "spark.kubernetes.driver.secrets.my-secret",
        "spark.kubernetes.executor.secretKeyRef.DB_PASSWORD",
        "spark.kubernetes.driverEnv.AWS_REGION",
        "spark.shuffle.rss.serviceRegistry.type",
    ],
)
def test_pattern_keys_known(key: str) -> None:
    assert catalog().is_known(key)


def test_pattern_type() -> None:
    spec = catalog().lookup(
        "spark.kubernetes.executor.volumes.persistentVolumeClaim.x.options.sizeLimit"
    )
    assert spec is not None and spec.pattern and spec.type == "quantity"
    ro = catalog().lookup("spark.kubernetes.executor.volumes.hostPath.x.mount.readOnly")
    assert ro is not None and ro.type == "boolean"


@pytest.mark.parametrize(
    "key",
    [
        "spark.kubernetes.executor.volumes.pvc.data.options.claimName",
        "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimname",
        "spark.kubernetes.executor.nodeSelector.karpenter.sh/capacity-type",
        "spark.decomission.enabled",
        "spark.kubernetes.foo",
    ],
)
def test_unknown_keys(key: str) -> None:
    assert not catalog().is_known(key)


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("spark.decomission.enabled", "spark.decommission.enabled"),
        ("spark.executor.decommission.enabled", "spark.decommission.enabled"),
        ("spark.worker.decommission.enabled", "spark.decommission.enabled"),
        ("spark.shuffle.service.enable", "spark.shuffle.service.enabled"),
        (
            "spark.dynamicAllocation.shuffleTracking",
            "spark.dynamicAllocation.shuffleTracking.enabled",
        ),
        ("spark.dynamicAllocation.maxExecutor", "spark.dynamicAllocation.maxExecutors"),
        ("spark.dynamicallocation.enabled", "spark.dynamicAllocation.enabled"),
        (
            "spark.kubernetes.executor.decommmissionLabel",
            "spark.kubernetes.executor.decommissionLabel",
        ),
        (
            "spark.kubernetes.executor.nodeSelector.karpenter.sh/capacity-type",
            "spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type",
        ),
        (
            "spark.kubernetes.executor.volumes.persistentVolumeClaim.d.options.claimname",
            "spark.kubernetes.executor.volumes.persistentVolumeClaim.d.options.claimName",
        ),
        (
            "spark.kubernetes.executor.volumes.persistentvolumeclaim.d.mount.path",
            "spark.kubernetes.executor.volumes.persistentVolumeClaim.d.mount.path",
        ),
        (
            "spark.kubernetes.executor.service.label.spark_role",
            "spark.kubernetes.executor.label.spark_role",
        ),
    ],
)
def test_suggest(typo: str, meant: str) -> None:
    assert catalog().suggest(typo) == meant


def test_no_suggestion_when_far() -> None:
    assert catalog().suggest("spark.kubernetes.completely.made.up") is None


def test_wrong_keys_table() -> None:
    wrong = catalog().wrong_key("spark.executor.decommission.enabled")
    assert wrong is not None and wrong.use == "spark.decommission.enabled"
    assert catalog().wrong_key("spark.decommission.enabled") is None


def test_levenshtein() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("abc", "abc") == 0
    assert levenshtein("a", "abcdef", limit=2) == 3


def _edited(rng: random.Random, text: str, alphabet: str, delete_below: float,
            substitute_below: float) -> str:
    """``text`` after up to four random edits: each a deletion when its draw falls below
    ``delete_below``, a substitution below ``substitute_below``, else an insertion
    (deletions and substitutions only inside the text)."""
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        at = rng.randrange(len(chars) + 1)
        kind = rng.random()
        if kind < delete_below and at < len(chars):
            del chars[at]
        elif kind < substitute_below and at < len(chars):
            chars[at] = rng.choice(alphabet)
        else:
            chars.insert(at, rng.choice(alphabet))
    return "".join(chars)


def test_limited_distance_is_the_full_distance_capped() -> None:
    """With a limit (common prefix and suffix left out, a band of the table computed),
    the answer is the full edit distance, or limit + 1 above the limit."""

    rng = random.Random(5)
    checked = 0
    for _ in range(5000):
        alphabet = rng.choice(["ab", "abc", "spark.", "xy.z"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        # a few edits away (deletions and insertions), so most distances are within the limits
        other = _edited(rng, a, alphabet, 0.5, 0.5)
        full = levenshtein(a, other)
        for limit in (0, 1, 2, 3):
            assert levenshtein(a, other, limit) == min(full, limit + 1), (a, other, limit)
            checked += full <= limit
    assert checked > 5000


def test_limited_distance_with_characters_only_one_side_has() -> None:
    """Characters one string has and the other lacks each cost an edit: a limited
    comparison may stop on counting them, and answers as the full table does, at the
    limit too (keys and namespaces with substitutions from a wide alphabet)."""

    assert levenshtein("abc", "xbc", 1) == 1 and levenshtein("abc", "xyc", 2) == 2
    assert levenshtein("spark.ui.", "spark.shuffle.", 2) == 3
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz."
    at_limit = 0
    for _ in range(5000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        other = _edited(rng, a, alphabet, 0.3, 0.7)
        full = levenshtein(a, other)
        for limit in (0, 1, 2, 3):
            assert levenshtein(a, other, limit) == min(full, limit + 1), (a, other, limit)
            at_limit += full == limit == max(len(set(a) - set(other)), len(set(other) - set(a)))
    assert at_limit > 500


def test_near_namespace_is_the_definition() -> None:
    """A key starts with a misspelt namespace when the head of as many dots as a namespace
    is within two edits of it and not that namespace; heads far longer or shorter are
    passed over without comparing (keys made by random edits of the namespaces)."""

    from spotlint.sparkconf.catalog import _near_namespace

    rng = random.Random(11)
    alphabet = "abcdeiklmnoprstuy.A"
    keys = ["spark.ui.port", "spark.decomission.enabled", "spark.executor.memory",
            "spark.kubernetess.x", "spark.shufle.service.enabled", "spark.", "", "...."]
    for _ in range(3000):
        word = _edited(rng, rng.choice(NAMESPACES), alphabet, 0.3, 0.6)
        keys.append(word + rng.choice(["x", "a.b", "enabled", ""]))
    near = 0
    for key in keys:
        parts = key.split(".")
        expected = any(
            head != namespace and levenshtein(head, namespace) <= 2
            for namespace in NAMESPACES
            for head in [".".join(parts[: namespace.count(".")]) + "."])
        assert _near_namespace(key) is expected, key
        near += expected
    assert 300 < near < len(keys) - 300
