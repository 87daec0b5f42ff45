"""One-file check latency, interleaved across spotlint installs (before/after a change).

``spotlint check --force-exclude FILE`` is what pre-commit runs on each staged
file; almost all of it is Python start-up and imports. This script times that
command for each given ``spotlint`` executable (e.g. the wheels of two commits
in two venvs), one run of each in turn, so that the machine's load falls on all
of them alike, and prints per install and case the median wall time, the
fastest run and the median CPU time (user + system, from ``wait4``).

Unlike ``run.py``'s one-file figures, nothing samples the child's memory while
it runs (that sampler thread costs a short run ~15 ms of wall time on a loaded
2-core machine); memory is not reported (``run.py`` does).

    python bench/one_file.py --spotlint before=/tmp/a/bin/spotlint \\
        --spotlint after=/tmp/b/bin/spotlint --runs 21 [--file examples/jobs/nightly-etl.yaml]

Cases: run.py's small pod template alone in a directory, the same beside run.py's
``.spotlint.yaml``, and each ``--file`` copied alone into a directory (and beside
``select: [ALL]``). PYTHONDONTWRITEBYTECODE is dropped for the children: an
installed wheel runs from compiled bytecode.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import one_file, one_file_with_config


def _cases(workdir: Path, files: list[str]) -> list[tuple[str, Path]]:
    cases = [("pod template", one_file(workdir)),
             ("pod template + config", one_file_with_config(workdir))]
    for index, name in enumerate(files):
        for config in (False, True):
            target = workdir / f"file{index}{'-config' if config else ''}" / Path(name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(name, target)
            if config:
                (target.parent / ".spotlint.yaml").write_text("select: [ALL]\n", "utf-8")
            cases.append((f"{Path(name).name}{' + config' if config else ''}", target))
    return cases


def _run(executable: str, target: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one check of ``target`` from its directory."""
    start = time.perf_counter()
    proc = subprocess.Popen([executable, "check", "--force-exclude", target.name],
                            cwd=target.parent, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{executable} failed on {target} ({code}):\n{error[-2000:]}")
    if proc.stderr:
        proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--spotlint", action="append", required=True, metavar="LABEL=PATH",
                        help="a spotlint executable to time (repeat to compare)")
    parser.add_argument("--file", action="append", default=[],
                        help="another file to check alone (repeatable)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    installs = [tuple(item.split("=", 1)) if "=" in item else (item, item)
                for item in args.spotlint]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="spotlint-one-file-") as tmp:
        cases = _cases(Path(tmp), args.file)
        for _, executable in installs:  # warm-up: page cache
            for _, target in cases:
                _run(executable, target, env)
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        before = os.getloadavg()
        for index in range(args.runs):
            order = installs if index % 2 == 0 else installs[::-1]
            for case, target in cases:
                for label, executable in order:
                    samples.setdefault((label, case), []).append(_run(executable, target, env))
        after = os.getloadavg()
    print(f"{args.runs} interleaved runs each; load average (1, 5, 15 min) "
          f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f} before, "
          f"{after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after")
    for case, _ in cases:
        for label, _ in installs:
            runs = samples[(label, case)]
            wall = statistics.median(r[0] for r in runs) * 1e3
            print(f"{case:<28} {label:<12} wall {wall:6.1f} ms"
                  f"  fastest {min(r[0] for r in runs) * 1e3:6.1f} ms"
                  f"  CPU {statistics.median(r[1] for r in runs) * 1e3:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
