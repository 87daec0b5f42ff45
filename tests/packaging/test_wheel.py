"""The built wheel carries rules/ and schemas/ and works from another directory.

Built and installed offline: the new environment takes spotlint from the wheel
and its dependencies from the current environment (``support.env``), so no
index is needed. That the declared dependencies are enough is checked from the
imports instead (``test_dependencies.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.env import make_venv, offline_env

REPO = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_runs_from_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # No --wheel: as the release workflow, build the sdist and the wheel from it (in a
    # temporary directory). A wheel built from the checkout itself would leave a build/
    # directory there, whose stale files a later build of the checkout packs.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=offline_env(),
    )
    (wheel,) = dist.glob("spotlint-*.whl")
    env_dir = tmp_path / "venv"
    python = make_venv(env_dir)
    # spotlint from the wheel; pip finds its declared dependencies installed (no index).
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", str(wheel)],
        capture_output=True,
        text=True,
        env=offline_env(),
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "spark-defaults.conf").write_text(
        "spark.shuffle.service.enabled true\nspark.master k8s://https://k8s\n"
    )
    (work / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector: [x]\n")
    result = subprocess.run(
        [str(env_dir / "bin" / "spotlint"), "check", "."], cwd=work, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "SL304" in result.stdout  # a rule module shipped in the wheel
    assert "pod.yaml:4:17: SL002" in result.stdout  # a schema shipped in the wheel
    page = subprocess.run(
        [str(env_dir / "bin" / "spotlint"), "rule", "SL402"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert page.returncode == 0 and "## Examples" in page.stdout  # examples shipped too
    origin = subprocess.run(
        [str(python), "-c", "import spotlint.rules; print(spotlint.rules.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
    ).stdout
    assert str(env_dir) in origin
