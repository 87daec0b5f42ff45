"""Property tests: any document of any kind, well-formed or mangled, lints cleanly.

For random documents of every input kind, with fields deleted, values swapped
for other types and random bytes spliced in, the engine and the CLI never raise,
the JSON and SARIF outputs are valid, and every finding on the file points at a
real position in it.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spotlint.cli import cli
from spotlint.engine import lint
from spotlint.load.files import decode
from spotlint.load.textpos import LineIndex
from spotlint.report.base import get_reporter
from spotlint.result import RunResult
from spotlint.settings import Settings

SHARED = Path(__file__).resolve().parents[3] / "shared"

POD = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "exec", "labels": {"spark-role": "executor"}},
    "spec": {
        "nodeSelector": {"karpenter.sh/capacity-type": "spot"},
        "affinity": {"nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                {"matchExpressions": [{"key": "topology.kubernetes.io/zone",
                                       "operator": "In", "values": ["us-east-1a"]}]}]},
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 1, "preference": {"matchExpressions": [
                    {"key": "karpenter.sh/capacity-type", "operator": "In",
                     "values": ["on-demand"]}]}}]}},
        "tolerations": [{"key": "spot", "operator": "Exists", "effect": "NoSchedule"}],
        "containers": [{"name": "spark-kubernetes-executor", "image": "spark:3.5.1"}],
    },
}
KUBEFLOW = {
    "apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",
    "metadata": {"name": "app"},
    "spec": {
        "sparkVersion": "3.5.1", "image": "spark:3.5.1",
        "sparkConf": {"spark.decommission.enabled": "true",
                      "spark.kubernetes.executor.podTemplateFile": "exec.yaml",
                      "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type": "spot"},
        "nodeSelector": {"team": "data"},
        "dynamicAllocation": {"enabled": True, "minExecutors": 1, "maxExecutors": 10,
                              "shuffleTrackingTimeout": 60},
        "driver": {"nodeSelector": {"karpenter.sh/capacity-type": "on-demand"},
                   "tolerations": [{"key": "a", "operator": "Equal", "value": "b"}],
                   "template": {"spec": {"nodeSelector": {"x": "y"}}}},
        "executor": {"instances": 2, "affinity": {"nodeAffinity": {}}},
    },
}
APACHE = {
    "apiVersion": "spark.apache.org/v1", "kind": "SparkApplication",
    "metadata": {"name": "app"},
    "spec": {"runtimeVersions": {"sparkVersion": "4.0.0"},
             "sparkConf": {"spark.executor.instances": "3"},
             "driverSpec": {"podTemplateSpec": {"spec": {"nodeSelector": {
                 "karpenter.sh/capacity-type": "spot"}}}},
             "executorSpec": {"podTemplateSpec": {"spec": {"tolerations": []}}}},
}
START_JOB_RUN = {
    "name": "job", "virtualClusterId": "vc", "releaseLabel": "emr-6.9.0-latest",
    "jobDriver": {"sparkSubmitJobDriver": {
        "entryPoint": "s3://b/app.py",
        "sparkSubmitParameters": "--conf spark.executor.instances=2 --num-executors 3 "
                                 "--conf spark.kubernetes.executor.node.selector.x=spot"}},
    "configurationOverrides": {"applicationConfiguration": [
        {"classification": "spark-defaults",
         "properties": {"spark.dynamicAllocation.enabled": "true"},
         "configurations": [{"classification": "x", "properties": {}}]}]},
}
ACK = {
    "apiVersion": "emrcontainers.services.k8s.aws/v1alpha1", "kind": "JobRun",
    "metadata": {"name": "run"},
    "spec": {"name": "run", "virtualClusterID": "vc", "releaseLabel": "emr-7.0.0-latest",
             "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://b/a.py",
                                                    "sparkSubmitParameters": "--conf a=b"}},
             "configurationOverrides": json.dumps(START_JOB_RUN["configurationOverrides"])},
}
PROVISIONER = {
    "apiVersion": "karpenter.sh/v1alpha5", "kind": "Provisioner", "metadata": {"name": "p"},
    "spec": {"requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In",
                               "values": ["spot"]}],
             "labels": {"team": "a"}, "taints": [{"key": "t", "effect": "NoSchedule"}],
             "limits": {"resources": {"cpu": 100}}, "ttlSecondsAfterEmpty": 30,
             "providerRef": {"name": "default"}},
}
NODEPOOL = {
    "apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "np"},
    "spec": {"template": {"metadata": {"labels": {"pool": "spark"}},
                          "spec": {"requirements": [
                              {"key": "node.kubernetes.io/instance-type", "operator": "In",
                               "values": ["m5.xlarge", "m6i.xlarge"]},
                              {"key": "topology.kubernetes.io/zone", "operator": "In",
                               "values": ["us-east-1a"]}],
                              "nodeClassRef": {"group": "karpenter.k8s.aws",
                                               "kind": "EC2NodeClass", "name": "default"},
                              "taints": [{"key": "spark", "value": "x",
                                          "effect": "NoSchedule"}]}},
             "limits": {"cpu": 1000}, "disruption": {"consolidationPolicy": "WhenEmpty"}},
}
NODECLASS = {
    "apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass",
    "metadata": {"name": "default"}, "spec": {"amiFamily": "AL2", "role": "r"},
}
EKSCTL = {
    "apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig",
    "metadata": {"name": "c", "region": "us-east-1"},
    "availabilityZones": ["us-east-1a", "us-east-1b"],
    "vpc": {"subnets": {"private": {"us-east-1a": {"id": "subnet-1"}}}},
    "managedNodeGroups": [{"name": "m", "spot": True, "instanceTypes": ["m5.large", "m5a.large"],
                           "labels": {"a": "b"}, "taints": [{"key": "k", "effect": "NoSchedule"}],
                           "subnets": ["us-east-1a"], "minSize": 0, "maxSize": 5}],
    "nodeGroups": [{"name": "s", "instanceType": "mixed",
                    "instancesDistribution": {"instanceTypes": ["c5.large"],
                                              "onDemandPercentageAboveBaseCapacity": 0,
                                              "spotAllocationStrategy": "lowest-price"},
                    "taints": {"k": "v:NoSchedule"}, "availabilityZones": ["us-east-1a"]}],
}
YAML_KINDS = {
    "pod.yaml": POD, "kubeflow.yaml": KUBEFLOW, "apache.yaml": APACHE, "ack.yaml": ACK,
    "provisioner.yaml": PROVISIONER, "nodepool.yaml": NODEPOOL, "nodeclass.yaml": NODECLASS,
    "eksctl.yaml": EKSCTL,
}
SPARK_DEFAULTS = (
    "# defaults\nspark.master k8s://https://k8s\nspark.decommission.enabled=true\n"
    "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type : spot\n"
    "spark.kubernetes.executor.podTemplateFile exec.yaml\nspark.executor.memory \\\n  4g\n"
)
SHELL = (
    "#!/bin/sh\nset -e\nREL=emr-6.9.0\n"
    "aws emr-containers start-job-run --virtual-cluster-id vc --name job \\\n"
    "  --release-label \"$REL\" --job-driver '{\"sparkSubmitJobDriver\": {\"entryPoint\": "
    "\"s3://b/a.py\", \"sparkSubmitParameters\": \"--conf spark.executor.instances=2\"}}' \\\n"
    "  --configuration-overrides \"$(cat <<EOF\n"
    "{\"applicationConfiguration\": [{\"classification\": \"spark-defaults\", "
    "\"properties\": {\"spark.dynamicAllocation.enabled\": \"true\"}}]}\nEOF\n)\"\n"
    "spark-submit --master k8s://https://k8s --conf spark.executor.instances=${N} \\\n"
    "  --conf 'spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type=spot' app.py\n"
)
WEIRD: list[Any] = [None, True, False, 0, -1, 2**70, 1.5, "", "x", "${VAR}", "{{ .Values.x }}",
                    [], {}, [1, [2]], {"a": {"b": None}}, "s3://b/x", "../../../etc/passwd",
                    "k8s://x", "\u2028", "a\x0cb", "0:1:2:3", "!!binary"]


def _mutate(value: Any, rnd: random.Random, rate: float) -> Any:
    """Delete fields, swap values for other types, recurse; ``rate`` sets how much."""
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, child in value.items():
            roll = rnd.random()
            if roll < rate / 2:
                continue
            out[key] = rnd.choice(WEIRD) if roll < rate else _mutate(child, rnd, rate)
        return out
    if isinstance(value, list):
        items = [_mutate(c, rnd, rate) for c in value if rnd.random() >= rate / 2]
        if rnd.random() < rate:
            items.append(rnd.choice(WEIRD))
        return items
    return rnd.choice(WEIRD) if rnd.random() < rate else value


def _mangle_text(text: str, rnd: random.Random, rate: float) -> str:
    chars = list(text)
    for _ in range(int(len(chars) * rate / 10)):
        at = rnd.randrange(len(chars) + 1)
        chars[at:at] = rnd.choice(["'", '"', "\\", "$(", "${", "=", "\n", " --conf ", "<<EOF\n",
                                   "`", "#", ":", "\t", "{", "]", "\u2028", "\x0c", "\r"])
    return "".join(chars)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: one input kind, perhaps mutated, perhaps spliced."""
    rnd = draw(st.randoms(use_true_random=False))
    rate = draw(st.sampled_from([0.0, 0.05, 0.2, 0.5]))
    kind = draw(st.sampled_from([*YAML_KINDS, "startjobrun.json", "spark-defaults.conf",
                                 "submit.sh"]))
    if kind in YAML_KINDS:
        docs = [_mutate(YAML_KINDS[kind], rnd, rate)]
        if rnd.random() < 0.2:
            docs.append(rnd.choice(WEIRD))
        data = yaml.safe_dump_all(docs, allow_unicode=True).encode()
    elif kind.endswith(".json"):
        data = json.dumps(_mutate(START_JOB_RUN, rnd, rate), indent=rnd.choice([None, 1])).encode()
    else:
        base = SPARK_DEFAULTS if kind.endswith(".conf") else SHELL
        data = _mangle_text(base, rnd, rate).encode()
    if draw(st.booleans()) and rate:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at:]
    return kind, data


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads((SHARED / "data" / "sarif-schema-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def _check_positions(result: RunResult, path: str, data: bytes) -> None:
    text, _ = decode(data)
    lines = LineIndex(text or "")
    for finding in result.findings:
        loc = finding.location
        if loc.path != path:
            continue
        assert 1 <= loc.line <= len(lines), (finding.code, loc, len(lines))
        assert 1 <= loc.col <= len(lines.line(loc.line)) + 1, (finding.code, loc)


def _check_outputs(result: RunResult) -> None:
    sarif = json.loads(get_reporter("sarif").render(result))
    errors = sorted(_sarif_validator().iter_errors(sarif), key=str)
    assert not errors, errors[0].message
    report = json.loads(get_reporter("json").render(result))
    assert report["summary"]["findings"] == len(report["findings"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_engine_never_raises_and_outputs_stay_valid(document: tuple[str, bytes]) -> None:
    name, data = document
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, name)
        Path(path).write_bytes(data)
        Path(root, "exec.yaml").write_text(yaml.safe_dump(POD))
        result = lint([path], Settings(root=root))
        _check_positions(result, path, data)
        _check_outputs(result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_cli_never_prints_a_traceback(document: tuple[str, bytes]) -> None:
    name, data = document
    with tempfile.TemporaryDirectory() as root:
        Path(root, name).write_bytes(data)
        result = CliRunner().invoke(
            cli, ["check", "--isolated", "--format", "sarif", os.path.join(root, name)]
        )
        assert result.exit_code in (0, 1), (result.exit_code, result.stderr, result.exception)
        assert "Traceback" not in result.stderr
        sarif = json.loads(result.stdout)
        assert not list(_sarif_validator().iter_errors(sarif))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["x.yaml", "x.json", "x.conf", "x.sh"]), st.binary(max_size=300))
def test_random_bytes_under_any_name(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, name)
        Path(path).write_bytes(b"spark.x: 1\n" + data)  # named explicitly: always parsed
        result = lint([path], Settings(root=root))
        _check_positions(result, path, b"spark.x: 1\n" + data)
        _check_outputs(result)
