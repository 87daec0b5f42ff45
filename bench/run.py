"""Benchmark spotlint against the parse floor (and Checkov, on request).

Generates the corpora with :mod:`generate` (deterministic, cached under the work
directory), then times, as separate processes and with the median of several
runs each:

* ``spotlint check DIR`` on every corpus size;
* the floor, ``bench/floor.py DIR``: a bare single-process libyaml parse of the
  same files;
* ``spotlint check one.yaml``, one small pod template, as pre-commit runs it;
* with ``--with-checkov``, ``checkov -d DIR --framework kubernetes``, installed
  into its own virtualenv on first use.

Ratios are printed beside absolute figures because the machine is noisy. Peak
RSS is the largest sum of resident memory over the process tree (workers
included, shared pages split among them: PSS), sampled every 20 ms
from /proc.

``--quick`` runs the 1,000-file corpus only, prints the same table and exits 1
only on a gross regression (spotlint slower than 3x the floor): a guard for CI
that does not turn scheduler noise into failures. Smaller corpora are not used:
there spotlint's start-up (about 0.1 s) alone approaches 2x the floor.

Child processes write bytecode to a cache under the work directory (as an
installed package would have it) even when PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

QUICK_LIMIT = 3.0


@dataclass
class Sample:
    """One timed process: wall seconds and peak resident memory of its tree."""

    wall: float
    rss_mb: float
    returncode: int


@dataclass
class Measure:
    """The runs of one command on one corpus, summarized by their medians."""

    name: str
    runs: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.runs)


def _tree_rss_kb(root: int) -> int:
    """Proportional resident KB (PSS) of ``root`` and all its descendants, from /proc.

    PSS splits pages shared by forked workers among them, so the sum is the
    memory the tree really holds (plain RSS would count inherited pages twice).
    """
    total = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> Sample:
    """Run ``cmd`` with output discarded; wall time and sampled peak tree RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    # ru_maxrss: the largest single process (the main one); a floor for the tree's peak.
    rss_kb = max(peak[0], usage.ru_maxrss)
    return Sample(wall=wall, rss_mb=rss_kb / 1024, returncode=proc.returncode)


def repeat(name: str, cmd: list[str], env: dict[str, str], runs: int) -> Measure:
    measure = Measure(name)
    timed(cmd, env)  # warm-up: page cache, bytecode cache
    for _ in range(runs):
        measure.runs.append(timed(cmd, env))
    return measure


def corpus(workdir: Path, files: int, seed: int, source: Path) -> Path:
    """The generated corpus for ``files``, regenerated only when the generator changed."""
    stamp_text = f"{files} {seed} {source} " + hashlib.sha256(
        (HERE / "generate.py").read_bytes()
    ).hexdigest()
    out = workdir / f"corpus-{files}"
    stamp = workdir / f"corpus-{files}.stamp"
    if not (stamp.is_file() and stamp.read_text() == stamp_text and out.is_dir()):
        print(f"generating {files} files in {out} ...", file=sys.stderr, flush=True)
        generate.generate(out, files, seed, source)
        stamp.write_text(stamp_text)
    return out


def checkov_binary(venv: Path) -> Path:
    """Checkov in its own virtualenv (it pins many packages spotlint must not share)."""
    binary = venv / "bin" / "checkov"
    if not binary.exists():
        print(f"installing checkov into {venv} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "checkov"], check=True)
    return binary


def child_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def one_file(workdir: Path) -> Path:
    """A small pod template, the kind of file a pre-commit hook sees alone."""
    path = workdir / "one" / "executor-template.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    spark-role: executor\n"
        "spec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
        "  containers:\n    - name: spark-kubernetes-executor\n",
        "utf-8",
    )
    return path


#: A typical configuration (the README's example, trimmed), for the one-file check
#: in a repository that has one: reading and validating it is on the hot path.
CONFIG = """\
select: [ALL]
ignore: [SL207]
severity: {SL104: error, SL4: info}
fail-on: warning
exclude: [vendor/*, "*.rendered.yaml"]
per-path-ignores: {"charts/upstream/*": [SL1]}
capacity-labels: {acme.io/lifecycle: {spot: [preemptible], on-demand: [steady]}}
min-instance-types: 8
"""


def one_file_with_config(workdir: Path) -> Path:
    """The same pod template, beside a ``.spotlint.yaml`` (the common case in a repository)."""
    path = workdir / "one-config" / "executor-template.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(one_file(workdir).read_text("utf-8"), "utf-8")
    (path.parent / ".spotlint.yaml").write_text(CONFIG, "utf-8")
    return path


