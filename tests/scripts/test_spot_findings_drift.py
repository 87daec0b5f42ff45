"""``scripts/spot_findings_drift.py`` explains every SL201/SL207 that went, or fails."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    path = REPO / "scripts" / "spot_findings_drift.py"
    spec = importlib.util.spec_from_file_location("spot_findings_drift", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ON_DEMAND_CLUSTER = """\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: spark, region: us-east-1}
managedNodeGroups: [{name: workers}]
"""


def _report(path: Path, *findings: tuple[str, str, int]) -> Path:
    rows = [{"code": c, "path": p, "line": line} for c, p, line in findings]
    path.write_text(json.dumps({"findings": rows}))
    return path


def test_explained_changes_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "od").mkdir(parents=True)
    (corpus / "od" / "cluster.yaml").write_text(ON_DEMAND_CLUSTER)
    (corpus / "od" / "spark-defaults.conf").write_text("spark.executor.instances 2\n")
    (corpus / "free" / ".git").mkdir(parents=True)
    (corpus / "free" / "spark-defaults.conf").write_text("spark.executor.instances 2\n")
    before = _report(
        tmp_path / "before.json",
        ("SL201", str(corpus / "od" / "spark-defaults.conf"), 1),    # now On-Demand only
        ("SL207", str(corpus / "od" / "spark-defaults.conf"), 1),
        ("SL201", str(corpus / "free" / "spark-defaults.conf"), 1),  # kept
        ("SL207", str(corpus / "free" / "spark-defaults.conf"), 1),  # covered by SL201
    )
    assert _script().main([str(before), str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "SL201+207      4     1" in out
    assert "1  SL207 covered by SL201 on the same job" in out
    assert "1  SL201: executors cannot run on Spot" in out
    assert "Lost on a job whose placement admits Spot: 0" in out


def test_a_finding_lost_on_a_spot_job_fails(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "spark-defaults.conf").write_text(
        "spark.decommission.enabled true\nspark.storage.decommission.enabled true\n")
    before = _report(tmp_path / "before.json",
                     ("SL201", str(corpus / "spark-defaults.conf"), 1))
    assert _script().main([str(before), str(corpus)]) == 1
    assert "SL201 spark-defaults.conf:1" in capsys.readouterr().out
