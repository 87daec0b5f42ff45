from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.github import GithubReporter, escape_data, escape_property
from spotlint.result import RunResult
from spotlint.rule import Severity


def unescape(value: str) -> str:
    table = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: table[m.group()], value)


def test_one_command_per_active_finding_with_severity_mapping(result: RunResult) -> None:
    lines = GithubReporter().render(result).splitlines()
    assert lines == [
        "::error file=jobs/etl.yaml,line=8,col=7,endLine=8,endColumn=38,"
        "title=SL101 driver-on-spot::Driver may run on Spot: nodeSelector selects"
        " capacity-type 'spot'.",
        "::warning file=jobs/etl.yaml,line=10,col=5,endLine=10,endColumn=30,"
        "title=SL201 decommission-disabled::spark.decommission.enabled is false;"
        " executors lose shuffle data on reclaim.",
        "::notice file=pools/spot pool.yaml,line=4,col=9,endLine=4,endColumn=12,"
        "title=SL301 no-pdb::No PodDisruptionBudget for the Spark driver.",
    ]


def test_clean_run_prints_nothing(clean: RunResult) -> None:
    assert GithubReporter().render(clean) == ""


def test_properties_and_message_are_escaped() -> None:
    f = Finding(
        code="SL101",
        name="driver-on-spot",
        severity=Severity.ERROR,
        message="100% on Spot\r\nsecond line: a,b",
        location=Location("dir,with:odd%/file.yaml", 2, 3, 2, 9),
    )
    (line,) = GithubReporter().render(RunResult(findings=[f])).splitlines()
    head, message = line.split("::", 2)[1:]
    # Line breaks from input are shown, not kept: they could forge a log line.
    assert message == "100%25 on Spot\\r\\nsecond line: a,b"
    assert "file=dir%2Cwith%3Aodd%25/file.yaml," in head
    assert head.count("::") == 0 and "\n" not in line


@given(st.text())
def test_escaping_round_trips_and_never_breaks_the_command(value: str) -> None:
    prop = escape_property(value)
    assert not set(prop) & {",", ":", "\r", "\n"}
    assert unescape(prop) == value
    data = escape_data(value)
    assert not set(data) & {"\r", "\n"}
