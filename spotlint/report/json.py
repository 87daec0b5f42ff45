"""Machine-readable output with a shape that only changes with its ``version``.

Scripts and dashboards parse this, so the shape is a contract: fields are only
ever added within a version; renaming or removing one bumps ``version``.
Version 1::

    {
      "version": 1,
      "tool": {"name": "spotlint", "version": "0.1.0"},
      "summary": {
        "files": 12,                 # files linted
        "findings": 3,               # active (unsuppressed) findings
        "by_severity": {"error": 1, "warning": 2, "info": 0},
        "suppressed": 1,
        "fixable": 1                 # active findings that carry a fix
      },
      "findings": [                  # active AND suppressed, sorted by path/line/col/code
        {
          "code": "SL101", "name": "driver-on-spot", "severity": "error",
          "message": "...",
          "path": "jobs/etl.yaml",   # as given on the command line
          "line": 7, "column": 5,    # 1-based
          "end_line": 7, "end_column": 18,   # 1-based, inclusive
          "fingerprint": "3f1c...:0",
          "related": [{"path", "line", "column", "end_line", "end_column"}],
          "suppressed": null | {"kind": "inline", "justification": "..."},
          "fix": null | {"description": "...", "safe": true,
                         "edits": [{"path", "line", "column", "end_line",
                                    "end_column", "text"}]}   # end EXCLUSIVE
        }
      ],
      "notes": [                     # said once for the whole run; often []
        {"kind": "placement-unknown", "message": "...", "count": 37}
      ]
    }

Suppressed findings are included (with ``suppressed`` set) so a consumer can
audit suppressions; filter on ``suppressed == null`` for what fails the build.
The human-readable version lives in ``docs/output-formats.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from spotlint import __version__
from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.base import severity_counts, sorted_findings
from spotlint.report.escape import json_chunks
from spotlint.report.json_indent import Stream, json_string, written
from spotlint.result import RunResult
from spotlint.rule import Edit, Fix, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1


def _span(loc: Location | Edit) -> dict[str, Any]:
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.col,
        "end_line": loc.end_line,
        "end_column": loc.end_col,
    }


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "description": fix.description,
        "safe": fix.safe,
        "edits": [{**_span(e), "text": e.text} for e in fix.edits],
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "path": loc.path,
        "line": loc.line,
        "column": loc.col,
        "end_line": loc.end_line,
        "end_column": loc.end_col,
        "fingerprint": f.fingerprint,
        "related": [_span(r) for r in f.related],
        "suppressed": None
        if f.suppression is None
        else {"kind": f.suppression.kind, "justification": f.suppression.justification},
        "fix": _fix(f.fix),
    }


def _writer() -> Callable[[Finding, str, str], str]:
    """``write(finding, newline, step)``: the indented text of :func:`finding_dict`,
    written straight from the finding (a report holds thousands; making each one's
    dictionary only to walk it cost more than writing it).
    ``tests/report/test_json_written.py`` holds the two texts equal. Related
    locations, suppressions and fixes are left to the writer's walk.

    Findings repeat most of their strings: a rule's code, name and severity (and the
    text of the finding's first lines with them), its messages (about 220 distinct among
    the ~780 findings of 1,000 Spark-heavy files), their files' paths (~410). Each is
    encoded once (:func:`_kept`), then looked up: at 1,000 files the writer's
    instructions for the run's 782 findings fell by a fifth (35.2 -> 28.2 M, callgrind),
    most of it in the forked process, which writes its findings' texts as it ends.
    """
    string = json_string
    severities = {severity: string(severity.value) for severity in Severity}
    levels: list[str] = []
    #: line breaks and indentation of a fix's levels, by the finding's
    fix_levels: dict[str, tuple[str, str, str]] = {}
    #: the JSON texts of strings seen before (:func:`_kept`)
    texts: dict[str, str] = {}
    #: the text of a finding from its ``{`` to its message, by its rule's code, name and
    #: severity (at the indentation of ``levels``)
    heads: dict[tuple[str, str, Severity], str] = {}

    def text(value: str) -> str:
        known = texts.get(value)
        if known is None:
            known = _kept(texts, value, string(value))
        return known

    def fix_text(fix: Fix, n1: str, step: str) -> str:
        """:func:`_fix`'s dictionary as the walk writes it (plain values only: any
        other is left to the walk, which writes it as ``json.dumps`` would)."""
        inner = fix_levels.get(n1)
        if inner is None:
            inner = fix_levels[n1] = (n1 + step, n1 + 2 * step, n1 + 3 * step)
        n2, n3, n4 = inner
        edits = []
        for e in fix.edits:
            if not (type(e.path) is str and type(e.text) is str and type(e.line) is int
                    and type(e.col) is int and type(e.end_line) is int
                    and type(e.end_col) is int):
                return written(_fix(fix), n1, step)
            edits.append(f'{n3}{{{n4}"path": {text(e.path)},{n4}"line": {e.line},{n4}'
                         f'"column": {e.col},{n4}"end_line": {e.end_line},{n4}"end_column": '
                         f'{e.end_col},{n4}"text": {string(e.text)}{n3}}}')
        if type(fix.description) is not str or type(fix.safe) is not bool:
            return written(_fix(fix), n1, step)
        listed = f'[{",".join(edits)}{n2}]' if edits else "[]"
        safe = "true" if fix.safe else "false"
        return (f'{{{n2}"description": {text(fix.description)},{n2}"safe": {safe},{n2}'
                f'"edits": {listed}{n1}}}')

    def write(f: Finding, newline: str, step: str) -> str:
        if not levels or levels[0] != newline:
            levels[:] = [newline, newline + step]
            heads.clear()
        n1 = levels[1]
        loc = f.location
        suppression = f.suppression
        related = written([_span(r) for r in f.related], n1, step) if f.related else "[]"
        suppressed = "null" if suppression is None else written(
            {"kind": suppression.kind, "justification": suppression.justification}, n1, step)
        fix = "null" if f.fix is None else fix_text(f.fix, n1, step)
        rule = (f.code, f.name, f.severity)
        head = heads.get(rule)
        if head is None:
            head = _kept(heads, rule, (
                f'{{{n1}"code": {string(f.code)},{n1}"name": {string(f.name)},{n1}"severity": '
                f'{severities[f.severity]},{n1}"message": '))
        message = texts.get(f.message)
        if message is None:
            message = _kept(texts, f.message, string(f.message))
        path = texts.get(loc.path)
        if path is None:
            path = _kept(texts, loc.path, string(loc.path))
        return (f'{head}{message},{n1}"path": '
                f'{path},{n1}"line": {loc.line},{n1}"column": {loc.col},{n1}'
                f'"end_line": {loc.end_line},{n1}"end_column": {loc.end_col},{n1}"fingerprint": '
                f'{string(f.fingerprint)},{n1}"related": {related},{n1}"suppressed": '
                f'{suppressed},{n1}"fix": {fix}{newline}}}')

    return write


#: Texts a writer keeps (:func:`_kept`) at most before it forgets them all: a large
#: report's messages are mostly distinct, and kept they would be held beside the report.
KEPT = 4_096


def _kept(kept: dict[Any, str], key: Any, value: str) -> str:
    """``value``, kept in ``kept`` under ``key`` (``kept`` forgotten first when full)."""
    if len(kept) >= KEPT:
        kept.clear()
    kept[key] = value
    return value


class JsonReporter:
    #: findings carry their fixes as text edits
    wants_edits = True
    #: the texts of the files (RunResult.sources) are not shown
    reads_sources = False

    def __init__(self, indent: int | None = 2) -> None:
        self.indent = indent
        #: the texts written ahead (:meth:`write_ahead`), by the finding's identity
        self._ahead: dict[int, tuple[Finding, str]] = {}
        self._ahead_writer: Callable[[Finding, str, str], str] | None = None

    def write_ahead(self, finding: Finding) -> None:
        """Write the text of ``finding`` now, as :meth:`render` will write it in the
        report's findings, which then takes it as it is (the same finding, unchanged:
        findings are frozen). A run shared by processes has this process write its own
        findings' while it waits for the others' (spotlint.engine.parallel)."""
        written = self.written_ahead(finding)
        if written is not None:
            self.keep_ahead(finding, written)

    def written_ahead(self, finding: Finding) -> str | None:
        """The text :meth:`write_ahead` keeps for ``finding`` (None: it keeps none), made
        wherever the finding is: a shared run's other processes write their own
        findings' and send it with them (spotlint.cli.check)."""
        if self.indent is None:
            return None  # (written by the standard encoder, in one piece)
        if self._ahead_writer is None:
            self._ahead_writer = _writer()
        step = " " * self.indent
        return self._ahead_writer(finding, "\n" + 2 * step, step)

    def keep_ahead(self, finding: Finding, written: str) -> None:
        """Keep ``written``, :meth:`written_ahead` of a finding equal to ``finding``, as
        :meth:`write_ahead` would have kept its own."""
        self._ahead[id(finding)] = (finding, written)

    def _writer(self) -> Callable[[Finding, str, str], str]:
        """:func:`_writer`, taking the texts written ahead where they fit."""
        write = _writer()
        ahead = self._ahead
        if not ahead or self.indent is None:
            return write
        indent = " " * self.indent
        level = "\n" + 2 * indent

        def written(f: Finding, newline: str, step: str) -> str:
            known = ahead.get(id(f))
            if known is not None and known[0] is f and newline == level and step == indent:
                return known[1]
            return write(f, newline, step)

        return written

    def document(self, result: RunResult, stream: bool = False) -> dict[str, Any]:
        """The report as plain data; with ``stream`` its findings are a
        :class:`~spotlint.report.json_indent.Stream`, made while they are written."""
        active = result.active
        ordered = sorted_findings(result.findings)
        findings: Any = (Stream(lambda: map(finding_dict, ordered), ordered, self._writer())
                         if stream else [finding_dict(f) for f in ordered])
        return {
            "version": SCHEMA_VERSION,
            "tool": {"name": "spotlint", "version": result.tool_version or __version__},
            "summary": {
                "files": len(result.files),
                "findings": len(active),
                "by_severity": severity_counts(active),
                "suppressed": len(result.suppressed),
                "fixable": sum(1 for f in active if f.fix is not None),
            },
            "findings": findings,
            "notes": [
                {"kind": n.kind, "message": n.message, "count": n.count} for n in result.notes
            ],
        }

    def render(self, result: RunResult) -> str:
        return "".join(self.render_chunks(result))

    def render_chunks(self, result: RunResult) -> list[str]:
        """:meth:`render`'s text in consecutive pieces, for a writer that writes them
        in turn (no copy of the whole text is made to join them)."""
        return [*json_chunks(self.document(result, stream=True), self.indent), "\n"]
