"""SARIF line hashes found ahead (SarifReporter.write_ahead: a split run's parent hashes
its own findings' lines while it waits for the other process's findings) are reported
as they are, and the log is byte for byte the one written without them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.written import placed_run

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.sarif import SarifReporter
from spotlint.result import RunResult, Source
from spotlint.rule import Severity

ROOT = Path(__file__).resolve().parents[2]


def test_a_log_with_hashes_found_ahead_is_the_same() -> None:
    result = placed_run(ROOT / "examples")
    assert len({f.location.path for f in result.findings}) > 5
    expected = SarifReporter().render(result)
    ordered = list(result.findings)
    for findings in (ordered, ordered[::2], ordered[1::3], ordered[::-1], ordered[:1]):
        reporter = SarifReporter()
        for finding in findings:
            reporter.write_ahead(finding)
        assert reporter._ahead or len(findings) == 1
        assert reporter.render(result) == expected


def _finding(path: str, line: int) -> Finding:
    return Finding(code="SL101", name="x", severity=Severity.WARNING, message="m",
                   location=Location(path, line, 1, max(line, 1), 2))


def test_hashes_found_ahead_are_taken_only_for_the_same_text(tmp_path: Path) -> None:
    texts = {
        "a.yaml": "a: 1\nb: 2\n" * 30,
        "b.yaml": "k: v\r\nk: v\r\n\u00e9: x\n\U0001f600: y\n" * 5,  # CR LF, not ASCII
        "c.yaml": "x: 1\n",
        "d.yaml": "y: 2\n",  # a finding at line 0 alone: no line is hashed
    }
    for name, text in texts.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    paths = {name: str(tmp_path / name) for name in texts}
    findings = [_finding(paths["a.yaml"], line) for line in (0, 1, 2, 31, 60, 61, 99)]
    findings += [_finding(paths["b.yaml"], line) for line in (1, 2, 3, 4, 17)]
    findings += [_finding(paths["c.yaml"], 1), _finding(paths["c.yaml"], 5),
                 _finding(paths["d.yaml"], 0)]
    for utf8 in (True, False):
        sources = {paths[n]: Source(t, "yaml", utf8=utf8) for n, t in texts.items()}
        result = RunResult(findings=findings, root=str(tmp_path), sources=sources)
        fresh = SarifReporter()._hashes_for(findings, result)
        assert fresh[paths["a.yaml"]] and fresh[paths["b.yaml"]] and not fresh[paths["d.yaml"]]
        reporter = SarifReporter()
        for finding in [*findings, _finding(paths["a.yaml"], 2)]:  # a.yaml again, at the end
            reporter.write_ahead(finding)
        assert {paths[n] for n in ("a.yaml", "b.yaml", "d.yaml")} <= reporter._ahead.keys()
        assert reporter._hashes_for(findings, result) == fresh
        assert not any(isinstance(v, str) for kept in reporter._ahead.values() for v in kept)
        # a file's findings handed in part (the rest come later): the rest are hashed then
        partial = SarifReporter()
        for finding in [*findings[:3], findings[7], findings[9], findings[4]]:
            partial.write_ahead(finding)
        assert partial._ahead[paths["a.yaml"]][2] == {1, 2}
        assert partial._hashes_for(findings, result) == fresh
        # the file changed since (its length too, or only its text): its hashes are
        # found again, in the text render reads
        for changed_text in ("z: 0\n" + texts["a.yaml"], texts["a.yaml"].replace("1", "9")):
            (tmp_path / "a.yaml").write_text(changed_text)
            changed = SarifReporter()._hashes_for(findings, result)
            assert reporter._hashes_for(findings, result) == changed
            if utf8:  # (the loaded text is used: the file's change is not seen)
                assert changed == fresh
            else:
                assert changed[paths["a.yaml"]] != fresh[paths["a.yaml"]]
        # a file handed again after it changed: what was found before is dropped
        again = SarifReporter()
        again.write_ahead(findings[0])
        again.write_ahead(findings[-1])
        (tmp_path / "a.yaml").write_text(texts["a.yaml"])
        for finding in findings:
            again.write_ahead(finding)
        again.write_ahead(findings[-1])
        assert again._hashes_for(findings, result) == fresh


def test_no_line_hashes_finds_none_ahead(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("a: 1\n")
    reporter = SarifReporter(line_hashes=False)
    reporter.write_ahead(_finding(str(tmp_path / "f.yaml"), 1))
    reporter.write_ahead(_finding(str(tmp_path / "g.yaml"), 1))
    assert reporter._ahead == {}


def test_a_text_given_with_the_finding_is_hashed_without_reading_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A split run hands each finding with its file's text when it holds it as read (a
    source read as plain UTF-8): the file is not read again, and the log is the same."""
    import spotlint.report.sarif as sarif

    result = placed_run(ROOT / "examples")
    assert all(source.utf8 for source in result.sources.values())
    expected = SarifReporter().render(result)
    read: list[str] = []
    real_read = sarif._read_text

    def counting(path: str) -> str | None:
        read.append(path)
        return real_read(path)

    monkeypatch.setattr(sarif, "_read_text", counting)
    reporter = SarifReporter()
    for finding in result.findings:
        source = result.sources.get(finding.location.path)
        reporter.write_ahead(finding, source.text if source is not None and source.utf8
                             else None)
    assert reporter._ahead
    assert read == []
    assert reporter.render(result) == expected
    # the hashes found ahead were taken: render hashed no line of those files again
    hashed: list[str] = []
    real_hashes = sarif.line_hashes

    def hashing(text: str, until: int | None = None, lines: Any = None) -> Any:
        hashed.append(text)
        return real_hashes(text, until, lines)

    monkeypatch.setattr(sarif, "line_hashes", hashing)
    again = SarifReporter()
    for finding in result.findings:
        source = result.sources[finding.location.path]
        again.write_ahead(finding, source.text)
    before = len(hashed)
    assert again.render(result) == expected
    assert len(hashed) - before <= 1  # (the last file handed is left to render)
