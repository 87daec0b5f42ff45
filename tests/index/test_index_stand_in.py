"""Context files built back from their records (no parse) give the findings of a parse.

A warm run does not parse a context file whose record holds all it gives other
files (pools, node classes, interruption handlers): :mod:`spotlint.index.pools`
builds them from the record. Checked two ways: the objects themselves (every
field placement, messages and related locations read, before and after linking)
against a parse, and the findings of every file of a generated repository
(rule examples with Terraform, CloudFormation, eksctl and Karpenter pools, node
classes named twice, handlers) checked alone through the index against
``--no-cache``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.index.context import indexed_context
from spotlint.location import Location, Node
from spotlint.model import Project, location_of
from spotlint.plugins.manager import default_registry
from spotlint.recognize.karpenter import node_class_cluster

RULE_EXAMPLES = Path(__file__).resolve().parents[2] / "rules" / "examples"
#: Rules whose findings depend on pools, node classes or handlers of other files.
CROSS_FILE = ("SL101", "SL102", "SL103", "SL106", "SL107", "SL405", "SL409", "SL412")

NODE_CLASS = """\
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {{name: spark}}
spec:
  amiSelectorTerms: [{{alias: al2023@latest}}]
  role: KarpenterNodeRole
  subnetSelectorTerms:
    - tags: {{karpenter.sh/discovery: {cluster}}}
"""
NODE_POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: spark-spot}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: spark}
      taints:
        - {key: dedicated, value: "${TEAM}", effect: NoSchedule}
        - {key: spark, value: "true", effect: NoSchedule}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
        - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a]}
"""
JOB = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: {name: etl}
spec:
  type: Scala
  sparkVersion: "3.5.0"
  mainApplicationFile: local:///opt/app.jar
  driver:
    tolerations: [{key: spark, operator: Exists, effect: NoSchedule}]
  executor:
    instances: 2
    tolerations: [{key: spark, operator: Exists, effect: NoSchedule}]
"""


def generate(root: Path) -> None:
    """Rule examples of cross-file rules, plus node classes of one name in two places."""
    for code in CROSS_FILE:
        shutil.copytree(RULE_EXAMPLES / code, root / "examples" / code)
    for team, cluster in (("team-x", "cluster-x"), ("team-y", "cluster-y")):
        (root / team / "infra").mkdir(parents=True)
        (root / team / "infra" / "nodeclass.yaml").write_text(NODE_CLASS.format(cluster=cluster))
        (root / team / "infra" / "nodepool.yaml").write_text(NODE_POOL)
        (root / team / "jobs").mkdir()
        (root / team / "jobs" / "etl.yaml").write_text(JOB)
    subprocess.run(["git", "init", "-q", str(root)], check=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default_registry()  # the rules package is found from the repository, before chdir
    root = tmp_path / "repo"
    generate(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    return root


def files_of(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and ".git" not in p.parts and ".spotlint_cache" not in p.parts)


def _loc(loc: Location) -> tuple[Any, ...]:
    return (loc.path, loc.line, loc.col, loc.end_line, loc.end_col)


def _values(nodes: list[Node] | None) -> Any:
    return None if nodes is None else [(n.text(), n.unknown) for n in nodes]


def _placement_view(project: Project) -> dict[str, Any]:
    """Every part of pools, node classes and handlers that other files' findings read."""
    return {
        "pools": [(
            p.name, p.kind, _loc(p.anchor.loc), _loc(p.anchor.key_loc), _loc(p.doc.loc),
            p.capacity_types, list(p.node_labels.items()),
            [(t.key, t.value, t.effect, any(c.unknown for _, c in t.node.items()))
             for t in p.taints],
            _values(p.zones), _values(p.instance_types), p.karpenter, p.managed,
            p.autoscaled_group, p.node_class, p.cluster, p.region, p.may_use_spot,
        ) for p in project.pools],
        "node_classes": [(key, _loc(doc.loc), node_class_cluster(doc))
                         for key, doc in project.node_classes.items()],
        "handlers": [(h.kind, h.cluster, _loc(location_of(h.at)), h.queue, h.setting)
                     for h in project.interruption],
    }


def test_stand_ins_build_what_a_parse_builds(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(root=str(repo))
    registry = default_registry()
    files = files_of(repo)
    # a controller's context: every file with pools, node classes or handlers
    context = indexed_context(["examples/SL412/good-terraform-queue.tf"], settings,
                              registry.kinds, str(repo), None)
    assert context is not None
    assert len(context.known) >= 15, "stand-ins were not used"
    known = sorted(context.known)
    parsed = _project_of(known, settings, registry, {}, monkeypatch)
    built = _project_of(known, settings, registry, context.known, monkeypatch)
    assert _placement_view(built) == _placement_view(parsed)
    assert parsed.pools and parsed.node_classes and parsed.interruption
    # the two node classes named "spark" stay apart, each giving its pool its cluster
    clusters = {p.path.split("/")[-3]: p.cluster for p in built.pools
                if p.name == "spark-spot" and "/team-" in p.path}
    assert clusters == {"team-x": "cluster-x", "team-y": "cluster-y"}
    assert len(files) > 60


def _project_of(paths: list[str], settings: Settings, registry: Any, known: Any,
                monkeypatch: pytest.MonkeyPatch) -> Project:
    """The project a run builds from ``paths`` as context (linked), parsed or stood in."""
    from spotlint.engine import run as engine_run

    seen: list[Project] = []
    finish = engine_run._finish

    def capture(run: Any) -> Any:
        seen.append(run.project)
        return finish(run)

    with monkeypatch.context() as patch:
        patch.setattr(engine_run, "_finish", capture)
        lint(["team-x/jobs/etl.yaml"], settings, registry, context=paths, context_known=known)
    return seen[0]


def test_every_file_alone_matches_the_whole_project_run(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    files = files_of(repo)
    used = 0
    settings = Settings(root=str(repo))
    kinds = default_registry().kinds
    for path in files:
        whole = _check(path, True, out)
        indexed = _check(path, False, out)
        assert indexed == whole, path
        found = indexed_context([path], settings, kinds, str(repo), None)
        used += bool(found and found.known)
    assert used > len(files) // 2, "stand-ins were rarely used"


def _check(path: str, no_cache: bool, out: Path) -> str:
    run_check(CheckOptions(paths=[path], formats=["sarif"], outputs=[str(out)],
                           exit_zero=True, no_cache=no_cache, force_exclude=True))
    return out.read_text()


def test_a_record_as_made_builds_what_its_json_text_builds(repo: Path) -> None:
    """The processes of a split run build stand-ins from the records they exchange
    (:func:`spotlint.index.pools.contribution_of`), not from the JSON text the index
    stores: the objects are those the text gives."""
    import json

    from spotlint.cli.joins import IndexJoins
    from spotlint.index.pools import contribution, stands_in
    from spotlint.index.records import DETAILED, build

    settings = Settings(root=str(repo))
    kinds = default_registry().kinds
    stood = 0
    for path in files_of(repo):
        record = build(str(repo / path), path, str(repo), settings, kinds)
        if not stands_in(record):
            continue
        as_made = IndexJoins().stand_in(record, path)
        as_text = contribution(json.dumps({k: record[k] for k in DETAILED if k in record}),
                               path, {})
        assert as_made is not None and as_text is not None, path
        made, text = Project(), Project()
        as_made(made)
        as_text(text)
        assert _placement_view(made) == _placement_view(text), path
        stood += 1
    assert stood >= 15
