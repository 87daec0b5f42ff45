"""Run settings: what the CLI and the config file decide, in one typed object."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable

from spotlint.config.severity import Severity
from spotlint.load.base import Limits
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

FAIL_ON = ("error", "warning", "info", "never")


class Settings(Value):
    root: str
    select: list[str]
    ignore: list[str]
    extend_select: list[str]
    severity: dict[str, Severity]
    per_path_ignores: dict[str, list[str]]
    exclude: list[str]
    fail_on: str
    limits: Limits
    #: label key -> {label value: canonical capacity type}
    capacity_labels: dict[str, dict[str, str]]
    #: rule code -> {option name: value}, validated against the rule's options type
    rule_options: dict[str, dict[str, Any]]
    #: rule code -> where its options were set (for the error if they do not fit the rule)
    option_sources: dict[str, str]
    stdin_filename: str | None
    #: directory of the configuration file; its globs and paths are relative to it
    config_root: str | None
    #: files or directories read for cross-document context only (None: the default)
    context: list[str] | None
    #: config ``ignore-objects`` entries: kind/name/namespace globs, rules, reason
    ignore_objects: list[dict[str, Any]]
    #: URI schemes SL203 accepts as durable (None: the rule's default)
    durable_storage_schemes: tuple[str, ...] | None
    report_unused_suppressions: bool
    #: read the fenced code blocks of Markdown files (config ``markdown``)
    markdown: bool
    #: filter files named on the command line like files found in a directory walk
    force_exclude: bool
    #: the configuration file the settings came from (declared pools point into it)
    config_path: str | None
    #: config ``clusters`` entries: name, region, paths (globs) of the files in each cluster
    clusters: list[dict[str, Any]]
    #: config ``pools`` entries: node pools that live outside the scanned files
    declared_pools: list[dict[str, Any]]
    #: config ``cache-dir``: where the index of a project lives (None: the default)
    cache_dir: str | None
    #: ``--debug``: a bug in spotlint or a plugin raises (with its traceback) instead
    #: of becoming an SL001 finding on the file it happened in
    debug: bool

    #: with nested configuration files, the settings of each file (spotlint.config.scopes)
    scoped: Callable[[str], Settings] | None

    #: ``scoped`` is left out of repr and equality, as ``field(repr=False, compare=False)``
    UNCOMPARED: ClassVar[tuple[str, ...]] = ("scoped",)
    UNSHOWN: ClassVar[tuple[str, ...]] = ("scoped",)

    def __init__(
        self,
        root: str = ".",
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        per_path_ignores: dict[str, list[str]] | None = None,
        exclude: list[str] | None = None,
        fail_on: str = "warning",
        limits: Limits | None = None,
        capacity_labels: dict[str, dict[str, str]] | None = None,
        rule_options: dict[str, dict[str, Any]] | None = None,
        option_sources: dict[str, str] | None = None,
        stdin_filename: str | None = None,
        config_root: str | None = None,
        context: list[str] | None = None,
        ignore_objects: list[dict[str, Any]] | None = None,
        durable_storage_schemes: tuple[str, ...] | None = None,
        report_unused_suppressions: bool = False,
        markdown: bool = True,
        force_exclude: bool = False,
        config_path: str | None = None,
        clusters: list[dict[str, Any]] | None = None,
        declared_pools: list[dict[str, Any]] | None = None,
        cache_dir: str | None = None,
        debug: bool = False,
        scoped: Callable[[str], Settings] | None = None,
    ) -> None:
        self.root = root
        self.select = ["ALL"] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.severity = {} if severity is None else severity
        self.per_path_ignores = {} if per_path_ignores is None else per_path_ignores
        self.exclude = [] if exclude is None else exclude
        self.fail_on = fail_on
        self.limits = Limits() if limits is None else limits
        self.capacity_labels = {} if capacity_labels is None else capacity_labels
        self.rule_options = {} if rule_options is None else rule_options
        self.option_sources = {} if option_sources is None else option_sources
        self.stdin_filename = stdin_filename
        self.config_root = config_root
        self.context = context
        self.ignore_objects = [] if ignore_objects is None else ignore_objects
        self.durable_storage_schemes = durable_storage_schemes
        self.report_unused_suppressions = report_unused_suppressions
        self.markdown = markdown
        self.force_exclude = force_exclude
        self.config_path = config_path
        self.clusters = [] if clusters is None else clusters
        self.declared_pools = [] if declared_pools is None else declared_pools
        self.cache_dir = cache_dir
        self.debug = debug
        self.scoped = scoped

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
