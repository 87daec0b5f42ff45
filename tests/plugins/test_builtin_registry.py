"""Without third-party plugins the registry is built without pluggy, and is the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spotlint.plugins import manager
from spotlint.plugins.manager import collect, collect_builtin, default_registry, make_manager


def test_the_builtin_registry_is_the_one_pluggy_collects() -> None:
    direct = collect_builtin()
    managed = collect(make_manager(autoload=False))
    assert direct.plugins == managed.plugins == ["spotlint.builtin"]
    assert [r.code for r in direct.rules] == [r.code for r in managed.rules]
    assert direct.rules == managed.rules
    assert [type(k) for k in direct.kinds] == [type(k) for k in managed.kinds]
    assert [k.name for k in direct.kinds] == [k.name for k in managed.kinds]
    assert direct.reporters == managed.reporters and "sarif" in direct.reporters


def _imports_pluggy(tmp_path: Path, **env: str) -> tuple[bool, bool]:
    """(pluggy imported, group maybe declared) after ``default_registry()`` in a fresh process."""
    script = (
        "import sys\n"
        "from spotlint.plugins.manager import default_registry, _group_may_be_declared\n"
        "assert len(default_registry().rules) > 30\n"
        "print('pluggy' in sys.modules, _group_may_be_declared('spotlint'))\n"
    )
    base = {k: v for k, v in os.environ.items() if k != "SPOTLINT_DISABLE_PLUGIN_AUTOLOAD"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env={**base, **env}, check=True)
    imported, declared = done.stdout.split()
    return imported == "True", declared == "True"


def test_pluggy_is_imported_only_when_a_plugin_may_be_installed(tmp_path: Path) -> None:
    imported, declared = _imports_pluggy(tmp_path)
    assert imported == declared
    assert _imports_pluggy(tmp_path, SPOTLINT_DISABLE_PLUGIN_AUTOLOAD="1") == (False, declared)


def test_a_declared_group_goes_through_pluggy(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def fake_load(pm: object, group: str) -> None:
        loaded.append(group)

    monkeypatch.setattr(manager, "_group_may_be_declared", lambda group: True)
    monkeypatch.setattr(manager, "_load_entry_points", fake_load)
    monkeypatch.delenv("SPOTLINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    default_registry.cache_clear()
    try:
        registry = default_registry()
    finally:
        default_registry.cache_clear()
    assert loaded == ["spotlint"]
    assert registry.plugins == ["spotlint.builtin"]
