"""``lint()`` shared by several processes returns what one process returns, in order.

Reporters sort findings again; callers of ``lint`` (the language server, ``map``,
scripts) read the result as it is: its findings in order, the files in walk order,
the sources, the notes. A failing forked process, or a run the split cannot
reproduce exactly, costs time and nothing else: the run is done in one process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.splits import Splits, request_tree

from spotlint.cli.joins import IndexJoins
from spotlint.config.settings import Settings
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.fix.place import place_fixes
from spotlint.load.base import Limits
from spotlint.location import Node
from spotlint.plugins.manager import Registry, default_registry
from spotlint.result import RunResult

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "rules" / "examples"


def _lint(path: Path, workers: int, place_edits: bool = True) -> RunResult:
    return lint([str(path)], Settings(root=str(path)), workers=workers, joins=IndexJoins(),
                finish=place_fixes if place_edits else None)


def _same(split: RunResult, serial: RunResult) -> None:
    assert serial.findings
    assert split.findings == serial.findings  # order included
    assert split.files == serial.files
    assert split.notes == serial.notes
    assert split.sources.keys() == serial.sources.keys()
    for path, source in serial.sources.items():
        other = split.sources[path]
        assert (other.text, other.fmt, other.plain_parse, other.utf8) == (
            source.text, source.fmt, source.plain_parse, source.utf8)


@pytest.mark.parametrize("place_edits", [True, False])
def test_rule_fixtures(place_edits: bool, splits: Splits) -> None:
    serial = _lint(FIXTURES, 1, place_edits)
    split = _lint(FIXTURES, 2, place_edits)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


def test_three_processes(corpus: Path, splits: Splits) -> None:
    serial = _lint(corpus, 1)
    split = _lint(corpus, 3)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


def test_a_failing_child_costs_nothing_but_time(
    monkeypatch: pytest.MonkeyPatch, splits: Splits, capfd: pytest.CaptureFixture[str],
) -> None:
    parent = os.getpid()
    assemble = parallel.Part.assemble

    def failing(self: parallel.Part, shared: dict[str, object]) -> None:
        if os.getpid() != parent:
            raise RuntimeError("a bug in the forked process")
        assemble(self, shared)

    monkeypatch.setattr(parallel.Part, "assemble", failing)
    serial = _lint(FIXTURES, 1)
    split = _lint(FIXTURES, 2)
    assert splits.given_up == ["a forked process failed"]
    _same(split, serial)
    assert "Traceback" not in capfd.readouterr().err


def test_a_child_that_dies_costs_nothing_but_time(
    monkeypatch: pytest.MonkeyPatch, splits: Splits,
) -> None:
    parent = os.getpid()
    summary = parallel.Part.summary

    def dying(self: parallel.Part) -> dict[str, object]:
        if os.getpid() != parent:
            os._exit(3)
        return summary(self)

    monkeypatch.setattr(parallel.Part, "summary", dying)
    serial = _lint(FIXTURES, 1)
    split = _lint(FIXTURES, 2)
    assert splits.given_up == ["a forked process failed"]
    _same(split, serial)


def test_a_template_outside_the_walk_is_read_in_one_process(
    tmp_path: Path, splits: Splits,
) -> None:
    """A job names a template the walk does not cover (inside the root, outside the
    paths): a serial run reads and reports it; the split cannot know it in advance."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "driver.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n"
        "    karpenter.sh/capacity-type: spot\n")
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    for index in range(4):
        (jobs / f"spark-defaults-{index}.conf").write_text(
            "spark.kubernetes.driver.podTemplateFile ../templates/driver.yaml\n"
            "spark.dynamicAllocation.enabled true\n")
    serial = lint([str(jobs)], Settings(root=str(tmp_path)), workers=1)
    splits.alternate = 0  # (racing, the child might take every job and fail first)
    split = lint([str(jobs)], Settings(root=str(tmp_path)), workers=2, joins=IndexJoins())
    assert splits.done == 0
    assert splits.given_up and "because a job names it" in splits.given_up[0]
    assert any(f.location.path.endswith("driver.yaml") for f in serial.findings)
    _same(split, serial)


