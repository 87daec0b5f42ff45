"""What the one-file check (pre-commit's command) imports: none of the heavy modules.

Each of these was on the path once and cost a few milliseconds of a ~100 ms
run (bench/README.md, "One-file latency"): click (the fast path skips it),
dataclasses with inspect/ast/dis (value classes are written by hand), pluggy
(no plugin installed), OpenSSL's _hashlib (fingerprints), jsonschema, typing (its
names are imported for type checkers only: ``TYPE_CHECKING = False`` in each module).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
