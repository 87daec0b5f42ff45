"""A run through the index gives the findings of a run reading the whole project.

The repository is generated: ``examples/`` copied as two teams' trees (one
with its own pools, one relying on pools at the top), platform pools at the
top, a job referencing a template across trees by a root-relative path, an
unreferenced template and unrelated manifests. Every file is checked alone,
as pre-commit does, with and without the index; the outputs must be equal.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.config.settings import Settings
from spotlint.index.context import indexed_context
from spotlint.plugins.manager import default_registry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
"""


#: A StartJobRun request with a decommission setting a rule reports, read by team-c/run.sh.
REQUEST = (
    '{\n  "name": "from-file",\n  "releaseLabel": "emr-6.10.0-latest",\n'
    '  "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "e",\n'
    '    "sparkSubmitParameters": "--conf spark.dynamicAllocation.enabled=true '
    '--conf spark.kubernetes.driver.podTemplateFile=../shared-templates/driver.yaml"}},\n'
    '  "configurationOverrides": {"applicationConfiguration": [{"classification":\n'
    '    "spark-defaults", "properties": {"spark.decommission.enabled": "false"}}]}\n}\n'
)


def generate(root: Path) -> None:
    """The generated repository (deterministic)."""
    # without examples/.spotlint.yaml: its `clusters:` mapping would override the
    # directory scoping this tree is built to exercise
    plain = shutil.ignore_patterns(".spotlint.yaml")
    shutil.copytree(EXAMPLES, root / "team-a", ignore=plain)
    shutil.copytree(EXAMPLES, root / "team-b", ignore=plain)
    for infra in ("eksctl", "karpenter"):
        shutil.rmtree(root / "team-b" / infra)
    shutil.copytree(EXAMPLES / "karpenter", root / "platform" / "karpenter")
    shutil.copytree(EXAMPLES / "pod-templates", root / "shared-templates")
    job = (EXAMPLES / "jobs" / "sessionize-startjobrun.json").read_text()
    (root / "team-b" / "jobs" / "cross.json").write_text(
        job.replace("../pod-templates/driver.yaml", "shared-templates/driver.yaml"))
    (root / "misc").mkdir()
    shutil.copy(EXAMPLES / "pod-templates" / "executor.yaml", root / "misc" / "lonely.yaml")
    (root / "team-c").mkdir()  # a script overriding the request file it names
    (root / "team-c" / "req.json").write_text(REQUEST)
    (root / "team-c" / "run.sh").write_text(
        "aws emr-containers start-job-run --cli-input-json file://req.json"
        " --release-label emr-7.0.0-latest\n")
    (root / "apps").mkdir()
    (root / "apps" / "deploy.yaml").write_text(DEPLOYMENT)
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def files_of(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*")
        if p.is_file() and ".git" not in p.parts and ".spotlint_cache" not in p.parts
        and p.suffix in (".yaml", ".json", ".sh", ".conf", ".md"))


def check(root: Path, path: str, no_cache: bool, out: Path, **extra: object) -> str:
    run_check(CheckOptions(paths=[path], formats=["json"], outputs=[str(out)],
                           exit_zero=True, no_cache=no_cache, **extra))  # type: ignore[arg-type]
    return out.read_text()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default_registry()  # the rules package is found from the repository, before chdir
    root = tmp_path / "repo"
    generate(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    return root


def test_every_file_alone_matches_the_whole_project_run(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    files = files_of(repo)
    assert len(files) > 30
    for path in files:
        whole = check(repo, path, True, out)
        indexed = check(repo, path, False, out)
        assert indexed == whole, path
    assert (repo / ".spotlint_cache" / ".gitignore").is_file()


def test_force_exclude_and_several_files_match_too(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    batch = ["team-b/jobs/cross.json", "shared-templates/driver.yaml",
             "team-a/jobs/nightly-etl.yaml"]
    for paths in (batch, ["team-a/pod-templates/driver.yaml"]):
        whole = run_and_read(paths, True, out)
        assert run_and_read(paths, False, out) == whole
        assert "SL" in whole


def run_and_read(paths: list[str], no_cache: bool, out: Path) -> str:
    run_check(CheckOptions(paths=paths, formats=["json"], outputs=[str(out)], exit_zero=True,
                           no_cache=no_cache, force_exclude=True))
    return out.read_text()


def test_only_what_the_file_needs_is_read(repo: Path) -> None:
    settings = Settings(root=str(repo))
    kinds = default_registry().kinds

    def context(path: str) -> set[str]:
        found = indexed_context([path], settings, kinds, str(repo), None)
        assert found is not None
        return {str(Path(p).relative_to(repo)) for p in found.paths}

    # team-a's template: its own tree's pools and the jobs using it, nothing of team-b
    read = context("team-a/pod-templates/driver.yaml")
    assert "team-a/jobs/sessionize-startjobrun.json" in read
    assert "team-a/karpenter/nodepools.yaml" in read
    assert not any(p.startswith(("team-b/", "apps/", "misc/")) for p in read)
    # the shared template is used by team-b's cross.json; team-b has no pools of its own,
    # so the pools in reach of that job (all at the top) come along
    read = context("shared-templates/driver.yaml")
    assert "team-b/jobs/cross.json" in read
    assert "platform/karpenter/nodepools.yaml" in read
    assert "team-a/jobs/sessionize-startjobrun.json" not in read
    # the request file's findings come from the script's job too
    assert "team-c/run.sh" in context("team-c/req.json")
    # an unrelated manifest needs nothing but node classes and handlers
    assert not any(p.startswith("team-") and "/jobs/" in p for p in context("apps/deploy.yaml"))



#: A driver template asking for Spot: its finding points at the On-Demand pools by path.
SPOT_DRIVER = """\
apiVersion: v1
kind: Pod
metadata:
  labels: {spark-role: driver}
spec:
  nodeSelector: {karpenter.sh/capacity-type: spot}
  containers: [{name: spark-kubernetes-driver}]
"""


def test_a_linked_pool_directory_gives_the_whole_runs_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "0link" sorts before "pools": the walk reads the pools through the link and names
    # them so; git lists them under "pools/", and the link as a file with no suffix
    default_registry()
    root = tmp_path / "repo"
    (root / "pools").mkdir(parents=True)
    shutil.copy(EXAMPLES / "karpenter" / "nodepools.yaml", root / "pools" / "nodepools.yaml")
    (root / "jobs").mkdir()
    (root / "jobs" / "driver.yaml").write_text(SPOT_DRIVER)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    (root / "0link").symlink_to("pools")
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    whole = check(root, "jobs/driver.yaml", True, out)
    assert "0link/nodepools.yaml" in whole
    assert check(root, "jobs/driver.yaml", False, out) == whole