def test_small_runs_and_the_hook_stay_in_one_process(
    monkeypatch: pytest.MonkeyPatch, splits: Splits,
) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.processes_for(None, parallel.MIN_FILES - 1) == 1
    assert parallel.processes_for(None, parallel.MIN_FILES) == 2
    assert parallel.processes_for(1, 10_000) == 1
    assert parallel.processes_for(4, 10_000) == 4
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.processes_for(None, 10_000) == 1
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.processes_for(4, 10_000) == 1

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    # a commit hook's run: given files, the project as context
    given = FIXTURES / "SL101"
    files = sorted(str(p) for p in given.rglob("*.yaml"))[:1]
    assert files
    lint(files, Settings(root=str(FIXTURES)), context=[str(FIXTURES)], joins=IndexJoins())
    lint([str(FIXTURES)], Settings(root=str(FIXTURES)), workers=1, joins=IndexJoins())
    lint([str(FIXTURES)], Settings(root=str(FIXTURES)))  # no joins given: the engine alone
    assert splits.done == 0 and not splits.given_up
    lint([str(FIXTURES)], Settings(root=str(FIXTURES)), joins=IndexJoins())
    assert splits.done == 1


@pytest.mark.parametrize("parity", [0, 1])
def test_jobs_built_from_another_process_file(
    parity: int, tmp_path: Path, splits: Splits,
) -> None:
    root = request_tree(tmp_path / "repo")
    serial = _lint(root, 1)
    assert {f.location.path for f in serial.findings} >= {str(root / "scripts" / "req.json")}
    assert len({f.message for f in serial.findings if f.code == "SL201"}) == 3
    splits.alternate = parity
    split = _lint(root, 2)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


@pytest.mark.parametrize("parity", [0, 1])
def test_neighbours_in_different_processes(parity: int, splits: Splits) -> None:
    serial = _lint(FIXTURES, 1)
    splits.alternate = parity
    split = _lint(FIXTURES, 2)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


def test_the_help_says_when_a_run_is_shared() -> None:
    from click.testing import CliRunner

    from spotlint.cli.commands import cli

    shown = " ".join(CliRunner().invoke(cli, ["check", "--help"]).output.split())
    assert f"default: 2 for a run of {parallel.MIN_FILES} files or more" in shown


#: A Spark application choosing no capacity: where it may run is up to the pools in scope.
SPARK_APP = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: etl
spec:
  type: Python
  mode: cluster
  sparkVersion: "3.5.1"
  mainApplicationFile: s3a://code/etl.py
  driver:
    cores: 1
  executor:
    cores: 4
    instances: 2
"""
#: A guide showing a Spot-only pool.
GUIDE = """\
# Spot pools

```yaml
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: guide-spot
spec:
  template:
    spec:
      requirements:
      - key: karpenter.sh/capacity-type
        operator: In
        values: ["spot"]
```
"""


@pytest.mark.parametrize("parity", [0, 1])
def test_a_guide_pool_stays_in_its_guide(parity: int, tmp_path: Path, splits: Splits) -> None:
    """A Markdown guide is a context of its own: its pools judge only its own jobs, in
    whichever process the guide is read (its record gives other files nothing)."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "guide.md").write_text(GUIDE)
    (root / "jobs").mkdir()
    (root / "jobs" / "app.yaml").write_text(SPARK_APP)
    serial = _lint(root, 1)
    assert any("no node pool of its cluster is in scope" in f.message for f in serial.findings)
    splits.alternate = parity
    split = _lint(root, 2)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


def test_no_fork_no_split(monkeypatch: pytest.MonkeyPatch, splits: Splits) -> None:
    """A system out of processes (or descriptors) runs the run in this one."""
    serial = _lint(FIXTURES, 1)

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    split = _lint(FIXTURES, 2)
    assert splits.given_up and splits.given_up[0].startswith("cannot fork")
    _same(split, serial)


