from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spotlint.report.text import StatisticsReporter, TextReporter, summary
from spotlint.result import RunResult


def test_one_sorted_ruff_like_line_per_active_finding(result: RunResult) -> None:
    lines = TextReporter().render(result).splitlines()
    assert lines[-1] == "[*] 1 fixable with --fix."
    assert lines[:-2] == [
        "jobs/etl.yaml:8:7: SL101 [error] Driver may run on Spot: nodeSelector selects"
        " capacity-type 'spot'.",
        "jobs/etl.yaml:10:5: SL201 [warning] [*] spark.decommission.enabled is false;"
        " executors lose shuffle data on reclaim.",
        "pools/spot pool.yaml:4:9: SL301 [info] No PodDisruptionBudget for the Spark driver.",
    ]
    assert "Suppressed on purpose" not in "\n".join(lines)


def test_summary_counts_severities_files_and_suppressed(result: RunResult) -> None:
    assert summary(result) == (
        "Found 3 findings (1 error, 1 warning, 1 info) in 2 files; 1 suppressed."
    )


def test_summary_when_clean(clean: RunResult) -> None:
    assert TextReporter().render(clean) == "All checks passed: 2 files.\n"
    one = RunResult(files=["a.yaml"])
    assert summary(one) == "All checks passed: 1 file."


def test_summary_when_everything_is_suppressed(result: RunResult) -> None:
    only_suppressed = RunResult(findings=result.suppressed, files=result.files)
    assert summary(only_suppressed) == "All checks passed: 3 files; 1 suppressed."


def test_summary_singular(result: RunResult) -> None:
    single = RunResult(findings=result.active[:1], files=result.files)
    assert summary(single) == "Found 1 finding (1 error) in 1 file."


def test_colour_is_off_by_default_and_on_when_asked(result: RunResult) -> None:
    assert "\x1b[" not in TextReporter().render(result)
    coloured = TextReporter(color=True).render(result).splitlines()
    assert coloured[0].startswith("\x1b[1mjobs/etl.yaml\x1b[0m:8:7: SL101 [\x1b[31merror\x1b[0m]")
    assert "[\x1b[33mwarning\x1b[0m]" in coloured[1]
    assert "[\x1b[34minfo\x1b[0m]" in coloured[2]


def test_statistics_count_active_findings_per_rule(
    result: RunResult, build: Callable[..., RunResult], repo: Path
) -> None:
    doubled = RunResult(findings=result.findings + build(repo).findings[:2], files=result.files)
    assert StatisticsReporter().render(doubled).splitlines() == [
        "  2  SL101  driver-on-spot",
        "  2  SL201  decommission-disabled",
        "  1  SL301  no-pdb",
    ]
    assert StatisticsReporter().render(RunResult()) == ""
