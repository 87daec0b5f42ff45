"""Benchmark spotlint against the parse floor (and Checkov, on request).

Generates the corpora with :mod:`generate` (deterministic, cached under the work
directory), then times, as separate processes and with the median of several
runs each:

* ``spotlint check DIR --format F`` on every corpus size and format asked;
* the floor, ``bench/floor.py DIR --parsed``: a bare single-process libyaml
  parse of the files spotlint parses (and, for reference, of every file);
* ``spotlint check one.yaml``, one small pod template, as pre-commit runs it;
* with ``--with-checkov``, ``checkov -d DIR --framework kubernetes`` (its
  Kubernetes checks only, the fair comparison) and ``checkov -d DIR`` (every
  framework, what ``checkov -d .`` in a repository runs), installed into its
  own virtualenv on first use.

Ratios are printed beside absolute figures because the machine is noisy. Peak
memory is the child's ``ru_maxrss`` and the largest sum of resident memory
over the process tree (workers included, shared pages split among them: PSS),
sampled every 20 ms from /proc.

``--quick`` runs the Spark-heavy 1,000-file corpus in text only, prints the
same table and exits 1 only on a gross regression (spotlint slower than
:data:`QUICK_LIMIT` times the floor over the files it parses; measured 6-7x on
a loaded 2-core machine): a guard for CI that does not turn scheduler noise
into failures. Smaller corpora are not used: there spotlint's start-up (about
0.1 s) alone approaches the floor.

Child processes run as an installed package runs: with their bytecode cached
beside the sources (``__pycache__``, where ``pip install`` writes it), even when
PYTHONDONTWRITEBYTECODE is set, and with no PYTHONPYCACHEPREFIX. A prefix would
make Python skip the installed caches and spotlint's own bytecode finder
(``spotlint/cli/bytecode.py`` leaves such a run to Python's import): a start-up
no user has (until session 15 the children ran under a prefix, ~4% slower at
1,000 files).
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

#: --quick fails above this ratio to the floor over parsed files (a gross regression).
QUICK_LIMIT = 15.0


@dataclass
class Sample:
    """One timed process: wall seconds and peak memory.

    ``rss_mb`` is the larger of the sampled tree PSS and ``maxrss_mb``, the
    child's own ``ru_maxrss`` (from ``wait4``: exact, never missed between samples).
    """

    wall: float
    rss_mb: float
    returncode: int
    maxrss_mb: float = 0.0
    #: user + system CPU seconds of the child and the children it waited for (its
    #: forked workers): on a shared machine this moves far less than wall time
    cpu: float = 0.0
    #: the most processes of the run seen at one sample (2: the run was shared by a
    #: forked process; a child living less than a sampling interval may be missed)
    processes: int = 1


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

    @property
    def maxrss_mb(self) -> float:
        return max(s.maxrss_mb for s in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.runs)

    @property
    def processes(self) -> int:
        return max(s.processes for s in self.runs)


def _tree_rss_kb(root: int) -> tuple[int, int]:
    """Proportional resident KB (PSS) of ``root`` and all its descendants, from /proc,
    and how many processes the tree holds.

    PSS splits pages shared by forked workers among them, so the sum is the
    memory the tree really holds (plain RSS would count inherited pages twice).
    """
    total = 0
    count = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        count += 1
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
    return total, count


def timed(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> Sample:
    """Run ``cmd`` with output discarded; wall time and sampled peak tree RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0, 1]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            kb, count = _tree_rss_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], kb), max(peak[1], count)
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
    return Sample(wall=wall, rss_mb=rss_kb / 1024, returncode=proc.returncode,
                  maxrss_mb=usage.ru_maxrss / 1024, cpu=usage.ru_utime + usage.ru_stime,
                  processes=peak[1])


