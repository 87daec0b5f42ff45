"""Run settings: what the CLI and the config file decide, in one typed object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spotlint.load.base import Limits
from spotlint.rule import Severity

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
    jobs: int = 0
    stdin_filename: str | None = None
