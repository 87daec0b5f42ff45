"""Command-line habits ruff users bring: --output-format, comma-separated selectors,
--quiet/--silent, source snippets and the fixable marker, hiding info, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.cli import DRIVER_ON_SPOT

from spotlint.cli.commands import cli

#: SL201 (warning, safe fix), SL302 (warning), SL303 (info).
CONF = "spark.master k8s://https://k8s\nspark.dynamicAllocation.enabled true\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "driver.yaml").write_text(DRIVER_ON_SPOT)
    (tmp_path / "spark-defaults.conf").write_text(CONF)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args])
    return result.exit_code, result.stdout, result.stderr


def test_output_format_and_its_format_alias(repo: Path) -> None:
    assert run("--output-format", "json", ".")[1] == run("--format", "json", ".")[1]
    assert json.loads(run("--output-format", "json", ".")[1])["findings"]
    code, out, _ = run("--output-format", "statistics", ".")
    assert code == 1 and out.splitlines()[0].split()[1:] == ["SL101", "driver-on-spot"]


def test_comma_separated_selectors(repo: Path) -> None:
    _, out, _ = run("--output-format", "json", "--select", "SL101,SL302", ".")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"SL101", "SL302"}
    _, out, _ = run("--output-format", "json", "--ignore", "SL1, SL3", ".")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"SL201"}
    code, _, err = run("--select", "SL101,SL999", ".")
    assert code == 2 and "SL999" in err


def test_text_shows_the_line_with_a_caret_and_concise_one_line(repo: Path) -> None:
    _, out, _ = run("--show", "warning", "driver.yaml")
    lines = out.splitlines()
    assert lines[0].startswith("driver.yaml:8:33: SL101 [error] ")
    assert lines[2] == "8 |     karpenter.sh/capacity-type: spot"
    assert lines[3] == "  |                                 ^^^^"
    _, out, _ = run("--output-format", "concise", "driver.yaml")
    assert out.splitlines()[0].startswith("driver.yaml:8:33: SL101 [error] ")
    assert out.splitlines()[1].startswith("Found 1 finding")


def test_a_fixable_finding_is_marked(repo: Path) -> None:
    _, out, _ = run("--output-format", "concise", "spark-defaults.conf")
    marked = [line.split(" ")[1] for line in out.splitlines() if "[*] " in line.split(":", 3)[-1]
              and line.startswith("spark-defaults.conf:")]
    assert marked == ["SL201"]


def test_info_is_hidden_unless_asked_and_the_exit_code_ignores_that(repo: Path) -> None:
    code, out, _ = run("--output-format", "concise", "--select", "SL303", ".")
    assert code == 0 and "SL303 [info]" not in out
    assert "Not shown: 1 info (below --show warning; --show info lists them)." in out
    code, out, _ = run("--output-format", "concise", "--select", "SL303", "--show", "info", ".")
    assert code == 0 and "SL303 [info]" in out
    code, out, _ = run("--output-format", "concise", "--select", "SL303", "--fail-on", "info", ".")
    assert code == 1 and "SL303 [info]" not in out
    _, out, _ = run("--output-format", "json", "--select", "SL303", ".")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SL303"]  # json keeps all


def test_quiet_prints_only_findings_and_silent_nothing(repo: Path) -> None:
    code, out, _ = run("-q", "--output-format", "concise", ".")
    assert code == 1 and out and all(line.split(":", 1)[0] in ("driver.yaml", "spark-defaults.conf")
                                     for line in out.splitlines())
    code, out, err = run("--silent", "--output-format", "json", "--output", "r.json",
                         "--output-format", "text", ".")
    assert (code, out) == (1, "") and "spotlint" not in err
    assert json.loads((repo / "r.json").read_text())["findings"]
    code, out, err = run("-s", "--write-baseline", "b.json", ".")
    assert (code, out, err) == (0, "", "") and (repo / "b.json").is_file()


def test_shell_completion_scripts_and_answers(repo: Path) -> None:
    env = {**os.environ, "_SPOTLINT_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-m", "spotlint"], env=env, capture_output=True,
                            text=True, check=False).stdout
    assert "_spotlint_completion()" in script and "complete " in script
    env = {**os.environ, "_SPOTLINT_COMPLETE": "bash_complete",
           "COMP_WORDS": "spotlint check --output-format con", "COMP_CWORD": "3"}
    answer = subprocess.run([sys.executable, "-m", "spotlint"], env=env, capture_output=True,
                            text=True, check=False).stdout
    assert answer.split() == ["plain,concise"]
