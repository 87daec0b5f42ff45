"""The GitHub Action: a composite action whose lint step records, and a later step fails."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from spotlint.cli.commands import cli

REPO = Path(__file__).resolve().parents[2]


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text())
    return loaded


def test_composite_with_upload_before_failing() -> None:
    steps = action()["runs"]["steps"]
    assert action()["runs"]["using"] == "composite"
    names = [s.get("name") or s.get("uses") for s in steps]
    lint = next(i for i, s in enumerate(steps) if s.get("id") == "lint")
    upload = next(i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", ""))
    fail = names.index("Fail on findings")
    assert lint < upload < fail
    assert "set +e" in steps[lint]["run"]  # findings must not stop the upload
    assert "steps.lint.outputs.exit-code == '1'" in steps[fail]["if"]


def test_the_lint_command_line_is_one_spotlint_accepts(tmp_path: Path) -> None:
    """Run the action's command, as bash would expand it, through the real CLI."""
    run = next(s for s in action()["runs"]["steps"] if s.get("id") == "lint")["run"]
    command = run.split("spotlint check ", 1)[1].split("code=$?")[0].replace("\\\n", " ")
    sarif = tmp_path / "out.sarif"
    (tmp_path / "spark-defaults.conf").write_text("spark.dynamicAllocation.enabled true\n")
    expanded = (
        command.replace("$SPOTLINT_ARGS", "--isolated --fail-on error")
        .replace('"$SPOTLINT_SARIF"', str(sarif))
        .replace("$SPOTLINT_PATHS", str(tmp_path))
    )
    result = CliRunner().invoke(cli, ["check", *shlex.split(expanded)])
    assert result.exit_code == 0, result.output
    assert sarif.is_file() and "::warning" in result.output
