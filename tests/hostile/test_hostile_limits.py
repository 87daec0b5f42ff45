"""Inputs built to exhaust time or memory: each is an SL001 naming the limit, in bounds.

Every case runs the CLI in a child process capped at 1 GiB of address space and
60 s, beside a known-bad canary file whose finding must still be reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, assert_clean_exit, check_json, run_cli


def _write(name: str, text: str) -> Callable[[Path], str]:
    def make(directory: Path) -> str:
        (directory / name).write_text(text)
        return name

    return make


def _billion_laughs() -> str:
    lines = ['spark.lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _fifty_megabytes(directory: Path) -> str:
    with open(directory / "big.yaml", "wb") as handle:
        handle.write(b"spark.executor.instances: 1\n")
        chunk = b"# " + b"x" * (1024 * 1024 - 3) + b"\n"
        for _ in range(50):
            handle.write(chunk)
    return "big.yaml"


DEEP = 100_000
#: Cases that only need *a* node limit run with this one, to keep the suite fast;
#: "millions-of-values" checks the default.
SMALL_NODES = ("--limit", "max-nodes=50000")
#: name -> (make the file, substring of its SL001 message, extra CLI arguments)
CASES: dict[str, tuple[Callable[[Path], str], str, tuple[str, ...]]] = {
    "deep-flow-yaml": (
        _write("deep.yaml", "spark.x: " + "[" * DEEP + "]" * DEEP + "\n"),
        "max-depth",
        (),
    ),
    "deep-flow-maps": (
        _write("maps.yaml", "spark.x: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n"),
        "max-depth",
        (),
    ),
    "deep-dashes": (_write("dashes.yaml", "spark.x:\n" + "- " * DEEP + "x\n"), "max-depth", ()),
    "deep-block-maps": (
        _write("block.yaml", "spark.x:\n" + "".join(" " * i + "k:\n" for i in range(1, 2000))),
        "max-depth",
        (),
    ),
    "deep-json": (
        _write("deep.json", '{"jobDriver": ' + "[" * DEEP + "]" * DEEP + "}"),
        "max-depth",
        (),
    ),
    "billion-laughs": (_write("laughs.yaml", _billion_laughs()), "max-alias-expansion", ()),
    "fifty-megabytes": (_fifty_megabytes, "max-file-bytes", ()),
    "millions-of-values": (
        _write("values.yaml", "spark.x: [" + "1," * 3_000_000 + "1]\n"),
        "max-nodes",
        (),
    ),
    "millions-of-json-values": (
        _write("values.json", '{"jobDriver": [' + "{}," * 200_000 + "{}]}"),
        "max-nodes",
        SMALL_NODES,
    ),
    "many-documents": (
        _write("docs.yaml", "spark.x: 1\n" + "---\nspark.y: 2\n" * 5000),
        "max-documents",
        (),
    ),
    "many-properties": (
        _write("many.conf", "".join(f"spark.k{i} v\n" for i in range(60_000))),
        "max-nodes",
        SMALL_NODES,
    ),
    "many-shell-words": (
        _write("many.sh", "spark-submit --conf spark.x=1 app.jar\n" * 200_000),
        "max-nodes",
        (),
    ),
    "json-argument-bomb": (
        _write(
            "arg.sh",
            "aws emr-containers start-job-run --release-label emr-6.9.0 --job-driver '["
            + "{}," * 100_000
            + "{}]'\n",
        ),
        "max-nodes",
        SMALL_NODES,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_limit_is_an_sl001_naming_it_and_neighbours_are_linted(
    case: str, tmp_path: Path
) -> None:
    make, limit, extra = CASES[case]
    name = make(tmp_path)
    add_canary(tmp_path)
    run = check_json(tmp_path, *extra)
    assert_clean_exit(run)
    messages = [f["message"] for f in run.findings(name) if f["code"] == "SL001"]
    assert any(limit in m for m in messages), (messages, run.stderr[-2000:])
    assert_canary(run)
    assert run.seconds < 30, run.seconds


def test_limits_are_configurable_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text("spark.x: [[[1]]]\n---\nspark.y: 1\n")
    add_canary(tmp_path)
    run = check_json(tmp_path, "--limit", "max-depth=2", "--limit", "max-documents=1")
    assert_clean_exit(run)
    messages = sorted(f["message"] for f in run.findings("small.yaml"))
    assert messages == ["nesting deeper than max-depth=2"]
    relaxed = check_json(tmp_path, "--limit", "max-depth=5")
    assert not [f for f in relaxed.findings("small.yaml") if f["code"] == "SL001"]
    tiny = check_json(tmp_path, "--limit", "max-file-bytes=10")
    assert [f["message"] for f in tiny.findings("small.yaml")] == [
        "file larger than max-file-bytes=10"
    ]


@pytest.mark.parametrize(
    "given", ["max-depth", "max-dept=3", "max-depth=0", "max-depth=-1", "max-depth=x"]
)
def test_bad_limit_option_is_a_usage_error(given: str, tmp_path: Path) -> None:
    add_canary(tmp_path)
    run = check_json(tmp_path, "--limit", given)
    assert run.returncode == 2
    assert run.stderr.startswith("spotlint: error: --limit:"), run.stderr
    assert "Traceback" not in run.stderr


def test_fifo_named_explicitly_or_found_in_a_directory_never_hangs(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    add_canary(tmp_path)
    walked = check_json(tmp_path, timeout=20)
    assert_clean_exit(walked)
    assert_canary(walked)
    assert walked.findings("pipe.yaml") == []  # not a regular file: never opened
    named = run_cli(
        ["check", "--isolated", "--format", "json", "pipe.yaml", "canary.conf"], tmp_path,
        timeout=20,
    )
    assert_clean_exit(named)
    assert [f["message"] for f in named.findings("pipe.yaml")] == [
        "cannot read file: not a regular file"
    ]
    assert_canary(named)
