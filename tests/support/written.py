"""Shared inputs for the tests holding reporters' written text to their documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.finding import Finding
from spotlint.fix.place import place_fixes
from spotlint.location import Location
from spotlint.result import RunResult
from spotlint.rule import Severity


def placed_run(top: Path) -> RunResult:
    """Every rule over ``top``, fixes placed (as the json and sarif formats get them)."""
    return place_fixes(lint([str(top)], Settings(root=str(top), select=["ALL"])))


def made_finding(path: str, line: int, **kwargs: Any) -> Finding:
    """An SL101 finding at ``path``:``line``; ``kwargs`` replace any field."""
    fields: dict[str, Any] = {"code": "SL101", "name": "driver-on-spot",
                              "severity": Severity.ERROR, "message": "m",
                              "location": Location(path, line, 3, line, 9)}
    fields.update(kwargs)
    return Finding(**fields)
