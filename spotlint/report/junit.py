"""JUnit XML, for CI systems that only display test reports.

Each linted file is a test case, so a clean file shows up as a passing test and
the report says how much was checked, not only what failed; every active finding
is a ``<failure>`` of its file's case. ElementTree does the escaping, but XML 1.0
cannot carry most control characters even escaped, so those are replaced first
(a stray ``\\x1b`` from a config value would otherwise make the report unreadable).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from spotlint.finding import Finding
from spotlint.report.base import sorted_findings
from spotlint.result import RunResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure(case: ET.Element, f: Finding) -> None:
    loc = f.location
    node = ET.SubElement(case, "failure", type=f.code, message=clean(f.message))
    node.text = clean(
        f"{loc.path}:{loc.line}:{loc.col}: {f.code} [{f.severity.value}] {f.name}\n{f.message}"
    )


class JunitReporter:
    def render(self, result: RunResult) -> str:
        by_file: dict[str, list[Finding]] = {path: [] for path in result.files}
        for f in sorted_findings(result.active):
            by_file.setdefault(f.location.path, []).append(f)
        failures = sum(len(v) for v in by_file.values())
        attrs = {"tests": str(len(by_file)), "failures": str(failures), "errors": "0"}
        suites = ET.Element("testsuites", {"name": "spotlint", **attrs})
        suite = ET.SubElement(suites, "testsuite", {"name": "spotlint", "skipped": "0", **attrs})
        for path in sorted(by_file):
            case = ET.SubElement(
                suite, "testcase", classname="spotlint", name=clean(path), file=clean(path)
            )
            for f in by_file[path]:
                _failure(case, f)
        ET.indent(suites)
        body = ET.tostring(suites, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
