"""Issue 15, item 4: ``--cli-input-json file://req.json`` is one job, reported once."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

REQUEST = """{
  "name": "etl",
  "virtualClusterId": "abc",
  "executionRoleArn": "arn:aws:iam::111122223333:role/job",
  "releaseLabel": "emr-6.10.0-latest",
  "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://bucket/etl.py",
    "sparkSubmitParameters": "--conf spark.dynamicAllocation.enabled=true"}}
}
"""


def findings(tmp_path: Path, command: str, paths: list[str] | None = None) -> list[str]:
    (tmp_path / "req.json").write_text(REQUEST)
    (tmp_path / "run.sh").write_text("#!/bin/bash\n" + command + "\n")
    targets = [str(tmp_path / p) for p in (paths or ["."])]
    result = lint(targets, Settings(root=str(tmp_path), select=["SL201", "SL301", "SL302"]))
    return sorted(f"{Path(f.location.path).name}:{f.code}" for f in result.active)


def test_missing_keys_are_reported_once(tmp_path: Path) -> None:
    found = findings(tmp_path, "aws emr-containers start-job-run --cli-input-json file://req.json")
    assert found == ["req.json:SL201", "req.json:SL301", "req.json:SL302"]


def test_file_by_file_gives_the_same_findings(tmp_path: Path) -> None:
    command = "aws emr-containers start-job-run --cli-input-json file://req.json"
    together = findings(tmp_path, command)
    apart = findings(tmp_path, command, ["run.sh"]) + findings(tmp_path, command, ["req.json"])
    assert sorted(apart) == together


def test_command_that_overrides_the_file_is_its_own_job(tmp_path: Path) -> None:
    command = ("aws emr-containers start-job-run --cli-input-json file://req.json "
               "--release-label emr-7.1.0-latest")
    assert "run.sh:SL201" in findings(tmp_path, command)


def test_request_that_is_not_a_job_alone_stays_with_the_command(tmp_path: Path) -> None:
    (tmp_path / "overrides.json").write_text(
        '{"applicationConfiguration": [{"classification": "spark-defaults", '
        '"properties": {"spark.dynamicAllocation.enabled": "true"}}]}')
    command = ("aws emr-containers start-job-run --virtual-cluster-id abc "
               "--release-label emr-6.10.0-latest --job-driver '{\"sparkSubmitJobDriver\": "
               "{\"entryPoint\": \"s3://b/x.py\"}}' "
               "--configuration-overrides file://overrides.json")
    assert "run.sh:SL201" in findings(tmp_path, command)
