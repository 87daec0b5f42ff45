"""The map shows every job and pool of the engine's model, and the placement view's answers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spotlint.cli.commands import cli
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.map.build import build_map, landing_of
from spotlint.model import Role
from spotlint.placement.view import index_for
from spotlint.result import RunResult

REPO = Path(__file__).resolve().parents[2]


def _run(path: Path) -> tuple[RunResult, dict[str, Any]]:
    result = lint([str(path)], Settings(root=str(path)), keep_model=True, workers=1)
    return result, build_map(result)


def _where(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/") if os.path.isabs(path) else path


def _check_against_model(result: RunResult, data: dict[str, Any]) -> None:
    assert result.model is not None
    project = result.model.project
    root = result.root
    reported = set(result.files)
    expected_jobs = sorted((_where(j.path, root), j.doc.loc.line, j.name)
                           for j in project.jobs if j.path in reported)
    shown_jobs = sorted((j["path"], j["line"], j["name"]) for j in data["jobs"])
    assert shown_jobs == expected_jobs
    assert expected_jobs, "the input has jobs"
    shown_pools = sorted((p["path"], p["line"], p["name"]) for p in data["pools"]
                         if not p["declared"])
    assert shown_pools == sorted((_where(p.path, root), p.anchor.loc.line, p.name)
                                 for p in project.pools)
    # every pool sits in exactly one cluster, and clusters name only real pools and jobs
    in_clusters = [p for c in data["clusters"] for p in c["pools"]]
    assert sorted(in_clusters) == sorted(p["id"] for p in data["pools"])
    jobs_by_id = {j["id"]: j for j in data["jobs"]}
    for cluster in data["clusters"]:
        for job_id in cluster["jobs"]:
            assert cluster["id"] in jobs_by_id[job_id]["clusters"]
    # each role's answer is the placement view's
    pool_ids = {}
    for pool in data["pools"]:
        pool_ids[(pool["path"], pool["line"], pool["name"])] = pool["id"]
    by_place = {(j["path"], j["line"], j["name"]): j for j in data["jobs"]}
    settings, capacity = result.model.judges[0]
    index = index_for(project, capacity, settings)
    for job in project.jobs:
        if job.path not in reported:
            continue
        shown = by_place[(_where(job.path, root), job.doc.loc.line, job.name)]
        for role in Role:
            view = index.for_job(job, role)
            answer = shown[role.value]
            reach = {pool_ids[(_where(r.pool.path, root), r.pool.anchor.loc.line, r.pool.name)]
                     for r in view.reach if r.pool.kind != "declared"}
            assert reach <= {r["pool"] for r in answer["pools"]}
            assert len(answer["pools"]) == len(view.reach)
            if view.reach:
                assert set(answer["capacity"]) == view.admitted
                assert answer["lands"] == landing_of(view.admitted)
            elif view.pools:
                assert answer["lands"] in ("nowhere", "unknown")
            elif not view.labels.constrained:
                assert answer["lands"] == "unknown"
                assert answer["why"] in (view.assumption, view.scope.why_unknown())
    # findings: each finding of the run is shown once, on a job, a pool or apart
    shown_findings = [f for j in data["jobs"] for f in j["findings"]]
    shown_findings += [f for p in data["pools"] for f in p["findings"]]
    shown_findings += data["findings"]
    assert len(shown_findings) == len(result.findings)
    assert data["rules"] == sorted({f.code for f in result.findings})


def test_examples_map_every_job_and_pool() -> None:
    result, data = _run(REPO / "examples")
    _check_against_model(result, data)
    assert data["summary"]["jobs"] == len(data["jobs"]) >= 8
    assert data["summary"]["pools"] == len(data["pools"]) >= 5


def test_corpus_maps_every_job_and_pool(corpus: Path) -> None:
    result, data = _run(corpus)
    _check_against_model(result, data)


def test_json_output_matches_the_schema(corpus: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schemas" / "map.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for target, extra in ((REPO / "examples", []), (corpus, ["--isolated"])):
        out = CliRunner().invoke(cli, ["map", str(target), "--format", "json", *extra])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, errors[0]
        assert data["version"] == 1


def test_schema_rejects_a_wrong_landing() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schemas" / "map.schema.json").read_text("utf-8"))
    _, data = _run(REPO / "examples")
    data["jobs"][0]["driver"]["lands"] = "maybe"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_map_uses_checks_configuration(tmp_path: Path) -> None:
    """A declared pool in the configuration is drawn, and decides the job's placement."""
    (tmp_path / ".spotlint.yaml").write_text(
        "pools:\n"
        "  - name: od\n    provisioner: karpenter\n    capacity-types: [on-demand]\n")
    (tmp_path / "job.yaml").write_text(
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata:\n  name: etl\nspec:\n  type: Scala\n  mode: cluster\n"
        "  sparkVersion: 3.5.1\n  mainApplicationFile: local:///app.jar\n"
        "  driver:\n    cores: 1\n  executor:\n    cores: 1\n    instances: 2\n")
    (tmp_path / ".git").mkdir()
    out = CliRunner().invoke(cli, ["map", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [p["name"] for p in data["pools"]] == ["od"]
    assert data["pools"][0]["declared"] is True
    job = data["jobs"][0]
    assert job["name"] == "etl"
    assert job["driver"]["lands"] == "on-demand"
    assert job["driver"]["pools"] == [{"pool": data["pools"][0]["id"], "capacity": ["on-demand"]}]
    isolated = json.loads(CliRunner().invoke(
        cli, ["map", str(tmp_path), "--format", "json", "--isolated"]).output)
    assert isolated["pools"] == []
    assert isolated["jobs"][0]["driver"]["lands"] == "unknown"


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["map", str(tmp_path / "missing")])
    assert out.exit_code == 2
    out = CliRunner().invoke(cli, ["map", str(tmp_path), "--format", "html"])
    assert out.exit_code == 2
    assert "--output" in out.output


def test_map_reads_the_indexes_the_rules_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """No second placement computation: drawing the map builds no placement index."""
    from spotlint.placement import view

    result = lint([str(REPO / "examples")], Settings(root=str(REPO / "examples")),
                  keep_model=True, workers=1)
    built: list[object] = []
    original = view.PlacementIndex.__init__

    def counting(self: view.PlacementIndex, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(view.PlacementIndex, "__init__", counting)
    data = build_map(result)
    assert data["jobs"]
    assert built == []
