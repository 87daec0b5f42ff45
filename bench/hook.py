"""Benchmark the commit hook: one changed file in a 4,000-file git repository.

Generates (deterministically) a git repository of ``--files`` files: copies of
every file of ``../shared/corpus`` (real repositories, so pod templates sit
beside the jobs that reference them and the pools in their scope), one copy per
``org-N/`` directory, the copies after the first varied (cluster and pool
names suffixed, so no two organizations hold identical files), then ordinary
manifests from :mod:`generate` until the count is reached (about 60% of the
files are relevant). Then times, as separate processes, interleaved round by
round, medians:

* **cold**: ``spotlint check --force-exclude FILE`` with no index (the given file and the
  files its context needs are recorded, every other file only scanned);
* **first after another file's cold run**: the index holds what that file needed;
* **warm**: the same after the file changed (the index is up to date but for it);
* **whole**: the same with ``--no-cache`` (every relevant file parsed: the old way);
* **alone**: the file with ``--isolated`` (no context: the floor of the one file);
* **pre-commit**: ``pre-commit run`` with the file staged, through a ``repo: local``
  hook running this environment's spotlint (no network), warm.

Each case is reported as wall time and as CPU time (user + system of the run and
the processes it waited for: its forked workers), whose median a busy shared
machine stretches far less than wall time.

Three changed files are timed (see :data:`CHANGED`).

Each run's output is compared with the ``--no-cache`` output: a difference is
reported and fails the benchmark. Usage: ``python bench/hook.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

#: The changed files, each timed alone: a driver pod template that jobs reference, whose
#: pools are Terraform node groups and Karpenter pools of a blueprint (the first one is
#: also timed cold and through pre-commit); a SparkApplication among Kubernetes examples
#: (no pool in its repository: the nearest pools are the whole organization's); a
#: Karpenter NodePool (a pool change reads every pool and handler of the repository).
CHANGED = (
    "awslabs__data-on-eks/data-stacks/emr-on-eks/examples/nvme-ssd/driver-pod-template.yaml",
    "kubeflow__spark-operator/examples/spark-pi-dynamic-allocation.yaml",
    "aws-samples__karpenter-blueprints/blueprints/od-spot-split/od-spot.yaml",
)
HOOK = """\
repos:
  - repo: local
    hooks:
      - id: spotlint
        name: spotlint
        entry: {spotlint} check --force-exclude
        language: system
        files: \\.(ya?ml|json|sh|conf|tf|tfvars)$
"""
GIT = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench",
       "-c", "commit.gpgsign=false"]


def build(out: Path, files: int, corpus: Path, seed: int, spotlint: str) -> tuple[int, int]:
    """Write the repository; return (files, relevant files by spotlint's byte prefilter)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sources = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix != ".md"
                     and p.name != "MANIFEST.tsv")
    if not sources:  # (the copies below would never reach the share they are counted to)
        raise SystemExit(f"no corpus files under {corpus}: give --corpus")
    written = 0
    org = 0
    # ~60% relevant: the copies take up to 66% of the files (some copied files hold
    # nothing spotlint reads), ordinary manifests the rest
    while written + len(sources) <= files * 0.66:
        for source in sources:
            target = out / f"org-{org}" / source.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            if org:
                data = _variant(data, org)
            target.write_bytes(data)
            written += 1
        org += 1
    gen = generate.Gen(seed, corpus)
    kinds = list(generate.IRRELEVANT_SHARE)
    weights = list(generate.IRRELEVANT_SHARE.values())
    index = 0
    while written < files:
        kind = gen.rng.choices(kinds, weights)[0]
        name, text = gen.irrelevant(kind)
        directory = out / "services" / f"{gen.rng.choice(generate.WORDS)}-{index // 25}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, "utf-8")
        written += 1
        index += 1
    (out / ".pre-commit-config.yaml").write_text(HOOK.format(spotlint=spotlint), "utf-8")
    subprocess.run(["git", "init", "-q", str(out)], check=True)
    subprocess.run([*GIT, "-C", str(out), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(out), "commit", "-q", "-m", "bench"], check=True)
    # Date every file a minute back, as files in a real checkout are.
    stamp = time.time_ns() - 60_000_000_000
    for path in out.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, ns=(stamp, stamp))
    return written, _relevant(out)


#: Counts the files spotlint's byte prefilter would parse (run by spotlint's interpreter).
_COUNT = """
import sys
from pathlib import Path
from spotlint.load.discover import discover
from spotlint.load.prefilter import is_relevant
found = [c.path for c in discover([sys.argv[1]], sys.argv[1])]
data = [(p, Path(p).read_bytes()) for p in found if not p.endswith(".md")]
print(sum(1 for p, b in data if is_relevant(b) or (p.endswith(".conf") and b"spark." in b)))
"""


