"""A finding before stamping: what every stage of the pipeline emits.

Reading (SL001), recognizing (SL002), template linking (SL003) and rules all
append these to one list; :mod:`.stamping` turns them into
:class:`~spotlint.finding.Finding` objects with the rule's name, effective
severity and fingerprint, so no stage can misreport those.
"""

from __future__ import annotations

from spotlint.location import Location, Node
from spotlint.rule import Fix, Violation
from spotlint.value import Value


class RawFinding(Value):
    code: str
    message: str
    location: Location
    related: tuple[Location, ...]
    fix: Fix | None
    #: set on the SL001 of a file over its time budget: its other findings are dropped
    drops_file: bool

    def __init__(
        self,
        code: str,
        message: str,
        location: Location,
        related: tuple[Location, ...] = (),
        fix: Fix | None = None,
        drops_file: bool = False,
    ) -> None:
        self.code = code
        self.message = message
        self.location = location
        self.related = related
        self.fix = fix
        self.drops_file = drops_file


def from_violation(code: str, violation: Violation) -> RawFinding:
    related = tuple(r.loc if isinstance(r, Node) else r for r in violation.related)
    return RawFinding(code, violation.message, violation.location, related, violation.fix)
