"""The bundled examples are one coherent project: every job's cluster is known.

examples/ keeps two clusters side by side (the Karpenter pools of ``analytics``,
the eksctl node groups of ``analytics-legacy``), equally near the jobs. Its
``.spotlint.yaml`` maps the files to their cluster, so ``spotlint check
examples/`` judges each job by its own cluster's pools and prints no
"placement unknown" note; ``--isolated`` (no configuration) shows what the
mapping decides.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from spotlint.cli.commands import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def check(*extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return result.exit_code, report


def active(report: dict[str, Any]) -> set[tuple[str, int, str]]:
    return {(Path(f["path"]).name, f["line"], f["code"])
            for f in report["findings"] if not f["suppressed"]}


def test_every_example_job_has_a_known_cluster_and_the_run_still_fails() -> None:
    code, report = check()
    assert code == 1
    assert report["notes"] == []
    found = active(report)
    assert len(found) == 41
    severities = [f["severity"] for f in report["findings"] if not f["suppressed"]]
    assert (severities.count("error"), severities.count("warning"), severities.count("info")) \
        == (11, 24, 6)
    # judged by the analytics cluster's NodePools: drivers pinned to the On-Demand
    # pool are kept off Spot (no SL102), and the job spans that pool's zone and the
    # Spot pool's two (SL107)
    assert not {f for f in found if f[0] in ("nightly-etl.yaml", "hourly-sessions-scheduled.yaml")
                and f[2] == "SL102"}
    assert ("nightly-etl.yaml", 25, "SL107") in found
    # a driver pinned to Spot has only the tainted Spot pool: SL101 and SL106
    assert {("driver.yaml", 9, "SL101"), ("driver.yaml", 2, "SL106")} <= found
    # the legacy cluster's node groups are still checked as pools
    assert {("cluster.yaml", 17, "SL401"), ("cluster.yaml", 17, "SL402")} <= found


def test_without_the_mapping_the_two_clusters_leave_placement_unknown() -> None:
    code, report = check("--isolated")
    assert code == 1
    [note] = report["notes"]
    assert note["kind"] == "placement-unknown" and note["count"] == 4
    assert "equally near" in note["message"]
    found = active(report)
    assert ("nightly-etl.yaml", 23, "SL102") in found
    assert ("nightly-etl.yaml", 25, "SL107") not in found
