"""A bug anywhere (rule, normalizer, loader) is one line naming the file, and exit 2."""

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
from spotlint.model import Job
from spotlint.plugins import manager as plugins
from spotlint.plugins.hookspecs import hookimpl
from spotlint.recognize.kinds import NormalizeContext
from spotlint.rule import RuleContext, Severity, Violation, rule


@rule(
    code="XB001",
    name="always-crashes",
    severity=Severity.WARNING,
    summary="A rule with a bug.",
    target="job",
    doc="Crashes.\n\n## Why it matters\nTests.\n\n## How to fix\nNone.",
)
def always_crashes(job: Job, ctx: RuleContext) -> Iterator[Violation]:
    raise ZeroDivisionError("boom in a rule")
    yield  # pragma: no cover


class CrashingRule:
    @hookimpl
    def spotlint_rules(self) -> list[object]:
        return [always_crashes]


class CrashingKind:
    name = "crashing"
    schema = None

    def matches(self, doc: Node, file: object) -> bool:
        return doc.get("crash") is not None

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "spark-defaults.conf").write_text("spark.executor.instances 2\n")
    (tmp_path / "crash.yaml").write_text("crash: true\nspark.x: 1\n")
    return tmp_path


def test_engine_names_the_rule_and_file(project: Path) -> None:
    with pytest.raises(InternalError) as caught:
        lint([str(project)], Settings(root=str(project)), _registry(CrashingRule()))
    assert "rule XB001" in str(caught.value)
    assert "spark-defaults.conf" in str(caught.value)


@pytest.mark.parametrize(
    ("plugin", "names"),
    [(CrashingRule(), "spark-defaults.conf"), (CrashingKindPlugin(), "crash.yaml")],
)
def test_cli_prints_one_line_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, project: Path, plugin: object, names: str
) -> None:
    result = _invoke(monkeypatch, plugin, str(project))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("spotlint: internal error while processing")
    assert names in lines[0] and "boom in a" in lines[0]
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    result = _invoke(monkeypatch, CrashingRule(), "--debug", str(project))
    assert result.exit_code != 0
    assert isinstance(result.exception, InternalError)
    assert isinstance(result.exception.original, ZeroDivisionError)


def test_a_loader_bug_names_the_file(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    from spotlint.engine import reading

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom in a loader")

    monkeypatch.setattr(reading, "load_bytes", broken)
    result = _invoke(monkeypatch, CrashingKindPlugin(), str(project / "crash.yaml"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"spotlint: internal error while processing {project / 'crash.yaml'}: "
        "RuntimeError: boom in a loader"
    ]
