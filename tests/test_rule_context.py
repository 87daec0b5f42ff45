"""What a check receives: a typed RuleContext, with its options' defaults filled in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.location import Location, Node
from spotlint.model import Project
from spotlint.rule import RuleContext, Severity, Violation, rule

ANCHOR = Node("x", Location("p.yaml", 1, 1, 1, 2))


@dataclass(frozen=True)
class Limit:
    most: int = 3


@rule(code="XC001", name="counts", severity=Severity.INFO, summary="Counts.", target="project",
      doc="Counts.", options=Limit)
def counts(project: Project, ctx: RuleContext[Limit]) -> Iterator[Violation]:
    yield Violation(at=ANCHOR, message=f"at most {ctx.options.most}")


@rule(code="XC002", name="plain", severity=Severity.INFO, summary="Plain.", target="project",
      doc="Plain.")
def plain(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    yield Violation(at=ANCHOR, message=f"options {ctx.options!r}")


def test_a_rule_gets_its_options_defaults_when_none_are_given() -> None:
    [found] = counts.run(Project(), RuleContext())
    assert found.message == "at most 3"


def test_a_rule_gets_the_options_it_is_given() -> None:
    [found] = counts.run(Project(), RuleContext(options=Limit(7)))
    assert found.message == "at most 7"


def test_a_rule_without_options_gets_none() -> None:
    [found] = plain.run(Project(), RuleContext())
    assert found.message == "options None"


def test_the_context_is_typed_with_defaults() -> None:
    ctx = RuleContext()
    assert isinstance(ctx.project, Project) and isinstance(ctx.settings, Settings)
    assert isinstance(ctx.capacity, CapacityLabels)


def test_the_context_is_subscripted_at_run_time_without_typing() -> None:
    # (``typing.Generic`` stands in for type checkers only: spotlint.rule)
    alias = RuleContext[Limit]
    assert alias.__origin__ is RuleContext and alias.__args__ == (Limit,)
    assert isinstance(alias(options=Limit(2)), RuleContext)
    script = ("import sys, spotlint.rule as r; r.RuleContext[int]; "
              "print('typing' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False"]
