"""The terminal table: every job and pool, the words always, colour only when asked."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spotlint.cli.commands import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = str(REPO / "examples")


def _invoke(*args: str, env: dict[str, str] | None = None) -> str:
    out = CliRunner().invoke(cli, ["map", *args], env=env or {})
    assert out.exit_code == 0, out.output
    return out.output


def test_table_lists_every_job_and_pool() -> None:
    data = json.loads(_invoke(EXAMPLES, "--format", "json"))
    text = _invoke(EXAMPLES, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    for job in data["jobs"]:
        assert f"{job['path']}:{job['line']}" in text
    for pool in data["pools"]:
        assert f"{pool['kind_label']} {pool['name']}" in text
    assert "DRIVER" in text and "EXECUTORS" in text
    assert f"{data['summary']['jobs']} jobs, {data['summary']['pools']} pools" in text


def test_no_colour_off_a_terminal_or_with_no_color() -> None:
    assert "\x1b[" not in _invoke(EXAMPLES, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert "\x1b[" not in _invoke(EXAMPLES, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    coloured = _invoke(EXAMPLES, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[33mSpot\x1b[0m" in coloured
    # the words are there with or without colour
    plain = _invoke(EXAMPLES, env={"NO_COLOR": "1"})
    assert "Spot" in plain and "On-Demand" in plain


def test_output_file_has_no_colour(tmp_path: Path) -> None:
    target = tmp_path / "map.txt"
    _invoke(EXAMPLES, "--output", str(target), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    text = target.read_text("utf-8")
    assert "\x1b[" not in text
    assert "JOB" in text and "POOL" in text


def test_reasons_are_given_for_unknown_placement(tmp_path: Path) -> None:
    (tmp_path / "spark-defaults.conf").write_text("spark.executor.instances 2\n")
    text = _invoke(str(tmp_path), "--isolated")
    assert "unknown" in text
    assert "no node pool of its cluster is in scope" in text
