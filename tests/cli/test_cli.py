"""The check command end to end: formats, exit codes, stdin, selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.cli import CONF, DRIVER_ON_SPOT

from spotlint.cli.commands import cli


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "driver.yaml").write_text(DRIVER_ON_SPOT)
    (tmp_path / "spark-defaults.conf").write_text(CONF)
    return tmp_path


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.output


def test_text_output_like_ruff(repo: Path) -> None:
    code, out = run("check", str(repo / "driver.yaml"))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{repo / 'driver.yaml'}:8:33: SL101 [error] ")
    assert any(line.startswith("Found 1 finding (1 error)") for line in out.splitlines())


def test_clean_file_exits_zero(repo: Path) -> None:
    (repo / "ok.yaml").write_text(DRIVER_ON_SPOT.replace(": spot", ": on-demand"))
    code, out = run("check", str(repo / "ok.yaml"), "--ignore", "SL103")
    assert code == 0, out
    assert "All checks passed" in out


def test_fail_on_threshold(repo: Path) -> None:
    path = str(repo / "spark-defaults.conf")
    code, out = run("check", path, "--select", "SL207", "--show", "info")
    assert code == 0 and "SL207 [info]" in out  # info is below the default threshold
    assert run("check", path, "--select", "SL207", "--fail-on", "info")[0] == 1
    assert run("check", str(repo), "--fail-on", "never")[0] == 0


def test_select_and_ignore_by_code_name_and_prefix(repo: Path) -> None:
    _, out = run("check", str(repo), "--select", "SL2")
    assert "SL101" not in out and "SL2" in out
    _, out = run("check", str(repo), "--ignore", "driver-on-spot")
    assert "SL101" not in out
    _, out = run("check", str(repo), "--select", "SL1", "--ignore", "SL10", "--select", "SL101")
    assert "SL101" in out


def test_unknown_selector_is_a_usage_error(repo: Path) -> None:
    code, out = run("check", str(repo), "--select", "SL999")
    assert code == 2
    assert "unknown rule selector 'SL999'" in out


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in out


def test_stdin_with_filename_for_kind_and_positions() -> None:
    code, out = run(
        "check",
        "-",
        "--stdin-filename",
        "jobs/spark-defaults.conf",
        "--select",
        "SL302",
        input="spark.dynamicAllocation.enabled true\n",
    )
    assert code == 1
    assert out.startswith("jobs/spark-defaults.conf:1:1: SL302")


def test_json_format(repo: Path) -> None:
    code, out = run("check", str(repo / "driver.yaml"), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["version"] == 1
    (finding,) = [f for f in data["findings"] if f["code"] == "SL101"]
    assert (finding["line"], finding["column"]) == (8, 33)


def test_sarif_format_validates(repo: Path, shared: Path) -> None:
    import jsonschema

    code, out = run("check", str(repo), "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    schema = json.loads((shared / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert results and all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_several_formats_in_one_run(repo: Path, tmp_path: Path) -> None:
    sarif = tmp_path / "out.sarif"
    code, out = run(
        "check",
        str(repo / "driver.yaml"),
        "--format",
        "sarif",
        "--output",
        str(sarif),
        "--format",
        "text",
    )
    assert code == 1
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert "SL101" in out


def test_statistics(repo: Path) -> None:
    _, out = run("check", str(repo), "--statistics")
    assert any(
        line.split()[1:3] == ["SL101", "driver-on-spot"]
        for line in out.splitlines()
        if len(line.split()) >= 3
    )


def test_rules_and_rule_pages() -> None:
    code, out = run("rules")
    assert code == 0 and "SL101" in out and "driver-on-spot" in out
    code, out = run("rule", "driver-on-spot")
    assert code == 0
    assert out.startswith("# SL101 driver-on-spot (error)")
    assert "## Why it matters" in out and "spotlint says:" in out
    assert run("rule", "SL999")[0] == 2


def test_version() -> None:
    from spotlint import __version__

    code, out = run("--version")
    assert code == 0 and __version__ in out


def test_no_color_by_default_and_never_with_no_color(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = run("check", str(repo))
    assert "\x1b[" not in out


def test_bad_files_do_not_stop_the_others(repo: Path) -> None:
    (repo / "broken.yaml").write_text("apiVersion: v1\nkind: Pod\nspec: [\n")
    code, out = run("check", str(repo))
    assert code == 1
    assert f"{repo / 'broken.yaml'}:3:8: SL001 [error] invalid YAML" in out
    assert f"{repo / 'driver.yaml'}:8:33: SL101" in out
