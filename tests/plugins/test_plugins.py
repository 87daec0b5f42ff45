"""Third-party plugins use the same hooks as the built-ins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.errors import InternalError
from spotlint.model import Job
from spotlint.plugins.hookspecs import hookimpl
from spotlint.plugins.manager import PluginError, collect, make_manager
from spotlint.rule import RuleContext, Severity, Violation, rule


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
            from spotlint.plugins.manager import default_registry

            return [
                default_registry()
                .rules[0]
                .__class__(**{**default_registry().rules[0].__dict__, "name": "other-name"})
            ]

    with pytest.raises(PluginError, match="defined twice"):
        collect(make_manager(extra_plugins=(Clash(),), autoload=False))


def test_a_crashing_plugin_rule_is_an_sl001_naming_it(tmp_path: Path) -> None:
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
    result = lint([str(conf)], Settings(root=str(tmp_path), select=["XT002", "SL001"]), registry)
    [finding] = result.findings
    assert finding.code == "SL001" and finding.location.path == str(conf)
    assert "rule XT002 (boom)" in finding.message and "ZeroDivisionError: oops" in finding.message
    with pytest.raises(InternalError, match=r"rule XT002 on .*spark-defaults.conf"):
        lint([str(conf)], Settings(root=str(tmp_path), select=["XT002"], debug=True), registry)


def _installed(site: Path, dist: str, entry_points: str, module: str, source: str) -> None:
    """A distribution as pip leaves it: a module and a ``*.dist-info`` with entry points."""
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    (site / f"{module}.py").write_text(source)


def test_entry_point_plugins_load_by_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = (
        "from spotlint.plugins.hookspecs import hookimpl\n"
        "from spotlint.rule import Severity, engine_rule\n"
        "@hookimpl\n"
        "def spotlint_rules():\n"
        "    return [engine_rule(code='XT009', name='from-entry-point', severity=Severity.INFO,\n"
        "                        summary='s', doc='d')]\n"
    )
    _installed(
        tmp_path, "spotlint_tiny", "[console_scripts]\nx = y:z\n\n[spotlint]\ntiny = tiny_ep\n",
        "tiny_ep", source,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = make_manager(autoload=True)
    assert pm.has_plugin("tiny")
    assert "XT009" in {r.code for r in collect(pm).rules}


def test_a_plugin_that_fails_to_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _installed(tmp_path, "spotlint_bad", "[spotlint]\nbad = bad_ep\n", "bad_ep", "1 / 0\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match=r"plugin 'bad' \(bad_ep\).*ZeroDivisionError"):
        make_manager(autoload=True)


def test_the_scan_finds_the_group_only_where_it_is_declared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotlint.plugins.manager import _group_may_be_declared

    # A section of another group that mentions spotlint is not a declaration.
    _installed(tmp_path, "other", "[console_scripts]\nspotlint = x:y\n", "other_mod", "")
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    assert not _group_may_be_declared("spotlint")
    assert _group_may_be_declared("console_scripts")
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr("sys.path", [str(tmp_path / "missing"), str(archive)])
    assert _group_may_be_declared("spotlint")  # zip contents are left to importlib.metadata
