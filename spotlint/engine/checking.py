"""Running rules: each enabled rule over its targets in the finished project.

Rules are independent of each other, so a large input spreads them over
worker processes (:mod:`.workers`); results come back in rule order either
way, so a parallel run reports exactly what a serial one does. A rule that
raises becomes an :class:`~spotlint.errors.InternalError` naming the rule and
the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.engine.raw import RawFinding, from_violation
from spotlint.errors import InternalError
from spotlint.model import Project
from spotlint.rule import LazyRule, Rule, RuleContext

#: Inputs with fewer files are checked in one process: forking costs more than it saves.
PARALLEL_FROM_FILES = 500


def runnable(rules: Iterable[Rule], project: Project) -> list[Rule]:
    """The rules with a check that may find something in ``project``."""
    return [r for r in rules if _may_report(r, project) and r.check is not None]


def _may_report(rule: Rule, project: Project) -> bool:
    """False for a lazy built-in rule with nothing to check (its concern stays unimported)."""
    return not isinstance(rule, LazyRule) or any(getattr(project, n) for n in rule.needs)


def worker_count(requested: int | None, files: int) -> int:
    """Processes for the rule checks: as asked, else one below PARALLEL_FROM_FILES files."""
    if requested is not None:
        return requested
    if files < PARALLEL_FROM_FILES:
        return 1
    from spotlint.engine.workers import default_workers

    return default_workers()


def check_rules(
    rules: Sequence[Rule], project: Project, settings: Settings, workers: int,
    capacity: CapacityLabels | None = None,
) -> list[list[RawFinding]]:
    """Each rule's findings, in rule order; ``workers`` > 1 spreads the rules over processes.

    Rules that ask where pods run share one placement index, built on first
    request; before forking workers it is built here, so no worker rebuilds it.
    """
    capacity = capacity or CapacityLabels(settings.capacity_labels)
    if workers > 1 and rules and (project.jobs or project.templates):
        from spotlint.placement.view import index_for

        index_for(project, capacity, settings).warm()
    if workers <= 1:
        return [_rule_findings(rule, project, settings, capacity) for rule in rules]
    from spotlint.engine.workers import RemoteError, map_in_order

    try:
        return map_in_order(
            lambda i: _rule_findings(rules[i], project, settings, capacity), len(rules), workers
        )
    except RemoteError as exc:
        original = type(exc.type_name, (Exception,), {})(exc.message)
        raise InternalError(exc.where or "rules", original) from None


def _rule_findings(
    rule: Rule, project: Project, settings: Settings, capacity: CapacityLabels
) -> list[RawFinding]:
    ctx = RuleContext(
        project=project, options=_options(rule, settings), settings=settings, capacity=capacity
    )
    found: list[RawFinding] = []
    for target in _targets(rule, project):
        try:
            for violation in rule.run(target, ctx):
                found.append(from_violation(rule.code, violation))
        except Exception as exc:
            raise InternalError(
                f"rule {rule.code} on {getattr(target, 'path', 'project')}", exc
            ) from exc
    return found


def _targets(rule: Rule, project: Project) -> Iterable[Any]:
    if rule.target == "job":
        return project.jobs
    if rule.target == "pool":
        return project.pools
    if rule.target == "template":
        return project.templates
    if rule.target == "project":
        return [project]
    return []


def _options(rule: Rule, settings: Settings) -> Any:
    if rule.options is None:
        return None
    return rule.options(**settings.rule_options.get(rule.code, {}))
