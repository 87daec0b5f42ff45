"""What the one-file check (pre-commit's command) imports: none of the heavy modules.

Each of these was on the path once and cost a few milliseconds of a ~100 ms
run (bench/README.md, "One-file latency"): click (the fast path skips it),
dataclasses with inspect/ast/dis (value classes are written by hand), pluggy
(no plugin installed), OpenSSL's _hashlib (fingerprints), jsonschema, typing (its
names are imported for type checkers only: ``TYPE_CHECKING = False`` in each module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEAVY = ("click", "dataclasses", "inspect", "ast", "pluggy", "_hashlib", "jsonschema", "typing")

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    spark-role: executor\n"
    "spec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
    "  containers:\n    - name: spark-kubernetes-executor\n"
)
JOB = (
    "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
    "metadata:\n  name: etl\nspec:\n  sparkVersion: 3.5.1\n  sparkConf:\n"
    '    spark.dynamicAllocation.enabled: "true"\n'
    "  driver:\n    nodeSelector:\n      karpenter.sh/capacity-type: spot\n"
)
#: bench/run.py's configuration: rule options, capacity labels, globs
CONFIG = (
    "select: [ALL]\nignore: [SL207]\nseverity: {SL104: error, SL4: info}\n"
    "exclude: [vendor/*]\nper-path-ignores: {\"charts/*\": [SL1]}\n"
    "capacity-labels: {acme.io/lifecycle: {spot: [preemptible]}}\nmin-instance-types: 8\n"
)


@pytest.mark.parametrize("text", [POD, JOB], ids=["pod template", "SparkApplication"])
@pytest.mark.parametrize("config", [None, CONFIG], ids=["alone", "with a config"])
def test_the_one_file_check_imports_nothing_heavy(
    tmp_path: Path, text: str, config: str | None
) -> None:
    (tmp_path / "file.yaml").write_text(text)
    if config is not None:
        (tmp_path / ".spotlint.yaml").write_text(config)
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(['check', '--force-exclude', 'file.yaml'])\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    # Plugin discovery is tested on its own (tests/plugins/test_builtin_registry.py).
    env = {**os.environ, "SPOTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env=env, check=True)
    code, imported = done.stdout.strip().splitlines()[-1].split(" ", 1)
    assert code in ("0", "1")
    assert imported == "[]"


def test_the_commit_hooks_run_through_the_index_imports_nothing_heavy(tmp_path: Path) -> None:
    """pre-commit's command in a git work tree: the index chooses the context (a first
    run records and saves it; the next, after an edit, reads it back), importing none
    of the heavy modules either (``dataclasses`` was the index's ``Context``, OpenSSL's
    ``_hashlib`` the index's names and Terraform module signatures), nor, where git is
    spawned with ``posix_spawnp``, :mod:`subprocess`."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    (repo / ".spotlint.yaml").unlink()  # one scope, so the index answers
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    old = time.time_ns() - 60_000_000_000  # older than the index's racy window
    for path in repo.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, ns=(old, old))
    # (git is spawned without subprocess where posix_spawnp exists)
    heavy = (*HEAVY, "subprocess") if hasattr(os, "posix_spawnp") else HEAVY
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(['check', '--force-exclude', 'pod-templates/driver.yaml'])\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print(code, 'spotlint.index.context' in sys.modules,"
        f" sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "SPOTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("SPOTLINT_CACHE_DIR", None)
    for run in ("first", "warm"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              cwd=repo, env=env, check=True)
        code, indexed, imported = done.stdout.strip().splitlines()[-1].split(" ", 2)
        assert code in ("0", "1"), run
        assert indexed == "True", run
        assert imported == "[]", run
        assert list((repo / ".spotlint_cache").glob("index-*.json")), run
        template = repo / "pod-templates" / "driver.yaml"
        template.write_text(template.read_text() + "# edited\n")
