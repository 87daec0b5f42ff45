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
    ["check", "dir", "--exit-zero"],
    ["check", "--exit-zero", "dir", "--exit-zero", "--format", "json"],
    ["check", "dir", "--format", "sarif", "--output", "out.sarif", "--format", "text"],
    ["check", "--output-format=junit", "--output=out.xml", "dir"],
    ["check", "--format", "gitlab", "--output", "", "dir"],
    ["check", "--format=statistics", "--format", "concise", "--format", "github"],
    ["check", "--output", "out.json", "--output", "other", "--exit-zero"],
    ["check", "dir", "--exit-zero", "--format", "json", "--jobs", "1"],
    ["check", "--jobs=2", "dir"],
    ["check", "--workers", "3", "dir", "--jobs", "1"],
    ["check", "--jobs", "007", "--workers=12", "a.yaml"],
    ["check", "dir", "--format", "json", "--no-cache", "--output", "out.json"],
    ["check", "--no-cache", "a.yaml", "--no-cache", "--exit-zero"],
]


#: ``spotlint ARGS`` in a fresh interpreter that says on stderr whether click was imported.
_TELLS_IF_CLICK_WAS_IMPORTED = (
    "import sys\n"
    "from spotlint.cli.main import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    sys.stderr.write('click imported: %s\\n' % ('click' in sys.modules))\n"
)


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
        ["check", "--format", "nosuch", "a.yaml"],
        ["check", "--format=", "a.yaml"],
        ["check", "a.yaml", "--format"],
        ["check", "a.yaml", "--output"],
        ["check", "a.yaml", "--format", "--exit-zero"],
        ["check", "a.yaml", "--output", "-"],
        ["check", "a.yaml", "--output", "."],
        ["check", "a.yaml", "--output=a\x00b"],
        ["check", "--form", "json", "a.yaml"],
        ["check", "--exit-zero=yes", "a.yaml"],
        ["check", "--force-exclude=yes", "a.yaml"],
        ["check", "--no-cache=yes", "a.yaml"],
        ["check", "--cache-dir", "x", "a.yaml"],
        ["check", "a.yaml", "--select", "SL101"],
        ["check", "a.yaml", "-j", "2"],
        ["check", "a.yaml", "-j2"],
        ["check", "a.yaml", "--jobs", "0"],
        ["check", "a.yaml", "--jobs", "-1"],
        ["check", "a.yaml", "--jobs", "+2"],
        ["check", "a.yaml", "--jobs", " 2"],
        ["check", "a.yaml", "--jobs", "1_0"],
        ["check", "a.yaml", "--jobs", "\u0662"],
        ["check", "a.yaml", "--jobs", "two"],
        ["check", "a.yaml", "--jobs="],
        ["check", "a.yaml", "--jobs"],
        ["check", "a.yaml", "--workers=0"],
        ["--version"],
        ["chec", "a.yaml"],
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert plain_check(args) is None


def test_an_unreadable_output_goes_to_click(tmp_path: Path) -> None:
    """click refuses an existing --output it cannot read: its message, not the fast path's."""
    out = tmp_path / "out.json"
    out.write_text("")
    assert plain_check(["check", "--output", str(out), "a.yaml"]) is not None
    os.chmod(out, 0)
    try:
        if os.access(out, os.R_OK):
            pytest.skip("this user reads any file (root)")
        assert plain_check(["check", "--output", str(out), "a.yaml"]) is None
    finally:
        os.chmod(out, 0o600)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--exit-zero", "{pod}"],
        ["check", "{pod}", "--format", "json", "--exit-zero"],
        ["check", "--format=sarif", "{pod}"],
        ["check", "{pod}", "--format", "concise", "--output", "{out}", "--format", "text"],
        ["check", "{pod}", "--format", "text", "--format", "json"],
        ["check", "{pod}", "--exit-zero", "--format", "json", "--jobs", "1"],
        ["check", "--jobs=2", "{pod}"],
        ["check", "{pod}", "--format", "json", "--no-cache", "--output", "{out}",
         "--format", "text"],
    ],
)
def test_ci_invocations_skip_click_and_answer_as_click(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output, written file and exit code as click's, with click never imported."""
    monkeypatch.chdir(tmp_path)  # SARIF names the working directory
    pod = tmp_path / "driver.yaml"
    pod.write_text(DRIVER_ON_SPOT)

    def filled(out: Path) -> list[str]:
        return [a.format(pod=pod, out=out) for a in args]

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    fast_out, slow_out = tmp_path / "fast.txt", tmp_path / "slow.txt"
    fast = subprocess.run(
        [sys.executable, "-c", _TELLS_IF_CLICK_WAS_IMPORTED, *filled(fast_out)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )
    assert "click imported: False" in fast.stderr
    slow = CliRunner().invoke(cli, filled(slow_out))
    assert fast.returncode == slow.exit_code
    assert fast.stdout == slow.output and "SL101" in fast.stdout
    assert fast_out.exists() == slow_out.exists()
    if fast_out.exists():
        assert fast_out.read_text() == slow_out.read_text()


def test_completion_requests_go_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SPOTLINT_COMPLETE", "bash_complete")
    assert plain_check(["check", "a.yaml"]) is None


def test_the_fast_path_does_not_import_click_and_answers_as_click(tmp_path: Path) -> None:
    pod = tmp_path / "driver.yaml"
    pod.write_text(DRIVER_ON_SPOT)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    fast = subprocess.run(
        [sys.executable, "-c", _TELLS_IF_CLICK_WAS_IMPORTED, "check", "--force-exclude", str(pod)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )
    assert "click imported: False" in fast.stderr
    slow = CliRunner().invoke(cli, ["check", "--force-exclude", str(pod)])
    assert fast.returncode == slow.exit_code == 1
    assert fast.stdout == slow.output and "SL101" in fast.stdout
