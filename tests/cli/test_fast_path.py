"""``check [--force-exclude] PATH...`` without click: the same options, output and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from spotlint.cli import check as run_check_module
from spotlint.cli.commands import cli
from spotlint.cli.main import plain_check

DRIVER_ON_SPOT = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    spark-role: driver\n"
    "spec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
)

PLAIN = [
    ["check"],
    ["check", "a.yaml"],
    ["check", "a.yaml", "dir/b.json", "c d.conf"],
    ["check", "--force-exclude"],
    ["check", "--force-exclude", "a.yaml", "b.yaml"],
    ["check", "a.yaml", "--force-exclude", "b.yaml", "--force-exclude"],
]


def _click_options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    seen: list[Any] = []

    def capture(options: Any) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(run_check_module, "run_check", capture)
    with pytest.raises(SystemExit):
        cli.main(args=args, prog_name="spotlint", standalone_mode=True)
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("args", PLAIN)
@pytest.mark.parametrize("color_env", [{}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}])
def test_plain_check_builds_the_options_click_builds(
    args: list[str], color_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in color_env.items():
        monkeypatch.setenv(name, value)
    assert plain_check(args) == _click_options(args, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["rules"],
        ["check", "-"],
        ["check", "--", "a.yaml"],
        ["check", "-h"],
        ["check", "--help"],
        ["check", "--format", "json", "a.yaml"],
        ["check", "--force-exclude=yes", "a.yaml"],
        ["check", "a.yaml", "--select", "SL101"],
        ["check", "a.yaml", "-j", "2"],
        ["--version"],
        ["chec", "a.yaml"],
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert plain_check(args) is None


def test_completion_requests_go_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SPOTLINT_COMPLETE", "bash_complete")
    assert plain_check(["check", "a.yaml"]) is None


def test_the_fast_path_does_not_import_click_and_answers_as_click(tmp_path: Path) -> None:
    pod = tmp_path / "driver.yaml"
    pod.write_text(DRIVER_ON_SPOT)
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        "    sys.stderr.write('click imported: %s\\n' % ('click' in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    fast = subprocess.run(
        [sys.executable, "-c", script, "check", "--force-exclude", str(pod)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )
    assert "click imported: False" in fast.stderr
    slow = CliRunner().invoke(cli, ["check", "--force-exclude", str(pod)])
    assert fast.returncode == slow.exit_code == 1
    assert fast.stdout == slow.output and "SL101" in fast.stdout
