"""SARIF 2.1.0 shaped for GitHub code scanning, so the first upload is accepted.

What GitHub needs is documented in "SARIF support for code scanning"
(https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning);
this module follows it point by point:

* one run, ``results: []`` when clean, every rule of the run in ``rules[]``
  (not only the ones that fired, so the rule list in the UI is complete);
* rule texts are never empty: each falls back to the summary, then the name;
* URIs are relative to the scanned root with ``uriBaseId: %SRCROOT%``, whose
  absolute value is in ``originalUriBaseIds``; files outside the root keep an
  absolute ``file://`` URI rather than a misleading ``../`` one;
* regions are clamped to 1-based, non-inverted spans (``startLine: 0`` is the
  classic rejected upload);
* two fingerprints: ``spotlint/v1`` (the engine's own, shared with baselines) and
  GitHub's ``primaryLocationLineHash``, computed with the exact rolling hash of
  ``github/codeql-action`` (``src/fingerprints.ts``) when the file text is
  available, so REST uploads (which skip that computation) do not duplicate
  alerts;
* suppressed findings stay in the log with ``suppressions`` instead of vanishing,
  so code scanning shows them as dismissed in source.

Column positions are Unicode code points (``columnKind``), which is what the
loaders count. SARIF region ends are exclusive while :class:`Location` ends are
inclusive, hence the ``+ 1`` on ``endColumn`` below; fix edits are already
end-exclusive.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import mul

from spotlint import __version__
from spotlint.finding import Finding, Suppression
from spotlint.location import Location
from spotlint.report.base import directory_uri, path_uri, sorted_findings
from spotlint.report.escape import json_chunks
from spotlint.report.json_indent import Stream, json_string, written
from spotlint.result import RunResult
from spotlint.rule import Edit, Fix, Rule, Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, AnyStr

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/spotlint/spotlint"
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules/{code}.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "spotlint/v1"
MAX_DESCRIPTION = 1024
MAX_TAGS = 20

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}
#: Suppression kinds the engine uses that live in the linted file itself.
IN_SOURCE_KINDS = frozenset({"inSource", "inline", "comment", "annotation", "noqa"})
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$")


# -- GitHub's primaryLocationLineHash ------------------------------------------------

_BLOCK = 100
_MOD = 37
_MASK = (1 << 64) - 1
_EOF = 65535
_UTF16_NATIVE = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


#: 37 is odd, so it has an inverse modulo 2**64: a window's hash is then a difference
#: of two prefix sums of ``unit * 37**-position``, which ``accumulate`` computes in C.
_INVERSE = pow(_MOD, -1, 1 << 64)
#: The depth of a log's results (``runs[0].results[i]``): where their text is written
#: ahead (:meth:`SarifReporter.written_ahead`) at ``"\n"`` and that many indentations.
_RESULTS_DEPTH = 4
#: The depth of a log's rule descriptors (``runs[0].tool.driver.rules[i]``).
_RULES_DEPTH = 6
#: Messages' JSON texts a result writer keeps (:func:`_body_writer`) at most.
_MESSAGES_KEPT = 4_096
#: Units per slice of a long file (bounds the tables of powers below).
_SLICE = 1 << 15


@lru_cache(maxsize=1)
def _powers() -> tuple[list[int], list[int]]:
    """``37**k`` and ``37**-k`` modulo 2**64 for every offset in a slice (made on first use)."""
    up, down = [1], [1]
    for _ in range(_SLICE + _BLOCK):
        up.append(up[-1] * _MOD & _MASK)
        down.append(down[-1] * _INVERSE & _MASK)
    return up, down


def line_hashes(
    text: str, until: int | None = None, lines: Collection[int] | None = None
) -> dict[int, str]:
    """``{line: "<hex>:<n>"}`` exactly as codeql-action's ``hash()`` computes it.

    codeql-action runs a rolling hash over the next 100 characters from the
    start of each line, skipping spaces and tabs, with CR/CRLF read as LF, over
    UTF-16 code units (JavaScript's ``charCodeAt``) in 64-bit wrapping
    arithmetic; ``n`` counts repeats of the same hash, from 1. An EOF marker
    and zero padding let the last lines fill their window. The same sums are
    computed here without a Python step per character: a window's hash
    ``sum(u[s+k] * 37**(99-k))`` is ``37**(s+99) * (Q[s+100] - Q[s])`` with
    ``Q`` the prefix sums of ``u[j] * 37**-j`` (all modulo 2**64), taken slice
    by slice of a long file so the tables of powers stay small.

    With ``until``, only lines up to that one are hashed (a line's hash and its
    repeat count depend on nothing after its own 100-unit window). With
    ``lines``, only those lines are in the answer (every line before them is
    still hashed, for the repeat counts).
    """
    if lines is not None:
        selected = _flattened(text)
        if isinstance(selected, bytes):
            return _selected_line_hashes(selected, until, lines)
        if selected is not None:
            return _selected_line_hashes(selected, until, lines)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    flat = text.replace(" ", "")
    if "\t" in flat:
        flat = flat.replace("\t", "")
    raw = flat.encode(_UTF16_NATIVE, "surrogatepass")
    units: list[int] = memoryview(raw).cast("H").tolist() if raw else []
    starts = [0]
    if len(units) == len(flat):  # one unit per character: find line breaks in the text
        at = flat.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = flat.find("\n", at + 1)
    else:
        starts += [i + 1 for i, unit in enumerate(units) if unit == 0x0A]
    if until is not None:
        del starts[until:]
    # No window reaches past the last line's: the sums stop there.
    stop = starts[-1] + 1 if starts else 0
    units.append(_EOF)
    units.extend([0] * _BLOCK)
    up, down = _powers()
    out: dict[int, str] = {}
    seen: dict[int, int] = {}
    base = -1
    prefix: list[int] = []
    for line, start in enumerate(starts, 1):
        if start >= base + _SLICE or base < 0:
            base = start
            end = min(base + _SLICE, stop) + _BLOCK
            prefix = list(accumulate(map(mul, units[base:end], down), initial=0))
        at = start - base
        key = up[at + _BLOCK - 1] * (prefix[at + _BLOCK] - prefix[at]) & _MASK
        count = seen[key] = seen.get(key, 0) + 1
        if lines is None or line in lines:
            out[line] = f"{key:x}:{count}"
    return out


def _flattened(text: str) -> str | bytes | None:
    """``text`` as :func:`_selected_line_hashes` reads it (line breaks LF, without
    spaces and tabs; ``bytes`` for an ASCII text), or None when some character is two
    UTF-16 units (outside the BMP: only the whole pass of :func:`line_hashes` counts
    those)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # answered without a scan (str knows its widest)
        # one UTF-16 unit per character, as one byte: the bytes drop spaces and tabs in
        # one pass of translate (str.replace takes twice as long, a tab needs another)
        return text.encode("ascii").translate(None, b" \t")
    flat = text.replace(" ", "")
    if "\t" in flat:
        flat = flat.replace("\t", "")
    if flat.isascii():
        return flat
    # one UTF-16 unit per character: no character outside the BMP (faster than a
    # search for one)
    if len(flat.encode(_UTF16_NATIVE, "surrogatepass")) == 2 * len(flat):
        return flat
    return None


#: ``37**(99-k)`` modulo 2**64: a window's hash is ``sum(unit[k] * _WINDOW_POWERS[k])``.
_WINDOW_POWERS = [pow(_MOD, _BLOCK - 1 - k, 1 << 64) for k in range(_BLOCK)]


def _selected_line_hashes(
    flat: AnyStr, until: int | None, lines: Collection[int]
) -> dict[int, str]:
    """:func:`line_hashes` of a few ``lines`` of ``flat`` (spaces and tabs already
    removed, line breaks LF), when every character is one UTF-16 unit (``bytes``:
    an ASCII text, one byte a character).

    A line's window is then the next 100 characters of ``flat`` from its start
    (then the EOF marker and zeros), so the repeat count of a line is one plus
    the number of earlier lines whose window is the same text. Only lines that
    could have the same window are compared, found by a search of the text
    before the line (in C, one pass; no object per line): a window shorter than
    100 characters reaches the end of the text, which no earlier window does; a
    line shorter than 100 characters ends inside its window, so an earlier line
    with the same window is the same whole line (a line break, the line, a line
    break); a longer line's window is its first 100 characters, and an earlier
    line has it when it starts with them. Equal windows have equal hashes; that
    two different windows share a 64-bit hash, and codeql-action would count
    them together, is not looked for. A file whose asked lines have very many
    equal earlier lines is counted by :func:`_counted_line_hashes`, one pass
    over its lines, instead.
    """
    out: dict[int, str] = {}
    if not lines:
        return out
    last = max(lines) if until is None else min(until, max(lines))
    newline = _newline(flat)
    rows = flat.split(newline, last)  # lines 1..last, then the rest of the text
    top = min(last, len(rows))
    asked = sorted(line for line in lines if 1 <= line <= top)
    if not asked:
        return out
    # start of line i + 1 in flat: the lengths of the lines before it, plus their breaks
    sums = list(accumulate(map(len, rows[: asked[-1] - 1]), initial=0))
    budget = 4 * len(sums) + 64  # equal earlier lines compared before counting in one pass
    find = flat.find
    for line in asked:
        at = line - 1
        start = sums[at] + at
        window = flat[start : start + _BLOCK]
        count = 1
        if len(window) == _BLOCK and at:
            row = rows[at]
            if len(row) >= _BLOCK:  # earlier lines starting with the window
                # (a break and the window: no two overlap, and one ending past the
                # line's start begins before it)
                count += flat.startswith(window) + flat.count(
                    newline + window, 0, start + _BLOCK - 1)
            else:  # earlier lines equal to this one, whose windows are compared
                whole = row + newline
                needle = newline + whole  # a whole earlier line, before this line's start
                if flat.startswith(whole):  # line 1
                    begin = 0
                else:
                    found = find(needle, 0, start)
                    begin = found + 1 if found >= 0 else -1
                while begin >= 0:
                    budget -= 1
                    if budget < 0:
                        return _counted_line_hashes(flat, last, lines)
                    if flat[begin : begin + _BLOCK] == window:
                        count += 1
                    found = find(needle, begin, start)
                    begin = found + 1 if found >= 0 else -1
        out[line] = f"{_window_hash(window)}:{count}"
    return out


#: Hashes of windows already hashed in this run, in hex: a repository's files repeat
#: their boilerplate (the same kinds, the same spec blocks), and each hash is 100
#: multiplications. Bounded: at most this many entries are kept.
_WINDOWS: dict[str | bytes, str] = {}
_WINDOWS_KEPT = 1 << 14


def _window_hash(window: str | bytes) -> str:
    """The hash of one window of at most 100 characters, each one UTF-16 unit, in hex."""
    found = _WINDOWS.get(window)
    if found is None:
        units: Iterable[int] = window if isinstance(window, bytes) else map(ord, window)
        if len(window) < _BLOCK:
            units = [*units, _EOF]
        found = f"{sum(map(mul, units, _WINDOW_POWERS)) & _MASK:x}"
        if len(_WINDOWS) < _WINDOWS_KEPT:
            _WINDOWS[window] = found
    return found


def _counted_line_hashes(flat: AnyStr, last: int, lines: Collection[int]) -> dict[int, str]:
    """:func:`_selected_line_hashes` by one pass over lines 1..``last``, counting
    every window (a dictionary of slices): linear in the lines whatever they hold."""
    out: dict[int, str] = {}
    seen: dict[AnyStr, int] = {}
    newline = _newline(flat)
    start, line = 0, 1
    while line <= last:
        window = flat[start : start + _BLOCK]
        count = seen[window] = seen.get(window, 0) + 1
        if line in lines:
            out[line] = f"{_window_hash(window)}:{count}"
        at = flat.find(newline, start)
        if at < 0:
            break
        start, line = at + 1, line + 1
    return out


def _newline(flat: AnyStr) -> AnyStr:
    """A line break of ``flat``'s type."""
    return b"\n" if isinstance(flat, bytes) else "\n"  # type: ignore[return-value]


def _read_text(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return None


# -- rules -------------------------------------------------------------------------


def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_uri = HELP_URI.format(code=rule.code)
    summary = rule.summary.strip() or rule.name or rule.code
    lead = rule.doc_sections().get("", "") if rule.doc else ""
    doc = (rule.doc or "").strip() or summary
    tags = [*dict.fromkeys(t for t in (*rule.tags, rule.target) if t)][:MAX_TAGS]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name or rule.code,
        "shortDescription": {"text": _clip(summary)},
        "fullDescription": {"text": _clip(lead or summary)},
        "help": {
            # GitHub does not show helpUri, so the link goes in the text too.
            "text": f"{doc}\n\nDocumentation: {help_uri}",
            "markdown": f"{doc}\n\n[{rule.code} documentation]({help_uri})",
        },
        "helpUri": help_uri,
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "precision": "high",
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
        },
    }
    if tags:
        descriptor["properties"]["tags"] = tags
    return descriptor


