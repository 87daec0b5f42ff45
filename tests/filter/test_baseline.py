"""Baselines: write once, then only new findings count; line shifts keep entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.cli import CONF, DRIVER_ON_SPOT

from spotlint.cli.commands import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "spark-defaults.conf").write_text(CONF)
    return tmp_path


def test_write_then_check_against_the_baseline(repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "spotlint-baseline.json"
    code, _, err = run(str(repo / "jobs"), "--write-baseline", str(baseline))
    assert code == 0 and "wrote 3 finding(s)" in err
    document = json.loads(baseline.read_text())
    assert document["version"] == 1
    assert {e["code"] for e in document["entries"]} == {"SL201", "SL207", "SL303"}
    assert {e["path"] for e in document["entries"]} == {"spark-defaults.conf"}
    assert all(e["fingerprint"] and e["message"] for e in document["entries"])

    code, out, err = run(str(repo / "jobs"), "--baseline", str(baseline))
    assert code == 0, out
    assert "All checks passed" in out and "3 suppressed" in out and err == ""


def test_new_findings_still_fail(repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run(str(repo / "jobs"), "--write-baseline", str(baseline))
    (repo / "jobs" / "driver.yaml").write_text(DRIVER_ON_SPOT)
    code, out, _ = run(str(repo / "jobs"), "--baseline", str(baseline))
    assert code == 1
    listed = [line for line in out.splitlines() if ": SL" in line]
    assert len(listed) == 1 and "SL101" in listed[0]


def test_entries_survive_lines_added_above(repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run(str(repo / "jobs"), "--write-baseline", str(baseline))
    conf = repo / "jobs" / "spark-defaults.conf"
    first, rest = CONF.split("\n", 1)
    inserted = "# owned by the data platform team\n\nspark.app.name nightly\n"
    conf.write_text(first + "\n" + inserted + rest)
    code, out, err = run(str(repo / "jobs"), "--baseline", str(baseline))
    assert code == 0, out
    assert "3 suppressed" in out and err == ""


def test_editing_the_offending_line_makes_it_new_and_the_entry_stale(
    repo: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "b.json"
    run(str(repo / "jobs"), "--write-baseline", str(baseline), "--select", "SL303")
    conf = repo / "jobs" / "spark-defaults.conf"
    conf.write_text(CONF.replace("maxExecutors 10", "maxExecutors 20"))
    code, out, err = run(str(repo / "jobs"), "--baseline", str(baseline), "--select", "SL303")
    assert code == 0  # SL303 is info, below the default fail-on
    assert "0 suppressed" not in out
    conf.write_text("spark.app.name fixed\n")
    code, out, err = run(str(repo / "jobs"), "--baseline", str(baseline), "--select", "SL303")
    assert code == 0
    assert "1 baseline entry" in err and "no longer match" in err


def test_baseline_is_external_in_sarif(repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    sarif = tmp_path / "out.sarif"
    run(str(repo / "jobs"), "--write-baseline", str(baseline))
    run(str(repo / "jobs"), "--baseline", str(baseline), "--format", "sarif", "--output",
        str(sarif))
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    assert results and all(r["suppressions"][0]["kind"] == "external" for r in results)


def test_baseline_does_not_depend_on_the_working_directory(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "b.json"
    run(str(repo / "jobs"), "--write-baseline", str(baseline), "--root", str(repo))
    monkeypatch.chdir(repo)
    code, out, err = run("jobs", "--baseline", str(baseline), "--root", ".")
    assert code == 0 and "3 suppressed" in out and err == ""


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{", "invalid JSON"),
        ('{"version": 7, "entries": []}', "version 1"),
        ('{"version": 1, "entries": [{"code": 1}]}', "entries[0]"),
        ('{"version": 1}', "'entries' must be a list"),
    ],
)
def test_bad_baseline_is_a_usage_error(
    repo: Path, tmp_path: Path, content: str, needle: str
) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text(content)
    code, _, err = run(str(repo / "jobs"), "--baseline", str(baseline))
    assert code == 2 and needle in err and "Traceback" not in err


def test_missing_baseline_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    code, _, err = run(str(repo / "jobs"), "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "cannot read baseline" in err
