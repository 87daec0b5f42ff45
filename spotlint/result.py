"""What one run produced, as reporters see it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spotlint.finding import Finding
from spotlint.rule import Rule


@dataclass
class RunResult:
    """Findings (suppressed ones included, marked) plus what reporters need to render them.

    ``root`` is the directory paths in findings are relative to; ``texts`` maps a
    path to its source text when a reporter wants the line (fingerprints, snippets).
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    root: str = "."
    tool_version: str = ""

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is not None]