def rule_text(rule: Rule, newline: str, step: str) -> str:
    """``written(rule_descriptor(rule), newline, step)``: the descriptor's indented text,
    written straight from the rule (a log writes each of its run's rules; their docs are
    most of the log's text before its results, and a descriptor's two help texts hold
    the same doc: its JSON text is made once, and the two texts joined around it, as
    escaping is character by character). A rule whose names or tags are not all strings
    is left to the writer's walk. ``tests/report/test_sarif_rule_texts.py`` holds the
    texts equal."""
    code = rule.code
    name = rule.name or code
    tags = [*dict.fromkeys(t for t in (*rule.tags, rule.target) if t)][:MAX_TAGS]
    if type(code) is not str or type(name) is not str or not all(
            type(t) is str for t in tags):
        return written(rule_descriptor(rule), newline, step)
    string = json_string
    help_uri = HELP_URI.format(code=code)
    summary = rule.summary.strip() or name
    lead = rule.doc_sections().get("", "") if rule.doc else ""
    doc = string((rule.doc or "").strip() or summary)[:-1]  # (its opening quote only)
    text_end = string("\n\nDocumentation: " + help_uri)[1:]  # (its closing quote only)
    markdown_end = string(f"\n\n[{code} documentation]({help_uri})")[1:]
    n1 = newline + step
    n2 = n1 + step
    severity = rule.severity
    listed = ""
    if tags:
        n3 = n2 + step
        listed = f',{n2}"tags": [{n3}' + f",{n3}".join(map(string, tags)) + f"{n2}]"
    return (
        f'{{{n1}"id": {string(code)},{n1}"name": {string(name)},{n1}"shortDescription": '
        f'{{{n2}"text": {string(_clip(summary))}{n1}}},{n1}"fullDescription": {{{n2}"text": '
        f'{string(_clip(lead or summary))}{n1}}},{n1}"help": {{{n2}"text": {doc}{text_end},'
        f'{n2}"markdown": {doc}{markdown_end}{n1}}},{n1}'
        f'"helpUri": {string(help_uri)},{n1}"defaultConfiguration": {{{n2}"level": '
        f'"{LEVEL[severity]}"{n1}}},{n1}"properties": {{{n2}"precision": "high",{n2}'
        f'"problem.severity": "{PROBLEM_SEVERITY[severity]}"{listed}{n1}}}{newline}}}')


