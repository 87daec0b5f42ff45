"""A pool file checked alone through the index gets the whole-project run's SL405/SL412.

A handler naming no cluster covers the pools nearest to it, so the index must
read those pools too when a pool file is checked alone: else the handler's scope
would climb to the lone pool and silence it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.plugins.manager import default_registry

NTH = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: aws-node-termination-handler, namespace: kube-system}
spec:
  chart:
    spec: {chart: aws-node-termination-handler, sourceRef: {kind: HelmRepository, name: eks}}
"""
GROUP = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: NAME, region: eu-west-1}
nodeGroups:
  - name: spark-spot
    instancesDistribution:
      instanceTypes: [m5.xlarge, m5a.xlarge, m5d.xlarge, m6i.xlarge]
      onDemandPercentageAboveBaseCapacity: 0
      spotAllocationStrategy: price-capacity-optimized
"""


def check(path: str, no_cache: bool, out: Path) -> str:
    run_check(CheckOptions(paths=[path], formats=["json"], outputs=[str(out)],
                           exit_zero=True, no_cache=no_cache))
    return out.read_text()


def test_a_lone_pool_file_is_judged_by_the_handlers_own_scope(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    default_registry()
    root = tmp_path / "repo"
    for rel, text in {"team-a/addons/nth.yaml": NTH,
                      "team-a/eksctl/prod.yaml": GROUP.replace("NAME", "prod"),
                      "team-b/eksctl/batch.yaml": GROUP.replace("NAME", "batch")}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    for path in ("team-b/eksctl/batch.yaml", "team-a/eksctl/prod.yaml"):
        whole = check(path, True, out)
        assert check(path, False, out) == whole, path
        assert ("SL405" in whole) == path.startswith("team-b"), whole
