"""The text format as ruff's: the offending line under each finding, a caret under the
offending text, the fix's description; a display threshold; concise and quiet forms."""

from __future__ import annotations

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.text import ConciseReporter, TextReporter
from spotlint.result import RunResult, Source
from spotlint.rule import Fix, Severity

TEXT = "apiVersion: v1\nkind: Pod\nspec:\n\tnodeSelector: {capacity: spot}\n"


def found(code: str, severity: Severity, location: Location, fix: Fix | None = None) -> Finding:
    return Finding(code=code, name=f"rule-{code}", severity=severity, message=f"msg {code}",
                   location=location, fix=fix)


def result(*findings: Finding) -> RunResult:
    return RunResult(findings=list(findings), files=["pod.yaml"],
                     sources={"pod.yaml": Source(TEXT, "yaml")})


SPOT = Location("pod.yaml", 4, 27, 4, 30)  # "spot" (end column inclusive)
FIX = Fix(description="Select on-demand", changes=(object(),))  # type: ignore[arg-type]


def test_a_caret_under_the_offending_text_tabs_expanded() -> None:
    lines = TextReporter().render(result(found("SL101", Severity.ERROR, SPOT))).splitlines()
    assert lines[:4] == [
        "pod.yaml:4:27: SL101 [error] msg SL101",
        "  |",
        "4 |     nodeSelector: {capacity: spot}",
        "  |                              ^^^^",
    ]
    assert lines[3].index("^") == lines[2].index("spot")


def test_the_fix_description_is_a_help_line_and_the_finding_is_marked() -> None:
    text = TextReporter().render(result(found("SL101", Severity.ERROR, SPOT, FIX)))
    assert "SL101 [error] [*] msg SL101" in text
    assert "  = help: Select on-demand" in text
    unsafe = Fix(description="x", changes=FIX.changes, safe=False)
    assert "[*] msg" not in TextReporter().render(result(found("SL1", Severity.ERROR, SPOT,
                                                                 unsafe)))


def test_a_position_past_the_line_or_spanning_lines_still_gets_a_caret() -> None:
    whole = Location("pod.yaml", 1, 1, 3, 5)
    past = Location("pod.yaml", 2, 40, 2, 45)
    lines = TextReporter().render(result(found("SL002", Severity.ERROR, whole),
                                         found("SL003", Severity.ERROR, past))).splitlines()
    assert "  | ^^^^^^^^^^^^^^" in lines  # to the end of line 1 ("apiVersion: v1")
    assert "  |          ^" in lines  # just after "kind: Pod"


def test_concise_is_one_line_per_finding() -> None:
    out = ConciseReporter().render(result(found("SL101", Severity.ERROR, SPOT, FIX)))
    assert out.splitlines()[0] == "pod.yaml:4:27: SL101 [error] [*] msg SL101"
    assert " | " not in out


def test_findings_below_the_threshold_are_counted_not_listed() -> None:
    run = result(found("SL101", Severity.ERROR, SPOT),
                 found("SL207", Severity.INFO, Location("pod.yaml", 1, 1, 1, 1)),
                 found("SL303", Severity.INFO, Location("pod.yaml", 2, 1, 2, 1)))
    text = ConciseReporter(show=Severity.WARNING).render(run)
    assert "SL207" not in text and "SL303" not in text
    assert text.splitlines()[1] == (
        "Found 3 findings (1 error, 2 info) in 1 file. Not shown: 2 info "
        "(below --show warning; --show info lists them)."
    )
    assert "SL207" in ConciseReporter(show="info").render(run)


def test_quiet_prints_the_findings_and_nothing_else() -> None:
    run = result(found("SL101", Severity.ERROR, SPOT, FIX))
    assert ConciseReporter(quiet=True).render(run) == "pod.yaml:4:27: SL101 [error] [*] msg SL101\n"


def test_no_snippet_without_the_files_text() -> None:
    run = RunResult(findings=[found("SL101", Severity.ERROR, SPOT)], files=["pod.yaml"])
    assert TextReporter().render(run).splitlines()[1].startswith("Found 1 finding")
