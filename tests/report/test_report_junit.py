from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.escape import printable
from spotlint.report.junit import JunitReporter
from spotlint.result import RunResult
from spotlint.rule import Severity


def parse(result: RunResult) -> ET.Element:
    return ET.fromstring(JunitReporter().render(result).encode("utf-8"))


def test_one_suite_one_case_per_file_one_failure_per_finding(result: RunResult) -> None:
    root = parse(result)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "3"
    cases = {c.get("name", ""): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["jobs/clean.yaml", "jobs/etl.yaml", "pools/spot pool.yaml"]
    assert cases["jobs/clean.yaml"].findall("failure") == []
    failures = cases["jobs/etl.yaml"].findall("failure")
    assert [f.get("type") for f in failures] == ["SL101", "SL201"]
    assert failures[0].get("message", "").startswith("Driver may run on Spot")
    assert (failures[0].text or "").startswith("jobs/etl.yaml:8:7: SL101 [error] driver-on-spot")
    # The suppressed finding is not a failure.
    assert len(cases["pools/spot pool.yaml"].findall("failure")) == 1


def test_clean_run_is_all_passing_cases(clean: RunResult) -> None:
    suite = parse(clean).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    assert [c.get("name") for c in suite.findall("testcase")] == ["a.yaml", "b.yaml"]


def test_markup_and_control_characters_stay_valid_xml() -> None:
    message = 'value "<b>&amp;</b>" has \x1b[31mcolour\x00 and ]]> in it'
    f = Finding(
        code="SL210", name="bad-type", severity=Severity.WARNING, message=message,
        location=Location("a&b<c>.yaml", 1, 1, 1, 2),
    )  # fmt: skip
    failure = parse(RunResult(findings=[f], files=["a&b<c>.yaml"])).find(".//failure")
    assert failure is not None
    # Control characters are shown as escapes (readable, and valid XML 1.0).
    assert failure.get("message") == (
        'value "<b>&amp;</b>" has \\e[31mcolour\\x00 and ]]> in it')
    assert "a&b<c>.yaml:1:1" in (failure.text or "")


@given(st.text())
def test_any_message_gives_parseable_xml(message: str) -> None:
    f = Finding(
        code="SL1", name="n", severity=Severity.INFO, message=message,
        location=Location("f.yaml", 1, 1, 1, 1),
    )  # fmt: skip
    failure = parse(RunResult(findings=[f])).find(".//failure")
    assert failure is not None
    got = failure.get("message", "")
    assert got == printable(message).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in got)
