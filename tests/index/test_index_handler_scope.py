"""A pool file checked alone through the index gets the whole-project run's SL405/SL412.

A handler naming no cluster covers the pools nearest to it, so the index must
read those pools too when a pool file is checked alone: else the handler's scope
would climb to the lone pool and silence it. Only a self-managed group's findings
ask about handlers: a Karpenter pool or a managed group checked alone reads no
handler file (a repository's NodePool used to read every one of them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.config.settings import Settings
from spotlint.index import store
from spotlint.index.context import indexed_context
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

#: Karpenter chart values without an interruption queue (SL412 at the controller).
CONTROLLER = """\
settings:
  clusterName: prod
  clusterEndpoint: https://example.eks.amazonaws.com
"""
NODE_POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: spark}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
"""
MANAGED = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: NAME, region: eu-west-1}
managedNodeGroups:
  - name: spark-managed
    spot: true
    instanceTypes: [m5.xlarge, m5a.xlarge, m5d.xlarge, m6i.xlarge]
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
    generate(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    for path in ("team-b/eksctl/batch.yaml", "team-a/eksctl/prod.yaml"):
        whole = check(path, True, out)
        assert check(path, False, out) == whole, path
        assert ("SL405" in whole) == path.startswith("team-b"), whole


def generate(root: Path) -> None:
    for rel, text in {"team-a/addons/nth.yaml": NTH,
                      "team-c/addons/karpenter-values.yaml": CONTROLLER,
                      "team-a/eksctl/prod.yaml": GROUP.replace("NAME", "prod"),
                      "team-c/karpenter/nodepool.yaml": NODE_POOL,
                      "team-a/eksctl/managed.yaml": MANAGED.replace("NAME", "prod"),
                      "team-b/eksctl/batch.yaml": GROUP.replace("NAME", "batch")}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def test_only_a_self_managed_group_reads_the_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    default_registry()
    root = tmp_path / "repo"
    generate(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    handlers = {"team-a/addons/nth.yaml", "team-c/addons/karpenter-values.yaml"}

    def context(path: str) -> set[str]:
        found = indexed_context([path], settings, kinds, str(root), None)
        assert found is not None
        return {Path(p).relative_to(root).as_posix() for p in found.paths}

    for cold in (True, False):  # no index (files only scanned), then the full index
        if cold:
            for index in (root / ".spotlint_cache").glob("index-*.json"):
                index.unlink()
        assert handlers <= context("team-b/eksctl/batch.yaml")
        assert not handlers & context("team-c/karpenter/nodepool.yaml")
        assert not handlers & context("team-a/eksctl/managed.yaml")
    out = tmp_path / "out.json"
    for path in ("team-c/karpenter/nodepool.yaml", "team-a/eksctl/managed.yaml",
                 "team-c/addons/karpenter-values.yaml", "team-a/addons/nth.yaml"):
        whole = check(path, True, out)
        assert check(path, False, out) == whole, path
    # the controller's own finding names the Karpenter pool it leaves undrained
    assert "SL412" in check("team-c/addons/karpenter-values.yaml", False, out)


def test_handlers_left_unknown_are_scanned_when_a_run_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A NodePool's first run reads no handler: its scan leaves out the handler needles
    and the index keeps every file's handler role unknown. A run that reads handlers
    scans those files again (team-a's Node Termination Handler covers its self-managed
    group: no SL405, as in the whole-project run; no file is left unknown), and a given
    file that was only scanned so is recorded (the controller's SL412 names the pools)."""
    default_registry()
    root = tmp_path / "repo"
    generate(root)
    stamp = time.time_ns() - 60_000_000_000  # files edited a minute ago: their entries kept
    for path in root.rglob("*.yaml"):
        os.utime(path, ns=(stamp, stamp))
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    pool, group, controller = ("team-c/karpenter/nodepool.yaml", "team-a/eksctl/prod.yaml",
                               "team-c/addons/karpenter-values.yaml")
    expected = {path: check(path, True, out) for path in (pool, group, controller)}
    assert "SL405" not in expected[group] and "SL412" in expected[controller]
    cache = root / ".spotlint_cache"
    for then in (group, controller):
        shutil.rmtree(cache, ignore_errors=True)
        assert check(pool, False, out) == expected[pool]
        assert {"team-a/addons/nth.yaml", controller} <= _unknown(cache)
        assert check(then, False, out) == expected[then], then
        assert not _unknown(cache)


def _unknown(cache: Path) -> set[str]:
    """The files whose handler role the index does not know."""
    (index,) = cache.glob("index-*.json")
    entries, _, unknown = store.load_index(str(cache), index.name)
    assert unknown <= entries.keys()
    return unknown
