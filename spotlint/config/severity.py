"""How serious a finding is: a rule's default, a configuration override, ``--fail-on``.

Kept apart from :mod:`spotlint.rule` (which re-exports it) because both the
settings and the rule context need it, and the rule context needs the settings.
"""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]
