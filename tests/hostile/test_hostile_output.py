"""Values and file names from input cannot act on a terminal, forge a line or break an encoder.

A scanned value may hold ESC/OSC sequences, BEL, newlines or a right-to-left
override; a file name may not be valid UTF-8. Line-oriented outputs (text,
github, junit, gitlab) show such characters as escapes; JSON and SARIF stay
valid documents (SARIF against its schema); no format crashes, and a report
that could not be written never empties the file it was to replace.
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hostile_support import add_canary, assert_canary, assert_clean_exit, run_cli

#: Everything a hostile value may carry to a terminal.
NASTY = "\x1b[2J\x1b]0;owned\x07\x1b]8;;http://x\x07link\x1b]8;;\x07\u202eexe.txt\x9b31m"
#: A value that would forge a whole finding line if printed raw.
FORGED = "x\nforged.yaml:1:1: SL101 [error] fake finding\r"
LINE_FORMATS = ("text", "concise", "github", "junit", "gitlab")
ALL_FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def _conf(value: str) -> str:
    """An SL209 finding quoting ``value`` in its key (unknown conf key)."""
    escaped = value.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    for separator in " :=":  # written escaped, so they stay in the key
        escaped = escaped.replace(separator, "\\" + separator)
    return f"spark.kubernetes.driver.{escaped}x 1\n"


@pytest.fixture
def hostile_values(tmp_path: Path) -> Path:
    (tmp_path / "values.conf").write_text(_conf(NASTY) + _conf(FORGED), encoding="utf-8")
    add_canary(tmp_path)
    return tmp_path


def _check(directory: Path, fmt: str, *extra: str) -> str:
    run = run_cli(["check", "--isolated", "--format", fmt, *extra, "."], directory)
    assert_clean_exit(run)
    return run.stdout


def _controls(text: str) -> set[str]:
    """Characters that act on a terminal or reorder text (newline aside)."""
    return {c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"}


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_line_formats_escape_controls_from_values(hostile_values: Path, fmt: str) -> None:
    out = _check(hostile_values, fmt)
    assert not _controls(out), sorted(_controls(out))
    assert "forged.yaml" not in {line.split(":", 1)[0] for line in out.splitlines()}
    if fmt in ("text", "concise"):
        assert "\\e[2J" in out and "\\u202eexe.txt" in out
        # Snippet lines (a gutter "12 | ..." or "   = help: ...") quote the file; a
        # forged finding line would have to start a line without one.
        finding_lines = [line for line in out.splitlines()
                         if " SL" in line and not line.startswith("note: ")
                         and not re.match(r"\s*\d*\s[|=]", line)]
        assert all(line.startswith(("values.conf:", "canary.conf:")) for line in finding_lines)
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    if fmt == "gitlab":
        json.loads(out)


@pytest.mark.parametrize("fmt", ("json", "sarif"))
def test_structured_formats_stay_valid_and_keep_the_value(
    hostile_values: Path, fmt: str, request: pytest.FixtureRequest
) -> None:
    out = _check(hostile_values, fmt)
    document = json.loads(out)
    assert "\\u001b[2J" in out  # escaped by JSON, and the value is intact
    if fmt == "sarif":
        _validate_sarif(document, request.getfixturevalue("sarif_schema"))


@pytest.fixture
def bad_name(tmp_path: Path) -> Path:
    """A file whose name is not valid UTF-8 (and holds an ESC), beside the canary."""
    if sys.platform == "darwin":  # pragma: no cover - APFS refuses such names
        pytest.skip("the file system refuses names that are not UTF-8")
    name = os.fsencode(tmp_path) + b"/bad\xff\x1b[31mname.conf"
    with open(name, "wb") as handle:
        handle.write(b"spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n")
    add_canary(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_a_file_name_that_is_not_utf8_in_every_format(
    bad_name: Path, fmt: str, request: pytest.FixtureRequest
) -> None:
    out = _check(bad_name, fmt)
    assert not _controls(out)
    if fmt in ("json", "sarif", "gitlab"):
        document = json.loads(out)
        if fmt == "sarif":
            _validate_sarif(document, request.getfixturevalue("sarif_schema"))
            uris = {
                loc["physicalLocation"]["artifactLocation"]["uri"]
                for result in document["runs"][0]["results"]
                for loc in result["locations"]
            }
            assert "bad%FF%1B%5B31mname.conf" in uris  # the file's own bytes
    if fmt == "text":
        assert "bad\\xff\\e[31mname.conf" in out


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_output_files_take_any_file_name(bad_name: Path, fmt: str) -> None:
    report = bad_name / "report.out"
    run = run_cli(
        ["check", "--isolated", "--format", fmt, "--output", str(report), "."], bad_name
    )
    assert_clean_exit(run)
    assert report.stat().st_size > 0


def test_a_failed_run_leaves_an_existing_report_intact(tmp_path: Path) -> None:
    add_canary(tmp_path)
    report = tmp_path / "out" / "report.sarif"
    report.parent.mkdir()
    report.write_text("previous report\n")
    # The second --output cannot be written: a usage error before anything is written.
    run = run_cli(
        ["check", "--isolated", "--format", "sarif", "--output", str(report),
         "--format", "json", "--output", str(tmp_path / "missing" / "x.json"), "."],
        tmp_path,
    )
    assert run.returncode == 2 and "internal error" not in run.stderr
    assert "missing" in run.stderr
    assert report.read_text() == "previous report\n"


def test_sarif_uris_are_relative_under_a_symlinked_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    add_canary(repo / "sub")
    os.symlink(repo, tmp_path / "link")
    run = run_cli(
        ["check", "--isolated", "--format", "sarif", "--root", str(tmp_path / "link"),
         "sub/canary.conf"], repo,
    )
    assert run.returncode == 1, run.stderr
    results = json.loads(run.stdout)["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert locations and all(
        loc == {"uri": "sub/canary.conf", "uriBaseId": "%SRCROOT%"} for loc in locations
    )


def _validate_sarif(document: object, schema: dict[str, Any]) -> None:
    from jsonschema import Draft4Validator

    errors = list(Draft4Validator(schema).iter_errors(document))
    assert not errors, errors[0].message


def test_canary_is_still_reported_with_hostile_names(bad_name: Path) -> None:
    run = run_cli(["check", "--isolated", "--format", "json", "."], bad_name)
    assert_clean_exit(run)
    assert_canary(run)
