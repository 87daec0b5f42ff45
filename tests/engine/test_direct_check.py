"""Rules of the Rule class are checked by calling their check function directly; that
gives what Rule.run gives, and a failing check still lands on the target's file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import checking
from spotlint.engine import run as engine_run
from spotlint.model import Job
from spotlint.plugins.manager import Registry, default_registry
from spotlint.rule import Rule, RuleContext, Severity, Violation, rule

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _findings(paths: list[str]) -> list[tuple[Any, ...]]:
    result = engine_run.lint(paths, Settings(root=str(EXAMPLES.parent)), workers=1)
    return [(f.code, f.location, f.message, f.fingerprint, f.fix) for f in result.findings]


def test_direct_checks_give_what_rule_run_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    direct = _findings([str(EXAMPLES)])
    monkeypatch.setattr(checking, "_direct_check", lambda rule, ctx: None)
    through_run = _findings([str(EXAMPLES)])
    assert direct == through_run
    assert len(direct) > 20


class _Options:
    def __init__(self, limit: int = 3) -> None:
        self.limit = limit


def _check(job: Job, ctx: RuleContext[Any]) -> Iterator[Violation]:
    yield Violation(at=job.anchor, message="x")


def test_which_rules_are_called_directly() -> None:
    plain = rule(code="SL999", name="x", severity=Severity.INFO, summary="x",
                 target="job", doc="x")(_check)
    ctx: RuleContext[Any] = RuleContext(project=None, options=None,  # type: ignore[arg-type]
                                        settings=Settings(), capacity=None)  # type: ignore[arg-type]
    assert checking._direct_check(plain, ctx) is _check
    with_options = rule(code="SL998", name="y", severity=Severity.INFO, summary="y",
                        target="job", doc="y", options=_Options)(_check)
    assert checking._direct_check(with_options, ctx) is None  # Rule.run fills in defaults
    ctx.options = _Options()
    assert checking._direct_check(with_options, ctx) is _check

    class OwnRun(Rule):
        def run(self, target: Any, ctx: RuleContext[Any]) -> Iterator[Violation]:
            return iter(())

    own = OwnRun(code="SL997", name="z", severity=Severity.INFO, summary="z", target="job",
                 doc="z", check=_check)
    assert checking._direct_check(own, ctx) is None


def test_a_failing_direct_check_is_sl001_on_the_jobs_file(tmp_path: Path) -> None:
    job = tmp_path / "job.yaml"
    job.write_text(
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata: {name: etl}\nspec:\n  sparkConf: {}\n"
    )

    def broken(target: Job, ctx: RuleContext[Any]) -> Iterator[Violation]:
        raise ValueError("boom")
        yield  # pragma: no cover

    failing = rule(code="SL996", name="broken", severity=Severity.ERROR, summary="b",
                   target="job", doc="b")(broken)
    builtin = default_registry()
    registry = Registry(rules=[*builtin.rules, failing], kinds=builtin.kinds)
    result = engine_run.lint([str(job)], Settings(root=str(tmp_path)), registry, workers=1)
    problems = [f for f in result.findings if f.code == "SL001" and "SL996" in f.message]
    assert len(problems) == 1
    assert problems[0].location.path == str(job)
    assert (problems[0].location.line, problems[0].location.col) == (1, 1)  # the job's anchor


def test_a_check_failing_after_a_violation_gives_only_the_sl001(tmp_path: Path) -> None:
    """Findings are all or nothing per target: a check that yields a violation and then
    fails gives its target's file the SL001 alone; other targets keep theirs."""
    job = ("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
           "metadata: {name: NAME}\nspec:\n  sparkConf: {}\n")
    (tmp_path / "good.yaml").write_text(job.replace("NAME", "good"))
    (tmp_path / "bad.yaml").write_text(job.replace("NAME", "bad"))

    def half(target: Job, ctx: RuleContext[Any]) -> Iterator[Violation]:
        yield Violation(at=target.anchor, message="seen")
        if target.path.endswith("bad.yaml"):
            raise ValueError("boom")

    failing = rule(code="SL995", name="half", severity=Severity.ERROR, summary="h",
                   target="job", doc="h")(half)
    builtin = default_registry()
    registry = Registry(rules=[*builtin.rules, failing], kinds=builtin.kinds)
    result = engine_run.lint([str(tmp_path)], Settings(root=str(tmp_path)), registry,
                             workers=1)
    seen = [f.location.path for f in result.findings if f.code == "SL995"]
    problems = [f.location.path for f in result.findings
                if f.code == "SL001" and "SL995" in f.message]
    assert seen == [str(tmp_path / "good.yaml")]
    assert problems == [str(tmp_path / "bad.yaml")]