def repeat(name: str, cmd: list[str], env: dict[str, str], runs: int) -> Measure:
    measure = Measure(name)
    timed(cmd, env)  # warm-up: page cache, bytecode cache
    for _ in range(runs):
        measure.runs.append(timed(cmd, env))
    return measure


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], runs: int, warm: bool = True,
    limits: dict[str, int] | None = None,
) -> dict[str, Measure]:
    """Run every command ``runs`` times, round-robin (one of each, then again).

    On a shared machine load comes and goes; interleaving spreads it over all
    commands instead of charging it to whichever ran during a busy minute, so
    the ratios between them hold better than the absolute times. ``limits``
    caps the runs of slow commands (Checkov): they run in the first rounds only.
    """
    limits = limits or {}
    measures = {name: Measure(name) for name in commands}
    if warm:
        for cmd in commands.values():
            timed(cmd, env)  # warm-up: page cache, bytecode cache
    for round_number in range(runs):
        for name, cmd in commands.items():
            if round_number < limits.get(name, runs):
                measures[name].runs.append(timed(cmd, env))
    return measures


def paired_ratios(slow: Measure, fast: Measure) -> list[float]:
    """Wall ratio of ``slow`` to ``fast`` in each round both ran in.

    Each pair ran within seconds of each other, so a minute when the host is
    slower or faster moves both alike: these ratios say more than the ratio of
    medians taken over different minutes.
    """
    return [s.wall / f.wall for s, f in zip(slow.runs, fast.runs, strict=False)]


def corpus(workdir: Path, files: int, seed: int, source: Path, mix: str = "monorepo") -> Path:
    """The generated corpus for ``files``, regenerated only when the generator changed."""
    # The resolved path: a checkout beside a symlink to the corpus must not regenerate it.
    stamp_text = f"{files} {seed} {source.resolve()} {mix} " + hashlib.sha256(
        (HERE / "generate.py").read_bytes()
    ).hexdigest()
    name = f"corpus-{files}" if mix == "monorepo" else f"corpus-{mix}-{files}"
    out = workdir / name
    stamp = workdir / f"{name}.stamp"
    if not (stamp.is_file() and stamp.read_text() == stamp_text and out.is_dir()):
        print(f"generating {files} files in {out} ...", file=sys.stderr, flush=True)
        generate.generate(out, files, seed, source, mix)
        stamp.write_text(stamp_text)
    return out


#: Checkov runs ``--checkov-frameworks`` chooses from, and the name each is reported as.
CHECKOV_NAMES = {"kubernetes": "checkov", "all": "checkov (all frameworks)"}
CHECKOV_FRAMEWORKS = tuple(CHECKOV_NAMES)


def checkov_command(checkov: Path, directory: Path, framework: str) -> tuple[str, list[str]]:
    """The name and command line of one Checkov run.

    ``kubernetes`` runs only Checkov's Kubernetes checks, the fair comparison with
    spotlint; ``all`` is Checkov's default (every framework, secrets scanning
    included), what ``checkov -d .`` in a repository does.
    """
    cmd = [str(checkov), "-d", str(directory), "--quiet", "--compact", "-o", "json"]
    if framework != "all":
        cmd[3:3] = ["--framework", framework]
    return CHECKOV_NAMES[framework], cmd


