"""Cost grows about linearly in every dimension a hostile input can inflate.

Each test runs the same kind of input at two sizes in one process, ``n`` and
``4n``, and compares the work (calls counted) or the CPU time: linear growth
gives a ratio near 4, quadratic near 16. No absolute timing is asserted, so a
slow or busy machine does not fail them; a ratio above :data:`LINEAR` does.
Before the fixes these inputs took minutes (pools x apps, labels x pools,
directory depth) or grew per key with a large constant (typo suggestions).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import build_chain, remove_chain

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.load.base import Limits
from spotlint.location import Location, Node
from spotlint.model import Job, PodPlacement, Project, Role

#: Largest accepted ratio between the cost at 4n and at n (linear: 4; quadratic: 16).
LINEAR = 9.0
#: These tests are about growth, not the budget: let no file stop early.
NO_BUDGET = Limits(max_seconds_per_file=10_000)

NODE_POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {{name: np{i}}}
spec:
  template:
    spec:
      requirements:
        - {{key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}}
        - {{key: team, operator: In, values: [t{i}]}}
---
"""
APP = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {{name: a{i}}}
spec:
  driver: {{nodeSelector: {{team: t{i}, karpenter.sh/capacity-type: on-demand}}}}
  executor: {{nodeSelector: {{team: t{i}}}}}
---
"""


def _cpu(action: Callable[[], object]) -> float:
    """CPU seconds of ``action``, the better of two runs (less noise than wall time)."""
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        action()
        best = min(best, time.process_time() - started)
    return best


def _lint_dir(directory: Path) -> Callable[[], object]:
    settings = Settings(root=str(directory), limits=NO_BUDGET)
    return lambda: lint([str(directory)], settings)


def _ratio(tmp_path: Path, make: Callable[[Path, int], None], n: int) -> float:
    costs = []
    for size in (n, 4 * n):
        directory = tmp_path / f"n{size}"
        directory.mkdir()
        make(directory, size)
        costs.append(_cpu(_lint_dir(directory)))
    return costs[1] / max(costs[0], 1e-3)


def _pools(directory: Path, count: int) -> None:
    for start in range(0, count, 500):  # max-documents is 1000 per file
        text = "".join(NODE_POOL.format(i=i) for i in range(start, min(count, start + 500)))
        (directory / f"pools{start}.yaml").write_text(text)


def test_pools_times_applications(tmp_path: Path) -> None:
    """n pools and n/10 applications: each application is matched through the pool index."""

    def make(directory: Path, n: int) -> None:
        _pools(directory, n)
        apps = "".join(APP.format(i=i) for i in range(n // 10))
        (directory / "apps.yaml").write_text(apps)

    assert _ratio(tmp_path, make, 400) < LINEAR


def test_selector_labels_times_pools(tmp_path: Path) -> None:
    """One pod with n selector labels against n/50 pools (was labels x pools)."""

    def make(directory: Path, n: int) -> None:
        labels = "".join(f"    l{i}: v{i}\n" for i in range(n))
        (directory / "pod.yaml").write_text(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {spark-role: driver}}\n"
            f"spec:\n  nodeSelector:\n{labels}  containers: [{{name: c, image: x}}]\n"
        )
        _pools(directory, n // 50)

    assert _ratio(tmp_path, make, 1500) < LINEAR


def test_directory_depth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file n directories deep: file-system calls grow linearly with depth.

    Resolving every directory's real path took one ``lstat`` per ancestor, so
    calls grew with the square of the depth (and each call with the length of
    its path: about cubic, 2000 levels took 79 s). Calls are counted rather
    than timed: a system call on a path of length n is itself O(n) in the
    kernel, which no walk by path avoids.
    """
    calls = {"n": 0}
    for name in ("stat", "lstat", "scandir"):
        monkeypatch.setattr(os, name, _counting(getattr(os, name), calls))

    counts = []
    for n in (200, 800):
        directory = tmp_path / f"n{n}"
        directory.mkdir()
        build_chain(directory, "d", n)
        calls["n"] = 0
        try:
            result = lint([str(directory)], Settings(root=str(directory), limits=NO_BUDGET))
        finally:
            monkeypatch.undo()
            remove_chain(directory, "d")
        assert result.files, "the deep file was found"
        counts.append(calls["n"])
        for name in ("stat", "lstat", "scandir"):
            monkeypatch.setattr(os, name, _counting(getattr(os, name), calls))
    assert counts[1] / counts[0] < LINEAR, counts


def _counting(original: Callable[..., object], calls: dict[str, int]) -> Callable[..., object]:
    def counted(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        return original(*args, **kwargs)

    return counted


def test_typo_suggestions_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown keys are all reported, but the close-match search runs a bounded number
    of times per job (each compares the key with the whole catalog)."""
    from spotlint.sparkconf.catalog import Catalog

    searched: list[str] = []
    original = Catalog._suggest

    def counting(self: Catalog, key: str) -> str | None:
        searched.append(key)
        return original(self, key)

    monkeypatch.setattr(Catalog, "_suggest", counting)
    found = []
    for n in (300, 1200):
        directory = tmp_path / f"n{n}"
        directory.mkdir()
        (directory / "spark-defaults.conf").write_text(
            "".join(f"spark.kubernetes.unknown{n}x{i}.key{i * 7} {i}\n" for i in range(n))
        )
        searched.clear()
        result = lint([str(directory)], Settings(root=str(directory), limits=NO_BUDGET))
        found.append((len(searched), sum(f.code == "SL209" for f in result.findings)))
    (searches_n, reported_n), (searches_4n, reported_4n) = found
    assert (reported_n, reported_4n) == (300, 1200)
    assert searches_4n == searches_n <= 50


def _jobs(count: int) -> Project:
    project = Project()
    for i in range(count):
        anchor = Node({}, Location.point(f"job{i}.conf", 1, 1))
        selector = {"karpenter.sh/capacity-type": Node("spot", anchor.loc)}
        job = Job(name=f"j{i}", kind="x", doc=anchor)
        job.driver = PodPlacement(role=Role.DRIVER, anchor=anchor, node_selector=dict(selector))
        job.executor = PodPlacement(role=Role.EXECUTOR, anchor=anchor,
                                    node_selector=dict(selector))
        project.jobs.append(job)
    return project


def test_fix_sharing_check_over_every_job() -> None:
    """SL101's fix asks, for each driver, which nodes the job's executors share;
    answering it once per job must not scan every job (was jobs x jobs)."""
    from spotlint.fix.placement import shared_nodes

    costs = []
    for n in (2000, 8000):
        project = _jobs(n)

        def ask(project: Project = project) -> None:
            for job in project.jobs:
                assert job.driver is not None
                shared_nodes(project, job.driver)

        costs.append(_cpu(ask))
    assert costs[1] / max(costs[0], 1e-3) < LINEAR


def test_a_job_deeper_than_the_recursion_limit_is_checked(tmp_path: Path) -> None:
    """A job more directories deep than Python's recursion limit gets its rules'
    findings, not internal errors: the walk up to the repository root (placement
    scoping) once recursed per directory level."""
    levels = 1500
    build_chain(tmp_path, "d", levels)
    try:
        result = lint([str(tmp_path)], Settings(root=str(tmp_path), limits=NO_BUDGET))
    finally:
        remove_chain(tmp_path, "d")
    codes = [finding.code for finding in result.findings]
    assert "SL001" not in codes, [f.message for f in result.findings if f.code == "SL001"]
    assert "SL201" in codes, codes
