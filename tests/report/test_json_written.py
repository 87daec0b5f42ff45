"""JSON findings written straight from findings equal the walk of their dictionaries.

The JSON reporter writes each finding's text without making its dictionary
(``spotlint.report.json._writer``); the text must be exactly what the indenting
writer gives the plain document, on real runs (examples, the corpus, fixes
placed) and on findings reaching every branch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.finding import Finding, Suppression
from spotlint.fix.place import place_fixes
from spotlint.location import Location
from spotlint.report.escape import json_text
from spotlint.report.json import JsonReporter
from spotlint.report.json_indent import Stream
from spotlint.result import RunResult
from spotlint.rule import Edit, Fix, Severity

ROOT = Path(__file__).resolve().parents[2]


def _same(result: RunResult, indent: int = 2) -> int:
    reporter = JsonReporter(indent=indent)
    document = reporter.document(result)
    assert reporter.render(result) == json_text(document, indent) + "\n"
    streamed = reporter.document(result, stream=True)["findings"]
    assert type(streamed) is Stream and streamed.write is not None  # the written path
    return len(document["findings"])


def _run(top: Path) -> RunResult:
    return place_fixes(lint([str(top)], Settings(root=str(top), select=["ALL"])))


def test_examples() -> None:
    result = _run(ROOT / "examples")
    assert any(f.fix is not None and f.fix.edits for f in result.findings)
    for indent in (2, 0, 3):
        assert _same(result, indent) > 20


def test_corpus(corpus: Path) -> None:
    assert _same(_run(corpus)) > 300


def _finding(path: str, line: int, **kwargs: Any) -> Finding:
    fields: dict[str, Any] = {"code": "SL101", "name": "driver-on-spot",
                              "severity": Severity.ERROR, "message": "m",
                              "location": Location(path, line, 3, line, 9)}
    fields.update(kwargs)
    return Finding(**fields)


def test_every_branch() -> None:
    fix = Fix("set it", (Edit("a.yaml", 2, 4, 2, 5, "3"), Edit("b.yaml", 1, 1, 1, 1, "")), False)
    findings = [
        _finding("a.yaml", 2, fingerprint="abc:0"),
        _finding("d\u00e9/a b.yaml", 0, message="", name=""),
        _finding("a.yaml", 3, code="XX999", severity=Severity.INFO,
                 message='quote " back \\ tab \t nl \n \u2028 \ud800',
                 related=(Location("b.yaml", 1, 1, 1, 1), Location("/x/c.yaml", 5, 0, 4, 0)),
                 fix=fix, fingerprint="f:1"),
        _finding("-", 7, suppression=Suppression("inline", "  why \"  ")),
        _finding("b.yaml", 1, suppression=Suppression("baseline"), severity=Severity.WARNING,
                 fix=Fix("nothing", (), True)),
    ]
    result = RunResult(findings=findings, files=["a.yaml"], root=".")
    for indent in (2, 1):
        assert _same(result, indent) == len(findings)
    assert len(json.loads(JsonReporter().render(result))["findings"]) == len(findings)
    assert _same(RunResult(), 2) == 0
