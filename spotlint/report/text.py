"""Human output: ``path:line:col: CODE [severity] message`` per finding, as ruff does.

The line shape is ruff's, which editors and terminals already turn into links;
paths stay as the user typed them so the link opens from their shell. ``[*]``
after the severity marks a finding ``--fix`` can fix. The default format
(``text``) shows the offending line under each finding with a caret under the
offending text, and the fix's description; ``concise`` keeps one line per
finding. Suppressed findings are not listed, only counted in the summary, so a
user who adopted a baseline still sees that the debt exists.

Findings below the display threshold (``--show``, by default ``warning`` on the
command line) are not listed either; the summary says how many were hidden.
The exit code does not depend on it (``--fail-on`` does). ``quiet`` leaves out
everything but the findings (``--quiet``).

Paths and messages quote the scanned files, so they are passed through
:func:`~spotlint.report.escape.printable`: a value cannot colour the terminal
or forge a finding line.

Colour is a constructor argument rather than a guess made here: only the CLI
knows whether stdout is a terminal and whether ``NO_COLOR`` is set.
"""

from __future__ import annotations

from collections import Counter

from spotlint.finding import Finding
from spotlint.load.textpos import LineIndex
from spotlint.report.base import plural, severity_counts, sorted_findings
from spotlint.report.escape import printable
from spotlint.result import RunResult
from spotlint.rule import Severity

#: Columns a tab takes in a snippet, so the caret lines up under it.
TAB = 4

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOUR = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[34m",
}


class TextReporter:
    """The ``text`` format: each finding with a snippet of its line (see the module doc)."""

    concise = False

    def __init__(self, color: bool = False, show: Severity | str = Severity.INFO,
                 quiet: bool = False) -> None:
        self.color = color
        self.show = Severity(show)
        self.quiet = quiet

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def line(self, finding: Finding) -> str:
        loc = finding.location
        path = self._paint(printable(loc.path), _BOLD)
        severity = self._paint(finding.severity.value, _SEVERITY_COLOUR[finding.severity])
        marker = " [*]" if _fixable(finding) else ""
        message = printable(finding.message)
        return f"{path}:{loc.line}:{loc.col}: {finding.code} [{severity}]{marker} {message}"

    def render(self, result: RunResult) -> str:
        active = sorted_findings(result.active)
        shown = [f for f in active if f.severity.rank >= self.show.rank]
        lines: list[str] = []
        # Each file's line starts, found as far as its findings' lines (no list of lines).
        indexes: dict[str, LineIndex] = {}
        for finding in shown:
            lines.append(self.line(finding))
            source = result.sources.get(finding.location.path)
            if not self.concise and source is not None:
                path = finding.location.path
                index = indexes.get(path)
                if index is None:
                    index = indexes[path] = LineIndex(source.text)
                text = index.split_line(finding.location.line)
                if text is not None:
                    lines.extend(self.snippet(finding, text))
        if self.quiet:
            return "".join(line + "\n" for line in lines)
        hidden = len(active) - len(shown)
        lines.append(summary(result) + (f" {_hidden(active, shown, self.show)}" if hidden else ""))
        lines.extend(f"note: {note.message}" for note in result.notes)
        hint = fixable_hint(shown)
        if hint:
            lines.append(hint)
        return "\n".join(lines) + "\n"

    def snippet(self, finding: Finding, text: str) -> list[str]:
        """The finding's line (``text``, the file's line ``finding.location.line``), a caret
        under the offending text, the fix's description."""
        loc = finding.location
        start = min(max(loc.col, 1), len(text) + 1) - 1
        # end_col is inclusive (1-based), as in the JSON output
        end = min(loc.end_col, len(text)) if loc.end_line == loc.line else len(text)
        before = printable(text[:start].expandtabs(TAB))
        through = printable(text[:max(end, start)].expandtabs(TAB))
        caret = "^" * max(len(through) - len(before), 1)
        number = str(loc.line)
        gutter = " " * len(number)
        colour = _SEVERITY_COLOUR[finding.severity]
        out = [
            f"{gutter} |",
            f"{number} | {printable(text.expandtabs(TAB))}".rstrip(),
            f"{gutter} | {' ' * len(before)}{self._paint(caret, colour)}",
        ]
        if finding.fix is not None and finding.fix.description:
            out += [f"{gutter} |", f"{gutter} = help: {printable(finding.fix.description)}"]
        return [*out, ""]


class ConciseReporter(TextReporter):
    """The ``concise`` format: one line per finding, no snippet."""

    concise = True
    #: no snippet: the texts of the files (RunResult.sources) are not shown
    reads_sources = False


def _fixable(finding: Finding) -> bool:
    """Would ``--fix`` fix it? (A safe fix; unsafe ones need ``--unsafe-fixes``.)"""
    fix = finding.fix
    return fix is not None and fix.safe and bool(fix.edits or fix.changes)


def _hidden(active: list[Finding], shown: list[Finding], show: Severity) -> str:
    counts = Counter(f.severity for f in active) - Counter(f.severity for f in shown)
    parts = [f"{n} {s.value}" for s, n in sorted(counts.items(), key=lambda i: -i[0].rank)]
    lowest = min(counts, key=lambda s: s.rank)
    return f"Not shown: {', '.join(parts)} (below --show {show.value}; --show {lowest.value}" \
        " lists them)."


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

    #: the texts of the files (RunResult.sources) are not shown
    reads_sources = False

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
