"""The plugin manager: built-ins through ``register()``, third parties via entry points.

Third-party plugins load from the ``spotlint`` entry-point group unless
``SPOTLINT_DISABLE_PLUGIN_AUTOLOAD`` is set (hermetic CI, as in pytest). A plugin
that fails to import raises :class:`PluginError` naming it, never a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pluggy

from spotlint import hookspecs
from spotlint.rule import Rule


class PluginError(Exception):
    """A plugin could not be loaded or returned something invalid."""


@dataclass
class Registry:
    rules: list[Rule] = field(default_factory=list)
    kinds: list[Any] = field(default_factory=list)
    reporters: dict[str, Any] = field(default_factory=dict)
    plugins: list[str] = field(default_factory=list)


def make_manager(
    extra_plugins: tuple[Any, ...] = (), autoload: bool | None = None
) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("spotlint")
    pm.add_hookspecs(hookspecs)
    from spotlint import builtin

    pm.register(builtin, name="spotlint.builtin")
    if autoload is None:
        autoload = not os.environ.get("SPOTLINT_DISABLE_PLUGIN_AUTOLOAD")
    if autoload:
        try:
            pm.load_setuptools_entrypoints("spotlint")
        except Exception as exc:  # an entry point's import failed
            raise PluginError(f"failed to load a spotlint plugin: {exc}") from exc
    for plugin in extra_plugins:
        pm.register(plugin)
    pm.check_pending()
    return pm


def collect(pm: pluggy.PluginManager) -> Registry:
    registry = Registry(plugins=[name for name, _ in pm.list_name_plugin()])
    seen: dict[str, Rule] = {}
    for batch in pm.hook.spotlint_rules():
        for rule in batch:
            if not isinstance(rule, Rule):
                raise PluginError(f"a plugin returned a non-rule object: {rule!r}")
            if rule.code in seen and seen[rule.code] is not rule:
                raise PluginError(f"rule code {rule.code} is defined twice")
            seen[rule.code] = rule
    registry.rules = sorted(seen.values(), key=lambda r: r.code)
    for kinds in pm.hook.spotlint_document_kinds():
        registry.kinds.extend(kinds)
    for reporters in reversed(pm.hook.spotlint_reporters()):
        registry.reporters.update(reporters)
    return registry


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return collect(make_manager())
