"""Run settings: what the CLI and the config file decide, in one typed object."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spotlint.config.severity import Severity
from spotlint.load.base import Limits

FAIL_ON = ("error", "warning", "info", "never")


@dataclass
class Settings:
    root: str = "."
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    limits: Limits = field(default_factory=Limits)
    #: label key -> {label value: canonical capacity type}
    capacity_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: rule code -> {option name: value}, validated against the rule's options type
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: rule code -> where its options were set (for the error if they do not fit the rule)
    option_sources: dict[str, str] = field(default_factory=dict)
    stdin_filename: str | None = None
    #: directory of the configuration file; its globs and paths are relative to it
    config_root: str | None = None
    #: files or directories read for cross-document context only (None: the default)
    context: list[str] | None = None
    #: config ``ignore-objects`` entries: kind/name/namespace globs, rules, reason
    ignore_objects: list[dict[str, Any]] = field(default_factory=list)
    #: URI schemes SL203 accepts as durable (None: the rule's default)
    durable_storage_schemes: tuple[str, ...] | None = None
    report_unused_suppressions: bool = False
    #: read the fenced code blocks of Markdown files (config ``markdown``)
    markdown: bool = True
    #: filter files named on the command line like files found in a directory walk
    force_exclude: bool = False
    #: the configuration file the settings came from (declared pools point into it)
    config_path: str | None = None
    #: config ``clusters`` entries: name, region, paths (globs) of the files in each cluster
    clusters: list[dict[str, Any]] = field(default_factory=list)
    #: config ``pools`` entries: node pools that live outside the scanned files
    declared_pools: list[dict[str, Any]] = field(default_factory=list)
    #: config ``cache-dir``: where the index of a project lives (None: the default)
    cache_dir: str | None = None
    #: ``--debug``: a bug in spotlint or a plugin raises (with its traceback) instead
    #: of becoming an SL001 finding on the file it happened in
    debug: bool = False

    #: with nested configuration files, the settings of each file (spotlint.config.scopes)
    scoped: Callable[[str], Settings] | None = field(default=None, repr=False, compare=False)

    def for_path(self, path: str) -> Settings:
        """The settings that judge file ``path``: its own scope's, else these."""
        return self.scoped(path) if self.scoped is not None else self

    def config_relative(self, path: str) -> str:
        """``path`` relative to the configuration's directory (else the root), with ``/``.

        ``exclude`` and ``per-path-ignores`` globs are written relative to the
        config file, so every place that matches them asks here.
        """
        base = os.path.abspath(self.config_root or self.root)
        return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def path_glob_match(rel: str, pattern: str) -> bool:
    """Does a ``/``-separated path relative to the config match a config glob?

    A pattern without ``/`` also matches the base name; a pattern naming a
    directory matches everything under it. ``per-path-ignores``, ``clusters``
    and declared ``pools`` all match paths this one way.
    """
    candidates = [pattern, pattern[3:]] if pattern.startswith("**/") else [pattern]
    if "/" not in pattern:
        candidates.append(pattern)
        return any(fnmatch.fnmatchcase(os.path.basename(rel), p) for p in candidates) or any(
            fnmatch.fnmatchcase(rel, p) for p in candidates
        )
    return any(fnmatch.fnmatchcase(rel, p.rstrip("/")) or rel.startswith(p.rstrip("/") + "/")
               for p in candidates)
