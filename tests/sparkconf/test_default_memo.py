"""A job's effective value of an unset key is the catalog default for its version,
also when answered from the defaults remembered for earlier jobs."""

from __future__ import annotations

import itertools

from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job, SparkVersion
from spotlint.sparkconf import catalog, effective_bool, effective_text, parse_bool
from spotlint.sparkconf import values as values_module

VERSIONS = [None, (2, 4, 8), (3, 1, 0), (3, 3, 9), (3, 4, 0), (3, 5, 1), (4, 0, 0), (4, 1, 2)]


def _job(version: tuple[int, int, int] | None, set_key: str | None = None,
         text: str = "false") -> Job:
    doc = Node({}, Location.point("app.yaml", 1, 1))
    job = Job(name="etl", kind="SparkApplication", doc=doc)
    if version is not None:
        job.version = SparkVersion(*version, source="test")
    if set_key is not None:
        job.conf.add(ConfValue(set_key, Node(text, Location.point("app.yaml", 2, 3)),
                               ConfOrigin.SPARK_CONF))
    return job


def test_unset_keys_take_the_catalog_default_of_the_jobs_version() -> None:
    cat = catalog()
    keys = [*sorted(cat.keys), "spark.nosuch.key", "spark.kubernetes.executor.label.team"]
    changing = [k for k in cat.keys if cat.keys[k].changes]
    assert changing  # some defaults depend on the version: the versions are told apart
    values_module._DEFAULTS.clear()
    for _ in range(2):  # computed, then remembered
        for key, version in itertools.product(keys, VERSIONS):
            job = _job(version)
            spec = cat.lookup(key)
            expected = spec.default_for(job.version) if spec is not None else None
            assert effective_text(job, key) == expected, (key, version)
            assert effective_bool(job, key) == (
                parse_bool(expected) if expected is not None else None), (key, version)


def test_a_setting_wins_over_the_remembered_default() -> None:
    key = "spark.dynamicAllocation.shuffleTracking.enabled"  # default true since 3.4
    assert effective_bool(_job((3, 5, 0)), key) is True
    assert effective_bool(_job((3, 3, 0)), key) is False
    assert effective_bool(_job((3, 5, 0), key, "false"), key) is False
    assert effective_text(_job((3, 5, 0), key, " False "), key) == "False"
    assert effective_bool(_job((3, 3, 0), key, "TRUE"), key) is True
    assert effective_bool(_job((3, 3, 0), key, "yes"), key) is None
