from __future__ import annotations

import json
import re
from pathlib import Path

from spotlint.report.json import SCHEMA_VERSION, JsonReporter
from spotlint.result import RunResult

DOCS = Path(__file__).parents[2] / "docs" / "output-formats.md"


def test_versioned_shape_with_summary(result: RunResult) -> None:
    doc = json.loads(JsonReporter().render(result))
    assert doc["version"] == SCHEMA_VERSION == 1
    assert doc["tool"] == {"name": "spotlint", "version": "0.1.0"}
    assert doc["summary"] == {
        "files": 3,
        "findings": 3,
        "by_severity": {"error": 1, "warning": 1, "info": 1},
        "suppressed": 1,
        "fixable": 1,
    }


def test_findings_carry_position_fingerprint_related_fix_and_suppression(
    result: RunResult,
) -> None:
    findings = json.loads(JsonReporter().render(result))["findings"]
    assert [f["code"] for f in findings] == ["SL101", "SL201", "SL201", "SL301"]
    driver = findings[0]
    assert set(driver) == {
        "code", "name", "severity", "message", "path", "line", "column", "end_line",
        "end_column", "fingerprint", "related", "suppressed", "fix",
    }  # fmt: skip
    assert (driver["path"], driver["line"], driver["column"]) == ("jobs/etl.yaml", 8, 7)
    assert (driver["end_line"], driver["end_column"]) == (8, 38)
    assert driver["fingerprint"] == result.findings[0].fingerprint != ""
    assert driver["related"] == [
        {"path": "pools/spot pool.yaml", "line": 2, "column": 1, "end_line": 2, "end_column": 14}
    ]
    assert driver["suppressed"] is None and driver["fix"] is None
    decom = findings[1]
    assert decom["fix"] == {
        "description": "Enable decommissioning",
        "safe": True,
        "edits": [
            {
                "path": "jobs/etl.yaml",
                "line": 10,
                "column": 33,
                "end_line": 10,
                "end_column": 40,
                "text": '"true"',
            }
        ],
    }
    suppressed = [f for f in findings if f["suppressed"]]
    assert [s["suppressed"] for s in suppressed] == [
        {"kind": "inline", "justification": "driver is tiny and retried"}
    ]


def test_clean_run(clean: RunResult) -> None:
    doc = json.loads(JsonReporter().render(clean))
    assert doc["findings"] == []
    assert doc["summary"]["findings"] == 0 and doc["summary"]["files"] == 2


def test_docs_describe_every_field(result: RunResult) -> None:
    doc = json.loads(JsonReporter().render(result))
    text = DOCS.read_text()
    keys = {*doc, *doc["summary"], *doc["findings"][0], *doc["findings"][1]["fix"]}
    keys |= {*doc["findings"][1]["fix"]["edits"][0], *doc["summary"]["by_severity"]}
    missing = sorted(k for k in keys if not re.search(rf"`{re.escape(k)}`", text))
    assert missing == []
