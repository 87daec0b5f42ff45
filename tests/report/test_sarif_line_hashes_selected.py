"""``line_hashes(..., lines=...)`` answers only the lines asked, with the whole file's counts.

The SARIF reporter asks for the lines that have findings: repeat counts
(``:n``) must still count every earlier line with the same hash.
"""

from __future__ import annotations

import random

from spotlint.report.sarif import SarifReporter, line_hashes


def _texts() -> list[str]:
    rng = random.Random(19)
    words = ["a: 1", "  b: x", "", "- y", "a: 1", "\tc: 'q'", "é: 😀", "# c"]
    out = ["a: 1\n" * 50, "x\r\ny\rz\n", ""]
    for _ in range(30):
        out.append("\n".join(rng.choice(words) for _ in range(rng.randint(1, 400))))
    return out


def test_selected_lines_equal_the_whole_answer() -> None:
    rng = random.Random(6)
    for text in _texts():
        whole = line_hashes(text)
        last = max(whole, default=0)
        for _ in range(5):
            lines = {rng.randint(1, last + 2) for _ in range(rng.randint(1, 6))}
            until = max(lines)
            expected = {k: v for k, v in whole.items() if k in lines and k <= until}
            assert line_hashes(text, until, lines) == expected


def test_repeat_counts_are_kept_for_selected_lines() -> None:
    text = "a: 1\n" * 200  # every window of the first lines is the same 100 units
    assert [v.split(":")[1] for v in line_hashes(text, 5, {3, 5}).values()] == ["3", "5"]


def test_reporter_hashes_only_finding_lines() -> None:
    from spotlint.finding import Finding
    from spotlint.location import Location
    from spotlint.result import RunResult
    from spotlint.rule import Severity

    text = "a: 1\n" * 10
    findings = [Finding(code="SL101", name="x", severity=Severity.WARNING, message="m",
                        location=Location("f.yaml", line, 1, line, 2)) for line in (0, 4)]
    reporter = SarifReporter(texts={"f.yaml": text})
    hashes = reporter._hashes_for(findings, RunResult(findings=findings))
    assert sorted(hashes["f.yaml"]) == [1, 4]  # a line-0 finding is looked up at line 1
    assert hashes["f.yaml"][4] == line_hashes(text)[4]
