"""Configuration files end to end: discovery, validation, every key, CLI precedence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.cli import CONF

from spotlint.cli.commands import cli
from spotlint.config.files import load_config_into, option_fields, schema
from spotlint.config.options import OptionSpec
from spotlint.config.settings import Settings
from spotlint.errors import ConfigError
from spotlint.plugins.manager import default_registry

REPO = Path(__file__).resolve().parents[2]
RULES = default_registry().rules

DRIVER_ON_SPOT = """\
apiVersion: v1
kind: Pod
metadata:
  name: etl-driver
  labels:
    spark-role: driver
spec:
  nodeSelector:
    karpenter.sh/capacity-type: spot
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def findings(*args: str) -> list[dict[str, Any]]:
    code, out = run("check", "--format", "json", *args)
    assert code in (0, 1), out
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the walk up for configuration stops here
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "driver.yaml").write_text(DRIVER_ON_SPOT)
    (tmp_path / "jobs" / "spark-defaults.conf").write_text(CONF)
    return tmp_path


def codes(found: list[dict[str, Any]], active_only: bool = True) -> set[str]:
    return {f["code"] for f in found if not active_only or f["suppressed"] is None}


def test_yaml_config_found_walking_up_from_a_file(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("ignore: [driver-on-spot]\n")
    found = codes(findings(str(repo / "jobs")))
    assert "SL101" not in found and "SL201" in found
    code, _ = run("check", str(repo / "jobs" / "driver.yaml"), "--select", "SL101")
    assert code == 0  # SL101 is still ignored: --select replaces select, not ignore


def test_yml_spelling_and_pyproject_section(repo: Path) -> None:
    (repo / ".spotlint.yml").write_text("select: [SL201]\n")
    assert codes(findings(str(repo / "jobs"))) == {"SL201"}
    (repo / ".spotlint.yml").unlink()
    (repo / "pyproject.toml").write_text('[tool.spotlint]\nselect = ["SL101"]\n')
    assert codes(findings(str(repo / "jobs"))) == {"SL101"}


def test_pyproject_without_section_is_not_a_config(repo: Path, tmp_path: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert "SL101" in codes(findings(str(repo / "jobs")))


def test_unknown_key_is_a_usage_error_naming_key_and_file(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("selct: [SL101]\n")
    code, out = run("check", str(repo / "jobs"))
    assert code == 2
    assert ".spotlint.yaml" in out and "unknown key 'selct'" in out and "'select'" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("select: SL101\n", "select: 'SL101' is not of type 'array'"),
        ("fail-on: sometimes\n", "fail-on: 'sometimes' is not one of"),
        ("rules:\n  SL402:\n    min-instance-types: eight\n", "rules.SL402.min-instance-types"),
        ("rules:\n  SL402:\n    max-types: 3\n", "unknown key 'rules.SL402.max-types'"),
        ("limits:\n  max-depth: 0\n", "limits.max-depth"),
        ("severity:\n  SL101: fatal\n", "severity.SL101"),
        ("ignore-objects:\n  - {kind: Pod, colour: red}\n", "ignore-objects.[0].colour"),
        ("ignore: [SL999]\n", "unknown rule selector 'SL999'"),
        ("per-path-ignores:\n  'vendor/*': [nope]\n", "per-path-ignores.vendor/*"),
        ("rules:\n  SL998: {}\n", "unknown rule 'SL998'"),
        ("[1, 2]\n", "must be a mapping"),
        ("select: [SL101\n", "invalid YAML"),
    ],
)
def test_bad_config_is_exit_2_with_the_file_and_key(repo: Path, text: str, needle: str) -> None:
    (repo / ".spotlint.yaml").write_text(text)
    code, out = run("check", str(repo / "jobs"))
    assert code == 2, out
    assert needle in out and ".spotlint.yaml" in out, out
    assert "Traceback" not in out and "internal error" not in out


def test_bad_toml_and_missing_explicit_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.spotlint\n")
    code, out = run("check", str(repo / "jobs"))
    assert code == 2 and "pyproject.toml: invalid TOML" in out
    code, out = run("check", str(repo / "jobs"), "--isolated", "--config", "x.yaml")
    assert code == 2 and "cannot be used together" in out
    code, out = run("check", "--config", str(repo / "missing.yaml"), str(repo / "jobs"))
    assert code == 2 and "not found" in out


def test_explicit_config_overrides_and_isolated_ignores(repo: Path, tmp_path: Path) -> None:
    (repo / ".spotlint.yaml").write_text("select: [SL201]\n")
    other = repo / "strict.yaml"
    other.write_text("select: [SL101]\n")
    target = str(repo / "jobs")
    assert codes(findings(target)) == {"SL201"}
    assert codes(findings(target, "--config", str(other))) == {"SL101"}
    assert {"SL101", "SL201"} <= codes(findings(target, "--isolated"))


def test_cli_flags_override_the_file(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("select: [SL201]\nfail-on: never\n")
    target = str(repo / "jobs")
    assert run("check", target)[0] == 0
    assert run("check", target, "--fail-on", "warning")[0] == 1
    assert codes(findings(target, "--select", "SL101")) == {"SL101"}


def test_select_all_with_extend_and_ignore(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text(
        "select: [ALL]\nignore: [SL1, SL2, SL3]\nextend-select: [SL101]\n"
    )
    assert codes(findings(str(repo / "jobs"))) == {"SL101"}


def test_severity_override_by_name_and_prefix_most_specific_wins(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text(
        "select: [SL101, SL201]\nseverity:\n  SL: info\n  SL1: error\n  driver-on-spot: warning\n"
    )
    found = {f["code"]: f["severity"] for f in findings(str(repo / "jobs"))}
    assert found == {"SL101": "warning", "SL201": "info"}
    (repo / ".spotlint.yaml").write_text("select: [SL101]\nseverity: {SL101: info}\n")
    code, out = run("check", str(repo / "jobs" / "driver.yaml"), "--show", "info")
    assert code == 0 and "SL101 [info]" in out


def test_per_path_ignores_mark_findings_suppressed_by_config(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("per-path-ignores:\n  'jobs/*.yaml': [SL1]\n")
    found = findings(str(repo / "jobs"))
    sl101 = next(f for f in found if f["code"] == "SL101")
    assert sl101["suppressed"] == {
        "kind": "config",
        "justification": "per-path-ignores: jobs/*.yaml",
    }
    code, out = run("check", str(repo / "jobs"), "--select", "SL1")
    assert code == 0 and "suppressed" in out


def test_ignore_objects_by_kind_name_and_namespace_glob(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text(
        "ignore-objects:\n  - {kind: Pod, name: 'etl-*', rules: [SL101], reason: vendored}\n"
        "  - {kind: Pod, name: 'etl-*', namespace: prod}\n"
    )
    found = findings(str(repo / "jobs"))
    by_code = {f["code"]: f["suppressed"] for f in found}
    assert by_code["SL101"] == {
        "kind": "config",
        "justification": "ignore-objects: Pod/*/etl-* -- vendored",
    }
    assert all(v is None for k, v in by_code.items() if k != "SL101")  # namespace prod: no match


def test_exclude_skips_files_in_directory_walks(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("exclude: ['jobs']\n")
    code, out = run("check", str(repo))
    assert code == 0 and "SL101" not in out


def test_capacity_labels_add_a_spot_label(repo: Path) -> None:
    driver = repo / "jobs" / "driver.yaml"
    driver.write_text(
        DRIVER_ON_SPOT.replace("karpenter.sh/capacity-type: spot", "acme.io/lifecycle: cheap")
    )
    assert "SL101" not in codes(findings(str(driver)))
    (repo / ".spotlint.yaml").write_text(
        "capacity-labels:\n  acme.io/lifecycle: {spot: [cheap], on-demand: [steady]}\n"
    )
    assert "SL101" in codes(findings(str(driver)))


def test_limits_are_applied(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("limits: {max-file-bytes: 10}\n")
    found = findings(str(repo / "jobs" / "driver.yaml"))
    assert codes(found) == {"SL001"}


def test_rule_options_shorthand_and_per_rule() -> None:
    for text in ("min-instance-types: 2\n", "rules:\n  SL402: {min-instance-types: 2}\n"):
        settings = Settings()
        _apply_text(text, settings)
        assert settings.rule_options == {"SL402": {"min_instance_types": 2}}


def _apply_text(text: str, settings: Settings) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / ".spotlint.yaml"
        path.write_text(text)
        load_config_into(settings, [directory], str(path), RULES)


def test_rule_option_changes_what_the_rule_reports(repo: Path) -> None:
    case = REPO / "rules" / "examples" / "SL402" / "bad-two-types.yaml"
    target = repo / "pools.yaml"
    target.write_text(case.read_text())
    assert "SL402" in codes(findings(str(target), "--select", "SL402"))
    (repo / ".spotlint.yaml").write_text("min-instance-types: 2\n")
    assert "SL402" not in codes(findings(str(target), "--select", "SL402"))


def test_tiny_sizes_become_a_tuple_and_durable_schemes_reach_settings() -> None:
    settings = Settings()
    _apply_text("tiny-sizes: [nano]\ndurable-storage-schemes: [S3, oss]\n", settings)
    assert settings.rule_options["SL410"] == {"tiny_sizes": ("nano",)}
    assert settings.durable_storage_schemes == ("s3", "oss")


def test_durable_storage_schemes_change_sl203(repo: Path) -> None:
    conf = repo / "spark-defaults.conf"
    conf.write_text(
        "spark.decommission.enabled true\n"
        "spark.storage.decommission.enabled true\n"
        "spark.storage.decommission.shuffleBlocks.enabled true\n"
        "spark.storage.decommission.fallbackStorage.path cos://bucket/fallback/\n"
    )
    assert "SL203" in codes(findings(str(conf), "--select", "SL203"))
    (repo / ".spotlint.yaml").write_text("durable-storage-schemes: [s3a, cos]\n")
    assert "SL203" not in codes(findings(str(conf), "--select", "SL203"))


def test_context_paths_are_relative_to_the_config_file(repo: Path) -> None:
    settings = Settings()
    (repo / ".spotlint.yaml").write_text("context: [pools, ../shared]\n")
    load_config_into(settings, [str(repo / "jobs")], None, RULES)
    assert settings.context == [str(repo / "pools"), str(repo / "../shared")]
    assert settings.config_root == str(repo)


def test_config_errors_are_config_errors_for_api_users(tmp_path: Path) -> None:
    path = tmp_path / ".spotlint.yaml"
    path.write_text("fail_on: never\n")
    with pytest.raises(ConfigError, match=r"unknown key 'fail_on'.*'fail-on'"):
        load_config_into(Settings(), [str(tmp_path)], str(path), RULES)


def _default(spec: OptionSpec) -> Any:
    value = spec.default
    return list(value) if isinstance(value, (tuple, frozenset)) else value


def test_schema_lists_every_rule_option_with_its_default() -> None:
    """Drift check: a rule option added or changed must be added to the schema too."""
    rules_schema = schema()["properties"]["rules"]["properties"]
    top_level = schema()["properties"]
    with_options = [r for r in RULES if option_fields(r)]
    assert with_options, "no rule declares options any more?"
    for rule in with_options:
        declared = rules_schema.get(rule.code, {}).get("properties", {})
        for name, field in option_fields(rule).items():
            assert name in declared, f"schemas/config.schema.json lacks rules.{rule.code}.{name}"
            assert declared[name].get("default") == _default(field), f"{rule.code}.{name}"
            if name in top_level:
                assert top_level[name].get("default") == _default(field), name
    assert set(rules_schema) == {r.code for r in with_options}


def test_limits_defaults_match_the_loader() -> None:
    from spotlint.load.base import Limits

    declared = schema()["properties"]["limits"]["properties"]
    defaults = Limits()
    for name in Limits.FIELDS:
        assert declared[name.replace("_", "-")]["default"] == getattr(defaults, name)


def test_durable_schemes_default_matches_sl203() -> None:
    from spotlint.sparkconf import facts

    default = schema()["properties"]["durable-storage-schemes"]["default"]
    assert tuple(default) == tuple(facts.DURABLE_SCHEMES)


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    section = readme.split("### Configuration", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    settings = Settings()
    _apply_text(example, settings)
    assert settings.rule_options["SL402"] == {"min_instance_types": 8}
    assert settings.capacity_labels == {
        "acme.io/lifecycle": {"preemptible": "spot", "steady": "on-demand"}
    }
