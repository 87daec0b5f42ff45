"""The scan root is a boundary for configuration too: ``context`` never reads outside it.

A ``.spotlint.yaml`` comes with the repository being checked, so it is as
hostile as any scanned file: ``context: [../secret]`` once read files next to
the repository and put their pool names into messages and SARIF, and
``context: [/]`` walked the whole file system. Such an entry is now a
configuration error (exit 2, one line), and nothing outside the root is read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_support import CANARY_NAME, CANARY_TEXT, run_cli

SECRET_POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: secret-pool-name}
spec:
  template:
    spec:
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """``tmp/repo`` (a git repository with the canary) beside ``tmp/secret`` (a pool)."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "pool.yaml").write_text(SECRET_POOL)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / CANARY_NAME).write_text(CANARY_TEXT)
    return repo


@pytest.mark.parametrize("entry", ["../secret", "{tmp}/secret", "/", "sub/../../secret"])
@pytest.mark.parametrize("paths", [[CANARY_NAME], ["."]])
def test_context_outside_the_root_is_a_configuration_error(
    repo: Path, entry: str, paths: list[str]
) -> None:
    (repo / ".spotlint.yaml").write_text(f"context: [{entry.format(tmp=repo.parent)!r}]\n")
    run = run_cli(["check", "--format", "sarif", *paths], repo)
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "secret-pool-name" not in run.stdout + run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("spotlint: error: ") and "outside the scan root" in line
    assert "internal error" not in line


def test_context_through_a_symlink_out_is_refused(repo: Path) -> None:
    os.symlink(repo.parent / "secret", repo / "linked")
    (repo / ".spotlint.yaml").write_text("context: [linked]\n")
    run = run_cli(["check", "--format", "json", CANARY_NAME], repo)
    assert run.returncode == 2 and "outside the scan root" in run.stderr
    assert "secret-pool-name" not in run.stdout


def test_context_inside_the_root_still_works(repo: Path) -> None:
    (repo / "pools").mkdir()
    (repo / "pools" / "pool.yaml").write_text(SECRET_POOL.replace("secret-pool-name", "mine"))
    (repo / ".spotlint.yaml").write_text("context: [pools]\n")
    run = run_cli(["check", "--format", "json", CANARY_NAME], repo)
    assert run.returncode == 1, run.stderr
    assert "mine" in run.stdout


def test_a_narrower_root_bounds_the_default_context(repo: Path) -> None:
    """With ``--root sub`` the project directory above it is not read as context."""
    (repo / "pool.yaml").write_text(SECRET_POOL)
    (repo / "sub").mkdir()
    (repo / "sub" / CANARY_NAME).write_text(CANARY_TEXT)
    run = run_cli(["check", "--format", "json", "--root", "sub", f"sub/{CANARY_NAME}"], repo)
    assert run.returncode == 1, run.stderr
    assert "secret-pool-name" not in run.stdout


def test_an_explicit_symlink_leading_out_is_not_read(repo: Path) -> None:
    os.symlink(repo.parent / "secret" / "pool.yaml", repo / "pool.yaml")
    run = run_cli(["check", "--isolated", "--format", "json", "pool.yaml", CANARY_NAME], repo)
    assert run.returncode == 1, run.stderr
    assert "secret-pool-name" not in run.stdout
    [sl001] = [f for f in run.findings("pool.yaml") if f["code"] == "SL001"]
    assert "outside the scanned root" in sl001["message"]
