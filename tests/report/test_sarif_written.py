"""SARIF results written straight from findings equal the walk of their dictionaries.

The reporter writes each result's text without making its dictionaries
(``SarifReporter._writer``); the text must be exactly what the indenting writer
gives the plain document (``json.dumps`` of :meth:`SarifReporter.document`), on
real runs (examples, the corpus, fixes placed) and on findings made to reach
every branch: related locations, suppressions, fixes over several files, files
outside the root, positions below 1, no fingerprint, empty messages and text
that JSON escapes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.written import made_finding, placed_run

from spotlint.finding import Suppression
from spotlint.location import Location
from spotlint.report.escape import json_text
from spotlint.report.json_indent import Stream
from spotlint.report.sarif import SarifReporter
from spotlint.result import RunResult
from spotlint.rule import Edit, Fix, Severity

ROOT = Path(__file__).resolve().parents[2]


def _same(result: RunResult, indent: int = 2) -> int:
    reporter = SarifReporter(indent=indent)
    document = reporter.document(result)
    # the plain document through the walk (lone surrogates escaped as in every report)
    assert reporter.render(result) == json_text(document, indent) + "\n"
    streamed = reporter.document(result, stream=True)["runs"][0]["results"]
    assert type(streamed) is Stream and streamed.write is not None  # the written path
    results: list[Any] = document["runs"][0]["results"]
    return len(results)


def test_examples() -> None:
    result = placed_run(ROOT / "examples")
    assert any(f.fix is not None and f.fix.edits for f in result.findings)
    for indent in (2, 0, 4):
        assert _same(result, indent) > 20


def test_corpus(corpus: Path) -> None:
    assert _same(placed_run(corpus)) > 300


def test_every_branch(tmp_path: Path) -> None:
    inside = str(tmp_path / "a b" / "f\u00e9.yaml")
    other = str(tmp_path / "g.yaml")
    Path(inside).parent.mkdir()
    Path(inside).write_text("a: 1\nb: 2\nc: 3\n")
    Path(other).write_text("x: 1\n")
    outside = "/elsewhere/h.yaml"
    fix = Fix("set it", (Edit(inside, 2, 4, 2, 5, "3"), Edit(other, 1, 1, 1, 1, "y: 2\n"),
                         Edit(inside, 3, 1, 3, 1, "")), True)
    findings = [
        made_finding(inside, 2, fingerprint="abc:0"),
        made_finding(inside, 0, fingerprint="", message="  "),
        made_finding(inside, 3, code="XX999", name="plugin", severity=Severity.INFO,
                     message='quote " back \\ tab \t nl \n e\u0301 \u2028 \ud800',
                     related=(Location(other, 1, 1, 1, 1), Location(outside, 5, 0, 4, 0)),
                 fix=fix, fingerprint="f:1"),
        made_finding(outside, 7, fingerprint="o:2",
                     suppression=Suppression("inline", "  why  ")),
        made_finding(other, 1, suppression=Suppression("baseline"), severity=Severity.WARNING,
                     fix=Fix("nothing", (), True)),
        made_finding(other, 1, suppression=Suppression("", " ")),
    ]
    result = RunResult(findings=findings, files=[inside, other], root=str(tmp_path))
    for indent in (2, 1):
        assert _same(result, indent) == len(findings)
    run = json.loads(SarifReporter().render(result))["runs"][0]
    assert [r["ruleId"] for r in run["results"]].count("XX999") == 1


@pytest.mark.parametrize("count", [0, 1])
def test_few_results(count: int, tmp_path: Path) -> None:
    findings = [made_finding(str(tmp_path / "f.yaml"), 1)][:count]
    assert _same(RunResult(findings=findings, root=str(tmp_path))) == count


def test_repeated_and_blank_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message's JSON text is kept for the results that repeat it (forgotten when the
    writer holds too many): a repeated message, the same one with blanks around it, and
    blank messages of different rules (each its rule's code and name) are each written
    as the walk writes them."""
    import spotlint.report.sarif as sarif

    path = str(tmp_path / "f.yaml")
    Path(path).write_text("a: 1\nb: 2\nc: 3\n")
    findings = [
        made_finding(path, 1, message="same é"),
        made_finding(path, 2, message="  same é  "),
        made_finding(path, 3, message="same é", code="XX001", name="other"),
        made_finding(path, 1, message=" ", code="XX002", name="blank-one"),
        made_finding(path, 2, message=" ", code="XX003", name="blank-two"),
        made_finding(path, 3, message="", code="XX004", name=""),
        *(made_finding(path, 1 + i % 3, message=f"m{i}") for i in range(9)),
        made_finding(path, 3, message="same é"),
    ]
    result = RunResult(findings=findings, files=[path], root=str(tmp_path))
    for kept in (4_096, 3, 1):
        monkeypatch.setattr(sarif, "_MESSAGES_KEPT", kept)
        assert _same(result) == len(findings)
    texts = [r["message"]["text"]
             for r in json.loads(SarifReporter().render(result))["runs"][0]["results"]]
    assert sorted(set(texts) & {"same é", "XX002 blank-one", "XX003 blank-two", "XX004"}) == [
        "XX002 blank-one", "XX003 blank-two", "XX004", "same é"]
