"""The reporter protocol, apart from :mod:`.base` because it needs :mod:`typing`.

A run never asks for it (it only calls ``render``), and ``typing`` is not imported
on the way to the first file (see :mod:`spotlint.cli.main`): ``spotlint.report``
and :mod:`.base` import this module when ``Reporter`` is first asked of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spotlint.result import RunResult


@runtime_checkable
class Reporter(Protocol):
    """Anything that renders a whole run to one string.

    May also set ``wants_edits = True`` to get fixes placed as text edits, set
    ``reads_sources = False`` when it never reads ``result.sources`` (the texts of the
    files holding findings, which a run shared by processes then does not send
    between them), and offer ``render_chunks(result) -> list[str]``: ``render``'s
    text in pieces.
    """

    def render(self, result: RunResult) -> str: ...
