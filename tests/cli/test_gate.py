"""The CI gate: exit codes, several outputs at once, statistics, repository context."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.cli import CONF

from spotlint.cli.commands import cli

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "rules" / "examples" / "SL106" / "bad-untolerated-taint"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: a pod template in one directory, its pool in another."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "pools").mkdir()
    shutil.copy(CASE / "driver-template.yaml", tmp_path / "jobs" / "driver-template.yaml")
    shutil.copy(CASE / "nodepool.yaml", tmp_path / "pools" / "nodepool.yaml")
    (tmp_path / "jobs" / "spark-defaults.conf").write_text(CONF)
    (tmp_path / "README.yaml").write_text("title: not a Spark file\n")
    return tmp_path


def keyed(out: str, root: Path) -> set[tuple[str, int, str]]:
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return {(str(Path(f["path"]).resolve().relative_to(root)), f["line"], f["code"]) for f in found}


def test_exit_zero_and_fail_on(repo: Path) -> None:
    assert run(str(repo))[0] == 1
    assert run(str(repo), "--exit-zero")[0] == 0
    assert run(str(repo), "--fail-on", "never")[0] == 0
    assert run(str(repo), "--exit-zero", "--select", "SL999")[0] == 2  # errors still count


def test_several_formats_in_one_run(repo: Path, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out = run(
        str(repo), "--format", "sarif", "--output", str(sarif),
        "--format", "junit", "--output", str(junit), "--format", "text",
    )
    assert code == 1
    assert json.loads(sarif.read_text())["runs"][0]["results"]
    assert junit.read_text().startswith("<?xml") and "<testsuite" in junit.read_text()
    assert "SL106 [error]" in out and "Found 6 findings" in out
    code, out = run(str(repo), "--output", "a", "--output", "b", "--format", "json")
    assert code == 2 and "more --output than --format" in out


def test_statistics_counts_per_rule(repo: Path) -> None:
    code, out = run(str(repo), "--statistics", "--select", "SL106", "--select", "SL201")
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert ["1", "SL106", "unschedulable-placement"] in rows
    assert ["1", "SL201", "decommission-disabled"] in rows


def test_a_file_alone_still_sees_the_repository_pools(repo: Path) -> None:
    template = repo / "jobs" / "driver-template.yaml"
    code, out = run(str(template))
    assert code == 1 and "SL106 [error]" in out and "spark-dedicated" in out
    assert "nodepool.yaml:" not in out  # context is read, never reported on
    code, out = run(str(template), "--isolated")
    assert "SL106" not in out


def test_linting_files_one_by_one_equals_linting_them_together(repo: Path) -> None:
    files = sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts)
    together = keyed(run("--format", "json", *map(str, files))[1], repo)
    one_by_one: set[tuple[str, int, str]] = set()
    for file in files:
        one_by_one |= keyed(run("--format", "json", str(file))[1], repo)
    halves: set[tuple[str, int, str]] = set()
    for part in (files[::2], files[1::2]):
        halves |= keyed(run("--format", "json", *map(str, part))[1], repo)
    assert together == one_by_one == halves
    assert ("jobs/driver-template.yaml", 1, "SL106") in together
    assert keyed(run("--format", "json", str(repo))[1], repo) == together


def test_context_from_config_replaces_the_repository(repo: Path, tmp_path: Path) -> None:
    (repo / ".spotlint.yaml").write_text("context: []\n")
    _, out = run(str(repo / "jobs" / "driver-template.yaml"))
    assert "SL106" not in out
    (repo / ".spotlint.yaml").write_text("context: [pools]\n")
    _, out = run(str(repo / "jobs" / "driver-template.yaml"))
    assert "SL106 [error]" in out


def test_force_exclude_filters_named_files_like_a_walk(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("exclude: ['pools/*']\n")
    readme, pool = str(repo / "README.yaml"), str(repo / "pools" / "nodepool.yaml")
    assert run(pool)[0] == 1  # a named file is linted even when excluded ...
    code, out = run(pool, readme, "--force-exclude")
    assert code == 0 and "All checks passed" in out  # ... unless the hook asks otherwise
    broken = repo / "tsconfig.json"
    broken.write_text("{ // comments are not JSON\n}\n")
    assert "SL001" in run(str(broken))[1]
    assert run(str(broken), "--force-exclude")[0] == 0
