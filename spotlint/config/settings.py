"""Run settings: what the CLI and the config file decide, in one typed object."""

from __future__ import annotations

import os
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
    #: filter files named on the command line like files found in a directory walk
    force_exclude: bool = False

    def config_relative(self, path: str) -> str:
        """``path`` relative to the configuration's directory (else the root), with ``/``.

        ``exclude`` and ``per-path-ignores`` globs are written relative to the
        config file, so every place that matches them asks here.
        """
        base = os.path.abspath(self.config_root or self.root)
        return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
