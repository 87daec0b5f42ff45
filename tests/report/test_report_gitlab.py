from __future__ import annotations

import json

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.gitlab import GitlabReporter
from spotlint.result import RunResult
from spotlint.rule import Severity


def test_code_quality_issues_for_active_findings(result: RunResult) -> None:
    issues = json.loads(GitlabReporter().render(result))
    assert [i["check_name"] for i in issues] == ["SL101", "SL201", "SL301"]
    first = issues[0]
    assert first == {
        "type": "issue",
        "description": "SL101 driver-on-spot: Driver may run on Spot: nodeSelector selects"
        " capacity-type 'spot'.",
        "check_name": "SL101",
        "fingerprint": result.findings[0].fingerprint,
        "severity": "major",
        "location": {"path": "jobs/etl.yaml", "lines": {"begin": 8}},
    }
    assert [i["severity"] for i in issues] == ["major", "minor", "info"]
    assert issues[2]["location"]["path"] == "pools/spot pool.yaml"
    assert len({i["fingerprint"] for i in issues}) == 3


def test_clean_run_is_an_empty_list(clean: RunResult) -> None:
    assert json.loads(GitlabReporter().render(clean)) == []


def test_missing_fingerprints_are_derived_and_distinct() -> None:
    findings = [
        Finding(
            code="SL101",
            name="driver-on-spot",
            severity=Severity.ERROR,
            message="m",
            location=Location("a.yaml", line, 1, line, 2),
        )
        for line in (1, 2)
    ]
    issues = json.loads(GitlabReporter().render(RunResult(findings=findings)))
    prints = [i["fingerprint"] for i in issues]
    assert all(prints) and prints[0] != prints[1]