def _relevant(out: Path) -> int:
    done = subprocess.run([sys.executable, "-c", _COUNT, str(out)], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def _variant(data: bytes, org: int) -> bytes:
    """The same file in another organization: its cluster and pool names differ."""
    for word in (b"cluster-name", b"clusterName", b"name: default", b"spark-executor"):
        data = data.replace(word, word + b"-o%d" % org)
    return data


#: CPU seconds (user + system) of each timed case's runs, beside their wall times.
CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    """CPU seconds of the child processes waited for so far (NaN where not known)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict[str, str],
          case: str | None = None) -> tuple[float, bytes]:
    """Wall seconds and output of one run; its CPU seconds are kept under ``case``."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if case is not None:
        CPU.setdefault(case, []).append(_children_cpu() - cpu)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
    return elapsed, done.stdout


def touch(path: Path, round_: int) -> None:
    """Change the file (a comment that alternates), as an edit before a commit does."""
    text = path.read_text("utf-8").split("\n# bench edit")[0]
    path.write_text(text + (f"\n# bench edit {round_}\n" if round_ % 2 else ""), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--whole-runs", type=int, default=2, help="runs of --no-cache (slow)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpus", type=Path, default=generate.DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/spotlint-bench"))
    parser.add_argument("--no-pre-commit", action="store_true")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    spotlint = str(bindir / "spotlint")
    repo = args.workdir / f"hook-{args.files}"
    files, relevant = build(repo, args.files, args.corpus, args.seed, spotlint)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SPOTLINT_CACHE_DIR", None)
    env.pop("PYTHONPYCACHEPREFIX", None)  # (bytecode where an installation keeps it: run.py)
    changed = [Path(f"org-0/{path}") for path in CHANGED]
    checks = [[spotlint, "check", "--force-exclude", str(path)] for path in changed]
    pre_commit = shutil.which("pre-commit", path=str(bindir)) if not args.no_pre_commit else None
    print(f"{files} files, {relevant} relevant by the byte prefilter ({relevant / files:.0%})",
          file=sys.stderr)
    print(f"load before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    times: dict[str, list[float]] = {}
    references = []
    for index, check in enumerate(checks):
        timed(check, repo, env)  # warm-up: bytecode, page cache, the index
        case = f"whole (--no-cache), file {index + 1}"
        elapsed, reference = timed([*check, "--no-cache"], repo, env, case)
        times[case] = [elapsed]
        references.append(reference)
    for _ in range(args.runs):
        for index, check in enumerate(checks):
            shutil.rmtree(repo / ".spotlint_cache", ignore_errors=True)
            case = f"cold, file {index + 1}"
            elapsed, out = timed(check, repo, env, case)
            times.setdefault(case, []).append(elapsed)
            assert out == references[index], f"cold output differs from --no-cache: {index}"
        # The last cold run recorded what file 3 needs; the others record theirs now
        # (a lazy index records a file when a run first needs it).
        for index, check in enumerate(checks[:-1]):
            case = f"first after file 3's cold run, file {index + 1}"
            elapsed, out = timed(check, repo, env, case)
            times.setdefault(case, []).append(elapsed)
            assert out == references[index], f"output differs from --no-cache: {index}"
        for index, (path, check) in enumerate(zip(changed, checks, strict=True)):
            touch(repo / path, 1)
            touch(repo / path, 2)  # back to the committed text, with a new mtime
            case = f"warm, file {index + 1}"
            elapsed, out = timed(check, repo, env, case)
            times.setdefault(case, []).append(elapsed)
            assert out == references[index], f"warm output differs from --no-cache: {path}"
            case = f"alone (--isolated), file {index + 1}"
            times.setdefault(case, []).append(timed([*check, "--isolated"], repo, env, case)[0])
        if pre_commit:
            touch(repo / changed[0], 1)
            subprocess.run([*GIT, "-C", str(repo), "add", str(changed[0])], check=True)
            case = "pre-commit run, file 1 staged"
            times.setdefault(case, []).append(timed([pre_commit, "run"], repo, env, case)[0])
            touch(repo / changed[0], 2)
            subprocess.run([*GIT, "-C", str(repo), "add", str(changed[0])], check=True)
    for index, path in enumerate(changed):
        print(f"file {index + 1}: {path}", file=sys.stderr)
    print(f"load after: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores, "
          f"Python {platform.python_version()}", file=sys.stderr)
    print("| case | median | CPU median | runs (ms) | CPU (ms) |")
    print("| --- | --- | --- | --- | --- |")
    for name, values in sorted(times.items(), key=lambda item: item[0][-1]):
        if values:
            shown = ", ".join(f"{v * 1000:.0f}" for v in values)
            cpu = CPU.get(name, [])
            cpu_shown = ", ".join(f"{v * 1000:.0f}" for v in cpu)
            cpu_median = f"{statistics.median(cpu) * 1000:.0f} ms" if cpu else ""
            print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | {cpu_median} | "
                  f"{shown} | {cpu_shown} |")
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
