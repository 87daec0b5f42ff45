"""A job's on-demand PVC volumes are found once, kept by its conf (weakly), and are the
same answer every time they are asked."""

from __future__ import annotations

import gc

from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job
from spotlint.sparkconf import facts

PREFIX = "spark.kubernetes.executor.volumes.persistentVolumeClaim."


def _job(settings: dict[str, str], unknown: tuple[str, ...] = ()) -> Job:
    doc = Node({}, Location.point("app.yaml", 1, 1))
    job = Job(name="etl", kind="SparkApplication", doc=doc)
    for line, (key, text) in enumerate(settings.items(), start=2):
        node = Node(text, Location.point("app.yaml", line, 3), unknown=key in unknown)
        job.conf.add(ConfValue(key, node, ConfOrigin.SPARK_CONF))
    return job


def _volumes(job: Job) -> list[tuple[str, str]]:
    return [(v.name, v.claim.key) for v in facts.on_demand_volumes(job)]


def test_the_volumes_are_the_on_demand_claims_every_time() -> None:
    job = _job({
        "spark.executor.memory": "4g",
        PREFIX + "data.options.claimName": "OnDemand",
        PREFIX + "data.mount.path": "/data",
        PREFIX + "spill.options.claimName": "my-OnDemand-claim",
        PREFIX + "fixed.options.claimName": "ondemand",  # (case-sensitive: not one)
        PREFIX + "tmpl.options.claimName": "${CLAIM}",
        "spark.kubernetes.driver.volumes.persistentVolumeClaim.d.options.claimName": "OnDemand",
    }, unknown=(PREFIX + "tmpl.options.claimName",))
    expected = [("data", PREFIX + "data.options.claimName"),
                ("spill", PREFIX + "spill.options.claimName")]
    for _ in range(3):  # found, then kept
        assert _volumes(job) == expected
    first = next(facts.on_demand_volumes(job))
    assert first is next(facts.on_demand_volumes(job))  # the same answer, not found again
    assert _volumes(_job({"spark.executor.memory": "4g"})) == []


def test_each_conf_has_its_own_answer_and_drops_it_with_the_conf() -> None:
    with_one = _job({PREFIX + "a.options.claimName": "OnDemand"})
    without = _job({PREFIX + "a.options.claimName": "claim-1"})
    assert _volumes(with_one) == [("a", PREFIX + "a.options.claimName")]
    assert _volumes(without) == []
    held = len(facts._VOLUMES)
    del with_one, without
    gc.collect()
    assert len(facts._VOLUMES) <= held - 2
