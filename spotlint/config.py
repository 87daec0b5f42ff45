"""Configuration files: ``.spotlint.yaml`` or ``[tool.spotlint]`` in ``pyproject.toml``.

(Minimal for now: the CI-gate issue adds the full schema-validated set of keys.)
"""

from __future__ import annotations

from collections.abc import Sequence

from spotlint.settings import Settings


class ConfigError(Exception):
    """A configuration file that cannot be used (exit code 2)."""


def load_config_into(settings: Settings, paths: Sequence[str], explicit: str | None) -> None:
    """Apply the configuration file that governs ``paths`` to ``settings``."""
    return None
