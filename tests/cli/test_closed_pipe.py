"""``spotlint ... | head -1``: a reader that goes away ends the run quietly, exit code kept.

The read end of the pipe is closed before spotlint writes anything, so every
write (or the final flush) meets a closed pipe: what ``head -1`` does to a long
output, made deterministic.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import DRIVER_ON_SPOT

ENV = {**os.environ, "NO_COLOR": "1"}


def run_into_closed_pipe(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "spotlint", *args],
            cwd=cwd, stdout=write_end, stderr=subprocess.PIPE, text=True, env=ENV, timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "driver.yaml").write_text(DRIVER_ON_SPOT)
    (tmp_path / "clean.yaml").write_text("apiVersion: v1\nkind: ConfigMap\n")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", "driver.yaml"], 1),  # the click-free path pre-commit uses
        (["check", "--format", "json", "driver.yaml"], 1),
        (["check", "--format", "sarif", "--format", "text", "driver.yaml"], 1),
        (["check", "--exit-zero", "driver.yaml"], 0),
        (["check", "clean.yaml"], 0),
        (["rules"], 0),
        (["rule", "SL101"], 0),
    ],
)
def test_closed_pipe_is_quiet_and_keeps_the_exit_code(
    repo: Path, args: list[str], code: int
) -> None:
    done = run_into_closed_pipe(args, repo)
    assert done.stderr == ""
    assert done.returncode == code


def test_outputs_to_files_are_still_written(repo: Path) -> None:
    done = run_into_closed_pipe(
        ["check", "--format", "json", "--output", "out.json", "--format", "text", "driver.yaml"],
        repo,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert '"SL101"' in (repo / "out.json").read_text()
