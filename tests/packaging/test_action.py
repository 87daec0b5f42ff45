"""The GitHub Action (action.yml): its steps, run by bash as the runner would run them.

The composite action is read from action.yml; the shell steps are executed with
the environment GitHub would give them (``GITHUB_OUTPUT``, ``GITHUB_STEP_SUMMARY``,
the expressions' values), with a stand-in virtual environment that points at
the spotlint under test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BASH = shutil.which("bash")


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text())
    return loaded


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action()["runs"]["steps"]
    return found


def step(key: str) -> dict[str, Any]:
    return next(s for s in steps() if key in (s.get("id"), s.get("name")))


def index(key: str) -> int:
    return next(i for i, s in enumerate(steps())
                if key in (s.get("id"), s.get("name")) or key in s.get("uses", ""))


def outputs(path: Path) -> dict[str, str]:
    """``name=value`` lines and ``name<<DELIM`` blocks of a GITHUB_OUTPUT file."""
    found: dict[str, str] = {}
    lines = path.read_text().splitlines() if path.exists() else []
    at = 0
    while at < len(lines):
        line = lines[at]
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delim = line.split("<<", 1)
            end = lines.index(delim, at + 1)
            found[name] = "\n".join(lines[at + 1:end])
            at = end + 1
            continue
        name, _, value = line.partition("=")
        found[name] = value
        at += 1
    return found


def run_step(key: str, tmp_path: Path, env: dict[str, str],
             expressions: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    """Run a shell step: its ``env`` (expressions replaced) plus ``env``; returns
    (exit code, stdout and stderr, the outputs it set)."""
    assert BASH is not None
    current = step(key)
    output = tmp_path / f"{key}.out"
    output.unlink(missing_ok=True)
    values = dict(expressions or {})
    step_env = {}
    for name, value in current.get("env", {}).items():
        text = str(value)
        for expression, replacement in values.items():
            text = text.replace("${{ " + expression + " }}", replacement)
        assert "${{" not in text, f"{key}: no value given for {text}"
        step_env[name] = text
    done = subprocess.run(
        [BASH, "-e", "-c", current["run"]],
        env={**os.environ, **step_env, **env, "GITHUB_OUTPUT": str(output)},
        capture_output=True, text=True, cwd=tmp_path,
    )
    return done.returncode, done.stdout + done.stderr, outputs(output)


# -- shape ------------------------------------------------------------------------------


def test_current_major_versions_of_the_actions_it_uses() -> None:
    uses = sorted(s["uses"] for s in steps() if "uses" in s)
    assert uses == ["actions/cache@v5", "actions/setup-python@v6", "actions/upload-artifact@v7",
                    "github/codeql-action/upload-sarif@v4"]


def test_order_lint_then_report_and_upload_then_fail() -> None:
    assert action()["runs"]["using"] == "composite"
    assert index("decide") < index("lint") < index("Annotate and summarize") \
        < index("upload-sarif") < index("Fail on findings")
    assert "set +e" in step("lint")["run"]  # findings must not stop the report and upload
    assert "steps.lint.outputs.exit-code == '1'" in step("Fail on findings")["if"]
    assert step("Upload SARIF")["if"] == "${{ steps.decide.outputs.upload == 'true' }}"


def test_spotlint_gets_its_own_virtual_environment_and_a_pip_cache() -> None:
    install = step("Install spotlint")
    assert 'python -m venv "$SPOTLINT_VENV"' in install["run"]
    pip_lines = [line for line in install["run"].splitlines() if "pip install" in line]
    assert pip_lines and all('"$SPOTLINT_VENV/bin/python" -m pip' in line for line in pip_lines)
    assert install["env"]["PIP_CACHE_DIR"] == "${{ steps.prepare.outputs.pip-cache }}"
    cache = step("Cache pip downloads")["with"]
    assert cache == {"path": "${{ steps.prepare.outputs.pip-cache }}",
                     "key": "${{ steps.prepare.outputs.key }}"}
    for other in steps():
        if "run" in other and other.get("name") != "Install spotlint":
            assert "pip install" not in other["run"], other.get("name")


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_the_cache_key_follows_the_declared_dependencies(tmp_path: Path) -> None:
    env = {"GITHUB_ACTION_PATH": str(REPO), "RUNNER_TEMP": str(tmp_path), "RUNNER_OS": "Linux"}
    code, log, out = run_step("prepare", tmp_path, env,
                              {"steps.python.outputs.python-version": "3.12.4"})
    assert code == 0, log
    assert re.fullmatch(r"spotlint-pip-Linux-3\.12\.4-[0-9a-f]{16}", out["key"])
    assert out["venv"] == f"{tmp_path}/spotlint-venv"


# -- deciding the upload ----------------------------------------------------------------

CONTEXT = {
    "inputs.upload-sarif": "true", "github.event_name": "pull_request",
    "github.event.pull_request.head.repo.full_name": "acme/data", "github.repository": "acme/data",
    "github.actor": "alice",
}


@pytest.mark.skipif(BASH is None, reason="needs bash")
@pytest.mark.parametrize(
    ("changes", "upload", "notice"),
    [
        ({}, "true", None),
        ({"github.event_name": "push",
          "github.event.pull_request.head.repo.full_name": ""}, "true", None),
        ({"github.event.pull_request.head.repo.full_name": "mallory/data"}, "false", "fork"),
        ({"github.actor": "dependabot[bot]"}, "false", "Dependabot"),
        ({"inputs.upload-sarif": "false"}, "false", None),
    ],
)
def test_upload_is_skipped_with_a_notice_where_the_token_cannot_upload(
    tmp_path: Path, changes: dict[str, str], upload: str, notice: str | None
) -> None:
    code, log, out = run_step("decide", tmp_path, {}, {**CONTEXT, **changes})
    assert code == 0, log
    assert out["upload"] == upload
    if notice is None:
        assert "::notice" not in log and out["note"] == ""
    else:
        assert "::notice title=spotlint::SARIF not uploaded: " in log and notice in log
        assert notice in out["note"]


# -- lint, annotate, summarize ---------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository with findings of every severity, and a stand-in venv for the action."""
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    stand_ins = {"python": sys.executable, "spotlint": f"{sys.executable} -m spotlint"}
    for name, command in stand_ins.items():
        (venv / name).write_text(f"#!/bin/sh\nexec {command} \"$@\"\n")
        (venv / name).chmod(0o755)
    repo = tmp_path / "repo"
    for team in range(12):
        (repo / f"team{team}").mkdir(parents=True)
        (repo / f"team{team}" / "spark-defaults.conf").write_text(
            "spark.master k8s://https://k8s\nspark.dynamicAllocation.enabled true\n"
            "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n"
        )
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(tmp_path)}
    return repo, env


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_lint_then_capped_annotations_errors_first_and_a_summary(
    workspace: tuple[Path, dict[str, str]]
) -> None:
    repo, env = workspace
    tmp = repo.parent
    lint_context = {
        "steps.prepare.outputs.venv": str(tmp / "venv"), "inputs.paths": ".",
        "inputs.args": "--isolated", "inputs.sarif-file": "spotlint.sarif",
        "runner.temp": str(tmp),
    }
    code, log, out = run_step("lint", repo, env, lint_context)
    assert code == 0, log
    assert out["exit-code"] == "1" and (repo / "spotlint.sarif").is_file()
    report = json.loads(Path(out["json-file"]).read_text())
    by_severity = report["summary"]["by_severity"]
    assert by_severity["error"] > 10 and by_severity["warning"] > 10  # more than GitHub shows

    code, log, _ = run_step("Annotate and summarize", repo, env, {
        "steps.prepare.outputs.venv": str(tmp / "venv"),
        "steps.lint.outputs.json-file": out["json-file"],
        "steps.decide.outputs.note": "SARIF not uploaded: a fork.",
    })
    assert code == 0, log
    commands = [line for line in log.splitlines() if line.startswith("::")]
    kinds = [line.split(" ", 1)[0] for line in commands]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"]
    rest = report["summary"]["findings"] - 20
    assert f"{rest} more findings without an annotation" in commands[-1]
    text = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert text.startswith("## spotlint\n")
    assert f"**{report['summary']['findings']} findings**" in text
    assert "SARIF not uploaded: a fork." in text
    codes = {f["code"] for f in report["findings"]}
    assert all(f"| {code} " in text for code in codes)
    assert "### Top findings (20 of" in text
