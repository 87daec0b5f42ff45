"""What spotlint itself contributes: its rules, input kinds and reporters.

Plain functions, without pluggy: :mod:`.builtin` exposes them through the
plugin hooks, and :func:`spotlint.plugins.manager.default_registry` calls them
directly when no third-party plugin is installed, so a one-file check does not
import pluggy (~2 ms). Imports happen inside the functions so that start-up
stays cheap.
"""

from __future__ import annotations

from spotlint.rule import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def rules() -> list[Rule]:
    import importlib

    # The rules package is mapped from the top-level rules/ directory at install time.
    rules_package = importlib.import_module("spotlint.rules")
    found: list[Rule] = rules_package.all_rules()
    return found


def document_kinds() -> list[Any]:
    from spotlint.recognize import builtin_kinds

    return builtin_kinds()


def reporters() -> dict[str, Any]:
    from spotlint.report.base import BUILTIN_REPORTERS

    return dict(BUILTIN_REPORTERS)
