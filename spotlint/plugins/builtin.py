"""The built-in plugin: spotlint's own rules, input kinds and reporters.

It registers through the same hooks a third-party plugin implements; imports
happen inside the hooks so that start-up stays cheap.
"""

from __future__ import annotations

from typing import Any

from spotlint.plugins.hookspecs import hookimpl
from spotlint.rule import Rule


@hookimpl
def spotlint_rules() -> list[Rule]:
    import importlib

    # The rules package is mapped from the top-level rules/ directory at install time.
    rules_package = importlib.import_module("spotlint.rules")
    found: list[Rule] = rules_package.all_rules()
    return found


@hookimpl
def spotlint_document_kinds() -> list[Any]:
    from spotlint.recognize import builtin_kinds

    return builtin_kinds()


@hookimpl
def spotlint_reporters() -> dict[str, Any]:
    from spotlint.report.base import BUILTIN_REPORTERS

    return dict(BUILTIN_REPORTERS)
