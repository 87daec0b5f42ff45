"""SL210 remembers the keys whose values it never reads (a type no value of which is
rejected, neither the fallback path nor a claim name): a job's findings are the same
whether its keys were met before in other jobs or not, and past the memo's bound."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from spotlint.rules import all_rules

from spotlint.capacity import CapacityLabels
from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job
from spotlint.rule import RuleContext
from spotlint.sparkconf import catalog, facts

MODULE = importlib.import_module("spotlint.rules.interruption.sl210_invalid_conf_value")
VALUES = ["true", "yes", "1g", "12", "-3", "abc", "s3://b/p", "ondemand", "${V}", ""]
CLAIM = "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName"


def _jobs() -> Iterator[Job]:
    keys = [*list(catalog().keys)[::2], CLAIM, facts.FALLBACK_PATH, "spark.nosuch.key",
            "custom.key"]
    for at, text in enumerate(VALUES):
        path = f"j{at}.yaml"
        job = Job(name=path, kind="SparkApplication", doc=Node({}, Location.point(path, 1, 1)))
        for line, key in enumerate(keys, start=2):
            value = Node(text, Location.point(path, line, 20), unknown=text.startswith("$"))
            value.key = Node(key, Location.point(path, line, 3))
            job.conf.add(ConfValue(key, value, ConfOrigin.SPARK_CONF))
        yield job


def _said(job: Job) -> list[tuple[int, str]]:
    rule = next(r for r in all_rules() if r.code == "SL210")
    ctx: RuleContext = RuleContext(capacity=CapacityLabels())
    return [(v.location.line, v.message) for v in rule.run(job, ctx)]


def test_findings_equal_cold_warm_and_past_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = list(_jobs())
    MODULE._UNREAD.clear()
    MODULE._CLASSIFIED.clear()
    cold = [_said(job) for job in jobs]
    assert MODULE._UNREAD and MODULE._CLASSIFIED - MODULE._UNREAD
    warm = [_said(job) for job in jobs]
    monkeypatch.setattr(MODULE, "_CLASSIFIED_KEPT", 5)
    MODULE._UNREAD.clear()
    MODULE._CLASSIFIED.clear()
    bounded = [_said(job) for job in jobs]
    assert len(MODULE._CLASSIFIED) == 5
    assert cold == warm == bounded
    lines = {line for said in cold for line, _ in said}
    assert sum(map(len, cold)) > 30 and len(lines) > 5
