"""Third-party plugins use the same hooks as the built-ins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from spotlint.engine import InternalError, lint
from spotlint.hookspecs import hookimpl
from spotlint.model import Job
from spotlint.plugins import PluginError, collect, make_manager
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.settings import Settings


@rule(
    code="XT001",
    name="job-without-app-name",
    severity=Severity.WARNING,
    summary="A job that does not set spark.app.name.",
    target="job",
    doc="Jobs should be named.\n\n## Why it matters\nNames.\n\n## How to fix\nName it.",
)
def job_without_app_name(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    if "spark.app.name" not in job.conf:
        yield Violation(at=job.anchor, message=f"job {job.name} has no spark.app.name")


class TinyPlugin:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [job_without_app_name]


def test_plugin_rule_runs_beside_builtins(tmp_path: Path) -> None:
    registry = collect(make_manager(extra_plugins=(TinyPlugin(),), autoload=False))
    assert {"XT001", "SL201"} <= {r.code for r in registry.rules}
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("spark.master k8s://https://k8s\n")
    result = lint([str(conf)], Settings(root=str(tmp_path), select=["XT001"]), registry)
    assert [(f.code, f.location.line) for f in result.findings] == [("XT001", 1)]
    assert result.findings[0].message == "job spark-defaults.conf has no spark.app.name"


def test_builtin_rules_come_through_the_same_hook() -> None:
    pm = make_manager(autoload=False)
    assert pm.get_plugin("spotlint.builtin") is not None
    per_plugin = pm.hook.spotlint_rules()
    assert any(any(r.code == "SL101" for r in batch) for batch in per_plugin)


def test_duplicate_rule_code_is_a_plugin_error() -> None:
    class Clash:
        @hookimpl
        def spotlint_rules(self) -> list[object]:
            from spotlint.plugins import default_registry

            return [
                default_registry()
                .rules[0]
                .__class__(**{**default_registry().rules[0].__dict__, "name": "other-name"})
            ]

    with pytest.raises(PluginError, match="defined twice"):
        collect(make_manager(extra_plugins=(Clash(),), autoload=False))


def test_a_crashing_plugin_rule_is_an_internal_error_naming_it(tmp_path: Path) -> None:
    @rule(
        code="XT002",
        name="boom",
        severity=Severity.ERROR,
        summary="Crashes.",
        target="job",
        doc="Boom.\n\n## Why it matters\nx\n\n## How to fix\ny",
    )
    def boom(job: Job, ctx: RuleContext) -> Iterator[Violation]:
        raise ZeroDivisionError("oops")
        yield  # pragma: no cover

    plugin = SimpleNamespace(spotlint_rules=hookimpl(lambda: [boom]))
    registry = collect(make_manager(extra_plugins=(plugin,), autoload=False))
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("spark.master k8s://https://k8s\n")
    with pytest.raises(InternalError, match=r"rule XT002 on .*spark-defaults.conf"):
        lint([str(conf)], Settings(root=str(tmp_path), select=["XT002"]), registry)
