"""The exported pre-commit hook, run by the real pre-commit against a real git repository.

The hook repository is a fresh commit of this working tree (try-repo reads hooks
from a commit, and the tree under test may hold uncommitted work), so the test
checks exactly the code it runs with. pre-commit builds its own virtualenv and
pip-installs spotlint there, as it would for a user: that needs a package index,
so the tests that run the hook skip with a reason when pip cannot reach one
(a fresh clone on an offline machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import DRIVER_ON_SPOT

pytest.importorskip("pre_commit")

REPO = Path(__file__).resolve().parents[2]
HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
HOOK_DIRS = ("spotlint", "rules", "schemas")
CASE = REPO / "rules" / "examples" / "SL106" / "bad-untolerated-taint"

BAD_DRIVER = DRIVER_ON_SPOT
GOOD_DRIVER = BAD_DRIVER.replace(": spot", ": on-demand") + """\
  tolerations:
    - key: dedicated
      operator: Equal
      value: spark
      effect: NoSchedule
"""


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd, check=True, capture_output=True,
    )


def commit_all(path: Path) -> None:
    git(path, "init", "-q")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "snapshot")


@pytest.fixture(scope="module")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip unless pip can download a dependency (pre-commit installs the hook with pip)."""
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--timeout", "10",
         "--retries", "0", "--dest", str(tmp_path_factory.mktemp("probe")), "pluggy"],
        capture_output=True, text=True, timeout=120,
    )
    if probe.returncode != 0:
        pytest.skip("pre-commit installs the hook from a package index, and pip cannot "
                    "reach one (offline)")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, package_index: None) -> Path:
    target = tmp_path_factory.mktemp("hook-repo")
    for name in HOOK_FILES:
        shutil.copy(REPO / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in HOOK_DIRS:
        shutil.copytree(REPO / name, target / name, ignore=ignore)
    commit_all(target)
    return target


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "pools").mkdir()
    (tmp_path / "jobs" / "bad-driver.yaml").write_text(BAD_DRIVER)
    (tmp_path / "jobs" / "good-driver.yaml").write_text(GOOD_DRIVER)
    shutil.copy(CASE / "driver-template.yaml", tmp_path / "jobs" / "tainted-driver.yaml")
    shutil.copy(CASE / "nodepool.yaml", tmp_path / "pools" / "nodepool.yaml")
    (tmp_path / "tsconfig.json").write_text("{ // not JSON, not ours\n}\n")
    (tmp_path / "notes.txt").write_text("spark.decommission.enabled false\n")
    commit_all(tmp_path)
    return tmp_path


def try_repo(project: Path, hook_repo: Path, home: Path, *files: str) -> tuple[int, str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    args = ["--files", *files] if files else ["--all-files"]
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "spotlint",
         "--verbose", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
    return done.returncode, done.stdout + done.stderr


def test_manifest_is_valid() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest",
         str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_hook_fails_on_a_bad_file(project: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    code, out = try_repo(project, hook_repo, pre_commit_home, "jobs/bad-driver.yaml")
    assert code == 1, out
    assert "jobs/bad-driver.yaml:8:33: SL101 [error]" in out


def test_hook_passes_on_a_good_file(project: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    code, out = try_repo(project, hook_repo, pre_commit_home, "jobs/good-driver.yaml")
    assert code == 0, out
    assert "Passed" in out


def test_hook_reads_pools_it_was_not_given(
    project: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    code, out = try_repo(project, hook_repo, pre_commit_home, "jobs/tainted-driver.yaml")
    assert code == 1, out
    assert "jobs/tainted-driver.yaml:1:1: SL106 [error]" in out
    assert "pools/nodepool.yaml:" not in out


def test_all_files_skips_what_is_not_spark_configuration(
    project: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    code, out = try_repo(project, hook_repo, pre_commit_home)
    assert code == 1, out
    assert "tsconfig.json" not in out and "notes.txt" not in out
    assert "SL101" in out and "SL106" in out
