"""Input problems: unparsable files, fields of the wrong type, pod template references that do not
resolve inside the repository, expired and unused suppressions.

SL0xx findings are emitted by the engine itself (reading, recognizing,
linking, suppressions); these modules hold their metadata and docs.
"""

from __future__ import annotations

from .sl001_parse_error import RULE as SL001
from .sl002_invalid_field import RULE as SL002
from .sl003_unresolved_reference import RULE as SL003
from .sl004_expired_suppression import RULE as SL004
from .sl005_unused_suppression import RULE as SL005

RULES = [SL001, SL002, SL003, SL004, SL005]
