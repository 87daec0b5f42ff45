"""The located, stamped result of running a rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from spotlint.load.textpos import LineIndex
from spotlint.location import Location
from spotlint.rule import Fix, Severity


@dataclass(frozen=True)
class Suppression:
    """Why a finding was not counted: an inline comment, an annotation, a baseline."""

    kind: str
    justification: str = ""


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    fix: Fix | None = None
    fingerprint: str = ""
    suppression: Suppression | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


@dataclass
class Fingerprinter:
    """Stable identity of a finding that survives unrelated lines added above it.

    The hash covers the rule, the file, the stripped text of the finding's line
    and the message, plus an occurrence counter for identical lines: moving the
    line keeps the fingerprint; editing it changes it.
    """

    #: Line index per file (not a list of lines: a hostile file may have millions).
    lines_of: dict[str, LineIndex] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __call__(self, code: str, message: str, loc: Location, text: str | None) -> str:
        lines = self.lines_of.get(loc.path)
        if lines is None:
            lines = LineIndex(text or "")
            self.lines_of[loc.path] = lines
        line_text = "".join(lines.line(loc.line).split())
        import hashlib  # here: loading OpenSSL costs ~2 ms, and a clean run has no findings

        base = hashlib.sha256(
            "\x00".join((code, loc.path, line_text, message)).encode("utf-8", "replace")
        ).hexdigest()[:16]
        occurrence = self.counts.get(base, 0)
        self.counts[base] = occurrence + 1
        return f"{base}:{occurrence}"