def _rules_for(result: RunResult) -> list[Rule]:
    """Every rule of the run, plus a stand-in for any code a finding uses that is
    not among them (a plugin's, say), so each result has a ``ruleIndex``."""
    by_code = {r.code: r for r in result.rules}
    for f in result.findings:
        if f.code not in by_code:
            by_code[f.code] = Rule(
                code=f.code,
                name=f.name,
                severity=f.severity,
                summary=f.name or f.code,
                target="",
                doc="",
                check=None,
            )
    return [by_code[code] for code in sorted(by_code)]


# -- results -----------------------------------------------------------------------


def _region(line: int, col: int, end_line: int, end_col_exclusive: int) -> dict[str, int]:
    line, col = max(line, 1), max(col, 1)
    end_line = max(end_line, line)
    end_col = max(end_col_exclusive, col if end_line == line else 1)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _artifact(path: str, root: str) -> dict[str, str]:
    uri, relative = path_uri(path, root)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _physical(loc: Location, root: str) -> dict[str, Any]:
    return {
        "artifactLocation": _artifact(loc.path, root),
        "region": _region(loc.line, loc.col, loc.end_line, loc.end_col + 1),
    }


def _suppression(s: Suppression) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "inSource" if s.kind in IN_SOURCE_KINDS else "external"}
    if s.justification.strip():
        out["justification"] = s.justification.strip()
    if s.kind:
        out["properties"] = {"spotlintKind": s.kind}
    return out


