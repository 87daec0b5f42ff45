"""JUnit XML, for CI systems that only display test reports.

Each linted file is a test case, so a clean file shows up as a passing test and
the report says how much was checked, not only what failed; every active finding
is a ``<failure>`` of its file's case. ElementTree does the XML escaping, but
XML 1.0 cannot carry most control characters even escaped, and CI pages show
these texts to people: paths and messages go through
:func:`~spotlint.report.escape.printable` first, so a stray ``\\x1b``, a newline
or a bidi override from a config value is shown as an escape.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from spotlint.finding import Finding
from spotlint.report.base import sorted_findings
from spotlint.report.escape import printable
from spotlint.result import RunResult

#: Not XML 1.0 even after :func:`printable` (which leaves these two noncharacters).
_NOT_XML = re.compile("[\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", printable(text))


def _failure(case: ET.Element, f: Finding) -> None:
    loc = f.location
    node = ET.SubElement(case, "failure", type=f.code, message=clean(f.message))
    head = clean(f"{loc.path}:{loc.line}:{loc.col}: {f.code} [{f.severity.value}] {f.name}")
    node.text = f"{head}\n{clean(f.message)}"


class JunitReporter:
    #: the texts of the files (RunResult.sources) are not shown
    reads_sources = False

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
