"""One hostile file never stops the run: the others keep their findings, exit code 1.

Each case here once ended the whole run with "internal error" and exit 2, even
with ``--exit-zero`` and no findings for any file. Now the file is linted as far
as it can be (or is SL001) and the canary beside it keeps its SL101.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, assert_clean_exit, check_json, run_cli

APP = (
    '{{"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",'
    ' "metadata": {{"name": "a"}}, "spec": {{"sparkConf": {{{confs}}}}}}}'
)
BIG = "1" * 4400  # Python refuses to convert more than 4300 digits to an int


def _shell(flag: str, document: str) -> str:
    quoted = document.replace("'", "'\\''")
    return f"aws emr-containers start-job-run {flag} '{quoted}'\n"


CASES = {
    "bool-maybe.yaml": "spark.x: !!bool maybe\n",
    "int-empty.yaml": 'spark.y: !!int ""\n',
    "float-underscore.yaml": "spark.z: !!float _\n",
    "tags-in-json-arg.sh": _shell(
        "--job-driver",
        '{"sparkSubmitJobDriver": {"entryPoint": !!bool maybe, '
        '"sparkSubmitParameters": !!int ""}}',
    ),
    "cli-input-yaml-bool.sh": _shell("--cli-input-yaml", "jobDriver: !!bool maybe"),
    "cli-input-yaml-int.sh": _shell("--cli-input-yaml", "name: !!int ''"),
    "cli-input-yaml-float.sh": _shell("--cli-input-yaml", "{releaseLabel: !!float _}"),
    "cli-input-yaml-scalar.sh": _shell("--cli-input-yaml", "5"),
    "cli-input-yaml-list.sh": _shell("--cli-input-yaml", "[1, {jobDriver: 2}]"),
    "surrogates.json": APP.format(
        confs='"spark.kubernetes.\\ud800x": "1", "spark.executor.instances": "\\udc00",'
        ' "spark.decommission.enabled": "\\ud83d"'
    ),
    "long-int-value.json": APP.format(confs=f'"spark.executor.instances": {BIG}'),
    "long-int-key.yaml": f"spark.x:\n  ? {BIG}\n  : 1\n",
    "long-int-conf.conf": (
        f"spark.executor.instances {BIG}\nspark.dynamicAllocation.maxExecutors {BIG}\n"
        f"spark.executor.memory {BIG}g\nspark.network.timeout {BIG}s\n"
    ),
    "long-int-app.yaml": (
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        f"metadata: {{name: a}}\nspec:\n  image: apache/spark:{BIG}.1.0\n"
        f"  sparkConf: {{spark.executor.instances: '{BIG}'}}\n"
        f"  dynamicAllocation: {{enabled: true, maxExecutors: {BIG}}}\n"
    ),
    "nan-percentage.yaml": (
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n"
        "metadata: {name: c, region: us-east-1}\nnodeGroups:\n  - name: ng\n"
        "    instancesDistribution:\n      instanceTypes: [m5.large, m5a.large]\n"
        "      onDemandPercentageAboveBaseCapacity: .nan\n      onDemandBaseCapacity: .inf\n"
    ),
    "long-int-in-shell.sh": _shell("--job-driver", f'{{"sparkSubmitJobDriver": {BIG}}}'),
    "nul-template.yaml": (
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        'metadata: {name: a}\nspec:\n  sparkConf:\n'
        '    spark.kubernetes.driver.podTemplateFile: "a\\0b.yaml"\n'
    ),
    "nul-template.json": APP.format(
        confs='"spark.kubernetes.executor.podTemplateFile": "x\\u0000y.yaml"'
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_run_completes_with_the_neighbours_findings(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(CASES[name], encoding="utf-8")
    add_canary(tmp_path)
    run = check_json(tmp_path)
    assert_clean_exit(run)
    assert_canary(run)


def test_exit_zero_still_reports(tmp_path: Path) -> None:
    for name, text in CASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    add_canary(tmp_path)
    run = check_json(tmp_path, "--exit-zero")
    assert run.returncode == 0, run.stderr
    assert_canary(run)


def test_a_nul_template_path_is_sl003_not_read(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(CASES["nul-template.yaml"])
    add_canary(tmp_path)
    run = check_json(tmp_path)
    assert_clean_exit(run)
    [sl003] = [f for f in run.findings("app.yaml") if f["code"] == "SL003"]
    assert "not a usable file name" in sl003["message"]


def test_lone_surrogates_reach_every_format_intact(tmp_path: Path) -> None:
    """A ``\\ud800`` escape from a JSON file is shown, never an encoding crash."""
    (tmp_path / "surrogates.json").write_text(CASES["surrogates.json"])
    add_canary(tmp_path)
    for fmt in ("text", "json", "sarif", "github", "junit", "gitlab"):
        run = run_cli(["check", "--isolated", "--format", fmt, "."], tmp_path)
        assert_clean_exit(run)
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(run.stdout)
        if fmt == "text":
            assert "spark.kubernetes.\\ud800x" in run.stdout
