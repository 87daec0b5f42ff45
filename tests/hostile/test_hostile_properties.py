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
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hostile_seeds import POD, SHELL, SPARK_DEFAULTS, START_JOB_RUN, WEIRD, YAML_KINDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from spotlint.cli.commands import cli
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.load.files import decode
from spotlint.load.textpos import LineIndex
from spotlint.report.base import get_reporter
from spotlint.result import RunResult


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


def _check_positions(result: RunResult, path: str, data: bytes) -> None:
    text, _ = decode(data)
    lines = LineIndex(text or "")
    for finding in result.findings:
        loc = finding.location
        if loc.path != path:
            continue
        assert 1 <= loc.line <= len(lines), (finding.code, loc, len(lines))
        assert 1 <= loc.col <= len(lines.line(loc.line)) + 1, (finding.code, loc)


def _check_outputs(result: RunResult, sarif_schema: dict[str, Any] | None = None) -> None:
    """JSON agrees with itself; SARIF parses, and is schema-valid when a schema is given."""
    sarif = json.loads(get_reporter("sarif").render(result))
    if sarif_schema is not None:
        errors = sorted(Draft4Validator(sarif_schema).iter_errors(sarif), key=str)
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
        assert json.loads(result.stdout)["runs"][0]["tool"]["driver"]["name"] == "spotlint"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["x.yaml", "x.json", "x.conf", "x.sh"]), st.binary(max_size=300))
def test_random_bytes_under_any_name(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, name)
        Path(path).write_bytes(b"spark.x: 1\n" + data)  # named explicitly: always parsed
        result = lint([path], Settings(root=root))
        _check_positions(result, path, b"spark.x: 1\n" + data)
        _check_outputs(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), st.tuples(st.sampled_from(["x.yaml", "x.json", "x.conf", "x.sh"]),
                                        st.binary(max_size=300))))
def test_sarif_of_any_document_is_schema_valid(
    sarif_schema: dict[str, Any], document: tuple[str, bytes]
) -> None:
    """The SARIF half of the checks above; it needs the schema in ../shared/data."""
    name, data = document
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, name)
        Path(path).write_bytes(data)
        Path(root, "exec.yaml").write_text(yaml.safe_dump(POD))
        _check_outputs(lint([path], Settings(root=root)), sarif_schema)
