"""SL0xx: problems with the input itself, emitted by the engine."""

from __future__ import annotations

from spotlint.rules.input.sl001_parse_error import RULE as SL001
from spotlint.rules.input.sl002_invalid_field import RULE as SL002
from spotlint.rules.input.sl003_unresolved_reference import RULE as SL003

RULES = [SL001, SL002, SL003]
