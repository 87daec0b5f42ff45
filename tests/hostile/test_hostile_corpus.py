"""Malformed, binary, oddly encoded and oddly shaped files: a finding each, never a crash.

These run in-process (each is small) under ``signal.alarm`` so a hang fails
the test; a canary file beside them proves every other file is still linted.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import CANARY_NAME, CANARY_TEXT
from support.deadline import deadline as bounded

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.finding import Finding

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: driver\n  labels:\n    spark-role: driver\n"
    "spec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
    "  containers:\n  - name: spark-kubernetes-driver\n"
)
#: ``jobDriver`` comes first so every truncation still names something spotlint reads
#: (files found by walking that mention nothing spotlint reads are skipped unparsed).
START_JOB_RUN = (
    '{"jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://b/app.py",\n'
    '   "sparkSubmitParameters": "--conf spark.executor.instances=2"}},\n'
    ' "name": "j", "virtualClusterId": "v", "releaseLabel": "emr-6.9.0"}\n'
)


@pytest.fixture(autouse=True)
def _bounded_time() -> Iterator[None]:
    with bounded(20, "hostile input took longer than 20 s"):
        yield


def lint_with_canary(tmp_path: Path, name: str, data: bytes) -> list[Finding]:
    """Findings on ``name`` after linting it beside the canary; asserts the canary's."""
    (tmp_path / name).write_bytes(data)
    (tmp_path / CANARY_NAME).write_text(CANARY_TEXT)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path)))
    canary = [f.code for f in result.findings if f.location.path.endswith(CANARY_NAME)]
    assert "SL101" in canary
    return [f for f in result.findings if f.location.path.endswith(name)]


def sl001(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings if f.code == "SL001"]


# -- broken syntax at many positions ---------------------------------------------------


def _cuts(text: str) -> list[int]:
    return sorted({max(1, len(text) * k // 12) for k in range(1, 12)})


@pytest.mark.parametrize("cut", _cuts(POD))
def test_yaml_broken_at_many_positions(tmp_path: Path, cut: int) -> None:
    broken = POD[:cut] + '"[{\t: :\n' + POD[cut:]
    found = lint_with_canary(tmp_path, "pod.yaml", broken.encode())
    messages = sl001(found)
    assert messages and messages[0].startswith("invalid YAML"), messages
    lines = broken.splitlines()
    for finding in found:
        assert 1 <= finding.location.line <= len(lines)
        assert 1 <= finding.location.col <= len(lines[finding.location.line - 1]) + 1


@pytest.mark.parametrize("cut", _cuts(START_JOB_RUN))
def test_json_truncated_at_many_positions(tmp_path: Path, cut: int) -> None:
    found = lint_with_canary(tmp_path, "job.json", START_JOB_RUN[:cut].encode())
    messages = sl001(found)
    assert messages and messages[0].startswith("invalid JSON"), messages


# -- bytes that are not text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nul.yaml", POD.encode() + b"\x00\x01\x02", "binary file (NUL byte at line 12"),
        ("nul.json", b"\x00" * 64, "binary file (NUL byte at line 1, byte 1)"),
        ("random.yaml", bytes(range(256)) * 8, "binary file"),
        ("latin1.yaml", POD.replace("driver\n", "dr\xefver\n", 1).encode("latin-1"),
         "not valid UTF-8 text (line 4, byte 11)"),
        ("bad-utf16.yaml", codecs.BOM_UTF16_LE + b"a\x00:\x00 \x00\x00\xd8", "cannot decode"),
    ],
)
def test_undecodable_files_are_sl001(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    found = lint_with_canary(tmp_path, name, data)
    assert any(m.startswith(message) for m in sl001(found)), sl001(found)
    assert all((f.location.line, f.location.col) == (1, 1) for f in found)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_files_with_a_bom_are_read(tmp_path: Path, encoding: str) -> None:
    found = lint_with_canary(tmp_path, "pod.yaml", POD.encode(encoding))
    assert not sl001(found)
    assert "SL101" in {f.code for f in found}  # the driver pod on Spot was understood


# -- tags: nothing is constructed, nothing runs ----------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.check_output [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
        "!py!object/apply:os.system ['touch {marker}']",
    ],
)
def test_python_tags_never_execute(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "PWNED"
    directive = "%TAG !py! tag:yaml.org,2002:python/\n---\n" if "!py!" in payload else ""
    text = directive + POD + "  x: " + payload.format(marker=marker) + "\n"
    found = lint_with_canary(tmp_path, "pod.yaml", text.encode())
    assert not marker.exists()
    assert any(m.startswith("unsupported YAML tag") for m in sl001(found)), sl001(found)


def test_local_tags_are_unknown_values_not_errors(tmp_path: Path) -> None:
    text = POD.replace("capacity-type: spot", "capacity-type: !Ref Capacity")
    found = lint_with_canary(tmp_path, "pod.yaml", text.encode())
    assert not sl001(found)
    assert "SL101" not in {f.code for f in found}  # unknown: not judged


# -- shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "spark.x\n",
        "- spark.x\n- 1\n",
        "42\n",
        "~\n",
        "---\n---\n...\n",
        "kind: Pod\n",
        "kind: [Pod]\napiVersion: {v: 1}\n",
        "? [spark, x]\n: 1\n",
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec: []\n",
        "apiVersion: karpenter.sh/v1\nkind: NodePool\nspec: 5\n",
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmanagedNodeGroups: {a: 1}\n",
    ],
)
def test_documents_of_odd_shape_do_not_crash(tmp_path: Path, text: str) -> None:
    found = lint_with_canary(tmp_path, "odd.yaml", text.encode())
    assert not sl001(found)


def test_duplicate_keys_the_later_value_is_the_one_linted(tmp_path: Path) -> None:
    """As in PyYAML, JSON and Spark's properties reader, the last duplicate wins."""
    text = POD.replace(
        "karpenter.sh/capacity-type: spot\n",
        "karpenter.sh/capacity-type: on-demand\n    karpenter.sh/capacity-type: spot\n",
    )
    found = lint_with_canary(tmp_path, "pod.yaml", text.encode())
    spot = [f for f in found if f.code == "SL101"]
    assert spot and spot[0].location.line == 10  # the second, Spot, line


def test_huge_scalar_and_numbers_stay_bounded(tmp_path: Path) -> None:
    text = (
        "spark.a: " + "x" * 5_000_000 + "\n"
        + "spark.b: 1" + ":1" * 200_000 + "\n"  # YAML 1.1 sexagesimal: quadratic in PyYAML
        + "spark.c: 1" + ":1" * 2_000 + ".5\n"  # overflowed float() before
        + "spark.d: " + "9" * 100_000 + "\n"
    )
    found = lint_with_canary(tmp_path, "values.yaml", text.encode())
    assert not sl001(found)


def test_undefined_alias_is_a_parse_error(tmp_path: Path) -> None:
    found = lint_with_canary(tmp_path, "alias.yaml", b"spark.a: *nowhere\n")
    assert sl001(found) == ["invalid YAML: found undefined alias 'nowhere'"]