def _fix(fix: Fix, root: str) -> dict[str, Any]:
    by_path: dict[str, list[Edit]] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append(edit)
    changes = []
    for path, edits in by_path.items():
        replacements = []
        for e in edits:
            repl: dict[str, Any] = {"deletedRegion": _region(e.line, e.col, e.end_line, e.end_col)}
            if e.text:
                repl["insertedContent"] = {"text": e.text}
            replacements.append(repl)
        changes.append({"artifactLocation": _artifact(path, root), "replacements": replacements})
    out: dict[str, Any] = {"artifactChanges": changes}
    if fix.description.strip():
        out["description"] = {"text": fix.description.strip()}
    return out


def _body_writer(root: str) -> Callable[[Finding, str, str, str | None], str]:
    """``body(finding, newline, step, line_hash)``: the indented text of
    :meth:`SarifReporter._result`'s dictionary after its head (``ruleId``,
    ``ruleIndex``, ``level`` and the message's key: they depend on the run's rules,
    which a process writing its own findings ahead does not know all of), written
    straight from the finding (a report holds thousands of results; making each one's
    nested dictionaries only to walk them cost more than writing them). ``line_hash``
    is given when line hashes are on (left out for a file outside ``root``).
    ``tests/report/test_sarif_written.py`` holds the texts equal. Suppressions are
    left to the writer's walk."""
    string = json_string
    artifacts: dict[tuple[str, int], str] = {}  # artifactLocation by (path, depth)
    n: list[str] = []  # line break and indentation, by depth below the result
    #: by path: the artifactLocation of a result's location, and whether the file is
    #: inside the root (no line hash is given for one outside it)
    files: dict[str, tuple[str, bool]] = {}
    #: the JSON texts of the messages seen, by message: a run's results repeat their
    #: rules' messages (about 220 distinct among the 782 results of 1,000 Spark-heavy
    #: files), and each is encoded once (forgotten all at once when full: a large run's
    #: are mostly distinct)
    messages: dict[str, str] = {}

    def artifact(path: str, depth: int) -> str:
        text = artifacts.get((path, depth))
        if text is None:
            uri, relative = path_uri(path, root)
            inner = n[depth + 1]
            base = f',{inner}"uriBaseId": "{SRCROOT}"' if relative else ""
            text = f'{{{inner}"uri": {string(uri)}{base}{n[depth]}}}'
            artifacts[path, depth] = text
        return text

    def region(line: int, col: int, end_line: int, end_col: int, depth: int) -> str:
        # clamped as _region clamps (conditional expressions: no call of max)
        line = line if line > 1 else 1
        col = col if col > 1 else 1
        end_line = end_line if end_line > line else line
        floor = col if end_line == line else 1
        end_col = end_col if end_col > floor else floor
        at, i = n[depth], n[depth + 1]
        return (f'{{{i}"startLine": {line},{i}"startColumn": {col},{i}"endLine": '
                f'{end_line},{i}"endColumn": {end_col}{at}}}')

    def physical(loc: Location) -> str:  # at depth 3
        n3, n4 = n[3], n[4]
        return (f'{{{n4}"artifactLocation": {artifact(loc.path, 4)},{n4}"region": '
                f'{region(loc.line, loc.col, loc.end_line, loc.end_col + 1, 4)}{n3}}}')

    def fix(value: Fix) -> str:  # at depth 2
        by_path: dict[str, list[Edit]] = {}
        for edit in value.edits:
            by_path.setdefault(edit.path, []).append(edit)
        n2, n3, n4, n5, n6, n7, n8 = n[2:9]
        changes = []
        for path, edits in by_path.items():
            replacements = []
            for e in edits:
                inserted = (f',{n7}"insertedContent": {{{n8}"text": {string(e.text)}{n7}}}'
                            if e.text else "")
                replacements.append(
                    f'{n6}{{{n7}"deletedRegion": '
                    f'{region(e.line, e.col, e.end_line, e.end_col, 7)}{inserted}{n6}}}')
            changes.append(f'{n4}{{{n5}"artifactLocation": {artifact(path, 5)},{n5}'
                           f'"replacements": [{",".join(replacements)}{n5}]{n4}}}')
        description = value.description.strip()
        said = (f',{n3}"description": {{{n4}"text": {string(description)}{n3}}}'
                if description else "")
        return f'{{{n3}"artifactChanges": [{",".join(changes)}{n3}]{said}{n2}}}'

    def body(f: Finding, newline: str, step: str, line_hash: str | None) -> str:
        if not n or n[0] != newline:
            n[:] = [newline + step * depth for depth in range(10)]
            artifacts.clear()
            files.clear()
        n1, n2, n3, n4 = n[1], n[2], n[3], n[4]
        loc = f.location
        path = loc.path
        known = files.get(path)
        if known is None:
            known = files[path] = (artifact(path, 4), path_uri(path, root)[1])
        located, inside = known
        message = messages.get(f.message)
        if message is None:
            text = f.message.strip()
            if text:
                if len(messages) >= _MESSAGES_KEPT:
                    messages.clear()
                message = messages[f.message] = string(text)
            else:  # (a blank message: the rule's code and name, not kept)
                message = string(f"{f.code} {f.name}".strip())
        out = [f'{message}{n1}}},{n1}"locations": [{n2}{{{n3}"physicalLocation": '
               f'{{{n4}"artifactLocation": {located},{n4}"region": '
               f'{region(loc.line, loc.col, loc.end_line, loc.end_col + 1, 4)}{n3}}}{n2}}}{n1}]']
        if f.related:
            related = ",".join(f'{n2}{{{n3}"id": {i},{n3}"physicalLocation": '
                               f'{physical(other)}{n2}}}'
                               for i, other in enumerate(f.related, start=1))
            out.append(f',{n1}"relatedLocations": [{related}{n1}]')
        if not inside:
            line_hash = None
        if f.fingerprint:
            if line_hash is not None:
                out.append(f',{n1}"partialFingerprints": {{{n2}"{FINGERPRINT_KEY}": '
                           f'{string(f.fingerprint)},{n2}"primaryLocationLineHash": '
                           f'{string(line_hash)}{n1}}}')
            else:
                out.append(f',{n1}"partialFingerprints": {{{n2}"{FINGERPRINT_KEY}": '
                           f'{string(f.fingerprint)}{n1}}}')
        elif line_hash is not None:
            out.append(f',{n1}"partialFingerprints": {{{n2}"primaryLocationLineHash": '
                       f'{string(line_hash)}{n1}}}')
        if f.suppression is not None:
            out.append(f',{n1}"suppressions": '
                       + written([_suppression(f.suppression)], n1, step))
        if f.fix is not None and f.fix.edits:
            out.append(f',{n1}"fixes": [{n2}{fix(f.fix)}{n1}]')
        out.append(newline + "}")
        return "".join(out)

    return body