def size_of(directory: Path) -> tuple[int, int]:
    """(candidate files, bytes) as the floor counts them."""
    count = size = 0
    for path in directory.rglob("*"):
        if path.is_file() and path.name.lower().endswith(
            (".yaml", ".yml", ".json", ".conf", ".sh")
        ):
            count += 1
            size += path.stat().st_size
    return count, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="spotlint benchmark (see bench/README.md)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--one-runs", type=int, default=15, help="runs of the one-file check")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpus", type=Path, default=generate.DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/spotlint-bench"))
    parser.add_argument("--workers", "--jobs", dest="jobs", default=None,
                        help="pass --workers to spotlint check")
    parser.add_argument("--with-checkov", action="store_true")
    parser.add_argument("--checkov-runs", type=int, default=1)
    parser.add_argument("--checkov-venv", type=Path, default=Path("/tmp/spotlint-bench-checkov"))
    parser.add_argument("--quick", action="store_true", help="small corpus, CI regression guard")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one-file-only", action="store_true",
                        help="only the one-file checks (no corpus)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.one_runs, args.with_checkov = [1000], 3, 5, False

    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_env(args.workdir)
    bindir = Path(sys.executable).parent
    spotlint = [str(bindir / "spotlint")] if (bindir / "spotlint").exists() else [
        sys.executable, "-m", "spotlint"]
    extra = ["--workers", args.jobs] if args.jobs else []
    checkov = checkov_binary(args.checkov_venv) if args.with_checkov else None

    results: dict[str, object] = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "sizes": {},
    }
    rows = []
    per_file: dict[int, float] = {}
    worst = 0.0
    for files in [] if args.one_file_only else args.sizes:
        directory = corpus(args.workdir, files, args.seed, args.corpus)
        count, size = size_of(directory)
        check = [*spotlint, "check", str(directory), "--exit-zero", *extra]
        lint = repeat("spotlint", check, env, args.runs)
        floor = repeat("floor", [sys.executable, str(HERE / "floor.py"), str(directory)], env,
                       args.runs)
        measures = [lint, floor]
        if checkov is not None:
            cmd = [str(checkov), "-d", str(directory), "--framework", "kubernetes", "--quiet",
                   "--compact", "-o", "json"]
            measure = Measure("checkov")
            for _ in range(args.checkov_runs):
                measure.runs.append(timed(cmd, env))
            measures.append(measure)
        per_file[files] = lint.wall / count
        worst = max(worst, lint.wall / floor.wall)
        entry: dict[str, object] = {"files": count, "bytes": size}
        for m in measures:
            entry[m.name] = {
                "wall_s": m.wall, "rss_mb": m.rss_mb, "runs": [asdict(r) for r in m.runs]
            }
            rows.append((f"{files}", m.name, m.wall, count / m.wall, size / 1e6 / m.wall, m.rss_mb))
        entry["spotlint/floor"] = lint.wall / floor.wall
        if checkov is not None:
            entry["checkov/spotlint"] = measures[2].wall / lint.wall
        results["sizes"][str(files)] = entry  # type: ignore[index]

    one = one_file(args.workdir)
    # The command line of the pre-commit hook (.pre-commit-hooks.yaml), which spotlint
    # serves without importing click; exit code 1 (findings) is accepted by timed().
    single = repeat(
        "one file", [*spotlint, "check", "--force-exclude", str(one)], env, args.one_runs
    )
    results["one_file"] = {"wall_s": single.wall, "rss_mb": single.rss_mb}
    configured = repeat(
        "one file, with a configuration",
        [*spotlint, "check", "--force-exclude", str(one_file_with_config(args.workdir))],
        env, args.one_runs,
    )
    results["one_file_config"] = {"wall_s": configured.wall, "rss_mb": configured.rss_mb}

    print(f"\nmachine: {results['machine']}; medians of {args.runs} runs")
    print(f"{'corpus':>7} {'tool':>9} {'wall s':>8} {'files/s':>9} {'MB/s':>7} {'peak RSS MB':>12}")
    for corpus_name, tool, wall, fps, mbps, rss in rows:
        print(f"{corpus_name:>7} {tool:>9} {wall:8.2f} {fps:9.0f} {mbps:7.2f} {rss:12.0f}")
    print()
    for files in [] if args.one_file_only else args.sizes:
        entry = results["sizes"][str(files)]  # type: ignore[index]
        line = f"{files:>6} files: spotlint/floor {entry['spotlint/floor']:.2f}x"
        if "checkov/spotlint" in entry:
            line += f", checkov/spotlint {entry['checkov/spotlint']:.1f}x"
        line += f", {per_file[files] * 1e3:.3f} ms per file"
        print(line)
    if len(per_file) > 1:
        first, last = min(per_file), max(per_file)
        print(f"time per file, {last} vs {first} files: {per_file[last] / per_file[first]:.2f}x")
    print(f"one small file: {single.wall * 1e3:.0f} ms median of {args.one_runs} "
          f"(peak RSS {single.rss_mb:.0f} MB)")
    print(f"one small file beside a .spotlint.yaml: {configured.wall * 1e3:.0f} ms median of "
          f"{args.one_runs} (peak RSS {configured.rss_mb:.0f} MB)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.quick:
        verdict = "ok" if worst <= QUICK_LIMIT else "REGRESSION"
        print(f"quick guard: spotlint/floor {worst:.2f}x (limit {QUICK_LIMIT}x): {verdict}")
        return 0 if worst <= QUICK_LIMIT else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
