"""Findings whose JSON text was written ahead (JsonReporter.write_ahead: a split run's
parent writes its own while it waits for the other process's) are reported with that
text, and the report is byte for byte the one written without it."""

from __future__ import annotations

from pathlib import Path

from support.written import placed_run

from spotlint.report.json import JsonReporter

ROOT = Path(__file__).resolve().parents[2]


def test_a_report_with_texts_written_ahead_is_the_same() -> None:
    result = placed_run(ROOT / "examples")
    assert len(result.findings) > 20
    for indent in (2, 0, 3):
        expected = JsonReporter(indent=indent).render(result)
        for share in (1, 2, 3):  # every finding, half, a third (the others are written then)
            reporter = JsonReporter(indent=indent)
            for finding in result.findings[::share]:
                reporter.write_ahead(finding)
            assert reporter.render(result) == expected, (indent, share)


def test_the_texts_written_ahead_are_those_reported() -> None:
    result = placed_run(ROOT / "examples")
    reporter = JsonReporter()
    first = result.findings[0]
    reporter.write_ahead(first)
    found, text = reporter._ahead[id(first)]
    assert found is first and text.startswith("{") and first.code in text
    reporter._ahead[id(first)] = (first, '"written ahead"')
    assert '"written ahead"' in reporter.render(result)  # (taken as it is, not written again)


def test_no_indent_writes_nothing_ahead() -> None:
    result = placed_run(ROOT / "examples")
    reporter = JsonReporter(indent=None)
    reporter.write_ahead(result.findings[0])
    assert reporter._ahead == {}
    assert reporter.render(result) == JsonReporter(indent=None).render(result)
