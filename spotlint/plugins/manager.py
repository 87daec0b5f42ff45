"""The plugin manager: built-ins through ``register()``, third parties via entry points.

Third-party plugins load from the ``spotlint`` entry-point group unless
``SPOTLINT_DISABLE_PLUGIN_AUTOLOAD`` is set (hermetic CI, as in pytest). A plugin
that fails to import raises :class:`PluginError` naming it, never a traceback.

When no installed distribution declares the group (or autoload is off), the
registry is built from :mod:`.bundle` directly: pluggy is imported only when
there is a plugin to manage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib.machinery import PathFinder

from spotlint.errors import PluginError
from spotlint.rule import Rule
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import pluggy

#: The entry-point group third-party plugins declare.
ENTRY_POINT_GROUP = "spotlint"


class Registry(Value):
    """What the plugins contribute: rules (sorted by code), document kinds, reporters."""

    rules: list[Rule]
    kinds: list[Any]
    reporters: dict[str, Any]
    plugins: list[str]

    def __init__(
        self,
        rules: list[Rule] | None = None,
        kinds: list[Any] | None = None,
        reporters: dict[str, Any] | None = None,
        plugins: list[str] | None = None,
    ) -> None:
        self.rules = [] if rules is None else rules
        self.kinds = [] if kinds is None else kinds
        self.reporters = {} if reporters is None else reporters
        self.plugins = [] if plugins is None else plugins

    def builtin_only(self) -> bool:
        """Does it hold spotlint's built-in plugin alone: every rule's check and every kind
        spotlint's own? (What lets the loader skip what no built-in reads:
        :mod:`spotlint.load.skipping`.) A lazy rule's check is not imported for this."""
        from spotlint.rule import LazyRule

        if list(self.plugins) != [BUILTIN_NAME]:
            return False
        for rule in self.rules:
            if isinstance(rule, LazyRule):
                where = rule.concern
            else:
                check = rule.check
                where = "spotlint.rules." if check is None else getattr(check, "__module__", "")
            if not where.startswith("spotlint.rules."):
                return False
        return all(type(kind).__module__.startswith("spotlint.recognize.")
                   for kind in self.kinds)

#: The name the built-in plugin is registered under.
BUILTIN_NAME = "spotlint.builtin"


def make_manager(
    extra_plugins: tuple[Any, ...] = (), autoload: bool | None = None
) -> pluggy.PluginManager:
    import pluggy

    from spotlint.plugins import builtin, hookspecs

    pm = pluggy.PluginManager("spotlint")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name=BUILTIN_NAME)
    if autoload is None:
        autoload = _autoload()
    if autoload:
        _load_entry_points(pm, ENTRY_POINT_GROUP)
    for plugin in extra_plugins:
        pm.register(plugin)
    pm.check_pending()
    return pm


def _autoload() -> bool:
    return not os.environ.get("SPOTLINT_DISABLE_PLUGIN_AUTOLOAD")


def _load_entry_points(pm: pluggy.PluginManager, group: str) -> None:
    """Register the plugins of entry-point ``group``, naming the one that fails to import.

    Only the group is selected (pluggy's ``load_setuptools_entrypoints`` walks
    every entry point of every distribution), and when no installed distribution
    declares the group at all, :mod:`importlib.metadata` is not even imported: it
    costs more than 10 ms, a tenth of a pre-commit run's budget.
    """
    if not _group_may_be_declared(group):
        return
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=group):
        if pm.has_plugin(entry_point.name) or pm.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:
            raise PluginError(
                f"failed to load spotlint plugin {entry_point.name!r} "
                f"({entry_point.value}): {type(exc).__name__}: {exc}"
            ) from exc
        pm.register(plugin, name=entry_point.name)


def _group_may_be_declared(group: str) -> bool:
    """False only when certain that no distribution declares entry-point ``group``.

    Looks where :mod:`importlib.metadata` looks by default (``*.dist-info`` and
    ``*.egg-info`` directories in the ``sys.path`` directories) and reads each
    ``entry_points.txt`` for a ``[group]`` line, as importlib.metadata parses
    sections. Anything this scan does not cover (a zip or egg on ``sys.path``, a
    custom finder that provides distributions) answers True, so the full lookup
    runs.
    """
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not PathFinder:
            return True
    for entry in sys.path:
        directory = entry or "."
        if directory.lower().endswith(".egg"):
            return True
        try:
            children = os.listdir(directory)
        except NotADirectoryError:
            return True  # a zip archive: importlib.metadata reads its contents
        except OSError:
            continue
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(
                    os.path.join(directory, child, "entry_points.txt"), encoding="utf-8"
                ) as handle:
                    text = handle.read()
            except OSError:
                continue
            except ValueError:  # undecodable: let importlib.metadata judge it
                return True
            if f"[{group}" in text and _declares(text, group):
                return True
    return False


def _declares(text: str, group: str) -> bool:
    for line in text.splitlines():
        value = line.strip()
        if value.startswith("[") and value.endswith("]") and value.strip("[]") == group:
            return True
    return False


def collect(pm: pluggy.PluginManager) -> Registry:
    return _assemble(
        [name for name, _ in pm.list_name_plugin()], pm.hook.spotlint_rules(),
        pm.hook.spotlint_document_kinds(), pm.hook.spotlint_reporters())


def collect_builtin() -> Registry:
    """The registry :func:`collect` builds when the built-in plugin is the only one."""
    from spotlint.plugins import bundle

    return _assemble([BUILTIN_NAME], [bundle.rules()], [bundle.document_kinds()],
                     [bundle.reporters()])


def _assemble(
    plugins: list[str], rule_batches: Iterable[list[Rule]], kind_batches: Iterable[list[Any]],
    reporter_batches: list[dict[str, Any]],
) -> Registry:
    """The registry from each hook's results, in pluggy's call order (last registered first)."""
    registry = Registry(plugins=plugins)
    seen: dict[str, Rule] = {}
    for batch in rule_batches:
        for rule in batch:
            if not isinstance(rule, Rule):
                raise PluginError(f"a plugin returned a non-rule object: {rule!r}")
            if rule.code in seen and seen[rule.code] is not rule:
                raise PluginError(f"rule code {rule.code} is defined twice")
            seen[rule.code] = rule
    registry.rules = sorted(seen.values(), key=lambda r: r.code)
    for kinds in kind_batches:
        registry.kinds.extend(kinds)
    for reporters in reversed(reporter_batches):
        registry.reporters.update(reporters)
    from spotlint.report.base import BUILTIN_REPORTERS

    # Plugins add formats but never replace a built-in one: --format sarif is always SARIF.
    registry.reporters.update(BUILTIN_REPORTERS)
    return registry


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    if not _autoload() or not _group_may_be_declared(ENTRY_POINT_GROUP):
        return collect_builtin()
    return collect(make_manager())
