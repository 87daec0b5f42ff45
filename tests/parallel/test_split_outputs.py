"""A run shared by two processes writes, byte for byte, what one process writes.

Every output format is written by one command (``--format F --output FILE`` pairs),
once with ``--jobs 1`` and once with ``--jobs 2``, over the repository's examples, the
rule fixtures linted as one tree, and the corpus beside the repository. The spy of
the conftest asserts that the second run was really split (files one per piece, so
that jobs, their templates and the pools that host them often land in different
processes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support.splits import Splits

from spotlint.cli.commands import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "rules" / "examples"
FORMATS = ("text", "concise", "json", "sarif", "gitlab", "junit", "github")


def outputs(paths: list[str], jobs: int, out: Path, *args: str) -> tuple[int, dict[str, bytes]]:
    """The exit code and every format's bytes of one ``spotlint check``."""
    out.mkdir(parents=True, exist_ok=True)
    argv = ["check", *paths, "--jobs", str(jobs), *args]
    for fmt in FORMATS:
        argv += ["--format", fmt, "--output", str(out / fmt)]
    result = CliRunner().invoke(cli, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, {fmt: (out / fmt).read_bytes() for fmt in FORMATS}


def assert_same(paths: list[str], tmp_path: Path, splits: Splits, *args: str) -> None:
    serial = outputs(paths, 1, tmp_path / "serial", *args)
    assert splits.done == 0
    split = outputs(paths, 2, tmp_path / "split", *args)
    assert splits.done == 1, splits.given_up
    assert b'"findings": []' not in serial[1]["json"]  # an empty comparison proves nothing
    assert split == serial


def test_examples(tmp_path: Path, splits: Splits) -> None:
    assert_same([str(EXAMPLES)], tmp_path, splits)


def test_examples_with_statistics_and_unused_suppressions(tmp_path: Path, splits: Splits) -> None:
    assert_same([str(EXAMPLES)], tmp_path, splits, "--statistics",
                "--report-unused-suppressions", "--show", "info")


def test_examples_against_a_baseline(tmp_path: Path, splits: Splits) -> None:
    baseline = tmp_path / "baseline.json"
    half = CliRunner().invoke(cli, ["check", str(EXAMPLES / "jobs"), "--jobs", "1",
                                    "--write-baseline", str(baseline)])
    assert half.exit_code == 0, half.output
    assert_same([str(EXAMPLES)], tmp_path, splits, "--baseline", str(baseline))


def test_rule_fixtures_as_one_tree(tmp_path: Path, splits: Splits) -> None:
    assert_same([str(FIXTURES)], tmp_path, splits, "--isolated", "--root", str(FIXTURES))


def test_corpus(corpus: Path, tmp_path: Path, splits: Splits) -> None:
    assert_same([str(corpus)], tmp_path, splits, "--isolated")


def test_several_paths(tmp_path: Path, splits: Splits) -> None:
    paths = [str(EXAMPLES / "jobs"), str(EXAMPLES / "karpenter"), str(EXAMPLES / "scripts"),
             str(EXAMPLES / "pod-templates")]
    assert_same(paths, tmp_path, splits, "--root", str(EXAMPLES))


@pytest.mark.parametrize("flag", ["--diff", "--fix-only"])
def test_fixing_runs_find_the_same(flag: str, tmp_path: Path, splits: Splits) -> None:
    """A fixing run lints in one process (it lints again over texts not yet written):
    asking for two changes nothing it prints or writes."""
    results = []
    for jobs in (1, 2):
        copy = tmp_path / f"copy{jobs}"
        _copy_tree(EXAMPLES, copy)
        result = CliRunner().invoke(cli, ["check", str(copy), "--jobs", str(jobs), flag])
        texts = {p.relative_to(copy): p.read_bytes() for p in sorted(copy.rglob("*"))
                 if p.is_file()}
        results.append((result.exit_code, result.output.replace(str(copy), "<root>"), texts))
    assert results[0] == results[1]
    assert splits.done == 0


def _copy_tree(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)
