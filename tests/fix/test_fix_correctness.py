"""Issue 15, item 9: a fix goes where the job keeps its related keys, once per mistake."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from spotlint.cli.commands import cli

CONF_HEAD = ("spark.master k8s://https://example:443\n"
             "spark.kubernetes.container.image apache/spark:3.3.2\n")


def fix(path: Path, *args: str) -> str:
    CliRunner().invoke(cli, ["check", "--isolated", "--fix", *args, str(path)])
    return path.read_text()


def test_sl201_adds_no_shuffle_migration_beside_a_remote_shuffle_service(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text(CONF_HEAD + "spark.shuffle.manager "
                    "org.apache.spark.shuffle.celeborn.SparkShuffleManager\n")
    after = fix(conf, "--select", "SL201")
    assert "spark.decommission.enabled true" in after
    assert "spark.storage.decommission.enabled true" in after
    assert "shuffleBlocks" not in after


def test_misspelt_key_is_renamed_not_doubled(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text(CONF_HEAD + "spark.executor.decommission.enabled true\n")
    after = fix(conf, "--select", "SL201", "--select", "SL209", "--unsafe-fixes")
    lines = after.splitlines()
    assert "spark.executor.decommission.enabled true" not in lines
    assert sum(line.startswith("spark.decommission.enabled") for line in lines) == 1


def test_safe_fix_alone_does_not_add_the_key_beside_the_misspelt_one(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text(CONF_HEAD + "spark.executor.decommission.enabled true\n")
    after = fix(conf, "--select", "SL201")
    assert "spark.decommission.enabled" not in after.replace("spark.executor.decommission", "")
    assert "spark.storage.decommission.enabled true" in after


REQUEST = """{
  "name": "etl",
  "virtualClusterId": "abc",
  "releaseLabel": "emr-6.10.0-latest",
  "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://b/x.py",
    "sparkSubmitParameters": "--conf spark.executor.memory=4g"}},
  "configurationOverrides": {"applicationConfiguration": [
    {"classification": "spark-defaults", "properties": {
      "spark.dynamicAllocation.enabled": "true",
      "spark.dynamicAllocation.shuffleTracking.enabled": "true",
      "spark.dynamicAllocation.maxExecutors": "20"}}]}
}
"""


def test_timeout_joins_the_dynamic_allocation_keys_in_the_classification(tmp_path: Path) -> None:
    request = tmp_path / "req.json"
    request.write_text(REQUEST)
    after = fix(request, "--select", "SL303", "--unsafe-fixes")
    params = after.split('"sparkSubmitParameters"')[1].split("\n")[0]
    assert "shuffleTracking.timeout" not in params
    properties = after.split('"properties"')[1]
    assert '"spark.dynamicAllocation.shuffleTracking.timeout": "30min"' in properties


def test_keys_without_relatives_still_go_to_the_job_target(tmp_path: Path) -> None:
    request = tmp_path / "req.json"
    request.write_text(REQUEST.replace(
        '"spark.dynamicAllocation.maxExecutors": "20"', '"spark.executor.cores": "2"').replace(
        '"spark.dynamicAllocation.enabled": "true",\n', "").replace(
        '"spark.dynamicAllocation.shuffleTracking.enabled": "true",\n', ""))
    after = fix(request, "--select", "SL201")
    params = after.split('"sparkSubmitParameters"')[1].split("\n")[0]
    assert "spark.decommission.enabled=true" in params
