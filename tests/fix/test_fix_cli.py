"""``spotlint check --fix / --unsafe-fixes / --diff / --fix-only`` end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.fix import GOLDEN, after_name

from spotlint.cli.commands import cli


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def job(tmp_path: Path) -> Path:
    target = tmp_path / "job.yaml"
    shutil.copyfile(GOLDEN / "sl201_sparkconf.yaml", target)
    return target


def test_text_output_counts_fixable_findings(job: Path) -> None:
    code, out, _ = _run("--select", "SL201", "--select", "SL209", str(job))
    assert code == 1
    assert out.splitlines()[-1] == "[*] 1 fixable with --fix."


def test_diff_prints_the_change_and_writes_nothing(job: Path) -> None:
    before = job.read_bytes()
    code, out, err = _run("--select", "SL201", "--diff", str(job))
    assert code == 1
    assert job.read_bytes() == before
    assert out.startswith(f"--- a/{job}") or out.startswith("--- a/")
    assert "+    'spark.decommission.enabled': 'true'" in out
    assert "would fix 1 finding in 1 file" in err


def test_diff_exits_zero_when_nothing_to_fix(tmp_path: Path) -> None:
    clean = tmp_path / "job.yaml"
    shutil.copyfile(GOLDEN / after_name("sl201_sparkconf.yaml"), clean)
    code, out, _ = _run("--select", "SL201", "--diff", str(clean))
    assert (code, out) == (0, "")


def test_fix_writes_the_file_and_reports_what_is_left(job: Path) -> None:
    code, out, err = _run("--select", "SL201", "--select", "SL203", "--fix", "--show", "info",
                          str(job))
    assert job.read_bytes() == (GOLDEN / after_name("sl201_sparkconf.yaml")).read_bytes()
    assert "fixed 1 finding in 1 file" in err
    assert "SL201" not in out
    assert "SL203" in out  # no bucket is invented: that finding remains
    assert code == 0  # SL203 is info, below the default --fail-on


def test_fix_only_applies_and_reports_nothing(job: Path) -> None:
    code, out, _ = _run(
        "--select", "SL201", "--select", "SL203", "--fix-only", "--fail-on", "info", str(job)
    )
    assert (code, out) == (0, "")
    assert "spark.decommission.enabled" in job.read_text()


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    target = tmp_path / "job.yaml"
    shutil.copyfile(GOLDEN / "sl209_rename.yaml", target)
    code, out, _ = _run("--select", "SL209", "--fix", str(target))
    assert code == 1 and "decomission" in target.read_text()
    assert "SL209" in out and "[*] 1 fixable with --fix --unsafe-fixes." in out
    code, _, _ = _run("--select", "SL209", "--fix", "--unsafe-fixes", str(target))
    assert code == 0
    assert target.read_bytes() == (GOLDEN / after_name("sl209_rename.yaml")).read_bytes()


def test_a_file_that_fails_the_check_is_left_alone(
    job: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotlint.fix import apply, verify

    def refuse(*_: object) -> None:
        raise verify.Mismatch("the edited file does not read back as the original plus the fix")

    monkeypatch.setattr(apply, "check", refuse)
    before = job.read_bytes()
    code, out, err = _run("--select", "SL201", "--fix", str(job))
    assert job.read_bytes() == before
    assert "left unchanged: the edited file does not read back" in err
    assert code == 1 and "SL201" in out
