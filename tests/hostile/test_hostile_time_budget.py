"""``max-seconds-per-file``: a file that would take forever is one SL001 naming the limit.

The slow parts are stand-ins (plugin rules and a kind that never return on one
file) so the tests do not depend on which real input is slow today; the
budget interrupts them wherever they are, and every other file is checked.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import budget as budget_module
from spotlint.engine import lint
from spotlint.load.base import Limits
from spotlint.location import Node
from spotlint.model import Job, Project
from spotlint.plugins import manager as plugins
from spotlint.plugins.hookspecs import hookimpl
from spotlint.recognize.kinds import NormalizeContext
from spotlint.result import RunResult
from spotlint.rule import RuleContext, Severity, Violation, rule

DOC = "Slow.\n\n## Why it matters\nTests.\n\n## How to fix\nNone."
DRIVER_ON_SPOT = "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n"
LIMIT = "max-seconds-per-file=1"


def _spin() -> None:
    while True:  # interrupted by the budget, or by nothing
        pass


@rule(code="XT001", name="never-ends-on-one-job", severity=Severity.WARNING,
      summary="Slow.", target="job", doc=DOC)
def never_ends(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if Path(job.path).name.startswith("slow"):
        _spin()
    yield Violation(at=job.anchor, message="checked")


@rule(code="XT002", name="never-ends-on-one-placement", severity=Severity.WARNING,
      summary="Slow.", target="project", doc=DOC)
def never_ends_on_placement(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    for job in project.jobs:
        placement = job.driver
        if placement is None:
            continue
        if Path(placement.path).name.startswith("slow"):
            _spin()
        yield Violation(at=placement.anchor, message="placed")


@rule(code="XT003", name="busy-for-a-while-on-one-job", severity=Severity.WARNING,
      summary="Slow.", target="job", doc=DOC)
def sleeps(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if Path(job.path).name.startswith("slow"):
        until = time.process_time() + 1.3
        while time.process_time() < until:  # CPU time: the budget counts no sleeping
            pass
    yield Violation(at=job.anchor, message="checked")


class SlowRules:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [never_ends, never_ends_on_placement]


class SleepyRule:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [sleeps]


class SlowKind:
    name = "slow"
    schema = None

    def matches(self, doc: Node, file: object) -> bool:
        return doc.get("slow") is not None

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        _spin()


class SlowKindPlugin:
    @hookimpl
    def spotlint_document_kinds(self) -> list[Any]:
        return [SlowKind()]


def _lint(directory: Path, plugin: object) -> RunResult:
    registry = plugins.collect(plugins.make_manager(extra_plugins=(plugin,), autoload=False))
    settings = Settings(root=str(directory), limits=Limits(max_seconds_per_file=1))
    return lint([str(directory)], settings, registry)


def _codes(result: RunResult, name: str) -> list[str]:
    return sorted(f.code for f in result.findings if Path(f.location.path).name == name)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "slow.conf").write_text(DRIVER_ON_SPOT)
    (tmp_path / "fine.conf").write_text(DRIVER_ON_SPOT)
    return tmp_path


def test_a_never_ending_rule_is_cut_at_the_budget(files: Path) -> None:
    started = time.monotonic()
    result = _lint(files, SlowRules())
    assert time.monotonic() - started < 30
    [finding] = [f for f in result.findings if f.location.path.endswith("slow.conf")]
    assert finding.code == "SL001" and LIMIT in finding.message
    # The other file is whole: every rule, the project rule too (run again without slow.conf).
    assert {"SL101", "XT001", "XT002"} <= set(_codes(result, "fine.conf"))


def test_a_never_ending_normalizer_is_cut_at_the_budget(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text("slow: true\nspark.x: 1\n")
    (tmp_path / "fine.conf").write_text(DRIVER_ON_SPOT)
    result = _lint(tmp_path, SlowKindPlugin())
    assert _codes(result, "slow.yaml") == ["SL001"]
    assert "SL101" in _codes(result, "fine.conf")


def test_without_a_timer_a_slow_unit_is_still_reported(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where SIGPROF is missing nothing is interrupted; the unit is charged when it ends."""
    monkeypatch.setattr(budget_module, "_can_arm", lambda: False)
    result = _lint(files, SleepyRule())
    assert _codes(result, "slow.conf") == ["SL001"]
    assert "XT003" in _codes(result, "fine.conf")


def test_the_limit_is_set_like_the_others(files: Path) -> None:
    from hostile_support import run_cli

    run = run_cli(["check", "--isolated", "--limit", "max-seconds-per-file=0", "."], files)
    assert run.returncode == 2 and "max-seconds-per-file" in run.stderr
    (files / ".spotlint.yaml").write_text("limits: {max-seconds-per-file: 3}\n")
    (files / ".git").mkdir()
    ok = run_cli(["check", "--format", "json", "."], files)
    assert ok.returncode == 1, ok.stderr