def test_findings_in_a_file_outside_the_paths_keep_the_run_whole(
    tmp_path: Path, splits: Splits,
) -> None:
    """A script's job is built from a request file the paths do not cover: a serial run
    reports the job's findings there, which no process of a split would read."""
    root = request_tree(tmp_path / "repo")
    (root / "requests").mkdir()
    (root / "scripts" / "req.json").rename(root / "requests" / "req.json")
    for name in ("run.sh", "again.sh"):
        (root / "scripts" / name).write_text(
            "aws emr-containers start-job-run --cli-input-json file://../requests/req.json"
            " --release-label emr-6.2.0-latest\n")
    paths = [str(root / "scripts")]
    serial = lint(paths, Settings(root=str(root)), workers=1)
    assert any(f.location.path.endswith("req.json") for f in serial.findings)
    split = lint(paths, Settings(root=str(root)), workers=2, joins=IndexJoins())
    assert splits.done == 0
    assert len(splits.given_up) == 1
    assert splits.given_up[0].endswith("requests/req.json, which no process reads")
    _same(split, serial)


@pytest.mark.parametrize("parity", [0, 1])
def test_a_file_another_process_names(parity: int, tmp_path: Path, splits: Splits) -> None:
    """A Terraform manifest names a file (``file()``) the other process reads as its own:
    the split goes on (the file is read, by its own process)."""
    root = tmp_path / "repo"
    (root / "k").mkdir(parents=True)
    (root / "main.tf").write_text(
        "# the Karpenter NodePool (karpenter.sh/v1)\n"  # (so the byte filter lets it be read)
        'resource "kubectl_manifest" "p" {\n  yaml_body = file("${path.module}/k/pool.yaml")\n}\n')
    (root / "k" / "pool.yaml").write_text(
        "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: spark\n"
        "spec:\n  template:\n    spec:\n      requirements:\n"
        "      - key: karpenter.sh/capacity-type\n        operator: In\n"
        '        values: ["spot"]\n')
    (root / "k" / "z-app.yaml").write_text(SPARK_APP)  # after pool.yaml: dealt apart
    serial = _lint(root, 1)
    splits.alternate = parity
    split = _lint(root, 2)
    assert splits.done == 1, splits.given_up
    _same(split, serial)


class _EndlessKind:
    """A document kind that never finishes a document holding ``slow:``."""

    name = "endless"
    schema = None

    def matches(self, doc: Node, file: object) -> bool:
        return doc.is_map and doc.get("slow") is not None

    def normalize(self, doc: Node, ctx: object) -> None:
        while True:
            pass


@pytest.mark.parametrize("parity", [0, 1])
def test_the_time_budget_cuts_a_file_in_either_process(
    parity: int, tmp_path: Path, splits: Splits,
) -> None:
    """Each process keeps its own files' time (max-seconds-per-file), as one process does:
    the endless file becomes SL001 on it, the others are whole."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a-app.yaml").write_text(SPARK_APP)
    (root / "b-slow.yaml").write_text("slow: true\nspark.executor.cores: 1\n")
    (root / "c-app.yaml").write_text(SPARK_APP.replace("name: etl", "name: other"))

    def run(workers: int) -> RunResult:
        builtin = default_registry()  # (shared: copied, not changed)
        registry = Registry(builtin.rules, [_EndlessKind(), *builtin.kinds], builtin.reporters,
                            list(builtin.plugins))
        settings = Settings(root=str(root), limits=Limits(max_seconds_per_file=1))
        return lint([str(root)], settings, registry, workers=workers, joins=IndexJoins())

    serial = run(1)
    assert [f.code for f in serial.findings if f.location.path.endswith("b-slow.yaml")] == [
        "SL001"]
    splits.alternate = parity
    split = run(2)
    assert splits.done == 1, splits.given_up
    _same(split, serial)
