"""Shared helpers for the autofix tests: run the fix loop on a copy of one file."""

from __future__ import annotations

import shutil
from pathlib import Path

from spotlint.cli.fixing import fix_paths
from spotlint.config.settings import Settings
from spotlint.fix.apply import FixOutcome

GOLDEN = Path(__file__).resolve().parents[1] / "fix" / "golden"

#: before file -> (rules selected, unsafe fixes too)
CASES: dict[str, tuple[list[str], bool]] = {
    "sl201_sparkconf.yaml": (["SL201"], False),
    "sl201_no_sparkconf.yaml": (["SL201"], False),
    "sl201_flow.yaml": (["SL201"], False),
    "sl201_defaults.conf": (["SL201"], False),
    "sl201_startjobrun.json": (["SL201"], False),
    "sl201_startjobrun_no_params.json": (["SL201"], False),
    "sl202_storage_off.yaml": (["SL202"], False),
    "sl204_pvc.conf": (["SL204", "SL206"], False),
    "sl209_rename.yaml": (["SL209"], True),
    "sl210_values.conf": (["SL210"], True),
    "sl301_dynamic.yaml": (["SL301", "SL303"], True),
    "sl301_submit_false.json": (["SL301"], False),
    "sl105_pod.yaml": (["SL105"], False),
    "sl105_submit.json": (["SL105"], False),
    "sl101_driver.yaml": (["SL101"], True),
    "sl104_preferred.yaml": (["SL104"], True),
}


def after_name(name: str) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}.fixed.{ext}"


def settings_for(root: Path, select: list[str]) -> Settings:
    return Settings(root=str(root), select=select)


def fix_copy(name: str, tmp: Path, select: list[str], unsafe: bool) -> tuple[Path, FixOutcome]:
    """Copy golden ``name`` into ``tmp`` and run the fix loop on it (nothing is written)."""
    target = tmp / name
    shutil.copyfile(GOLDEN / name, target)
    outcome = fix_paths([str(target)], settings_for(tmp, select), None, unsafe)
    return target, outcome
