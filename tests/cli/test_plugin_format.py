"""A reporter a plugin registers is chosen with ``--format NAME``, like a built-in one.

The reporters' registry is the one list of format names: click validates
``--format`` against it, the check command builds reporters from it, and a
reporter that sets ``wants_edits`` gets its fixes placed as text edits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spotlint.cli.commands import cli
from spotlint.plugins import manager
from spotlint.plugins.hookspecs import hookimpl
from spotlint.result import RunResult

POD = (
    "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: x\n"
    "spec:\n  sparkVersion: \"3.5.0\"\n  sparkConf:\n    spark.decommission.enabled: \"false\"\n"
)


class Shout:
    """Lists each finding as CODE:line, and how its fix arrived (edits or changes)."""

    def render(self, result: RunResult) -> str:
        return "".join(
            f"{f.code}:{f.location.line}:{_fix_state(f.fix)}\n" for f in result.active
        )


class ShoutWithEdits(Shout):
    wants_edits = True


def _fix_state(fix: Any) -> str:
    if fix is None:
        return "none"
    return "edits" if fix.edits else "changes"


class ShoutPlugin:
    @hookimpl
    def spotlint_reporters(self) -> dict[str, Any]:
        return {"shout": Shout, "shout-edits": ShoutWithEdits, "sarif": Shout}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    registry = manager.collect(manager.make_manager(extra_plugins=(ShoutPlugin(),),
                                                    autoload=False))
    monkeypatch.setattr(manager, "default_registry", lambda: registry)
    path = tmp_path / "app.yaml"
    path.write_text(POD)
    return path


def _check(*args: str) -> Any:
    return CliRunner().invoke(cli, ["check", "--isolated", "--select", "SL201", *args])


def test_a_plugin_format_is_selectable(app: Path) -> None:
    result = _check(str(app), "--format", "shout")
    assert result.exit_code == 1, result.output
    assert result.stdout == "SL201:8:changes\n"


def test_a_reporter_that_wants_edits_gets_placed_fixes(app: Path) -> None:
    result = _check(str(app), "--format", "shout-edits")
    assert result.stdout == "SL201:8:edits\n"


def test_a_plugin_format_writes_to_its_output(app: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = _check(str(app), "--format", "shout", "--output", str(out), "--format", "json")
    # JSON wants edits, so the run's fixes are placed once, for every output.
    assert out.read_text() == "SL201:8:edits\n"
    assert json.loads(result.stdout)["findings"][0]["fix"]["edits"]


def test_a_plugin_cannot_replace_a_builtin_format(app: Path) -> None:
    result = _check(str(app), "--format", "sarif")
    assert json.loads(result.stdout)["version"] == "2.1.0"


def test_an_unknown_format_lists_the_plugin_formats_too(app: Path) -> None:
    result = _check(str(app), "--format", "custom")
    assert result.exit_code == 2
    assert "'custom' is not one of" in result.stderr
    assert "'shout'" in result.stderr and "'sarif'" in result.stderr
