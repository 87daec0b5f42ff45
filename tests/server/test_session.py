"""The server's session, in process: the same findings as ``spotlint check``, from editor texts.

These hold the session to the command line on the cases that differ between
the two: unsaved text, suppression comments, configuration files, baselines,
excluded files, and "fix all".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import SPARK_APP_DRIVER_ON_SPOT

from spotlint.cli.check import CheckOptions, run_check
from spotlint.server.session import ServerOptions, Session

JOB = SPARK_APP_DRIVER_ON_SPOT


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "etl.yaml").write_text(JOB)
    return tmp_path


def _codes(session: Session, path: Path, text: str | None = None) -> list[str]:
    return sorted(f.code for f in session.lint(str(path), text).findings)


def _cli_codes(path: Path, capsys: pytest.CaptureFixture[str], **options: object) -> list[str]:
    capsys.readouterr()
    run_check(CheckOptions(paths=[str(path)], formats=["json"], **options))  # type: ignore[arg-type]
    report = json.loads(capsys.readouterr().out)
    return sorted(f["code"] for f in report["findings"])


def test_the_session_finds_what_check_finds(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = repo / "jobs" / "etl.yaml"
    session = Session(ServerOptions(), [str(repo)])
    # SL201 too: no pool in the project says where executors run, so they may be on Spot.
    assert _codes(session, job) == _cli_codes(job, capsys) == ["SL101", "SL201"]
    session = Session(ServerOptions(select=["SL1"]), [str(repo)])
    assert _codes(session, job) == _cli_codes(job, capsys, select=["SL1"]) == ["SL101"]


def test_unsaved_text_is_linted_not_the_file(repo: Path) -> None:
    job = repo / "jobs" / "etl.yaml"
    session = Session(ServerOptions(select=["SL1"]), [str(repo)])
    session.open(str(job), JOB.replace("capacity-type: spot", "capacity-type: on-demand"))
    assert _codes(session, job) == []
    assert "spot" in job.read_text()


def test_a_suppression_comment_hides_the_finding(repo: Path) -> None:
    job = repo / "jobs" / "etl.yaml"
    session = Session(ServerOptions(select=["SL1"]), [str(repo)])
    text = JOB.replace("capacity-type: spot",
                       "capacity-type: spot  # spotlint: ignore SL101 -- tiny driver")
    assert _codes(session, job, text) == []


def test_configuration_is_read_and_reread_when_it_changes(repo: Path) -> None:
    job = repo / "jobs" / "etl.yaml"
    config = repo / ".spotlint.yaml"
    config.write_text("select: [SL1]\nignore: [SL101]\n")
    session = Session(ServerOptions(), [str(repo)])
    assert _codes(session, job) == []
    config.write_text("select: [SL1]\n")
    assert session.files_changed([str(config)])
    assert _codes(session, job) == ["SL101"]


def test_an_excluded_file_gets_no_findings(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("exclude: [jobs/]\n")
    session = Session(ServerOptions(), [str(repo)])
    assert _codes(session, repo / "jobs" / "etl.yaml") == []


def test_a_bad_configuration_is_an_error_not_findings(repo: Path) -> None:
    from spotlint.errors import SpotlintError

    (repo / ".spotlint.yaml").write_text("select: [NOPE999]\n")
    session = Session(ServerOptions(), [str(repo)])
    with pytest.raises(SpotlintError):
        session.lint(str(repo / "jobs" / "etl.yaml"))


def test_a_baseline_hides_what_it_records(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = repo / "jobs" / "etl.yaml"
    baseline = repo / "baseline.json"
    run_check(CheckOptions(paths=[str(repo)], write_baseline=str(baseline), silent=True))
    session = Session(ServerOptions(baseline=str(baseline)), [str(repo)])
    assert _codes(session, job) == []
    # New findings are not in the baseline; the recorded ones stay hidden though lines moved.
    text = JOB.replace('sparkVersion: "3.5.1"',
                       'sparkVersion: "3.5.1"\n  sparkConf:\n    spark.dynamicAllocation.enabled: '
                       '"true"')
    assert _codes(session, job, text) == ["SL302", "SL303"]


def test_fix_all_applies_the_safe_fixes_of_the_editor_text(repo: Path) -> None:
    job = repo / "jobs" / "etl.yaml"
    session = Session(ServerOptions(), [str(repo)])
    text = JOB.replace("nodeSelector:\n      karpenter.sh/capacity-type: spot",
                       "nodeSelector:\n      karpenter.sh/capacity-type: on-demand")
    text = text.replace('sparkVersion: "3.5.1"',
                        'sparkVersion: "3.5.1"\n  sparkConf:\n'
                        '    spark.dynamicAllocation.enabled: "true"')
    session.open(str(job), text)
    before = [f for f in session.lint(str(job)).findings if f.fix and f.fix.safe]
    assert before, "the example needs a finding with a safe fix"
    fixed = session.fix_all(str(job))
    assert fixed is not None and fixed != text
    remaining = session.lint(str(job), fixed).findings
    assert not [f for f in remaining if f.fix and f.fix.safe and f.fix.edits]
    assert job.read_text() == JOB  # nothing written: the editor applies the edit


def test_a_new_unsaved_file_is_linted_under_its_name(repo: Path) -> None:
    new = repo / "jobs" / "new.yaml"
    session = Session(ServerOptions(select=["SL1"]), [str(repo)])
    session.open(str(new), JOB)
    linted = session.lint(str(new))
    assert [f.code for f in linted.findings] == ["SL101"]
    assert linted.findings[0].location.path == str(new)
