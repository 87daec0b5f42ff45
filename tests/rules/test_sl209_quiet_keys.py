"""SL209 remembers the keys it never reports (known, templated, outside every Spark conf
namespace and not near one): a job's findings are the same whether its keys were met
before in other jobs or not."""

from __future__ import annotations

import importlib

from spotlint.rules import all_rules

from spotlint.capacity import CapacityLabels
from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job
from spotlint.rule import RuleContext

KEYS = [
    "spark.executor.memory",  # outside the namespaces, near none: never reported
    "spark.decomission.enabled",  # a misspelt namespace with a close match: reported
    "spark.kubernetes.executor.nosuch",  # unknown in a namespace: reported
    "spark.kubernetes.driver.label.team",  # a pattern key: known
    "spark.kubernetes.${ROLE}.x",  # templated
    "spark.executor.decommission.enabled",  # a known wrong key: reported
    "spark.dynamicAllocation.enabled",  # known
]


def _job(name: str, keys: list[str]) -> Job:
    path = f"{name}.yaml"
    job = Job(name=name, kind="SparkApplication", doc=Node({}, Location.point(path, 1, 1)))
    for line, key in enumerate(keys, start=2):
        value = Node("true", Location.point(path, line, 20))
        value.key = Node(key, Location.point(path, line, 3))
        job.conf.add(ConfValue(key, value, ConfOrigin.SPARK_CONF))
    return job


def _said(job: Job) -> list[tuple[int, str]]:
    rule = next(r for r in all_rules() if r.code == "SL209")
    ctx: RuleContext = RuleContext(capacity=CapacityLabels())
    return [(v.location.line, v.message) for v in rule.run(job, ctx)]


def test_findings_do_not_depend_on_keys_met_before() -> None:
    module = importlib.import_module("spotlint.rules.interruption.sl209_unknown_conf_key")
    module._QUIET.clear()
    first = _said(_job("a", KEYS))
    assert [line for line, _ in first] == [3, 4, 7]  # the misspelt, unknown and wrong keys
    again = _said(_job("b", list(reversed(KEYS))))  # every key met before, other order
    assert sorted(m for _, m in again) == sorted(m for _, m in first)
    assert "spark.executor.memory" in module._QUIET
    assert not {"spark.decomission.enabled", "spark.kubernetes.executor.nosuch"} & module._QUIET
