"""The server reads only the context a document needs, and finds exactly what a
whole-project read finds (spotlint.server.context)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from spotlint.server.session import ServerOptions, Session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {{name: {name}}}
spec:
  template:
    spec:
      nodeClassRef: {{group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}}
      requirements:
        - {{key: karpenter.sh/capacity-type, operator: In, values: [{capacity}]}}
  limits: {{cpu: "100"}}
"""

JOB = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: etl}
spec:
  type: Scala
  mode: cluster
  sparkVersion: "3.5.0"
  driver:
    cores: 1
    nodeSelector: {karpenter.sh/capacity-type: on-demand}
  executor: {cores: 2, instances: 4}
"""

UNRELATED = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c%d}\ndata: {a: b}\n"


@pytest.fixture
def teams(tmp_path: Path) -> Path:
    """Two teams, each with its pools beside its job (On-Demand only for team-a,
    Spot for team-b), and files that bear on neither."""
    (tmp_path / ".git").mkdir()
    for team, capacity in (("team-a", "on-demand"), ("team-b", "spot")):
        (tmp_path / team).mkdir()
        (tmp_path / team / "pools.yaml").write_text(POOL.format(name=team, capacity=capacity))
        (tmp_path / team / "job.yaml").write_text(JOB)
    (tmp_path / "misc").mkdir()
    for number in range(5):
        (tmp_path / "misc" / f"c{number}.yaml").write_text(UNRELATED % number)
    return tmp_path


def _findings(
    session: Session, path: Path, whole_project: bool = False
) -> list[tuple[object, ...]]:
    if whole_project:
        session.prepare(str(path)).records = None  # read the whole project, as before
    return sorted((f.code, f.location.line, f.location.col, f.message)
                  for f in session.lint(str(path)).findings)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)


def _narrowed(session: Session, path: Path) -> list[str] | None:
    records = session.prepare(str(path)).records
    assert records is not None
    chosen = records.narrowed(str(path), session.overlay())
    return None if chosen is None else [os.path.relpath(c, records.root) for c in chosen]


@pytest.mark.parametrize("project", ["teams", "examples"])
def test_every_file_finds_what_a_whole_project_read_finds(
    project: str, teams: Path, tmp_path: Path
) -> None:
    if project == "examples":
        root = tmp_path / "examples-copy"
        shutil.copytree(EXAMPLES, root)
        (root / ".git").mkdir()
    else:
        root = teams
    narrowed = Session(ServerOptions(), [str(root)])
    whole = Session(ServerOptions(), [str(root)])
    total = 0
    for path in _files(root):
        expected = _findings(whole, path, whole_project=True)
        assert _findings(narrowed, path) == expected, path
        total += len(expected)
    assert total > 0


def test_a_job_reads_only_the_pools_in_its_scope(teams: Path) -> None:
    session = Session(ServerOptions(), [str(teams)])
    assert _narrowed(session, teams / "team-a" / "job.yaml") == ["team-a/pools.yaml"]
    assert _narrowed(session, teams / "team-b" / "job.yaml") == ["team-b/pools.yaml"]
    # A file with no pod reads no other unrelated file (select's superset may add pools).
    assert not [p for p in _narrowed(session, teams / "misc" / "c0.yaml") or []
                if p.startswith("misc")]


def test_a_pool_changed_on_disk_is_seen_without_a_notification(teams: Path) -> None:
    job = teams / "team-a" / "job.yaml"
    session = Session(ServerOptions(select=["SL201"]), [str(teams)])
    assert _findings(session, job) == []  # On-Demand only: executors never on Spot
    (teams / "team-a" / "pools.yaml").write_text(POOL.format(name="team-a", capacity="spot"))
    assert [code for code, *_ in _findings(session, job)] == ["SL201"]


def test_an_unsaved_pool_edit_changes_the_jobs_findings(teams: Path) -> None:
    job, pools = teams / "team-a" / "job.yaml", teams / "team-a" / "pools.yaml"
    session = Session(ServerOptions(select=["SL201"]), [str(teams)])
    assert _findings(session, job) == []
    session.open(str(pools), POOL.format(name="team-a", capacity="spot"))
    assert [code for code, *_ in _findings(session, job)] == ["SL201"]
    session.close(str(pools))
    assert _findings(session, job) == []


def test_a_pool_file_created_is_seen_once_the_editor_reports_it(teams: Path) -> None:
    (teams / "team-c").mkdir()
    job = teams / "team-c" / "job.yaml"
    job.write_text(JOB)
    session = Session(ServerOptions(select=["SL201"]), [str(teams)])
    assert _narrowed(session, job) == ["team-a/pools.yaml", "team-b/pools.yaml"]
    created = teams / "team-c" / "pools.yaml"
    created.write_text(POOL.format(name="team-c", capacity="on-demand"))
    session.files_changed([str(created)])
    assert _narrowed(session, job) == ["team-c/pools.yaml"]
    assert _findings(session, job) == []


def test_a_nested_configuration_falls_back_to_the_whole_project(teams: Path) -> None:
    (teams / "team-b" / ".spotlint.yaml").write_text("select: [SL1]\n")
    session = Session(ServerOptions(), [str(teams)])
    job = teams / "team-a" / "job.yaml"
    assert _narrowed(session, job) is None
    whole = Session(ServerOptions(), [str(teams)])
    assert _findings(session, job) == _findings(whole, job, whole_project=True)
