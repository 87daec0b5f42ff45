"""A fresh clone, with nothing beside it and no network, passes the README's test command.

The repository's HEAD is cloned into an empty folder (so no ``../shared``), installed
with ``pip install -e ".[test]"`` into an environment that reuses the packages
installed here (``support.env``; no index is reachable), and its test suite is run.
It must pass, with the tests that need ``../shared`` skipped and saying why. The
run sets :data:`GUARD` so the clone's copy of this test does not recurse.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support.env import make_venv, offline_env

REPO = Path(__file__).resolve().parents[2]
GUARD = "SPOTLINT_FRESH_CLONE_RUN"
#: Variables that would turn on tests needing more than a fresh clone (npx, CI strictness).
DROPPED = ("CI", "SPOTLINT_SARIF_VALIDATOR", "PYTEST_ADDOPTS", "PYTHONPATH")


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_fresh_clone_passes_the_readme_test_command_offline(tmp_path: Path) -> None:
    if os.environ.get(GUARD):
        pytest.skip("this is the fresh-clone run itself")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist has no history to clone)")
    head = _git("rev-parse", "HEAD", cwd=REPO)
    clone = tmp_path / "empty" / "spotlint"
    _git("clone", "--quiet", "--no-checkout", str(REPO), str(clone), cwd=tmp_path)
    _git("checkout", "--quiet", "--detach", head, cwd=clone)
    assert sorted(p.name for p in clone.parent.iterdir()) == ["spotlint"]

    python = make_venv(tmp_path / "venv")
    env = {k: v for k, v in offline_env(**{GUARD: "1"}).items() if k not in DROPPED}
    # The README's command, offline: every requirement is already installed here.
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-build-isolation", "-e", ".[test]"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=900,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    done = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-rsfE"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=3600,
    )
    out = done.stdout + done.stderr
    failures = out.split("= FAILURES =", 1)[-1][:6000] if "= FAILURES =" in out else ""
    assert done.returncode == 0, failures + out[-3000:]
    summary = out.strip().splitlines()[-1]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
    skipped = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert any("needs ../shared" in line for line in skipped), skipped
    assert "this is the fresh-clone run itself" in out  # the guard held
