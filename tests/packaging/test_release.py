"""The release: a tag builds and publishes the sdist and the wheel; the text says what is true.

The workflow is read from .github/workflows/release.yml; the sdist is built
here (offline, as the wheel test builds the wheel) and a wheel is built from
it, as ``python -m build`` does in the workflow, so a file missing from the
sdist shows up here rather than on PyPI.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from support.env import offline_env

REPO = Path(__file__).resolve().parents[2]


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    return loaded


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_release",
                                                  REPO / "scripts" / "check_release.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_version_tag_triggers_it() -> None:
    # PyYAML reads the bare key ``on`` as True (YAML 1.1); GitHub reads it as "on".
    trigger = workflow()[True]
    assert trigger == {"push": {"tags": ["v*"]}}
    assert workflow()["permissions"] == {}


def test_build_checks_tests_builds_both_and_smoke_tests() -> None:
    build = workflow()["jobs"]["build"]
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    assert 'scripts/check_release.py "$GITHUB_REF_NAME"' in runs
    assert 'pip install -e ".[test]" && python -m pytest' in runs
    assert "python -m build --outdir dist/" in runs  # sdist and wheel (no --wheel/--sdist)
    assert "spotlint check examples/" in runs
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-"))
    assert upload["with"]["path"] == "dist/"
    assert build["permissions"] == {"contents": "read"}


def test_publish_uses_trusted_publishing_and_no_stored_token() -> None:
    publish = workflow()["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [s["uses"] for s in publish["steps"]]
    assert uses == ["actions/download-artifact@v7", "pypa/gh-action-pypi-publish@release/v1"]
    text = (REPO / ".github/workflows/release.yml").read_text()
    assert "secrets." not in text and "password" not in text


def test_check_release_wants_the_matching_tag_and_a_dated_changelog(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.2.3"\n')
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [1.2.3] - not yet released\n")
    problems = script().problems
    assert problems("v1.2.3", tmp_path) == [
        "CHANGELOG.md has no dated section '## [1.2.3] - YYYY-MM-DD'"
    ]
    changelog.write_text("# Changelog\n\n## [1.2.3] - 2026-09-01\n")
    assert problems("v1.2.3", tmp_path) == []
    assert problems("v1.2.4", tmp_path)[0].startswith("tag 'v1.2.4' does not match")


def test_the_changelog_has_a_section_for_the_current_version() -> None:
    version = re.search(r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert version is not None
    assert f"## [{version[1]}]" in (REPO / "CHANGELOG.md").read_text()


def test_the_sdist_has_what_a_wheel_needs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(dist),
         str(REPO)],
        capture_output=True, text=True, env=offline_env(), cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (sdist,) = dist.glob("spotlint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "schemas/config.schema.json",
            "rules/index.py"} <= names
    assert any(name.startswith("rules/examples/SL101/") for name in names)
    # The workflow's ``python -m build`` makes the wheel from this sdist.
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            archive.extractall(tmp_path / "src", filter="data")
        else:  # pragma: no cover - older patch releases; our own sdist
            archive.extractall(tmp_path / "src")
    (unpacked,) = (tmp_path / "src").iterdir()
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist),
         str(unpacked)],
        capture_output=True, text=True, env=offline_env(), cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (wheel,) = dist.glob("spotlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = set(archive.namelist())
    assert "spotlint/schemas/config.schema.json" in files
    assert any(f.startswith("spotlint/rules/examples/SL101/") for f in files)


@pytest.mark.parametrize("path", ["README.md", "docs/output-formats.md", "CHANGELOG.md"])
def test_installation_text_is_true_today(path: str) -> None:
    """No release exists: no ``pip install spotlint`` from PyPI, no ``v0.1.0`` tag to pin."""
    text = (REPO / path).read_text()
    assert not re.search(r"pip install (--\S+ )*spotlint\b(?![ \"]*@)", text), path
    assert not re.search(r"(rev: |@)v\d+\.\d+\.\d+", text), path
    assert "upload-sarif@v3" not in text
