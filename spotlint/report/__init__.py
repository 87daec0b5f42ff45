"""Reporters: one module per output format, imported only when that format is used.

``get_reporter("sarif")`` returns a ready reporter; ``render(result)`` gives the
whole output as a string. See ``docs/output-formats.md`` for every format.
"""

from spotlint.errors import UnknownFormatError
from spotlint.report.base import BUILTIN_REPORTERS, Reporter, ReporterFactory, get_reporter

__all__ = [
    "BUILTIN_REPORTERS",
    "Reporter",
    "ReporterFactory",
    "UnknownFormatError",
    "get_reporter",
]
