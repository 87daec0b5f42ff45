"""Declared pools and cluster mappings: the configuration sections, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from placement_support import write

from spotlint.cli.commands import cli
from spotlint.config.files import load_file
from spotlint.config.settings import Settings
from spotlint.errors import ConfigError
from spotlint.placement.declared import declared_pools, entry_lines

CONFIG = """
    pools:
      - name: drivers
        provisioner: managed-node-group
        capacity-types: [on-demand]
        labels: {NodeGroupType: spark-driver}
        taints: [{key: dedicated, value: driver, effect: NoSchedule}]
      - name: executors
        provisioner: karpenter
        capacity-types: [spot, on-demand]
        labels: {NodeGroupType: [spark-exec, spark-exec-large], team: null}
        zones: [us-east-1a]
        cluster: prod
        region: us-east-1
"""


def settings_from(root: Path) -> Settings:
    config = load_file(str(root / ".spotlint.yaml"))
    settings = Settings(root=str(root))
    from spotlint.config.files import apply

    apply(config, settings, [])
    return settings


def test_declared_pools_carry_their_provisioners_labels(tmp_path: Path) -> None:
    write(tmp_path, {".spotlint.yaml": CONFIG})
    drivers, executors = declared_pools(settings_from(tmp_path))
    assert drivers.pool.kind == "declared" and drivers.cluster is None
    labels = drivers.pool.node_labels
    assert labels["eks.amazonaws.com/capacityType"] == {"ON_DEMAND"}
    assert labels["eks.amazonaws.com/nodegroup"] == {"drivers"}
    assert labels["NodeGroupType"] == {"spark-driver"}
    assert "karpenter.sh/capacity-type" not in labels
    assert [(t.key, t.value, t.effect) for t in drivers.pool.taints] == [
        ("dedicated", "driver", "NoSchedule")]
    labels = executors.pool.node_labels
    assert labels["karpenter.sh/capacity-type"] == {"spot", "on-demand"}
    assert labels["NodeGroupType"] == {"spark-exec", "spark-exec-large"}
    assert labels["team"] is None
    assert labels["topology.kubernetes.io/zone"] == {"us-east-1a"}
    assert (executors.pool.cluster, executors.pool.region) == ("prod", "us-east-1")
    # Findings point at the declaration: the line of each entry.
    assert [d.pool.anchor.loc.line for d in (drivers, executors)] == [2, 7]


def test_entry_lines_in_pyproject(tmp_path: Path) -> None:
    path = write(tmp_path, {"pyproject.toml": """
        [tool.spotlint]
        select = ["ALL"]

        [[tool.spotlint.pools]]
        name = "a"
        capacity-types = ["spot"]

        [[tool.spotlint.pools]]
        name = "b"
        capacity-types = ["on-demand"]
    """}) / "pyproject.toml"
    assert entry_lines(str(path), "pools", 2) == [4, 8]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("pools: [{name: a}]\n", "capacity-types"),
        ("pools: [{name: a, capacity-types: [cheap]}]\n", "cheap"),
        ("pools: [{name: a, capacity-types: [spot], provisoner: karpenter}]\n", "provisoner"),
        ("clusters: [{name: prod}]\n", "paths"),
        ("clusters: [{name: prod, region: us_east_1, paths: [jobs]}]\n", "us_east_1"),
    ],
)
def test_bad_sections_are_usage_errors(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / ".spotlint.yaml").write_text(text)
    with pytest.raises(ConfigError, match=complaint):
        load_file(str(tmp_path / ".spotlint.yaml"))


def test_a_declared_pool_decides_a_custom_label_from_the_command_line(tmp_path: Path) -> None:
    write(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".spotlint.yaml": CONFIG,
        "jobs/app.yaml": """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl}
            spec:
              sparkVersion: "3.5.0"
              driver:
                nodeSelector: {NodeGroupType: spark-driver}
                tolerations: [{key: dedicated, operator: Equal, value: driver, effect: NoSchedule}]
              executor:
                nodeSelector: {NodeGroupType: spark-exec}
              sparkConf:
                spark.decommission.enabled: "true"
                spark.storage.decommission.enabled: "true"
        """,
    })
    args = ["check", str(tmp_path / "jobs"), "--select", "SL1", "--select", "SL201",
            "--select", "SL207"]
    result = CliRunner().invoke(cli, args)
    # The driver reaches only the declared On-Demand group (it tolerates its taint); the
    # executors reach the declared Spot pool. Nothing to report, nothing assumed.
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output and "note:" not in result.output


def test_without_the_toleration_the_declared_taint_is_named(tmp_path: Path) -> None:
    write(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".spotlint.yaml": CONFIG,
        "jobs/driver.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {spark-role: driver}
            spec:
              nodeSelector: {NodeGroupType: spark-driver}
        """,
    })
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "jobs"), "--select", "SL106"])
    assert result.exit_code == 1
    assert "declared pool drivers (.spotlint.yaml)" in result.output
    assert "dedicated=driver:NoSchedule" in result.output
