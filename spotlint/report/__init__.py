"""Reporters: one module per output format, imported only when that format is used.

``get_reporter("sarif")`` returns a ready reporter; ``render(result)`` gives the
whole output as a string. See ``docs/output-formats.md`` for every format.
"""

from spotlint.errors import UnknownFormatError
from spotlint.report.base import BUILTIN_REPORTERS, ReporterFactory, get_reporter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.report.protocol import Reporter

__all__ = [
    "BUILTIN_REPORTERS",
    "Reporter",
    "ReporterFactory",
    "UnknownFormatError",
    "get_reporter",
]


def __getattr__(name: str) -> object:
    """``Reporter``, imported when first asked for (see :mod:`.protocol`)."""
    if name == "Reporter":
        from spotlint.report.protocol import Reporter

        return Reporter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
