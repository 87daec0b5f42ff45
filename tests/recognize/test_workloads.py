"""Spark held by workloads, Argo workflows, ConfigMaps and Helm values, positioned in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.model import JobKind, Project
from spotlint.recognize.helm import HelmValuesKind
from spotlint.recognize.kinds import NormalizeContext
from spotlint.recognize.workload_kind import WorkloadKind
from spotlint.result import RunResult


def position(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def project_of(text: str, path: str = "w.yaml") -> tuple[Project, list[str]]:
    """Normalize every document with the workload kind, then what it embedded (one level)."""
    from spotlint.recognize import builtin_kinds

    loaded = load_yaml_text(path, text, Limits())
    project = Project()
    ctx = NormalizeContext(file=loaded, project=project)
    kind = WorkloadKind()
    for doc in loaded.documents:
        if kind.matches(doc, loaded):
            kind.normalize(doc, ctx)
    for piece in loaded.embedded:
        inner = NormalizeContext(file=piece, project=project, _source=ctx.source)
        for doc in piece.documents:
            match = next((k for k in builtin_kinds() if k.matches(doc, piece)), None)
            if match is not None:
                match.normalize(doc, inner)
    return project, [getattr(p, "origin", "") for p in loaded.embedded]


def run(tmp_path: Path, text: str, *codes: str, name: str = "w.yaml") -> RunResult:
    path = tmp_path / name
    path.write_text(text)
    return lint([str(path)], Settings(root=str(tmp_path), select=list(codes)))


JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: submit
spec:
  template:
    spec:
      initContainers:
        - name: wait
          image: busybox
          command: ["sh", "-c", "sleep 5"]
      containers:
        - name: submit
          image: apache/spark:3.5.1
          command: ["/opt/spark/bin/spark-submit"]
          args: ["--master", "k8s://https://k", "--conf", "spark.executor.cores=$(CORES)",
                 "--conf", 'spark.decommission.enabled=true', "local:///app.py"]
"""


def test_spark_submit_arguments_of_a_job_container() -> None:
    project, embedded = project_of(JOB)
    (job,) = project.jobs
    assert job.kind is JobKind.SPARK_SUBMIT and embedded == []
    decommission = job.conf.get("spark.decommission.enabled")
    assert decommission is not None and decommission.text == "true"
    assert (decommission.key_node.loc.line, decommission.key_node.loc.col) == position(
        JOB, "spark.decommission.enabled")
    cores = job.conf.get("spark.executor.cores")
    assert cores is not None and cores.unknown  # Kubernetes fills $(CORES) from the env


@pytest.mark.parametrize("kind,path", [
    ("CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"),
    ("Deployment", "spec:\n  template:\n    spec:\n"),
    ("StatefulSet", "spec:\n  template:\n    spec:\n"),
    ("DaemonSet", "spec:\n  template:\n    spec:\n"),
])
def test_every_workload_kind_is_read(kind: str, path: str) -> None:
    depth = len(path.splitlines()[-1]) - len(path.splitlines()[-1].lstrip()) + 2
    pad = " " * depth
    group = "batch/v1" if kind == "CronJob" else "apps/v1"
    text = (f"apiVersion: {group}\nkind: {kind}\nmetadata:\n  name: x\n{path}"
            f"{pad}containers:\n{pad}  - name: c\n{pad}    image: i\n"
            f"{pad}    command: [bash, -ec, 'spark-submit --conf "
            "spark.dynamicAllocation.enabled=true x.py']\n")
    project, embedded = project_of(text)
    assert embedded == ["a container's shell command"]
    (job,) = project.jobs
    value = job.conf.get("spark.dynamicAllocation.enabled")
    assert value is not None and (value.node.loc.line, value.node.loc.col) == position(
        text, "true x.py")


ARGO = """apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: etl-
spec:
  templates:
    - name: container
      container:
        image: spark
        command: [spark-submit]
        args: [--conf, spark.a.b=1, app.py]
    - name: script
      script:
        image: spark
        command: [sh]
        source: |
          echo start
          spark-submit --conf spark.c.d=2 app.py
    - name: python
      script:
        image: python
        command: [python3]
        source: |
          print("spark-submit --conf spark.e.f=3")
    - name: set
      containerSet:
        containers:
          - name: one
            image: spark
            args: ["spark-submit --conf spark.g.h=4 app.py"]
    - name: resource
      resource:
        action: create
        manifest: |
          apiVersion: sparkoperator.k8s.io/v1beta2
          kind: SparkApplication
          metadata:
            name: from-argo
          spec:
            sparkConf:
              spark.i.j: "5"
"""


