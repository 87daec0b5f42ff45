"""Helpers for the hostile-input tests: bounded subprocess runs and finding checks.

Heavy cases run the real CLI in a child process with an address-space limit
(RLIMIT_AS) and a wall-clock timeout, so a regression shows up as a failed test
(MemoryError, timeout) instead of a CI runner that swaps or hangs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A file whose finding must survive any hostile neighbour (SL101: driver on Spot).
CANARY_NAME = "canary.conf"
CANARY_TEXT = "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n"
MEMORY_LIMIT = 1 << 30  # 1 GiB of address space for the whole CLI process
TIME_LIMIT = 60.0

_CLI = (
    "import resource, sys\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "sys.argv = ['spotlint', *sys.argv[2:]]\n"
    "from spotlint.cli.main import main\n"
    "main()\n"
)


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def report(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.stdout)
        return loaded

    def findings(self, name: str) -> list[dict[str, Any]]:
        """Findings on the file called ``name`` (compared by base name)."""
        return [f for f in self.report()["findings"] if os.path.basename(f["path"]) == name]


def run_cli(
    args: list[str], cwd: Path, timeout: float = TIME_LIMIT, memory: int = MEMORY_LIMIT
) -> CliRun:
    """``spotlint <args>`` in a child limited to ``memory`` bytes and ``timeout`` seconds."""
    env = dict(os.environ, SPOTLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, str(memory), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def check_json(directory: Path, *extra: str, timeout: float = TIME_LIMIT) -> CliRun:
    """Lint ``directory`` (its contents, paths relative to it) with JSON output."""
    return run_cli(
        ["check", "--isolated", "--format", "json", *extra, "."], directory, timeout=timeout
    )


def add_canary(directory: Path) -> None:
    (directory / CANARY_NAME).write_text(CANARY_TEXT)


def assert_canary(run: CliRun) -> None:
    """The known-bad neighbour was still linted."""
    assert "SL101" in {f["code"] for f in run.findings(CANARY_NAME)}, run.stdout[:2000]


def assert_clean_exit(run: CliRun) -> None:
    """Findings exit (1), no traceback, no internal error."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "internal error" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 1, (run.returncode, run.stderr[-3000:])



def build_chain(top: Path, name: str, levels: int) -> None:
    """``top/name/name/...`` ``levels`` deep with a spark-defaults.conf at the bottom.

    Built by descriptor, so no path handed to the system gets longer than one name:
    the chain may go past PATH_MAX.
    """
    handle = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=handle)
            deeper = os.open(name, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = deeper
        conf = os.open("spark-defaults.conf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle)
        os.write(conf, b"spark.executor.instances 2\n")
        os.close(conf)
    finally:
        os.close(handle)


def remove_chain(top: Path, name: str) -> None:
    """Delete a chain made by :func:`build_chain` without deep paths (pytest's rmtree
    recurses per level): the chain is pulled up one level at a time."""
    inner, spare = top / name, top / "spare"
    while inner.is_dir():
        for entry in os.scandir(inner):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        if (inner / name).is_dir():
            os.rename(inner / name, spare)
            os.rmdir(inner)
            os.rename(spare, inner)
        else:
            os.rmdir(inner)
