"""Whole runs say the same with and without skipping (spotlint.load.skipping).

Every report format, ``--diff`` and the files ``--fix`` writes, on examples/, a
generated Spark-heavy repository, the shared corpus and a repository of the
benchmark's generator (bench/generate.py): byte for byte the same
when the run skips what nothing reads and when it builds everything. A built-in
run over documents whose skipped subtrees no fix edits reads no stand-in (a new
reader of a skipped path fails here: its path leaves the table, or the reader
changes). A third party's plugin turns skipping off; a rule of a test's own that
reads a skipped path gets the built values even when skipping is forced on.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.skipping import HEAD, counted_skips, entries

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.load import skipping
from spotlint.model import Job
from spotlint.plugins.hookspecs import hookimpl
from spotlint.plugins.manager import Registry, collect, default_registry, make_manager
from spotlint.rule import RuleContext, Severity, Violation, rule

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
FORMATS = ("text", "concise", "json", "sarif", "gitlab", "junit", "github")
POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spot
spec:
  template:
    spec:
      requirements:
      - key: karpenter.sh/capacity-type
        operator: In
        values: [spot]
"""
EC2 = """\
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  amiSelectorTerms:
  - alias: al2023@latest
  blockDeviceMappings:
  - deviceName: /dev/xvda
    ebs: {volumeSize: 100Gi}
  role: node
"""


def spark_repository(base: Path, count: int, seed: int) -> Path:
    """``count`` SparkApplications (skipped keys everywhere, a conf Spark reads, a driver
    pinned to Spot now and then), a Spot pool and a node class."""
    rng = random.Random(seed)
    base.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        selector = ("    nodeSelector:\n      karpenter.sh/capacity-type: spot\n"
                    if rng.random() < 0.3 else "")
        text = (HEAD + "spec:\n  type: Scala\n  sparkVersion: \"3.5.1\"\n"
                "  sparkConf:\n    spark.dynamicAllocation.enabled: \"true\"\n"
                "  driver:\n    cores: 1\n" + selector + entries(rng, "    ", 0.0)
                + "    memory: 1g\n  executor:\n    cores: 2\n" + entries(rng, "    ", 0.0)
                + "    instances: 2\n" + entries(rng, "  ", 0.0) + "  mode: cluster\n")
        (base / f"app-{number}.yaml").write_text(text)
    (base / "pool.yaml").write_text(POOL)
    (base / "nodeclass.yaml").write_text(EC2)
    return base


