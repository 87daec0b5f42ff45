"""The plugin hooks: three, few and stable.

Built-in rules, input kinds and reporters register through these same hooks as a
third-party plugin does (entry-point group ``spotlint``).
"""

from __future__ import annotations

import pluggy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

hookspec = pluggy.HookspecMarker("spotlint")
hookimpl = pluggy.HookimplMarker("spotlint")


@hookspec
def spotlint_rules() -> list[Any]:
    """Return a list of :class:`spotlint.rule.Rule` objects this plugin contributes.

    Import rule modules inside the implementation, so start-up stays cheap.
    """
    raise NotImplementedError


@hookspec
def spotlint_document_kinds() -> list[Any]:
    """Return document kinds (objects with ``name``, ``matches(doc)`` and
    ``normalize(doc, ctx)``), see :mod:`spotlint.recognize.kinds`.
    """
    raise NotImplementedError


@hookspec
def spotlint_reporters() -> dict[str, Any]:
    """Return ``{format name: reporter factory}`` (a callable or ``"module:Class"``).

    The factory may accept keyword options it names (``color`` for example) and
    returns an object with ``render(result: RunResult) -> str``; the result
    carries the rules, so reporters need nothing else. Plugins add formats; they
    cannot replace a built-in one.
    """
    raise NotImplementedError
