"""The GitHub Action's placement map: drawn after the lint, uploaded as an artifact, optional."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_action import BASH, action, index, run_step, step


def test_map_inputs_and_steps() -> None:
    inputs = action()["inputs"]
    assert inputs["map-html"]["default"] == ""
    assert inputs["map-artifact"]["default"] == "spotlint-map"
    draw, upload = step("map"), step("Upload the placement map")
    assert draw["if"] == "${{ inputs.map-html != '' }}"
    assert draw["continue-on-error"] is True  # a picture never fails the job
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "${{ inputs.map-html }}"
    assert "steps.map.outcome == 'success'" in upload["if"]
    assert index("lint") < index("map") < index("Upload the placement map") \
        < index("Fail on findings")


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_map_step_writes_the_page(tmp_path: Path) -> None:
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "spotlint").write_text(f"#!/bin/sh\nexec {sys.executable} -m spotlint \"$@\"\n")
    (venv / "spotlint").chmod(0o755)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "spark-defaults.conf").write_text(
        "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n")
    code, log, _ = run_step("map", repo, {}, {
        "steps.prepare.outputs.venv": str(tmp_path / "venv"), "inputs.paths": ".",
        "inputs.map-html": "out/spotlint-map.html"})
    assert code != 0  # the output directory does not exist: reported, not hidden
    (repo / "out").mkdir()
    code, log, _ = run_step("map", repo, {}, {
        "steps.prepare.outputs.venv": str(tmp_path / "venv"), "inputs.paths": ".",
        "inputs.map-html": "out/spotlint-map.html"})
    assert code == 0, log
    page = (repo / "out" / "spotlint-map.html").read_text("utf-8")
    assert 'data-name="spark-defaults.conf"' in page
