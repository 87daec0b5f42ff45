"""Findings and fixes in the Language Server Protocol's terms.

spotlint counts lines and columns from 1, in characters, and a finding's end
column is the last character it covers. LSP counts from 0, its end is
exclusive, and a column is a count of code units in the encoding the client
and server agreed on (UTF-16 unless the client offers another), so a line with
an emoji or a CJK character shifts every column after it. Each conversion
here reads the line's text to count those units.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from spotlint.finding import Finding
from spotlint.load.textpos import LineIndex
from spotlint.location import Location
from spotlint.rule import Edit, Severity

#: The name diagnostics carry as their ``source``.
SOURCE = "spotlint"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def docs_url(code: str) -> str:
    """The rule's page (the one SARIF's ``helpUri`` names)."""
    from spotlint.report.sarif import HELP_URI

    return HELP_URI.format(code=code)


class Positions:
    """1-based character positions of one text to LSP positions in an encoding's code units."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.lines = LineIndex(text)
        self.encoding = str(getattr(encoding, "value", encoding))

    def units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32.value:
            return len(text)
        if self.encoding == types.PositionEncodingKind.Utf8.value:
            return len(text.encode("utf-8", "surrogatepass"))
        return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)

    def position(self, line: int, col: int) -> types.Position:
        """``col`` is the 1-based column of a character (or just past a line's end)."""
        count = len(self.lines)
        if line > count:
            return types.Position(line=max(count - 1, 0), character=self._width(count))
        text = self.lines.line(line).rstrip("\r\n")
        return types.Position(line=max(line - 1, 0), character=self.units(text[: max(col - 1, 0)]))

    def _width(self, line: int) -> int:
        return self.units(self.lines.line(line).rstrip("\r\n")) if line >= 1 else 0

    def location(self, loc: Location) -> types.Range:
        """A finding's region; its inclusive end becomes LSP's exclusive one.

        A finding on a whole object (a job without a setting it needs) spans the
        object's lines; an editor would underline all of them, so the range ends
        with its first line, where ``spotlint check`` puts its caret too.
        """
        start = self.position(loc.line, loc.col)
        if loc.end_line > loc.line:
            return types.Range(start=start, end=types.Position(
                line=start.line, character=self._width(loc.line)))
        end = self.position(loc.end_line, loc.end_col + 1)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start=start, end=end)

    def edit(self, edit: Edit) -> types.TextEdit:
        """A fix's edit (end already exclusive) as an LSP text edit."""
        return types.TextEdit(
            range=types.Range(start=self.position(edit.line, edit.col),
                              end=self.position(edit.end_line, edit.end_col)),
            new_text=edit.text,
        )

    def whole(self) -> types.Range:
        """The whole text, for an edit that replaces it."""
        count = len(self.lines)
        return types.Range(start=types.Position(line=0, character=0),
                           end=types.Position(line=count, character=0))


def diagnostic(finding: Finding, positions: Positions, uri_of: UriOf) -> types.Diagnostic:
    """The finding as a diagnostic: rule code, link to its page, related places."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(loc.path), range=_plain_range(loc)),
            message="related",
        )
        for loc in finding.related
    ]
    fix = finding.fix
    return types.Diagnostic(
        range=positions.location(finding.location),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=docs_url(finding.code)),
        source=SOURCE,
        related_information=related or None,
        data={"name": finding.name, "fixable": bool(fix and fix.edits)},
    )


def _plain_range(loc: Location) -> types.Range:
    """A place in another file, whose text is not at hand: characters taken as code units."""
    return types.Range(
        start=types.Position(line=max(loc.line - 1, 0), character=max(loc.col - 1, 0)),
        end=types.Position(line=max(loc.end_line - 1, 0), character=max(loc.end_col, 0)),
    )


def contains(outer: types.Range, inner: types.Range) -> bool:
    """Do the two ranges touch (a cursor in a finding, a selection over it)?"""
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(inner.start) <= key(outer.end) and key(outer.start) <= key(inner.end)


class UriOf:
    """Paths to ``file:`` URIs (a class so the type is named in signatures)."""

    def __call__(self, path: str) -> str:
        from pygls.uris import from_fs_path

        return from_fs_path(path) or path


def text_edits(finding: Finding, positions: Positions) -> Sequence[types.TextEdit]:
    fix = finding.fix
    if fix is None:
        return []
    return [positions.edit(e) for e in fix.edits]
