"""Every field of every input kind, given every wrong type: SL002 or silence, never a crash.

One multi-document file per (kind, wrong value) holds one copy of the seed
document per field, with that field replaced; the engine must lint it without
raising, keep positions inside the file, and report the typed fields spotlint
reads as SL002 at the field.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_seeds import SHELL, SPARK_DEFAULTS, START_JOB_RUN, YAML_KINDS

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.finding import Finding
from spotlint.load.textpos import LineIndex

WRONG: dict[str, Any] = {
    "list": ["x", {"y": 1}],
    "map": {"x": [1]},
    "int": 7,
    "bool": True,
    "null": None,
    "string": "not-a-collection",
}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def _lint(tmp_path: Path, name: str, text: str) -> list[Finding]:
    file = tmp_path / name
    file.write_text(text)
    result = lint([str(file)], Settings(root=str(tmp_path)))
    lines = LineIndex(text)
    for finding in result.findings:
        loc = finding.location
        if loc.path == str(file):
            assert 1 <= loc.line <= len(lines), finding
            assert 1 <= loc.col <= len(lines.line(loc.line)) + 1, finding
    return result.findings


@pytest.mark.parametrize("wrong", sorted(WRONG))
@pytest.mark.parametrize("kind", sorted(YAML_KINDS))
def test_every_field_of_a_yaml_kind_with_a_wrong_type(
    tmp_path: Path, kind: str, wrong: str
) -> None:
    seed = YAML_KINDS[kind]
    paths = [p for p in _paths(seed) if p[-1] not in ("apiVersion", "kind")]
    docs = [_replaced(seed, path, WRONG[wrong]) for path in paths]
    findings = _lint(tmp_path, kind, yaml.safe_dump_all(docs))
    assert not [f for f in findings if f.code == "SL001"]


@pytest.mark.parametrize("wrong", sorted(WRONG))
def test_every_field_of_a_start_job_run_with_a_wrong_type(tmp_path: Path, wrong: str) -> None:
    for index, path in enumerate(_paths(START_JOB_RUN)):
        text = json.dumps(_replaced(START_JOB_RUN, path, WRONG[wrong]), indent=1)
        findings = _lint(tmp_path, f"job{index}.json", text)
        assert not [f for f in findings if f.code == "SL001"]


#: (kind, field path, wrong value) that spotlint reads and must report as SL002.
TYPED = [
    ("pod.yaml", ("spec", "nodeSelector"), "list"),
    ("pod.yaml", ("spec", "tolerations"), "map"),
    ("kubeflow.yaml", ("spec", "sparkConf"), "list"),
    ("kubeflow.yaml", ("spec", "driver"), "string"),
    ("apache.yaml", ("spec", "sparkConf"), "int"),
    ("ack.yaml", ("spec", "jobDriver"), "string"),
    ("provisioner.yaml", ("spec", "requirements"), "map"),
    ("nodepool.yaml", ("spec", "template", "spec", "requirements"), "string"),
    ("nodeclass.yaml", ("metadata", "name"), "map"),
    ("eksctl.yaml", ("managedNodeGroups", 0, "spot"), "string"),
    ("eksctl.yaml", ("managedNodeGroups",), "map"),
]


@pytest.mark.parametrize(("kind", "path", "wrong"), TYPED)
def test_fields_spotlint_reads_are_sl002_at_the_field(
    tmp_path: Path, kind: str, path: tuple[Any, ...], wrong: str
) -> None:
    text = yaml.safe_dump(_replaced(YAML_KINDS[kind], path, WRONG[wrong]))
    findings = _lint(tmp_path, kind, text)
    dotted = ".".join(str(p) for p in path)
    sl002 = [f for f in findings if f.code == "SL002" and f"'{dotted}'" in f.message]
    assert sl002, [(f.code, f.message) for f in findings]
    field_line = next(
        number for number in range(1, len(LineIndex(text)) + 1)
        if LineIndex(text).line(number).lstrip(" -").startswith(f"{path[-1]}:")
        or isinstance(path[-1], int)
    )
    assert sl002[0].location.line >= field_line


@pytest.mark.parametrize(
    "text",
    [
        SPARK_DEFAULTS.replace("k8s://https://k8s", "[1, 2]").replace("exec.yaml", "{a: 1}"),
        "spark.executor.instances\nspark.dynamicAllocation.enabled=\n=\n:\nspark.x:=:=\n",
        SHELL.replace('"sparkSubmitJobDriver": {', '"sparkSubmitJobDriver": [{').replace(
            "}}' ", "}]}' "
        ),
        SHELL.replace('"applicationConfiguration": [', '"applicationConfiguration": {"a": ['),
        SHELL.replace('{\\"sparkSubmitJobDriver', '5, {\\"sparkSubmitJobDriver'),
        "aws emr-containers start-job-run --job-driver '{\"sparkSubmitJobDriver\": 5}'\n",
        "aws emr-containers start-job-run --job-driver '{broken'\n",
        "spark-submit --conf --conf --conf\nspark-submit --master\n",
    ],
)
def test_properties_and_scripts_with_wrong_shapes(tmp_path: Path, text: str) -> None:
    name = "submit.sh" if ("aws " in text or "spark-submit" in text) else "spark-defaults.conf"
    findings = _lint(tmp_path, name, text)
    assert not [f for f in findings if f.code == "SL001"]
