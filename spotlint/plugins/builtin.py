"""The built-in plugin: spotlint's own rules, input kinds and reporters.

It registers through the same hooks a third-party plugin implements; what it
returns is :mod:`.bundle`'s, which the registry also reads directly when no
other plugin is installed.
"""

from __future__ import annotations

from spotlint.plugins import bundle
from spotlint.plugins.hookspecs import hookimpl
from spotlint.rule import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@hookimpl
def spotlint_rules() -> list[Rule]:
    return bundle.rules()


@hookimpl
def spotlint_document_kinds() -> list[Any]:
    return bundle.document_kinds()


@hookimpl
def spotlint_reporters() -> dict[str, Any]:
    return bundle.reporters()
