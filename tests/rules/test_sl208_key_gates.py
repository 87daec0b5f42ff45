"""SL208 remembers each key's gate as far as the key alone decides it (never reported,
a first version, or the value decides): a job's findings are those of judging every
value afresh, whether its keys were met before in other jobs or not, and past the
memo's bound."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from spotlint.rules import all_rules

from spotlint.capacity import CapacityLabels
from spotlint.fix.conf import IMPLIED
from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job, SparkVersion
from spotlint.rule import RuleContext
from spotlint.sparkconf import catalog
from spotlint.sparkconf.catalog import NAMESPACES

MODULE = importlib.import_module("spotlint.rules.interruption.sl208_feature_needs_newer_release")
VERSIONS = [(2, 4, 0), (3, 0, 1), (3, 1, 0), (3, 2, 0), (3, 3, 2), (3, 4, 0), (3, 5, 1)]
VALUES = ["true", "false", "OnDemand", "x-OnDemand", "1g", "${V}"]
CLAIM = "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName"


def _keys() -> list[str]:
    cat = catalog()
    keys = [k for k in cat.keys if k.startswith(NAMESPACES)][::3]
    keys += [CLAIM, "spark.kubernetes.driver.label.team", "spark.executor.memory",
             "spark.kubernetes.nosuch.key", "spark.decommission.enabled"]
    return keys


def _jobs() -> Iterator[Job]:
    keys = _keys()
    for major, minor, patch in VERSIONS:
        for at, text in enumerate(VALUES):
            path = f"j{major}{minor}{patch}{at}.yaml"
            job = Job(name=path, kind="SparkApplication", doc=Node({}, Location.point(path, 1, 1)))
            job.version = SparkVersion(major, minor, patch, source="test")
            for line, key in enumerate(keys, start=2):
                value = Node(text, Location.point(path, line, 20), unknown=text.startswith("$"))
                value.key = Node(key, Location.point(path, line, 3))
                origin = ConfOrigin.OPERATOR_DEFAULT if line % 7 == 0 else ConfOrigin.SPARK_CONF
                job.conf.add(ConfValue(key, value, origin))
            yield job


def _said(job: Job) -> list[tuple[int, str]]:
    rule = next(r for r in all_rules() if r.code == "SL208")
    ctx: RuleContext = RuleContext(capacity=CapacityLabels())
    return [(v.location.line, v.message) for v in rule.run(job, ctx)]


def _reference(job: Job) -> list[int]:
    """The lines a judgement of every value afresh reports (the rule before its memo)."""
    assert job.version is not None
    lines = []
    for value in job.conf:
        if not value.key.startswith(NAMESPACES) or value.origin in IMPLIED:
            continue
        spec = catalog().lookup(value.key)
        since = None if spec is None else MODULE._gate(value, spec)
        if since is not None and not job.version.at_least(*since):
            lines.append(value.node.loc.line)
    return lines


def test_findings_equal_a_fresh_judgement_cold_warm_and_past_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jobs = list(_jobs())
    MODULE._GATES.clear()
    cold = [_said(job) for job in jobs]
    assert MODULE._GATES
    warm = [_said(job) for job in jobs]
    monkeypatch.setattr(MODULE, "_GATES_KEPT", 0)
    MODULE._GATES.clear()
    unkept = [_said(job) for job in jobs]
    assert not MODULE._GATES
    assert cold == warm == unkept
    assert [[line for line, _ in said] for said in cold] == [_reference(job) for job in jobs]
    reported = sum(map(len, cold))
    lines = {line for said in cold for line, _ in said}
    assert reported > 50 and len(lines) > 5
    claim = 2 + _keys().index(CLAIM)
    # the claim name decides: "OnDemand" needs 3.1 (on 3.0.1 reported only with it)
    assert any(line == claim for line, _ in cold[VERSIONS.index((3, 0, 1)) * len(VALUES) + 2])
    assert not any(line == claim for line, _ in cold[VERSIONS.index((3, 0, 1)) * len(VALUES) + 4])
