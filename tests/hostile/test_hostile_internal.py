"""A bug anywhere (rule, normalizer, loader) is an SL001 on the file it happened in.

The run goes on: every other file keeps its findings and the exit code is that
of the findings (1), not 2. The finding names the stage or rule and the
exception, and says it is spotlint's bug. ``--debug`` raises instead, with the
traceback. A project-wide rule that fails on one file's pod is run again
without that file, so the other files still get its findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spotlint.cli.commands import cli
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.errors import InternalError
from spotlint.location import Node
from spotlint.model import Job, Project
from spotlint.plugins import manager as plugins
from spotlint.plugins.hookspecs import hookimpl
from spotlint.recognize.kinds import NormalizeContext
from spotlint.result import RunResult
from spotlint.rule import RuleContext, Severity, Violation, rule

DOC = "Crashes.\n\n## Why it matters\nTests.\n\n## How to fix\nNone."


@rule(code="XB001", name="crashes-on-one-job", severity=Severity.WARNING,
      summary="A rule with a bug.", target="job", doc=DOC)
def crashes_on_one_job(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if Path(job.path).name.startswith("crash"):
        raise ZeroDivisionError("boom in a rule")
    yield Violation(at=job.anchor, message="checked")


@rule(code="XB002", name="crashes-on-one-placement", severity=Severity.WARNING,
      summary="A project rule with a bug.", target="project", doc=DOC)
def crashes_on_one_placement(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    for job in project.jobs:
        placement = job.driver or job.executor
        if placement is None:
            continue
        if Path(placement.path).name.startswith("crash"):
            raise KeyError("boom in a project rule")
        yield Violation(at=placement.anchor, message="placed")


@rule(code="XB003", name="crashes-on-nothing-in-particular", severity=Severity.WARNING,
      summary="A project rule with a bug no file explains.", target="project", doc=DOC)
def crashes_anyway(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    raise RuntimeError("boom with no file in sight")
    yield  # pragma: no cover


class CrashingRules:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [crashes_on_one_job, crashes_on_one_placement]


class UnattributableRule:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [crashes_anyway]


class CrashingKind:
    name = "crashing"
    schema = None

    def matches(self, doc: Node, file: object) -> bool:
        return doc.get("crash") is not None

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        ctx.project.jobs.append(Job(name="half-built", kind="x", doc=doc))  # then fails
        raise KeyError("boom in a normalizer")


class CrashingKindPlugin:
    @hookimpl
    def spotlint_document_kinds(self) -> list[Any]:
        return [CrashingKind()]


def _registry(plugin: object) -> plugins.Registry:
    return plugins.collect(plugins.make_manager(extra_plugins=(plugin,), autoload=False))


def _invoke(monkeypatch: pytest.MonkeyPatch, plugin: object, *args: str) -> Any:
    monkeypatch.setattr(plugins, "default_registry", lambda: _registry(plugin))
    return CliRunner().invoke(cli, ["check", "--isolated", *args])


DRIVER_ON_SPOT = "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "spark-defaults.conf").write_text(DRIVER_ON_SPOT)
    (tmp_path / "crash.conf").write_text(DRIVER_ON_SPOT)
    (tmp_path / "crash.yaml").write_text("crash: true\nspark.x: 1\n")
    return tmp_path


def _by_file(result: RunResult) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in result.findings:
        found.setdefault(Path(f.location.path).name, set()).add(f.code)
    return found


def test_a_rule_bug_is_sl001_on_its_file_only(project: Path) -> None:
    result = lint([str(project)], Settings(root=str(project)), _registry(CrashingRules()))
    by_file = _by_file(result)
    assert {"XB001", "XB002", "SL101"} <= by_file["spark-defaults.conf"]
    assert "SL001" not in by_file["spark-defaults.conf"]
    errors = [f for f in result.findings
              if f.code == "SL001" and f.location.path.endswith("crash.conf")]
    messages = " | ".join(f.message for f in errors)
    assert "rule XB001" in messages and "ZeroDivisionError: boom in a rule" in messages
    assert "rule XB002" in messages and "boom in a project rule" in messages
    assert all("please report it" in f.message for f in errors)
    # The project rule was run again without crash.conf, and only that file lost it.
    assert "XB002" not in by_file["crash.conf"] and "SL101" in by_file["crash.conf"]


def test_a_normalizer_bug_is_sl001_and_leaves_nothing_half_built(project: Path) -> None:
    result = lint([str(project)], Settings(root=str(project)), _registry(CrashingKindPlugin()))
    [error] = [f for f in result.findings if f.location.path.endswith("crash.yaml")]
    assert error.code == "SL001" and "document kind crashing" in error.message
    assert "KeyError" in error.message
    assert "SL101" in _by_file(result)["spark-defaults.conf"]


def test_cli_reports_and_exits_with_the_findings(
    monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    result = _invoke(monkeypatch, CrashingRules(), str(project))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error while processing" not in (
        result.stderr)
    assert "crash.conf:1:" in result.stdout and "SL001" in result.stdout
    assert "spark-defaults.conf:1:66: SL101" in result.stdout
    zero = _invoke(monkeypatch, CrashingRules(), "--exit-zero", str(project))
    assert zero.exit_code == 0


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    result = _invoke(monkeypatch, CrashingRules(), "--debug", str(project))
    assert result.exit_code != 0
    assert isinstance(result.exception, InternalError)
    assert isinstance(result.exception.original, ZeroDivisionError)


def test_a_loader_bug_is_sl001_on_the_file(monkeypatch: pytest.MonkeyPatch,
                                           project: Path) -> None:
    from spotlint.engine import reading

    real_load = reading.load_bytes

    def broken(path: str, *args: Any, **kwargs: Any) -> Any:
        if path.endswith("crash.yaml"):
            raise RuntimeError("boom in a loader")
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(reading, "load_bytes", broken)
    result = _invoke(monkeypatch, CrashingKindPlugin(), str(project))
    assert result.exit_code == 1
    assert "crash.yaml:1:1: SL001 [error] internal error while reading this file: " \
        "RuntimeError: boom in a loader" in result.stdout
    assert "spark-defaults.conf:1:66: SL101" in result.stdout


def test_a_bug_no_file_explains_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, project: Path
) -> None:
    result = _invoke(monkeypatch, UnattributableRule(), str(project))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "rule XB003" in lines[0] and "boom with no file" in lines[0]
    assert "Traceback" not in result.stderr
