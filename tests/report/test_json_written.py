"""JSON findings written straight from findings equal the walk of their dictionaries.

The JSON reporter writes each finding's text without making its dictionary
(``spotlint.report.json._writer``); the text must be exactly what the indenting
writer gives the plain document, on real runs (examples, the corpus, fixes
placed) and on findings reaching every branch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.written import made_finding, placed_run

from spotlint.finding import Suppression
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


def test_examples() -> None:
    result = placed_run(ROOT / "examples")
    assert any(f.fix is not None and f.fix.edits for f in result.findings)
    for indent in (2, 0, 3):
        assert _same(result, indent) > 20


def test_corpus(corpus: Path) -> None:
    assert _same(placed_run(corpus)) > 300


def test_every_branch() -> None:
    fix = Fix("set it", (Edit("a.yaml", 2, 4, 2, 5, "3"), Edit("b.yaml", 1, 1, 1, 1, "")), False)
    findings = [
        made_finding("a.yaml", 2, fingerprint="abc:0"),
        made_finding("d\u00e9/a b.yaml", 0, message="", name=""),
        made_finding("a.yaml", 3, code="XX999", severity=Severity.INFO,
                     message='quote " back \\ tab \t nl \n \u2028 \ud800',
                     related=(Location("b.yaml", 1, 1, 1, 1), Location("/x/c.yaml", 5, 0, 4, 0)),
                 fix=fix, fingerprint="f:1"),
        made_finding("-", 7, suppression=Suppression("inline", "  why \"  ")),
        made_finding("b.yaml", 1, suppression=Suppression("baseline"), severity=Severity.WARNING,
                     fix=Fix("nothing", (), True)),
    ]
    result = RunResult(findings=findings, files=["a.yaml"], root=".")
    for indent in (2, 1):
        assert _same(result, indent) == len(findings)
    assert len(json.loads(JsonReporter().render(result))["findings"]) == len(findings)
    assert _same(RunResult(), 2) == 0


def test_kept_texts_give_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer keeps the texts of repeated strings (codes, names, messages, paths)
    and of each rule's first lines: what it writes is the same with them forgotten at
    every finding (KEPT 1), and for one writer asked at several levels of indentation."""
    import spotlint.report.json as json_report

    result = placed_run(ROOT / "examples")
    expected = JsonReporter().render(result)
    monkeypatch.setattr(json_report, "KEPT", 1)
    assert JsonReporter().render(result) == expected
    monkeypatch.undo()
    write = json_report._writer()
    findings = [*result.findings, *result.findings]  # (every text asked for again)
    for newline, step in (("\n    ", "  "), ("\n ", " "), ("\n    ", "  "), ("\n", "\t")):
        for finding in findings:
            assert write(finding, newline, step) == json_report._writer()(
                finding, newline, step), (newline, step, finding)
    same_text = [made_finding("a.yaml", n, message=m, code=c, name=c.lower())
                 for n, (m, c) in enumerate([("x", "SL101"), ("x", "SL102"), ("y", "SL101")])]
    texts = [write(f, "\n  ", "  ") for f in same_text]
    assert len(set(texts)) == 3 and all(f'"message": "{f.message}"' in t and f.code in t
                                        for f, t in zip(same_text, texts, strict=True))
