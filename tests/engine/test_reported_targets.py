"""With ``reported`` given (a run reading files it does not report on), pool and template
rules meet only the pools and templates of reported files; which those are is asked once
per target for all the rules of a kind, not once per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spotlint.config.settings import Settings
from spotlint.engine import checking
from spotlint.engine import run as engine_run
from spotlint.rule import RuleContext, Severity, Violation, rule

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _met(code: str, target: str, seen: list[Any]) -> Any:
    def check(item: Any, ctx: RuleContext[Any]) -> Iterator[Violation]:
        seen.append(item)
        yield from ()

    return rule(code=code, name=code.lower(), severity=Severity.INFO, summary="x",
                target=target, doc="x")(check)


def test_each_kind_is_filtered_once_for_all_its_rules() -> None:
    settings = Settings(root=str(EXAMPLES.parent))
    result = engine_run.lint([str(EXAMPLES)], settings, workers=1, keep_model=True)
    assert result.model is not None
    project = result.model.project
    pool_files = sorted({p.path for p in project.pools})
    template_files = sorted({t.path for t in project.templates})
    assert len(pool_files) > 2 and len(template_files) > 1
    # Half of the files holding pools or templates are reported on.
    own = set(pool_files[::2]) | set(template_files[::2])
    asked: Counter[str] = Counter()

    def reported(path: str) -> bool:
        asked[path] += 1
        return path in own

    seen: dict[str, list[Any]] = {code: [] for code in ("SL990", "SL991", "SL992", "SL993")}
    rules = [_met("SL990", "pool", seen["SL990"]), _met("SL991", "template", seen["SL991"]),
             _met("SL992", "pool", seen["SL992"]), _met("SL993", "template", seen["SL993"])]
    checking.check_rules(rules, project, settings, reported=reported)

    wanted_pools = [p for p in project.pools if p.path in own or p.anchor.file_path in own]
    wanted_templates = [t for t in project.templates if t.path in own]
    assert 0 < len(wanted_pools) < len(project.pools)
    assert 0 < len(wanted_templates) < len(project.templates)
    assert seen["SL990"] == seen["SL992"] == wanted_pools
    assert seen["SL991"] == seen["SL993"] == wanted_templates
    # (a pool is asked about by its path, then its anchor's file when that one is not
    # reported: at most twice, whatever the number of pool rules)
    once = Counter(p.path for p in project.pools) + Counter(
        p.anchor.file_path for p in project.pools if p.path not in own)
    once += Counter(t.path for t in project.templates)
    assert asked == once


def test_without_reported_every_target_is_met() -> None:
    settings = Settings(root=str(EXAMPLES.parent))
    result = engine_run.lint([str(EXAMPLES)], settings, workers=1, keep_model=True)
    assert result.model is not None
    project = result.model.project
    seen: list[Any] = []
    checking.check_rules([_met("SL990", "pool", seen), _met("SL991", "pool", seen)],
                         project, settings)
    assert seen == [*project.pools, *project.pools]