class _TextLines:
    """The line hashes of one file's text, asked a line at a time: a process writing
    its findings ahead (:meth:`SarifReporter.written_ahead`) is handed them one by one,
    a file's together. The text is stripped of spaces and tabs once; each line is then
    hashed as :func:`_selected_line_hashes` hashes a few."""

    __slots__ = ("flat", "found")

    def __init__(self, text: str) -> None:
        self.flat = _flattened(text)
        #: the hashes found, by line (every line's when some character is two units:
        #: one pass of :func:`line_hashes` finds them all)
        self.found: dict[int, str | None] = {}
        if self.flat is None:
            self.found.update(line_hashes(text))

    def line_hash(self, line: int) -> str | None:
        found = self.found
        if line in found:
            return found[line]
        flat = self.flat
        if flat is None:
            return None  # (beyond the text's last line)
        if isinstance(flat, bytes):  # (one call for each type: AnyStr)
            found[line] = answer = _line_hash(flat, line)
        else:
            found[line] = answer = _line_hash(flat, line)
        return answer


def _line_hash(flat: AnyStr, line: int) -> str | None:
    """:func:`_selected_line_hashes` of ``line`` alone (``line`` >= 1), in fewer steps
    when no earlier line is the same short line (whose windows that function compares)."""
    newline = _newline(flat)
    rows = flat.split(newline, line)  # lines 1..line, then the rest of the text
    if line > len(rows):
        return None
    at = line - 1
    row = rows[at]
    # (the line's start, from the end of the text: the rest after it, and its break)
    start = len(flat) - len(row) - (len(rows[line]) + 1 if len(rows) > line else 0)
    window = flat[start : start + _BLOCK]
    count = 1
    if len(window) == _BLOCK and at:
        if len(row) >= _BLOCK:  # earlier lines starting with the window
            count += flat.startswith(window) + flat.count(newline + window, 0, start + _BLOCK - 1)
        elif flat.startswith(row + newline) or flat.find(newline + row + newline, 0, start) >= 0:
            return _selected_line_hashes(flat, None, (line,)).get(line)
    return f"{_window_hash(window)}:{count}"


