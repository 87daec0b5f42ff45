"""Human output: one ``path:line:col: CODE [severity] message`` line per finding.

The line shape is ruff's, which editors and terminals already turn into links;
paths stay as the user typed them so the link opens from their shell. Suppressed
findings are not listed, only counted in the summary, so a user who adopted a
baseline still sees that the debt exists.

Paths and messages quote the scanned files, so they are passed through
:func:`~spotlint.report.escape.printable`: a value cannot colour the terminal
or forge a finding line.

Colour is a constructor argument rather than a guess made here: only the CLI
knows whether stdout is a terminal and whether ``NO_COLOR`` is set.
"""

from __future__ import annotations

from collections import Counter

from spotlint.finding import Finding
from spotlint.report.base import plural, severity_counts, sorted_findings
from spotlint.report.escape import printable
from spotlint.result import RunResult
from spotlint.rule import Severity

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOUR = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[34m",
}


class TextReporter:
    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def line(self, finding: Finding) -> str:
        loc = finding.location
        path = self._paint(printable(loc.path), _BOLD)
        severity = self._paint(finding.severity.value, _SEVERITY_COLOUR[finding.severity])
        message = printable(finding.message)
        return f"{path}:{loc.line}:{loc.col}: {finding.code} [{severity}] {message}"

    def render(self, result: RunResult) -> str:
        active = sorted_findings(result.active)
        lines = [self.line(f) for f in active]
        lines.append(summary(result))
        lines.extend(f"note: {note.message}" for note in result.notes)
        hint = fixable_hint(active)
        if hint:
            lines.append(hint)
        return "\n".join(lines) + "\n"


def fixable_hint(active: list[Finding]) -> str:
    """ruff's ``[*] 3 fixable with --fix`` line, counting unsafe fixes apart."""
    # A fix counts once it has edits, or changes not yet placed in the text
    # (the engine places them only for --fix and the formats that show them).
    fixes = [f.fix for f in active if f.fix is not None and (f.fix.edits or f.fix.changes)]
    safe = sum(1 for fix in fixes if fix.safe)
    unsafe = len(fixes) - safe
    if not safe and not unsafe:
        return ""
    extra = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    if not safe:
        return f"[*] {unsafe} fixable with --fix --unsafe-fixes."
    return f"[*] {safe} fixable with --fix{extra}."


def summary(result: RunResult) -> str:
    """One sentence: what was found, in how many files, and what was set aside."""
    active = result.active
    if active:
        counts = ", ".join(
            plural(n, sev, "info" if sev == "info" else None)
            for sev, n in severity_counts(active).items()
            if n
        )
        files = len({f.location.path for f in active})
        head = f"Found {plural(len(active), 'finding')} ({counts}) in {plural(files, 'file')}"
    else:
        head = f"All checks passed: {plural(len(result.files), 'file')}"
    tail = []
    if result.suppressed:
        tail.append(f"{len(result.suppressed)} suppressed")
    return head + "".join(f"; {t}" for t in tail) + "."


class StatisticsReporter:
    """Counts per rule, most frequent first, like ``ruff --statistics``."""

    def render(self, result: RunResult) -> str:
        counts = Counter((f.code, f.name) for f in result.active)
        if not counts:
            return ""
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
        count_width = max(len(str(n)) for n in counts.values())
        code_width = max(len(code) for code, _ in counts)
        return "".join(
            f"{n:>{count_width + 2}}  {printable(code):<{code_width}}  {printable(name)}\n"
            for (code, name), n in rows
        )
