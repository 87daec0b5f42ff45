"""What a split run imports for its processes' exchange: none of the heavy modules
the commit hook's index needs for itself (dataclasses with inspect/ast/dis, OpenSSL's
hashlib, subprocess; the byte scan's 21 regular expressions in spotlint.index.roles,
~2 ms to compile), nor ``pickle`` and ``signal`` in Python (the exchange and the time
budget's timer use their C cores, ``_pickle`` and ``_signal``: ~2 ms of start-up), nor
``typing`` (spotlint's annotations name its types only for type checkers: ~12 M
instructions before the fork).
It imports the index's record and selection modules before the fork
(spotlint.cli.joins), where every millisecond is spent before the second core has
anything to do: these were ~14 ms of them (bench/README.md, "Parallelism").

The run is in a fresh interpreter: this one has long imported everything.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("dataclasses", "inspect", "hashlib", "_hashlib", "subprocess", "spotlint.index.roles",
         "pickle", "signal", "typing")

SCRIPT = """
import json, sys
from spotlint.engine import parallel
from spotlint.cli.main import main

done = []
real = parallel.split_run
parallel.split_run = lambda *a, **k: (done.append(1), real(*a, **k))[1]
try:
    main(["check", "--jobs", "2", "--format", "json", "--output", sys.argv[2], sys.argv[1]])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "split": len(done),
                  "heavy": sorted(m for m in sys.argv[3].split(",") if m in sys.modules)}))
"""


def test_a_split_run_imports_nothing_heavy(tmp_path: Path) -> None:
    # (outside a git work tree, whose ignored files the walk asks git for)
    examples = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", examples)
    report = tmp_path / "report.json"
    args = [str(examples), str(report), ",".join(HEAVY)]
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    ran = json.loads(done.stdout.splitlines()[-1])
    assert (ran["code"], ran["split"]) == (1, 1)
    assert json.loads(report.read_text())["findings"]  # the split run reported
    assert ran["heavy"] == []