def test_argo_templates() -> None:
    project, embedded = project_of(ARGO)
    keys = sorted(k for job in project.jobs for k in (v.key for v in job.conf))
    assert keys == ["spark.a.b", "spark.c.d", "spark.g.h", "spark.i.j"]
    assert embedded == ["an Argo script template", "a container argument",
                        "an Argo resource manifest"]
    manifest_job = next(j for j in project.jobs if j.kind is JobKind.SPARK_APPLICATION)
    value = manifest_job.conf.get("spark.i.j")
    assert value is not None and (value.node.loc.line, value.node.loc.col) == position(ARGO, '"5"')


CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: spark
data:
  spark-defaults.conf: |
    spark.master k8s://https://k
    spark.decommission.enabled true
  executor: |
    apiVersion: v1
    kind: Pod
    spec:
      nodeSelector:
        karpenter.sh/capacity-type: spot
      containers:
        - name: spark-kubernetes-executor
  settings.json: '{"spark.ignored": true}'
  notes: just text about spark.things
  log4j2.properties: |
    rootLogger.level = info
"""


def test_configmap_values_by_name_and_by_content() -> None:
    project, embedded = project_of(CONFIGMAP)
    assert embedded == ["ConfigMap data 'spark-defaults.conf'", "ConfigMap data 'executor'",
                        "ConfigMap data 'settings.json'"]
    (job,) = project.jobs
    assert job.kind is JobKind.SPARK_DEFAULTS and job.anchor.loc.line == 7
    (template,) = project.templates
    assert template.name == "executor" and template.placement.role is not None
    selector = template.placement.node_selector["karpenter.sh/capacity-type"]
    assert (selector.loc.line, selector.loc.col) == position(CONFIGMAP, "spot")


def test_a_pod_that_submits_is_a_job_and_a_template(tmp_path: Path) -> None:
    pod = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: submitter\nspec:\n  containers:\n"
           "    - name: c\n      image: spark\n"
           "      command: [spark-submit, --conf, spark.decommission.enabled=yes, app.py]\n")
    result = run(tmp_path, pod, "SL210")
    assert [(f.location.line, f.location.col) for f in result.active] == [
        position(pod, "yes")]


def test_helm_values_beside_a_chart(tmp_path: Path) -> None:
    values = (
        "sparkConf:\n  spark.master: k8s://https://k\n"
        "clusters:\n  - name: a\n    spark:\n      sparkConf:\n        spark.executor.cores: '2'\n"
        "defaults:\n  spark-defaults.conf: |\n    spark.decommission.enabled yes\n"
    )
    (tmp_path / "values.yaml").write_text(values)
    loaded = load_yaml_text(str(tmp_path / "values.yaml"), values, Limits())
    kind = HelmValuesKind()
    assert not kind.matches(loaded.documents[0], loaded)  # no Chart.yaml yet
    (tmp_path / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 1.0.0\n")
    assert kind.matches(loaded.documents[0], loaded)
    ctx = NormalizeContext(file=loaded, project=Project())
    kind.normalize(loaded.documents[0], ctx)
    assert sorted(j.name for j in ctx.project.jobs) == [
        "values.yaml: clusters.spark.sparkConf", "values.yaml: sparkConf"]
    assert all(j.kind is JobKind.HELM_VALUES for j in ctx.project.jobs)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL210"]))
    assert [(f.location.line, f.location.col) for f in result.active] == [
        position(values, "yes")]


def test_mounts_map_paths_to_configmap_keys() -> None:
    from spotlint.recognize.workloads import Mounts, config_map_volumes

    doc = load_yaml_text("p.yaml", (
        "volumes:\n"
        "  - {name: one, configMap: {name: cm-one}}\n"
        "  - {name: listed, configMap: {name: cm-two, items: [{key: exec, path: e.yaml}]}}\n"
        "  - {name: empty, emptyDir: {}}\n"
        "container:\n"
        "  volumeMounts:\n"
        "    - {name: one, mountPath: /opt/spark/conf/driver.yaml, subPath: driver}\n"
        "    - {name: listed, mountPath: /templates/}\n"
        "    - {name: empty, mountPath: /tmp}\n"
    ), Limits()).documents[0]
    volumes = config_map_volumes(doc.get("volumes"))
    assert sorted(volumes) == ["listed", "one"]
    container = doc.get("container")
    assert container is not None
    mounts = Mounts(container, volumes)
    assert mounts("/opt/spark/conf/driver.yaml") == ("cm-one", "driver")
    assert mounts("file:///templates/e.yaml") == ("cm-two", "exec")
    assert mounts("/templates/other.yaml") is None  # not among the listed items
    assert mounts("/tmp/x.yaml") is None and mounts("/opt/spark/conf/other.yaml") is None
