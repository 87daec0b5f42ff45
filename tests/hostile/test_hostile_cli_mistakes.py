"""User mistakes are usage errors with a message, never "internal error"; ``--ignore ALL`` works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import add_canary, run_cli


def _one_error_line(stderr: str) -> str:
    (line,) = stderr.strip().splitlines()
    assert line.startswith("spotlint: error: "), line
    assert "internal error" not in line and "Traceback" not in stderr
    return line


@pytest.mark.parametrize(
    ("output", "says"),
    [("/nonexistent/x.json", "does not exist"), ("canary.conf/x.json", "does not exist")],
)
def test_an_output_that_cannot_be_written(tmp_path: Path, output: str, says: str) -> None:
    add_canary(tmp_path)
    run = run_cli(["check", "--isolated", "--format", "json", "--output", output, "."], tmp_path)
    assert run.returncode == 2
    assert says in _one_error_line(run.stderr)


def test_a_baseline_that_cannot_be_written(tmp_path: Path) -> None:
    add_canary(tmp_path)
    run = run_cli(["check", "--isolated", "--write-baseline", "/nonexistent/b.json", "."],
                  tmp_path)
    assert run.returncode == 2
    assert "--write-baseline" in _one_error_line(run.stderr)


def test_stdin_closed(tmp_path: Path) -> None:
    env = dict(os.environ, SPOTLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    code = "import os, sys; os.close(0); sys.argv = ['spotlint', 'check', '--isolated', '-']\n"
    code += "sys.stdin = None\nfrom spotlint.cli import main\nmain()\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env=env, check=False)
    assert done.returncode == 2
    assert "stdin is closed" in _one_error_line(done.stderr)


def test_stdin_closed_by_the_shell(tmp_path: Path) -> None:
    """``spotlint check - <&-``: the descriptor itself is closed."""
    env = dict(os.environ, SPOTLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    done = subprocess.run(
        [sys.executable, "-m", "spotlint", "check", "--isolated", "-"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env, check=False,
        stdin=subprocess.DEVNULL if sys.platform == "win32" else None,
        preexec_fn=None if sys.platform == "win32" else (lambda: os.close(0)),
    )
    assert done.returncode == 2
    assert "stdin" in _one_error_line(done.stderr)


@pytest.mark.parametrize(
    "args",
    [["--ignore", "ALL"], ["--select", "ALL", "--ignore", "ALL"], ["--ignore", "all"]],
)
def test_ignore_all_turns_every_rule_off(tmp_path: Path, args: list[str]) -> None:
    add_canary(tmp_path)
    run = run_cli(["check", "--isolated", "--format", "json", *args, "."], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.report()["findings"] == []


def test_extend_select_adds_back_after_ignore_all(tmp_path: Path) -> None:
    add_canary(tmp_path)
    run = run_cli(
        ["check", "--isolated", "--format", "json", "--ignore", "ALL",
         "--extend-select", "SL101", "."], tmp_path,
    )
    assert {f["code"] for f in run.report()["findings"]} == {"SL101"}
