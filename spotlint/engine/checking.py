"""Running rules: each enabled rule over its targets in the finished project.

Rules are independent of each other; results come back in rule order. Forking
only the rule phase did not pay (bench/README.md, "Parallelism"): a large run is
shared by processes as a whole instead (:mod:`.parallel`), each checking the
rules over its own files. A rule that
raises on one job, pool or placement, or spends a file's
``max-seconds-per-file``, gives an SL001 on that file and goes on with the
others (:mod:`.isolation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import CodeType

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.engine.budget import Budget, OverBudget, owner_location
from spotlint.engine.budget import culprit as budget_culprit
from spotlint.engine.isolation import (
    budget_finding,
    internal,
    internal_error_finding,
    without_files,
)
from spotlint.engine.raw import RawFinding, from_violation
from spotlint.errors import ConfigError, InternalError
from spotlint.model import Project
from spotlint.rule import Check, LazyRule, Rule, RuleContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def runnable(rules: Iterable[Rule], project: Project) -> list[Rule]:
    """The rules with a check that may find something in ``project``."""
    return [r for r in rules if _may_report(r, project) and r.check is not None]


def _may_report(rule: Rule, project: Project) -> bool:
    """False for a lazy built-in rule with nothing to check (its concern stays unimported)."""
    return not isinstance(rule, LazyRule) or any(getattr(project, n) for n in rule.needs)


def check_rules(
    rules: Sequence[Rule],
    project: Project,
    settings: Settings,
    budget: Budget | None = None,
    capacity: CapacityLabels | None = None,
    reported: Callable[[str], bool] | None = None,
) -> list[list[RawFinding]]:
    """Each rule's findings, in rule order.

    ``budget`` (the run's, with what reading and recognizing already spent) is
    charged with the rules' time per file. Rules that ask where pods run share
    one placement index, built on first request.
    ``reported`` (when context files were read) says which files are reported
    on: pool and template rules then skip pools and templates of other files,
    whose findings lie in their own file (a job's are checked whatever its file:
    its merged template's findings lie in the template's).
    """
    capacity = capacity or CapacityLabels(settings.capacity_labels)
    budget = budget or Budget(settings.limits.max_seconds_per_file)
    for rule in rules:
        _options(rule, settings)  # an option that does not fit: exit 2 before any rule runs
    paths: dict[str, list[tuple[Any, str | None]]] = {}
    # The timer armed once for all the rules (each rule's ``running`` then finds it armed):
    # arming and disarming it is four system calls, ~35 rules a process.
    with budget.running():
        return [_rule_findings(rule, project, settings, capacity, budget, reported, paths)
                for rule in rules]


def _rule_findings(
    rule: Rule, project: Project, settings: Settings, capacity: CapacityLabels, budget: Budget,
    reported: Callable[[str], bool] | None = None,
    paths: dict[str, list[tuple[Any, str | None]]] | None = None,
) -> list[RawFinding]:
    """One rule over its targets; a target that fails or runs out of time is that file's SL001."""
    if isinstance(rule, LazyRule):
        # The rule itself, once: a lazy entry answers ``check`` and ``options`` through
        # properties, which ``Rule.run`` reads for every target.
        rule = rule.loaded
    ctx = RuleContext(
        project=project, options=_options(rule, settings), settings=settings, capacity=capacity,
        reported=reported,
    )
    found: list[RawFinding] = []
    with budget.running(), budget.checking(_CHECK_BOUNDARY):
        if rule.target == "project":
            found.extend(_project_findings(rule, project, ctx, settings, budget))
        else:
            # (the targets a rule meets, kept for the rules after it: filtered, for the
            # ~10 pool rules over a split run's ~260 pools, ~1 ms a process)
            filtered = reported is not None and rule.target in _OWN_FILE
            kind = _REPORTED_ONLY + rule.target if filtered else rule.target
            pairs = None if paths is None else paths.get(kind)
            if pairs is None:
                targets = _targets(rule, project)
                if filtered:
                    assert reported is not None
                    targets = [t for t in targets if (
                        reported(t.path) or reported(t.anchor.file_path)
                        if rule.target == "pool" else reported(t.path))]
                pairs = [(target, getattr(target, "path", None)) for target in targets]
                if paths is not None:
                    paths[kind] = pairs
            _each_target(rule, pairs, ctx, settings, budget, _direct_check(rule, ctx), found)
    return found


def _each_target(
    rule: Rule, targets: Iterable[tuple[Any, str | None]], ctx: RuleContext[Any],
    settings: Settings, budget: Budget, check: Check | None, found: list[RawFinding],
) -> None:
    """:func:`_target_findings` of every target (with its path, asked once for all the
    rules: a job's is two properties deep) into ``found``, the common case written out.

    A rule meets every job, pool or template (tens of thousands of targets), and
    finds something on few: with the budget's timer armed, a target with a path is
    checked here with the time charged to it as ``Budget.charging`` would (the path
    the timer's ticks charge, put back after), without a context manager object and
    three calls a target. Findings stay all or nothing per target (those a target that
    fails had given are taken back); an error is pinned as in :func:`_target_findings`,
    the rule's own frames read below this one.
    """
    if not budget.armed:
        for target, _ in targets:
            found.extend(_target_findings(rule, target, ctx, settings, budget, check))
        return
    code = rule.code
    over = budget.over
    run = rule.run if check is None else check
    previous = budget._explicit  # (what each target's ``finally`` puts back)
    append = found.append
    for target, path in targets:
        if path is None:
            found.extend(_target_findings(rule, target, ctx, settings, budget, check))
            continue
        if path in over:
            continue
        # (appended one by one, those of a target that fails taken back: a list made per
        # target, a comprehension's own frame in 3.11, was ~0.1 us of each of thousands)
        made = len(found)
        try:
            budget._explicit = path
            for violation in run(target, ctx):
                append(from_violation(code, violation))
        except OverBudget as exceeded:
            del found[made:]
            append(budget_finding(exceeded.path, settings.limits))
        except Exception as exc:
            del found[made:]
            found.extend(_pinned(rule, target, path, exc, settings, _EACH_BOUNDARY))
        finally:
            budget._explicit = previous


def _direct_check(rule: Rule, ctx: RuleContext[Any]) -> Check | None:
    """The rule's check function when calling it is all :meth:`Rule.run` would do here
    (a rule of the :class:`~spotlint.rule.Rule` class itself, options already in
    ``ctx``): one generator less per target, of tens of thousands."""
    if type(rule) is not Rule or rule.check is None:
        return None
    if rule.options is not None and ctx.options is None:
        return None
    return rule.check


#: Targets whose findings lie in their own file (see :func:`check_rules`).
_OWN_FILE = ("pool", "template")
#: What marks, among the targets kept for the next rules, those of reported files only.
_REPORTED_ONLY = "reported:"


def _run(
    rule: Rule, target: Any, ctx: RuleContext[Any], check: Check | None = None
) -> list[RawFinding]:
    """The rule's findings on one target, all or nothing. Time spent in here is charged
    to the file of the outermost model object on the stack (see :mod:`.budget`).
    ``check`` is the rule's check itself, when that is what ``rule.run`` calls
    (:func:`_direct_check`)."""
    code = rule.code
    violations = rule.run(target, ctx) if check is None else check(target, ctx)
    return [from_violation(code, v) for v in violations]


_CHECK_BOUNDARY = _run.__code__


def _target_findings(
    rule: Rule, target: Any, ctx: RuleContext[Any], settings: Settings, budget: Budget,
    check: Check | None = None,
) -> list[RawFinding]:
    path = getattr(target, "path", None)
    if path in budget.over:
        return []
    try:
        if path is None:
            return _run(rule, target, ctx, check)
        with budget.charging(path):
            return _run(rule, target, ctx, check)
    except OverBudget as over:
        return [budget_finding(over.path, settings.limits)]
    except Exception as exc:
        return _pinned(rule, target, path, exc, settings, _CHECK_BOUNDARY)


def _pinned(rule: Rule, target: Any, path: str | None, exc: Exception, settings: Settings,
            boundary: CodeType) -> list[RawFinding]:
    """A rule's error on one target as an SL001 on the file it was working on (the
    outermost model object of the rule's frames, below ``boundary``'s)."""
    internal(f"rule {rule.code} on {path or 'project'}", exc, settings.debug)
    where = budget_culprit(exc.__traceback__, boundary) or owner_location(target)
    if where is None:
        raise InternalError(f"rule {rule.code}", exc) from exc
    return [internal_error_finding(f"checking rule {rule.code} ({rule.name})", exc, where)]


_EACH_BOUNDARY = _each_target.__code__


def _project_findings(
    rule: Rule, project: Project, ctx: RuleContext[Any], settings: Settings, budget: Budget
) -> list[RawFinding]:
    """A project-wide rule, run again without a file that made it fail or ran out of time.

    The file is found as for the time budget (the model object the rule was
    working on); each retry leaves out one more file, so this ends. An error
    no file can be blamed for is an :class:`InternalError` (exit 2).
    """
    problems: list[RawFinding] = []
    excluded: set[str] = set(budget.over)
    while True:
        view = without_files(project, excluded) if excluded else project
        ctx.project = view
        try:
            return problems + _run(rule, view, ctx)
        except OverBudget as over:
            problems.append(budget_finding(over.path, settings.limits))
            excluded.add(over.path)
        except Exception as exc:
            internal(f"rule {rule.code}", exc, settings.debug)
            where = budget_culprit(exc.__traceback__, _CHECK_BOUNDARY)
            if where is None or where.path in excluded:
                raise InternalError(f"rule {rule.code}", exc) from exc
            problems.append(
                internal_error_finding(f"checking rule {rule.code} ({rule.name})", exc, where)
            )
            excluded.add(where.path)
        finally:
            ctx.project = project


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
    """The rule's options; values the configuration set are checked here when the rule
    was not imported while the configuration was read (see spotlint.config.files)."""
    if rule.options is None:
        return None
    try:
        return rule.options(**settings.rule_options.get(rule.code, {}))
    except (TypeError, ValueError) as exc:
        where = settings.option_sources.get(rule.code, f"rules.{rule.code}")
        raise ConfigError(f"{where}: {exc}") from None
