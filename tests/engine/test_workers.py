"""``--workers`` changes how a run is spread over processes, never what it finds.

Workers check rules in forked processes and send findings back; the engine
reassembles them in rule order. These tests hold the parallel run to the
serial one, finding for finding (fixes and fingerprints included), on the
real corpus beside the repository, and cover the prefilter's near misses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spotlint.cli.commands import cli
from spotlint.load.prefilter import is_relevant


def _findings(path: Path, jobs: int, out: Path) -> list[dict[str, object]]:
    target = out / f"jobs{jobs}.json"
    result = CliRunner().invoke(
        cli,
        ["check", str(path), "--workers", str(jobs), "--isolated", "--exit-zero",
         "--format", "json", "--output", str(target)],
    )
    assert result.exit_code == 0, result.output
    findings: list[dict[str, object]] = json.loads(target.read_text())["findings"]
    return findings


def test_two_jobs_find_exactly_what_one_finds(corpus: Path, tmp_path: Path) -> None:
    serial = _findings(corpus, 1, tmp_path)
    parallel = _findings(corpus, 2, tmp_path)
    assert serial  # the corpus has findings; an empty comparison would prove nothing
    assert parallel == serial


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n",
        'apiVersion: v1\nkind: "PodTemplate"\n',
        "apiVersion: karpenter.sh/v1\nkind: NodePool\n",
        "spark.executor.instances 4\n",
        "# driver template\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
        "  containers:\n  - name: driver\n",
    ],
)
def test_prefilter_keeps_what_a_kind_reads(text: str) -> None:
    assert is_relevant(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nspec:\n  minAvailable: 1\n",
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n"
        "      annotations:\n        karpenter.sh/do-not-disrupt: 'true'\n"
        "    spec:\n      containers: []\n",
        "name: ci\non: push\n",
    ],
)
def test_prefilter_skips_near_misses(text: str) -> None:
    assert not is_relevant(text.encode())
