"""What every process of a split run would load for itself is loaded once, before the
fork (spotlint.engine.warm): the enabled rules' modules, the catalogs, the readers the
files found need; and only those (a run that enables no pool rule, or finds no shell
script, does not load them).

Each case runs in a fresh interpreter: this one has long imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.splits import Splits

from spotlint.cli.joins import IndexJoins
from spotlint.config.settings import Settings
from spotlint.engine.run import lint

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys
from spotlint.config.settings import Settings
from spotlint.engine.reading import candidates
from spotlint.engine.warm import warm
from spotlint.plugins.manager import default_registry

root, select = sys.argv[1], sys.argv[2].split(",")
settings = Settings(root=root, select=select)
found = list(candidates([root], settings))
before = set(sys.modules)
warm(settings, default_registry(), found)
from spotlint.capacity.instances import catalog
from spotlint.sparkconf.catalog import catalog as confs

print(json.dumps({"loaded": sorted(set(sys.modules) - before),
                  "catalogs": [catalog.cache_info().currsize, confs.cache_info().currsize]}))
"""


def _warm(root: Path, select: str = "ALL") -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(root), select],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_rules_catalogs_and_readers_are_loaded(corpus: Path) -> None:
    warmed = _warm(corpus)
    loaded = set(warmed["loaded"])
    for concern in ("pools", "interruption", "dynamic_allocation"):
        assert f"spotlint.rules.{concern}" in loaded
    assert {"spotlint.recognize.shell", "spotlint.recognize.workloads",
            "spotlint.filter.suppress", "spotlint.placement.view"} <= loaded
    assert "spotlint.load.skipping" in loaded  # (the built-in rules alone: YAML is skipped)
    assert warmed["catalogs"] == [1, 1]


def test_only_what_the_run_uses(tmp_path: Path) -> None:
    (tmp_path / "pool.yaml").write_text("apiVersion: karpenter.sh/v1\nkind: NodePool\n")
    warmed = _warm(tmp_path, "SL4")
    loaded = set(warmed["loaded"])
    assert "spotlint.rules.pools" in loaded
    assert "spotlint.rules.interruption" not in loaded  # no SL2 rule enabled
    assert "spotlint.recognize.shell" not in loaded  # no shell script found


def test_the_skipping_loader_only_for_yaml_or_json(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text("spark-submit --conf spark.executor.cores=2 app.py\n")
    assert "spotlint.load.skipping" not in _warm(tmp_path)["loaded"]


def test_a_split_run_loads_them_before_it_forks(
    corpus: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spotlint.engine import warm

    events: list[str] = []
    real_warm, real_fork = warm.warm, os.fork
    monkeypatch.setattr(warm, "warm", lambda *a: (events.append("warm"), real_warm(*a))[1])
    monkeypatch.setattr(os, "fork", lambda: (events.append("fork"), real_fork())[1])
    lint([str(corpus)], Settings(root=str(corpus)), workers=2, joins=IndexJoins())
    assert splits.done == 1, splits.given_up
    assert events == ["warm", "fork"]
    events.clear()
    lint([str(corpus)], Settings(root=str(corpus)), workers=1, joins=IndexJoins())
    assert events == []  # one process: nothing loaded ahead of its use


def test_a_failure_to_load_ahead_is_left_to_the_processes(
    corpus: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading ahead only saves time: if it fails (a broken installation), each process
    meets the failure where one process would, and reports it alike."""
    from spotlint.engine import warm

    serial = lint([str(corpus)], Settings(root=str(corpus)), workers=1, joins=IndexJoins())

    def broken(*args: object) -> None:
        raise RuntimeError("cannot load")

    monkeypatch.setattr(warm, "warm", broken)
    split = lint([str(corpus)], Settings(root=str(corpus)), workers=2, joins=IndexJoins())
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
