"""The index through ``spotlint check``: where it lives, when it is used, how it heals."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.index import store
from spotlint.plugins.manager import default_registry

NODEPOOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: workers}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [CAPACITY]
"""
TEMPLATE = """\
apiVersion: v1
kind: Pod
metadata:
  labels:
    spark-role: driver
spec:
  containers: [{name: spark}]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default_registry()  # the rules package is found from the repository, before chdir
    root = tmp_path / "repo"
    (root / "pools").mkdir(parents=True)
    (root / "pools" / "nodepool.yaml").write_text(NODEPOOL.replace("CAPACITY", "spot"))
    (root / "templates").mkdir()
    (root / "templates" / "driver.yaml").write_text(TEMPLATE)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    age(root / "pools" / "nodepool.yaml", root / "templates" / "driver.yaml")
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    return root


def age(*paths: Path) -> None:
    """Date files a minute back: records of files changed within the last two seconds
    are not trusted (the mtime may not tell a second change apart), so not kept."""
    for path in paths:
        stamp = path.stat().st_mtime_ns - 60_000_000_000
        os.utime(path, ns=(stamp, stamp))


def codes(out: Path, paths: list[str], **extra: object) -> list[str]:
    run_check(CheckOptions(paths=paths, formats=["json"], outputs=[str(out)], exit_zero=True,
                           **extra))  # type: ignore[arg-type]
    return [f["code"] for f in json.loads(out.read_text())["findings"]]


def indexes(directory: Path) -> list[Path]:
    return sorted(directory.glob("index-*.json"))


def test_default_directory_no_cache_and_a_changed_pool(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert codes(out, ["templates/driver.yaml"], no_cache=True) == ["SL101"]
    assert not (repo / ".spotlint_cache").exists()  # --no-cache writes nothing
    assert codes(out, ["templates/driver.yaml"]) == ["SL101"]
    assert (repo / ".spotlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(indexes(repo / ".spotlint_cache")) == 1
    # the pool changes to On-Demand only (a new size): the record is rebuilt, the driver is fine
    (repo / "pools" / "nodepool.yaml").write_text(NODEPOOL.replace("CAPACITY", "on-demand"))
    age(repo / "pools" / "nodepool.yaml")
    assert codes(out, ["templates/driver.yaml"]) == []
    # a new pool file, not yet committed, counts as the walk would count it
    (repo / "pools" / "spot.yaml").write_text(
        NODEPOOL.replace("CAPACITY", "spot").replace("workers", "spotty"))
    assert codes(out, ["templates/driver.yaml"]) == ["SL102"]
    assert codes(out, ["templates/driver.yaml"], no_cache=True) == ["SL102"]
    (repo / "pools" / "spot.yaml").unlink()
    assert codes(out, ["templates/driver.yaml"]) == []


def test_corrupt_index_is_ignored_and_rebuilt(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    codes(out, ["templates/driver.yaml"])
    (index,) = indexes(repo / ".spotlint_cache")
    index.write_bytes(b'{"format": 1, "files": {"pools/nodepool.yaml": [1, 2, {"po')
    assert codes(out, ["templates/driver.yaml"]) == ["SL101"]
    assert "pools/nodepool.yaml" in store.load(str(index.parent), index.name)


def test_cache_dir_from_flag_environment_and_configuration(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    codes(out, ["templates/driver.yaml"], cache_dir=str(tmp_path / "flag"))
    assert indexes(tmp_path / "flag")
    monkeypatch.setenv("SPOTLINT_CACHE_DIR", str(tmp_path / "env"))
    codes(out, ["templates/driver.yaml"])
    assert indexes(tmp_path / "env")
    (repo / ".spotlint.yaml").write_text("cache-dir: build/spotlint\n")
    codes(out, ["templates/driver.yaml"])
    assert not (repo / "build").exists()  # the environment wins over the configuration
    monkeypatch.delenv("SPOTLINT_CACHE_DIR")
    codes(out, ["templates/driver.yaml"])
    assert indexes(repo / "build" / "spotlint")
    assert not (repo / ".spotlint_cache").exists()


def test_directories_and_isolated_runs_do_not_use_the_index(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    codes(out, ["templates"])
    codes(out, ["templates/driver.yaml"], isolated=True)
    assert not (repo / ".spotlint_cache").exists()


NODE_GROUP = """\
resource "aws_eks_node_group" "spark" {
  cluster_name    = "analytics"
  node_group_name = "spark"
  capacity_type   = var.capacity
  instance_types  = ["m5.xlarge", "m5a.xlarge", "m6i.xlarge"]
  scaling_config {
    desired_size = 1
    max_size     = 5
    min_size     = 1
  }
}
"""


def test_a_terraform_record_follows_its_module_variables(repo: Path, tmp_path: Path) -> None:
    """A node group's capacity may come from ``variables.tf``: editing that file alone
    makes the node group's record stale, so it is recorded again."""
    (repo / "pools" / "nodepool.yaml").unlink()
    infra = repo / "pools" / "infra"
    infra.mkdir()
    (infra / "main.tf").write_text(NODE_GROUP)
    (infra / "variables.tf").write_text('variable "capacity" {\n  default = "SPOT"\n}\n')
    age(infra / "main.tf", infra / "variables.tf")
    out = tmp_path / "out.json"
    assert codes(out, ["templates/driver.yaml"]) == ["SL101"]
    (infra / "variables.tf").write_text('variable "capacity" {\n  default = "ON_DEMAND"\n}\n')
    age(infra / "variables.tf")
    assert codes(out, ["templates/driver.yaml"]) == codes(
        out, ["templates/driver.yaml"], no_cache=True) == []
    (index,) = indexes(repo / ".spotlint_cache")
    details = store.load(str(index.parent), index.name)["pools/infra/main.tf"][4]
    assert json.loads(details)["pools"][0]["capacity"] == ["on-demand"]