def _run(argv: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from spotlint.cli.main import main

    capfd.readouterr()
    with pytest.raises(SystemExit) as done:
        main(argv)
    return int(done.value.code or 0), capfd.readouterr().out


def _outputs(target: Path, work: Path, capfd: pytest.CaptureFixture[str],
             formats: tuple[str, ...] = FORMATS) -> dict[str, bytes]:
    """Every format's report, ``--diff`` and the files ``--fix`` writes, for ``target``."""
    found: dict[str, bytes] = {}
    for fmt in formats:
        out = work / f"out.{fmt}"
        code, _ = _run(["check", str(target), "--jobs", "1", "--format", fmt, "--output",
                        str(out)], capfd)
        found[fmt] = out.read_bytes() + b"exit %d" % code
    code, diff = _run(["check", str(target), "--jobs", "1", "--diff", "--unsafe-fixes"], capfd)
    found["diff"] = diff.encode() + b"exit %d" % code
    copy = work / "fixed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(target, copy)
    code, said = _run(["check", str(copy), "--jobs", "1", "--fix", "--unsafe-fixes"], capfd)
    found["fix"] = said.replace(str(copy), "COPY").encode() + b"exit %d" % code
    for path in sorted(copy.rglob("*")):
        if path.is_file():
            found[f"fixed {path.relative_to(copy)}"] = path.read_bytes()
    shutil.rmtree(copy)
    return found


def _compare(target: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch, formats: tuple[str, ...] = FORMATS) -> int:
    """The outputs with and without skipping are the same; the stand-ins the run made."""
    made = counted_skips(monkeypatch)
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    skipped = _outputs(target, tmp_path / "on", capfd, formats)
    with monkeypatch.context() as patch:
        patch.setattr(Registry, "builtin_only", lambda registry: False)
        before = len(made)
        built = _outputs(target, tmp_path / "off", capfd, formats)
        assert len(made) == before  # (nothing skipped)
    assert skipped.keys() == built.keys()
    for name in built:
        assert skipped[name] == built[name], name
    return len(made)


def test_examples_say_the_same(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(ROOT / "examples", tmp_path, capfd, monkeypatch)


def test_a_spark_heavy_repository_says_the_same(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = spark_repository(tmp_path / "repo", 60, 7)
    assert _compare(repo, tmp_path, capfd, monkeypatch) > 300


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_the_sample_corpus_says_the_same(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _compare(SHARED, tmp_path, capfd, monkeypatch, ("json", "sarif", "text")) > 100


def test_no_built_in_reader_reads_a_skipped_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = spark_repository(tmp_path / "repo", 40, 3)
    made = counted_skips(monkeypatch)
    before = skipping.READ[0]
    result = lint([str(repo)], Settings(root=str(repo)), default_registry())
    assert result.findings  # (the rules did run on these jobs)
    assert len(made) > 80
    assert skipping.READ[0] == before


@rule(
    code="XT016",
    name="job-with-volumes",
    severity=Severity.WARNING,
    summary="A SparkApplication that declares volumes.",
    target="job",
    doc="Volumes.\n\n## Why it matters\nThey do.\n\n## How to fix\nNone.",
)
def job_with_volumes(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    volumes = job.doc.path("spec", "volumes")
    if volumes is not None and volumes.is_seq:
        for volume in volumes.elements():
            name = volume.get("name")
            if name is not None:
                yield Violation(at=name, message=f"volume {name.text()}")


class VolumesPlugin:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [job_with_volumes]


def _volumes_repository(base: Path) -> Path:
    base.mkdir()
    (base / "app.yaml").write_text(
        HEAD + "spec:\n  volumes:\n  - name: data\n    emptyDir: {}\n  - name: cache\n"
        "  sparkConf:\n    spark.master: k8s://x\n")
    return base


def test_a_third_party_plugin_turns_skipping_off(tmp_path: Path) -> None:
    registry = collect(make_manager(extra_plugins=(VolumesPlugin(),), autoload=False))
    assert not registry.builtin_only()
    assert default_registry().builtin_only()
    assert collect(make_manager(autoload=False)).builtin_only()
    assert not Registry(rules=default_registry().rules, kinds=default_registry().kinds,
                        plugins=["spotlint.builtin", "other"]).builtin_only()
    assert not Registry(rules=[*default_registry().rules, job_with_volumes],
                        kinds=default_registry().kinds,
                        plugins=["spotlint.builtin"]).builtin_only()
    repo = _volumes_repository(tmp_path / "repo")
    before = skipping.READ[0]
    result = lint([str(repo)], Settings(root=str(repo), select=["XT016"]), registry)
    assert [(f.location.line, f.message) for f in result.findings] == [
        (7, "volume data"), (9, "volume cache")]
    assert skipping.READ[0] == before  # (nothing was skipped, so nothing read late)


def test_a_reader_of_a_skipped_path_gets_the_built_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = collect(make_manager(extra_plugins=(VolumesPlugin(),), autoload=False))
    monkeypatch.setattr(Registry, "builtin_only", lambda registry: True)  # (forced on)
    repo = _volumes_repository(tmp_path / "repo")
    before = skipping.READ[0]
    result = lint([str(repo)], Settings(root=str(repo), select=["XT016"]), registry)
    assert [(f.location.line, f.location.col, f.message) for f in result.findings] == [
        (7, 11, "volume data"), (9, 11, "volume cache")]
    assert skipping.READ[0] == before + 1  # (the stand-in of spec.volumes, read)


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpus")
def test_the_benchmark_generators_repository_says_the_same(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, generate)  # (dataclasses look it up)
    spec.loader.exec_module(generate)
    repo = tmp_path / "bench"
    generate.generate(repo, 150, 16, SHARED)
    assert _compare(repo, tmp_path, capfd, monkeypatch, ("json", "sarif", "text")) > 50
