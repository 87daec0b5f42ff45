"""What every process of a split run loads for itself, loaded once before the fork.

The processes of a run shared by several (:mod:`.parallel`) would each import the
enabled rules' modules and, on first use, load the catalogs (EC2 instance types,
Spark settings) and the readers their files need: the same work in every
process (about 12 ms of CPU each at 1,000 files), and each process's own copy of
it in memory. Done once before the fork, the work is not repeated and the pages
stay shared (copy-on-write) as long as neither process writes to them. On two
idle cores the wall time is the same either way (both processes would load
them at the same time); the CPU time is lower, and so is the wall time when the
second core is busy. Measured at 1,000 files (json, instructions): 88 M before
the fork, 80 M less in each process after it (3.75 -> 3.68 G in all); at 10,000
files the processes' memory together 2 MB less.

Only what the run is going to use is loaded: the rules it enables (their concern
packages, with the modules they import) and what reading its files needs, judged
by the kinds of file found (a shell script, a Markdown guide, YAML or JSON; for YAML
and JSON read by the built-in rules alone, the loader's stand-ins for the subtrees
none of them reads, :mod:`spotlint.load.skipping`: ~1 M instructions each process
imported again after the fork).
"""

from __future__ import annotations

from collections.abc import Sequence

from spotlint.config.selection import resolve
from spotlint.config.settings import Settings
from spotlint.load.discover import Candidate
from spotlint.plugins.manager import Registry
from spotlint.rule import LazyRule


def warm(settings: Settings, registry: Registry, found: Sequence[Candidate]) -> None:
    """Import and load what both processes of a run over ``found`` will use."""
    enabled = resolve(registry.rules, settings.select, settings.ignore, settings.extend_select)
    for rule in enabled:
        if isinstance(rule, LazyRule):
            rule.loaded  # noqa: B018 (imports the rule's concern package)
    suffixes = {_suffix(c.path) for c in found}
    if suffixes & {".yaml", ".yml", ".json"}:
        from spotlint.load import templated
        from spotlint.recognize import schema_check, workloads

        del templated, schema_check, workloads
        if registry.builtin_only():  # (the loader then skips what no rule reads)
            from spotlint.load import skipping

            del skipping
    if ".sh" in suffixes:
        from spotlint.recognize import heredocs, shell

        del heredocs, shell
    if enabled:
        from spotlint.capacity.instances import catalog
        from spotlint.sparkconf.catalog import catalog as settings_catalog

        catalog()
        settings_catalog().keys  # noqa: B018 (every spec made once, not in each process)
    from spotlint.filter import suppress
    from spotlint.placement import declared, notes, view

    del suppress, declared, notes, view


def _suffix(path: str) -> str:
    dot = path.rfind(".")
    return path[dot:].lower() if dot > path.rfind("/") else ""
