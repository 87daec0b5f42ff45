"""``python -m spotlint.cli.action``: the annotations and job summary of the GitHub Action."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spotlint.cli.action import annotation_lines, main, summary


def finding(code: str, severity: str, path: str = "a.yaml", line: int = 1, **extra: Any
            ) -> dict[str, Any]:
    return {"code": code, "name": f"rule-{code}", "severity": severity, "message": f"m {code}",
            "path": path, "line": line, "column": 2, "end_line": line, "end_column": 5,
            "suppressed": None, **extra}


def report(*findings: dict[str, Any], files: int = 3) -> dict[str, Any]:
    active = [f for f in findings if not f["suppressed"]]
    return {"summary": {"files": files, "findings": len(active),
                        "suppressed": len(findings) - len(active)}, "findings": list(findings)}


def test_errors_come_first_info_is_not_annotated_suppressed_is_left_out() -> None:
    lines = annotation_lines(report(
        finding("SL201", "warning", "z.yaml"), finding("SL101", "error", "z.yaml"),
        finding("SL207", "info"), finding("SL102", "error", suppressed={"kind": "inline"}),
    ))
    assert lines[0].startswith("::error file=z.yaml,line=1,col=2,endLine=1,endColumn=5,"
                               "title=SL101 rule-SL101::m SL101")
    assert lines[1].startswith("::warning file=z.yaml")
    assert lines[2] == ("::notice title=spotlint::1 more finding without an annotation "
                        "(GitHub shows 10 of each kind per step): see the job summary and "
                        "code scanning")
    assert len(lines) == 3


def test_values_cannot_end_or_forge_a_workflow_command() -> None:
    [line] = annotation_lines(report(finding("SL101", "error", "./a,b:c.yaml",
                                             message="x\n::error::forged %")))
    assert "file=a%2Cb%3Ac.yaml" in line
    assert "\n" not in line and line.endswith("::x\\n::error::forged %25")


def test_summary_without_findings() -> None:
    assert summary(report(files=1)) == "## spotlint\n\nNo findings in 1 file.\n"


def test_summary_counts_per_rule_and_top_findings_escaped() -> None:
    text = summary(report(finding("SL101", "error", "a|b.yaml", message="pipe | and `tick`"),
                          finding("SL101", "error", line=4), finding("SL207", "info")),
                   notes=["a note"])
    assert "**3 findings** (2 errors, 1 info) in 3 files." in text
    assert "a note" in text
    assert "| SL101 rule-SL101 | error | 2 |" in text and "| SL207 rule-SL207 | info | 1 |" in text
    assert "- `a\\|b.yaml:1:2` **SL101** [error] pipe \\| and 'tick'" in text


def test_main_appends_to_the_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "r.json"
    data.write_text(json.dumps(report(finding("SL101", "error"))))
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    assert main([str(data), "--note", ""]) == 0
    assert capsys.readouterr().out.startswith("::error file=a.yaml")
    assert target.read_text().startswith("earlier step\n## spotlint\n")


def test_a_missing_report_is_a_warning_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "none.json")]) == 0
    assert capsys.readouterr().out.startswith("::warning title=spotlint::no report")