def checkov_binary(venv: Path) -> Path:
    """Checkov in its own virtualenv (it pins many packages spotlint must not share)."""
    binary = venv / "bin" / "checkov"
    if not binary.exists():
        print(f"installing checkov into {venv} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "checkov"], check=True)
    return binary


def child_env() -> dict[str, str]:
    """The environment of the timed commands: bytecode written and read where an
    installation keeps it (see the module's docstring)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
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


#: Every built-in output format; ``--formats all`` measures each.
ALL_FORMATS = ("text", "concise", "github", "gitlab", "json", "junit", "sarif", "statistics")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="spotlint benchmark (see bench/README.md)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--mix", choices=sorted(generate.MIXES), default="spark-heavy",
                        help="corpus mix (spark-heavy: ~60%% relevant; monorepo: ~11%%)")
    parser.add_argument("--formats", nargs="+", default=["text", "json", "sarif"],
                        help="output formats to time ('all' for every one)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (median)")
    parser.add_argument("--one-runs", type=int, default=15, help="runs of the one-file check")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpus", type=Path, default=generate.DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/spotlint-bench"))
    parser.add_argument("--workers", "--jobs", dest="jobs", default=None,
                        help="pass --workers to spotlint check")
    parser.add_argument("--with-checkov", action="store_true")
    parser.add_argument("--checkov-sizes", type=int, nargs="+", default=[1000],
                        help="corpus sizes Checkov runs on (it is slow)")
    parser.add_argument("--checkov-runs", type=int, default=None,
                        help="Checkov runs per size, in the first rounds of the "
                        "interleaving (default: as many as --runs)")
    parser.add_argument("--checkov-frameworks", nargs="+", choices=CHECKOV_FRAMEWORKS,
                        default=list(CHECKOV_FRAMEWORKS),
                        help="Checkov runs to time: its Kubernetes checks only, "
                        "and/or every framework (its default)")
    parser.add_argument("--checkov-venv", type=Path, default=Path("/tmp/spotlint-bench-checkov"))
    parser.add_argument("--quick", action="store_true", help="small corpus, CI regression guard")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one-file-only", action="store_true",
                        help="only the one-file checks (no corpus)")
    parser.add_argument("--no-one-file", action="store_true", help="skip the one-file checks")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the warm-up run of each command (for the long 40k runs)")
    parser.add_argument("--one-process-too", action="store_true",
                        help="also time each format with --jobs 1 (one process), beside "
                        "spotlint's default (a large run shared by two processes)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.one_runs, args.with_checkov = [1000], 3, 5, False
        args.formats, args.mix = ["text"], "spark-heavy"
    formats = list(ALL_FORMATS) if args.formats == ["all"] else args.formats

    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_env()
    bindir = Path(sys.executable).parent
    spotlint = [str(bindir / "spotlint")] if (bindir / "spotlint").exists() else [
        sys.executable, "-m", "spotlint"]
    extra = ["--workers", args.jobs] if args.jobs else []
    checkov = checkov_binary(args.checkov_venv) if args.with_checkov else None

    results: dict[str, object] = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "mix": args.mix,
        "runs": args.runs,
        "sizes": {},
    }
    worst = 0.0
    per_file: dict[int, float] = {}
    for files in [] if args.one_file_only else args.sizes:
        directory = corpus(args.workdir, files, args.seed, args.corpus, args.mix)
        count, size = size_of(directory)
        parsed = _parsed_count(directory, env)
        before = load()
        commands = {
            fmt: [*spotlint, "check", str(directory), "--exit-zero", "--format", fmt, *extra]
            for fmt in formats
        }
        if args.one_process_too:
            for fmt in formats:
                commands[f"{fmt} --jobs 1"] = [*spotlint, "check", str(directory),
                                               "--exit-zero", "--format", fmt, "--jobs", "1"]
        floor_script = str(HERE / "floor.py")
        commands["floor"] = [sys.executable, floor_script, str(directory), "--parsed"]
        commands["floor (all files)"] = [sys.executable, floor_script, str(directory)]
        limits: dict[str, int] = {}
        if checkov is not None and files in args.checkov_sizes:
            # In the same rounds as spotlint's runs, so each Checkov run has a
            # spotlint run of the same minute beside it.
            for framework in args.checkov_frameworks:
                name, cmd = checkov_command(checkov, directory, framework)
                commands[name] = cmd
                limits[name] = args.checkov_runs or args.runs
        measures = interleaved(commands, env, args.runs, warm=not args.no_warm_up,
                               limits=limits)
        floor = measures["floor"].wall
        entry: dict[str, object] = {
            "files": count, "bytes": size, "parsed_files": parsed,
            "load_before": before, "load_after": load(),
        }
        for name, m in measures.items():
            entry[name] = {
                "wall_s": m.wall, "cpu_s": m.cpu, "rss_mb": m.rss_mb, "maxrss_mb": m.maxrss_mb,
                "processes": m.processes, "runs": [asdict(r) for r in m.runs],
            }
        for fmt in formats:
            ratio = measures[fmt].wall / floor
            entry[f"{fmt}/floor"] = ratio
            entry[f"{fmt}/floor cpu"] = measures[fmt].cpu / measures["floor"].cpu
            worst = max(worst, ratio)
        if "text" in measures:
            per_file[files] = measures["text"].wall / count
            for fmt in formats:
                entry[f"{fmt}/text"] = measures[fmt].wall / measures["text"].wall
                entry[f"{fmt}/text cpu"] = measures[fmt].cpu / measures["text"].cpu
        for json_name in ("json", "json --jobs 1"):
            if json_name in measures:
                for name in CHECKOV_NAMES.values():
                    if name in measures:
                        entry[f"{name}/{json_name}"] = (measures[name].wall
                                                        / measures[json_name].wall)
                        entry[f"{name}/{json_name} paired"] = paired_ratios(
                            measures[name], measures[json_name])
        results["sizes"][str(files)] = entry  # type: ignore[index]
        _print_size(files, entry, measures, formats)

    if not args.no_one_file:
        _one_file_checks(args, spotlint, env, results)
    if len(per_file) > 1:
        first, last = min(per_file), max(per_file)
        print(f"text, time per file, {last} vs {first} files: "
              f"{per_file[last] / per_file[first]:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if args.quick:
        verdict = "ok" if worst <= QUICK_LIMIT else "REGRESSION"
        print(f"quick guard: spotlint/floor {worst:.2f}x (limit {QUICK_LIMIT}x): {verdict}")
        return 0 if worst <= QUICK_LIMIT else 1
    return 0


def _parsed_count(directory: Path, env: dict[str, str]) -> int:
    """How many files spotlint parses (the floor's ``--parsed`` count)."""
    out = subprocess.run([sys.executable, str(HERE / "floor.py"), str(directory), "--parsed"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return int(out.split()[4])


def _print_size(
    files: int, entry: dict[str, object], measures: dict[str, Measure], formats: list[str]
) -> None:
    count, size, parsed = entry["files"], entry["bytes"], entry["parsed_files"]
    print(f"\n{files} files ({count} candidates, {parsed} parsed, "
          f"{int(size) / 1e6:.1f} MB); load {entry['load_before']} -> {entry['load_after']}",  # type: ignore[call-overload]
          flush=True)
    print(f"{'command':>24} {'wall s':>8} {'x floor':>8} {'x text':>7} {'cpu s':>7} "
          f"{'x floor':>8} {'x text':>7} {'files/s':>8} {'maxrss MB':>10} {'tree MB':>8} "
          f"{'procs':>5}")
    floor, floor_cpu = measures["floor"].wall, measures["floor"].cpu
    for name, m in measures.items():
        text = measures.get("text")
        vs_text = (f"{m.wall / text.wall:7.2f}" if text and name in formats else f"{'':>7}")
        cpu_vs_text = (f"{m.cpu / text.cpu:7.2f}" if text and name in formats else f"{'':>7}")
        print(f"{name:>24} {m.wall:8.2f} {m.wall / floor:8.2f} {vs_text} {m.cpu:7.2f} "
              f"{m.cpu / floor_cpu:8.2f} {cpu_vs_text} "
              f"{int(count) / m.wall:8.0f} {m.maxrss_mb:10.0f} {m.rss_mb:8.0f} "  # type: ignore[call-overload]
              f"{m.processes:5d}",
              flush=True)
    for name in CHECKOV_NAMES.values():
        for json_name in ("json", "json --jobs 1"):
            if f"{name}/{json_name}" in entry:
                print(f"{name} / spotlint {json_name}: {entry[f'{name}/{json_name}']:.1f}x "
                      f"(wall medians; {_mode(measures[json_name])}); "
                      f"{_paired(entry[f'{name}/{json_name} paired'])}",  # type: ignore[arg-type]
                      flush=True)


def _paired(ratios: list[float]) -> str:
    """The per-round ratios in brief: their median and range."""
    if not ratios:
        return "no paired rounds"
    return (f"per round {statistics.median(ratios):.1f}x median of {len(ratios)} "
            f"({min(ratios):.1f}-{max(ratios):.1f}x)")


def _mode(measure: Measure) -> str:
    """How a spotlint command ran: in one process, or shared by forked ones."""
    count = measure.processes
    return "in one process" if count == 1 else f"shared by {count} processes"


def _one_file_checks(
    args: argparse.Namespace, spotlint: list[str], env: dict[str, str],
    results: dict[str, object],
) -> None:
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
    print(f"one small file: {single.wall * 1e3:.0f} ms median of {args.one_runs} "
          f"(peak RSS {single.rss_mb:.0f} MB)")
    print(f"one small file beside a .spotlint.yaml: {configured.wall * 1e3:.0f} ms median of "
          f"{args.one_runs} (peak RSS {configured.rss_mb:.0f} MB)")


if __name__ == "__main__":
    sys.exit(main())