class SarifReporter:
    """Render a run as one SARIF log.

    ``texts`` supplies file contents for ``primaryLocationLineHash``; files not
    in it are taken from the run's sources when the loader's text is the file's
    own (:attr:`spotlint.result.Source.utf8`: decoded as plain UTF-8, read from
    disk), else read from disk, and a file that cannot be read simply gets no
    line hash.
    ``line_hashes=False`` leaves that fingerprint to ``upload-sarif``.
    """

    #: SARIF ``fixes`` are text replacements
    wants_edits = True
    #: :meth:`write_ahead` and :meth:`written_ahead` take the finding's file's text,
    #: when the run holds it
    ahead_reads_text = True
    #: ... and it may be handed every finding: what it keeps of each (its result's
    #: text) is what :meth:`render` makes of it anyway, and render lets it go once
    #: written (no copy of the log's results is held twice)
    ahead_room = None
    #: ... so in a run shared by processes it reads none of the run's sources (each
    #: process writes its findings' results ahead from its own files' texts)
    ahead_reads_sources = False

    def __init__(
        self,
        texts: Mapping[str, str] | None = None,
        line_hashes: bool = True,
        indent: int | None = 2,
    ) -> None:
        self.texts = texts
        self.compute_line_hashes = line_hashes
        self.indent = indent
        #: the scanned root of the run whose findings are written ahead (set by the
        #: command before the run: a result's text depends on it); None: none is
        self.ahead_root: str | None = None
        #: the results' texts written ahead (:meth:`write_ahead`), but for their head,
        #: by the finding's identity
        self._ahead: dict[int, tuple[Finding, str]] = {}
        self._ahead_body: Callable[[Finding, str, str, str | None], str] | None = None
        #: one indentation, and a result's line break and indentation (made once)
        self._step: tuple[str, str] | None = None
        #: the rules of the run whose findings are written ahead (set by the command),
        #: and their descriptors' texts once written (:meth:`_write_rules_ahead`)
        self.ahead_rules: Sequence[Rule] | None = None
        self._rule_texts: dict[int, tuple[Rule, str]] | None = None
        #: the file whose findings were last written ahead: its path, the text handed
        #: with them, and the hashes of its lines (None: the file cannot be read)
        self._lines: tuple[str, str | None, _TextLines | None] | None = None

    def write_ahead(self, finding: Finding, text: str | None = None) -> None:
        """Write the text of ``finding``'s result now (its line hash too), as
        :meth:`render` will write it in the log, which then takes it as it is (the same
        finding, unchanged: findings are frozen). A run shared by processes has this
        process do so for its own findings while it waits for the others'
        (spotlint.engine.parallel). ``text``: the file's text as the run read it (its
        own, plain UTF-8), when the run holds it; else the file is read (unless
        :attr:`texts` has it)."""
        written = self.written_ahead(finding, text)
        if written is not None:
            self.keep_ahead(finding, written)

    def written_ahead(self, finding: Finding, text: str | None = None) -> str | None:
        """The text :meth:`write_ahead` keeps for ``finding`` (None: it keeps none: no
        :attr:`ahead_root`, or no indentation), made wherever the finding is: a shared
        run's other processes write their own findings' and send it with them
        (spotlint.cli.check), hashing the lines of the files they hold."""
        root = self.ahead_root
        if root is None or self.indent is None:
            return None  # (without indentation the log is written by the standard encoder)
        body = self._ahead_body
        if body is None:
            body = self._ahead_body = _body_writer(root)
        loc = finding.location
        if loc.line < 1:
            # (its line hash, line 1's, is given only when another finding of the file
            # is at a later line: render knows them all)
            return None
        line_hash = None
        if self.compute_line_hashes and path_uri(loc.path, root)[1]:
            line_hash = self._line_hash(loc.path, loc.line, text)
        step = self._step
        if step is None:
            step = self._step = (" " * self.indent, "\n" + _RESULTS_DEPTH * " " * self.indent)
        return body(finding, step[1], step[0], line_hash)

    def keep_ahead(self, finding: Finding, written: str) -> None:
        """Keep ``written``, :meth:`written_ahead` of a finding equal to ``finding``, as
        :meth:`write_ahead` would have kept its own. The first time, the rules' texts
        are written too (:attr:`ahead_rules`: the log's first part, ~1.5 ms, else
        written after the last finding came)."""
        if self._rule_texts is None:
            self._write_rules_ahead()
        self._ahead[id(finding)] = (finding, written)

    def _write_rules_ahead(self) -> None:
        """The text of each of :attr:`ahead_rules`' descriptors, at the depth the log
        writes them (with an indentation)."""
        self._rule_texts = texts = {}
        if self.ahead_rules is None or self.indent is None:
            return
        step = " " * self.indent
        newline = "\n" + _RULES_DEPTH * step
        for rule in self.ahead_rules:
            texts[id(rule)] = (rule, rule_text(rule, newline, step))

    def _rule_writer(self) -> Callable[[Rule, str, str], str]:
        """``write(rule, newline, step)`` for the log's rules: the descriptor's text as
        written ahead when it was (the same rule, at that depth), else written now."""
        texts = self._rule_texts or {}
        step = " " * (self.indent or 0)
        newline = "\n" + _RULES_DEPTH * step

        def write(rule: Rule, at: str, by: str) -> str:
            known = texts.get(id(rule)) if at == newline and by == step else None
            if known is not None and known[0] is rule:
                return known[1]
            return rule_text(rule, at, by)

        return write

    def _line_hash(self, path: str, line: int, given: str | None) -> str | None:
        """The hash of ``line`` of ``path``, whose text is :attr:`texts`' when it has
        it, else ``given``, else the file's (read once for its findings)."""
        lines = self._lines
        if lines is None or lines[0] != path or lines[1] is not given:
            text = (self.texts or {}).get(path)
            if text is None:
                text = given if given is not None else _read_text(path)
            self._lines = lines = (path, given, None if text is None else _TextLines(text))
        hashes = lines[2]
        return None if hashes is None else hashes.line_hash(line)

    def _hashes_for(
        self, findings: Collection[Finding], result: RunResult,
        taken: Collection[int] = (),
    ) -> dict[str, dict[int, str]]:
        """The line hashes of ``findings``' lines (but those of the ones ``taken``
        holds the identity of: written ahead), by path.

        A file's lines are hashed up to the last line of its findings (all of them):
        a finding at line 0 has the hash of line 1 only when another of the file's
        findings is at a later line."""
        if not self.compute_line_hashes or (taken and len(taken) == len(findings)):
            return {}  # (or every result was written ahead)
        known: Mapping[str, str] = self.texts or getattr(result, "texts", None) or {}
        hashes: dict[str, dict[int, str]] = {}
        last: dict[str, int] = {}
        wanted: dict[str, set[int]] = {}
        for f in findings:
            loc = f.location
            path, line = loc.path, loc.line
            lines = wanted.get(path)
            if lines is None:
                wanted[path] = lines = set()
                last[path] = line if line > 0 else 0
            elif line > last[path]:
                last[path] = line
            if not taken or id(f) not in taken:
                lines.add(line if line > 1 else 1)  # as _result looks them up
        sources = result.sources
        for path, until in last.items():
            if not wanted[path]:
                continue  # (every finding of the file was written ahead)
            text = known.get(path)
            if text is None:
                source = sources.get(path)
                # the loader's text when it is the file's own (no BOM, not stdin)
                text = source.text if source is not None and source.utf8 else _read_text(path)
            if text is not None:
                hashes[path] = line_hashes(text, until, wanted[path])
        return hashes

    def _result(
        self, f: Finding, index: int, root: str, hashes: dict[str, dict[int, str]]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index,
            "level": LEVEL[f.severity],
            "message": {"text": f.message.strip() or f"{f.code} {f.name}".strip()},
            "locations": [{"physicalLocation": _physical(f.location, root)}],
        }
        if f.related:
            out["relatedLocations"] = [
                {"id": i, "physicalLocation": _physical(loc, root)}
                for i, loc in enumerate(f.related, start=1)
            ]
        fingerprints: dict[str, str] = {}
        if f.fingerprint:
            fingerprints[FINGERPRINT_KEY] = f.fingerprint
        line_hash = hashes.get(f.location.path, {}).get(max(f.location.line, 1))
        if line_hash is not None and _artifact(f.location.path, root).get("uriBaseId"):
            fingerprints["primaryLocationLineHash"] = line_hash
        if fingerprints:
            out["partialFingerprints"] = fingerprints
        if f.suppression is not None:
            out["suppressions"] = [_suppression(f.suppression)]
        if f.fix is not None and f.fix.edits:
            out["fixes"] = [_fix(f.fix, root)]
        return out

    def _taken(self, findings: list[Finding], result: RunResult) -> set[int]:
        """The identities of ``findings`` whose results :meth:`render` takes as written
        ahead: those written for this run's root, when the log is indented as they were
        written and no ``texts`` of the result's own says otherwise (none when a finding
        is listed twice: each kept text is taken out as it is written, held once)."""
        ahead = self._ahead
        if not ahead or self.indent is None or self.ahead_root != result.root or (
                not self.texts and getattr(result, "texts", None)):
            return set()
        taken: set[int] = set()
        get = ahead.get
        for f in findings:
            kept = get(id(f))
            if kept is not None and kept[0] is f:
                if id(f) in taken:
                    return set()
                taken.add(id(f))
        return taken

    def _writer(
        self, index: dict[str, int], root: str, hashes: dict[str, dict[int, str]],
        taken: Collection[int],
    ) -> Callable[[Finding, str, str], str]:
        """``write(finding, newline, step)``: the indented text of :meth:`_result`'s
        dictionary: its head (by rule and severity), then the rest as written ahead
        (for the findings ``taken`` holds the identity of, at the depth results are
        written: taken out of what is kept), else by :func:`_body_writer`."""
        string = json_string
        ahead = self._ahead
        body = _body_writer(root)
        #: a result's text up to its message's, by rule and severity, and the line
        #: break and indentation of its first level
        heads: dict[tuple[str, Severity], str] = {}
        at: list[str] = []
        indent = " " * (self.indent or 0)
        expected = "\n" + _RESULTS_DEPTH * indent

        def write(f: Finding, newline: str, step: str) -> str:
            if not at or at[0] != newline:
                at[:] = [newline, newline + step]
                heads.clear()
            code, severity = f.code, f.severity
            head = heads.get((code, severity))
            if head is None:
                n1 = at[1]
                head = heads[code, severity] = (
                    f'{{{n1}"ruleId": {string(code)},{n1}"ruleIndex": {index[code]},{n1}'
                    f'"level": "{LEVEL[severity]}",{n1}"message": {{{at[1] + step}"text": ')
            if newline == expected and step == indent and id(f) in taken:
                kept = ahead.pop(id(f), None)
                if kept is not None:
                    return head + kept[1]
            loc = f.location
            line = loc.line
            file_hashes = hashes.get(loc.path)
            line_hash = (file_hashes.get(line if line > 1 else 1)
                         if file_hashes is not None else None)
            return head + body(f, newline, step, line_hash)

        return write

    def document(self, result: RunResult, stream: bool = False) -> dict[str, Any]:
        """The log as plain data; with ``stream`` its results are a
        :class:`~spotlint.report.json_indent.Stream`, made while they are written."""
        rules = _rules_for(result)
        index = {r.code: i for i, r in enumerate(rules)}
        findings = sorted_findings(result.findings)
        taken = self._taken(findings, result) if stream else set()
        hashes = self._hashes_for(findings, result, taken)
        every: list[dict[str, dict[int, str]]] = []  # (all of them, when they are made)

        def all_hashes() -> dict[str, dict[int, str]]:
            if not taken:
                return hashes
            if not every:
                every.append(self._hashes_for(findings, result))
            return every[0]

        root = result.root
        version = result.tool_version or __version__
        driver: dict[str, Any] = {
            "name": "spotlint",
            "version": version,
            "informationUri": INFORMATION_URI,
            "rules": (Stream(lambda: [rule_descriptor(r) for r in rules], rules,
                             self._rule_writer()) if stream
                      else [rule_descriptor(r) for r in rules]),
        }
        if _SEMVER.match(version):
            driver["semanticVersion"] = version
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "invocations": [
                {
                    "executionSuccessful": True,
                    "workingDirectory": {"uri": directory_uri(os.getcwd())},
                }
            ],
            "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(result.root)}},
            "columnKind": "unicodeCodePoints",
            "results": (Stream(lambda: (self._result(f, index[f.code], root, all_hashes())
                                        for f in findings),
                               findings, self._writer(index, root, hashes, taken)) if stream
                        else [self._result(f, index[f.code], root, hashes) for f in findings]),
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def render(self, result: RunResult) -> str:
        return "".join(self.render_chunks(result))

    def render_chunks(self, result: RunResult) -> list[str]:
        """:meth:`render`'s text in consecutive pieces, for a writer that writes them
        in turn (no copy of the whole text is made to join them)."""
        return [*json_chunks(self.document(result, stream=True), self.indent), "\n"]
