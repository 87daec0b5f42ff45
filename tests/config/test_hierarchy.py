"""Nested configuration files: each file is judged by the nearest one above it (like ruff).

So a file's findings do not depend on which other files the same run was given:
pre-commit splits changed files into batches as it likes.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spotlint.cli.commands import cli
from spotlint.config.extend import rebase_glob

#: SL201 (warning) on line 1; SL302 (warning) and SL303 (info) on line 2.
UNPROTECTED = "spark.master k8s://https://k8s\nspark.dynamicAllocation.enabled true\n"
ALL = ["SL201", "SL302", "SL303"]


def run(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[Any]]:
    monkeypatch.chdir(root)
    out = root / "out.json"
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--output", str(out), *args])
    if result.exit_code == 2:
        return 2, [result.stderr]
    findings = json.loads(out.read_text())["findings"]
    return result.exit_code, findings


def seen(findings: list[Any], path: str) -> list[tuple[str, str, int, str]]:
    return sorted(
        (f["code"], f["severity"], f["line"], f["message"]) for f in findings if f["path"] == path
    )


def codes(findings: list[Any], path: str) -> list[str]:
    return [c for c, _, _, _ in seen(findings, path)]


@pytest.fixture(params=["git", "plain"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """teamA ignores SL201 in its own configuration; teamB has none."""
    for team in ("teamA", "teamB"):
        (tmp_path / team).mkdir()
        (tmp_path / team / "spark-defaults.conf").write_text(UNPROTECTED)
    (tmp_path / "teamA" / ".spotlint.yaml").write_text("ignore: [SL201]\n")
    if request.param == "git":
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def test_a_file_gets_the_same_findings_alone_and_batched(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = "teamA/spark-defaults.conf", "teamB/spark-defaults.conf"
    _, alone = run(repo, a, monkeypatch=monkeypatch)
    _, batched = run(repo, a, b, monkeypatch=monkeypatch)
    _, reversed_batch = run(repo, b, a, monkeypatch=monkeypatch)
    assert seen(alone, a) == seen(batched, a) == seen(reversed_batch, a)
    assert codes(alone, a) == ["SL302", "SL303"]
    assert codes(batched, b) == ALL


def test_a_directory_walk_judges_each_file_by_its_own_configuration(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, found = run(repo, ".", monkeypatch=monkeypatch)
    assert codes(found, "teamA/spark-defaults.conf") == ["SL302", "SL303"]
    assert codes(found, "teamB/spark-defaults.conf") == ALL


def test_the_exit_code_follows_each_files_fail_on(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "teamB" / ".spotlint.yaml").write_text("fail-on: never\n")
    code, _ = run(repo, "teamB/spark-defaults.conf", monkeypatch=monkeypatch)
    assert code == 0
    code, _ = run(repo, "teamA/spark-defaults.conf", "teamB/spark-defaults.conf",
                  monkeypatch=monkeypatch)
    assert code == 1  # teamA's SL302 is a warning, at its default fail-on
    (repo / "teamA" / ".spotlint.yaml").write_text("ignore: [SL201]\nfail-on: error\n")
    code, _ = run(repo, "teamA/spark-defaults.conf", "teamB/spark-defaults.conf",
                  monkeypatch=monkeypatch)
    assert code == 0
    code, _ = run(repo, "teamA/spark-defaults.conf", "teamB/spark-defaults.conf",
                  "--fail-on", "warning", monkeypatch=monkeypatch)
    assert code == 1  # the command line wins in every scope


def test_the_nearest_file_wins_over_the_root_one(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".spotlint.yaml").write_text("severity: {SL201: error, SL303: warning}\n")
    (repo / "spark-defaults.conf").write_text(UNPROTECTED)
    _, found = run(repo, ".", monkeypatch=monkeypatch)
    levels = [(c, s) for c, s, _, _ in seen(found, "spark-defaults.conf")]
    assert levels == [("SL201", "error"), ("SL302", "warning"), ("SL303", "warning")]
    assert seen(found, "teamB/spark-defaults.conf") == [
        (c, s, line, m) for c, s, line, m in seen(found, "spark-defaults.conf")
    ]
    # teamA's file does not extend the root one: its own keys and the defaults apply.
    levels = [(c, s) for c, s, _, _ in seen(found, "teamA/spark-defaults.conf")]
    assert levels == [("SL302", "warning"), ("SL303", "info")]


def test_command_line_flags_apply_in_every_scope(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, found = run(repo, ".", "--ignore", "SL3", monkeypatch=monkeypatch)
    assert codes(found, "teamA/spark-defaults.conf") == []
    assert codes(found, "teamB/spark-defaults.conf") == ["SL201"]


def test_config_option_makes_one_file_govern_everything(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "strict.yaml").write_text("severity: {SL303: error}\n")
    _, found = run(repo, ".", "--config", "strict.yaml", monkeypatch=monkeypatch)
    levels = [(c, s) for c, s, _, _ in seen(found, "teamA/spark-defaults.conf")]
    assert levels == [("SL201", "warning"), ("SL302", "warning"), ("SL303", "error")]


def test_nested_exclude_is_relative_to_its_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "teamA" / "gen").mkdir()
    (repo / "teamA" / "gen" / "spark-defaults.conf").write_text(UNPROTECTED)
    (repo / "teamB" / "gen").mkdir()
    (repo / "teamB" / "gen" / "spark-defaults.conf").write_text(UNPROTECTED)
    (repo / "teamA" / ".spotlint.yaml").write_text("exclude: [gen]\n")
    _, found = run(repo, ".", monkeypatch=monkeypatch)
    paths = {f["path"] for f in found}
    assert "teamA/gen/spark-defaults.conf" not in paths
    assert "teamB/gen/spark-defaults.conf" in paths
    # pre-commit names the file; --force-exclude applies teamA's exclude to it.
    _, found = run(repo, "--force-exclude", "teamA/gen/spark-defaults.conf",
                   monkeypatch=monkeypatch)
    assert found == []


# -- extend ----------------------------------------------------------------------------


def test_extend_starts_from_the_base_and_own_keys_win(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "base.spotlint.yaml").write_text(
        "severity: {SL201: error}\nignore: [SL201]\nexclude: [teamA/gen, '*.rendered.conf']\n"
    )
    (repo / "teamA" / ".spotlint.yaml").write_text(
        "extend: ../base.spotlint.yaml\nignore: [SL3]\n"
    )
    (repo / "teamA" / "gen").mkdir()
    (repo / "teamA" / "gen" / "spark-defaults.conf").write_text(UNPROTECTED)
    (repo / "teamA" / "x.rendered.conf").write_text(UNPROTECTED)
    _, found = run(repo, "teamA", monkeypatch=monkeypatch)
    # severity from the base; ignore replaced by teamA's own; the base's excludes,
    # written relative to the repository root, still name the same files.
    assert {f["path"] for f in found} == {"teamA/spark-defaults.conf"}
    assert [(c, s) for c, s, _, _ in seen(found, "teamA/spark-defaults.conf")] == [
        ("SL201", "error")
    ]


def test_an_extend_cycle_is_a_configuration_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "teamA" / ".spotlint.yaml").write_text("extend: ../one.yaml\n")
    (repo / "one.yaml").write_text("extend: teamA/.spotlint.yaml\n")
    code, [message] = run(repo, "teamA", monkeypatch=monkeypatch)
    assert code == 2 and "extend: cycle" in message


def test_a_base_outside_the_repository_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "outside.yaml").write_text("ignore: [SL201]\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".spotlint.yaml").write_text("extend: ../outside.yaml\n")
    (repo / "spark-defaults.conf").write_text(UNPROTECTED)
    code, [message] = run(repo, ".", monkeypatch=monkeypatch)
    assert code == 2 and "same repository" in message


def test_an_unknown_key_in_a_base_names_the_base(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "base.yaml").write_text("ignroe: [SL201]\n")
    (repo / "teamA" / ".spotlint.yaml").write_text("extend: ../base.yaml\n")
    code, [message] = run(repo, "teamA", monkeypatch=monkeypatch)
    assert code == 2 and "base.yaml" in message and "'ignore'" in message


@pytest.mark.parametrize(
    ("glob", "rebased"),
    [
        ("*.rendered.yaml", "*.rendered.yaml"),  # base names match at any depth
        ("**/gen/*", "**/gen/*"),
        ("teamA/gen/*", "gen/*"),
        ("teamA/gen/", "gen/"),
        ("*/gen/*", "gen/*"),
        ("teamB/gen/*", None),  # names files teamA's configuration never governs
        ("teamA", "teamA"),  # a base name, as everywhere
        ("teamA/*", "*"),
    ],
)
def test_rebase_glob(glob: str, rebased: str | None, tmp_path: Path) -> None:
    assert rebase_glob(glob, str(tmp_path), str(tmp_path / "teamA")) == rebased


def test_rebase_glob_from_a_sibling_directory(tmp_path: Path) -> None:
    base, child = str(tmp_path / "shared"), str(tmp_path / "teamA")
    assert rebase_glob("vendor/*", base, child) is None
    assert rebase_glob("*.tmp.yaml", base, child) == "*.tmp.yaml"
