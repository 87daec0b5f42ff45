"""Suppressions: findings a user has accepted, marked rather than dropped.

Marking keeps suppressed findings in JSON and SARIF (where code scanning shows
them as dismissed) and in the text summary count, so debt stays visible; only
the exit code and the listed findings ignore them. Sources, by suppression kind:

* ``comment`` (in source): ``# spotlint: ignore SL101, driver-on-spot -- reason``
  on the offending line, or alone on the line(s) above it;
  ``# spotlint: ignore-file ...`` anywhere in a file; ``# spotlint:
  ignore-document ...`` inside a YAML document or just above it (after ``---``).
  No rules named means every rule. ``until=YYYY-MM-DD`` makes it expire.
* ``annotation`` (in source): ``metadata.annotations["spotlint.dev/ignore"]:
  "SL101,SL102 -- reason"`` covers the whole object; the only form JSON allows.
* ``config`` (external): ``per-path-ignores`` and ``ignore-objects`` in the
  configuration, for files nobody should edit (vendored charts).

An expired or undated-but-malformed expiry never suppresses and is reported as
SL004, so a temporary exception cannot quietly become permanent. Suppressions
that matched nothing are reported as SL005 when asked for (the flag, the config
key, or selecting SL005 by its code or name), like ruff's unused-noqa: only
suppressions naming a rule that ran are judged, since a rule that did not run
cannot prove a suppression useless.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Mapping, Sequence
from functools import cache

from spotlint.config.selection import matches
from spotlint.config.settings import Settings, path_glob_match
from spotlint.finding import Finding, Suppression
from spotlint.load.base import LoadedFile
from spotlint.load.textpos import LINE_BREAK
from spotlint.location import Location, Node
from spotlint.rule import Rule
from spotlint.value import Value, replace

ANNOTATION = "spotlint.dev/ignore"
#: What every directive and the annotation's key hold (see :func:`directives`).
_NAME = "spotlint"
EXPIRED, UNUSED = "SL004", "SL005"


# Both patterns are compiled when a file first has a directive: most runs have none,
# and compiling both at import cost ~0.3 ms.
@cache
def _directive() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)#\s*spotlint:\s*(ignore-file|ignore-document|ignore)\b(.*)$")


@cache
def _reason() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)--(?:\s|$)")


Problem = tuple[str, str, Location]


class Directive(Value):
    """One suppression and the lines of one file it covers."""

    location: Location
    scope: str
    selectors: tuple[str, ...]
    reason: str
    first: int
    last: int
    until: str
    kind: str
    used: bool

    def __init__(
        self,
        location: Location,
        scope: str,
        selectors: tuple[str, ...],
        reason: str,
        first: int,
        last: int,
        until: str = "",
        kind: str = "comment",
        used: bool = False,
    ) -> None:
        self.location = location
        self.scope = scope
        self.selectors = selectors
        self.reason = reason
        self.first = first
        self.last = last
        self.until = until
        self.kind = kind
        self.used = used

    def expired(self, today: dt.date) -> str | None:
        """Why this suppression no longer applies, or None while it does."""
        if not self.until:
            return None
        try:
            until = dt.date.fromisoformat(self.until)
        except ValueError:
            return f"has an invalid expiry date {self.until!r} (want YYYY-MM-DD)"
        return f"expired on {until.isoformat()}" if until < today else None

    def covers(self, finding: Finding, rule: Rule | None) -> bool:
        line = finding.location.line
        if not self.first <= line <= self.last:
            return False
        if not self.selectors:
            return True
        return rule is not None and any(matches(s, rule) for s in self.selectors)

    def describe(self) -> str:
        what = ", ".join(self.selectors) or "all rules"
        return f"{self.kind} suppression ({self.scope}) of {what}"


def parse_body(body: str) -> tuple[tuple[str, ...], str, str]:
    """``SL101, name until=2027-03-31 -- reason`` -> (selectors, until, reason)."""
    reason = ""
    found = _reason().search(body)
    if found:
        body, reason = body[: found.start()], body[found.end() :].strip()
    selectors: list[str] = []
    until = ""
    for token in re.split(r"[\s,\[\]]+", body.strip()):
        if not token:
            continue
        if token.startswith("until="):
            until = token[len("until=") :]
        else:
            selectors.append(token)
    return tuple(selectors), until, reason


def directives(loaded: LoadedFile) -> list[Directive]:
    """Every suppression a file carries: comments and object annotations."""
    # The loader's line breaks (CR LF, CR or LF), not str.splitlines(), which also
    # breaks on form feeds and U+2028 and would put a comment on the wrong line.
    found: list[Directive] = []
    # No line can hold a comment directive when the text does not: most files do
    # not, and splitting every file into lines cost more than the rest of this.
    # Both a directive and the annotation hold "spotlint": one search of every file's
    # text for it (a search for each, through every file, was most of this).
    named = _NAME in loaded.text
    lines = LINE_BREAK.split(loaded.text) if named and "spotlint:" in loaded.text else []
    for index, line in enumerate(lines):
        if "spotlint:" not in line:
            continue
        match = _directive().search(line)
        if match is None:
            continue
        kind, body = match.group(1), match.group(2).split("#", 1)[0]
        selectors, until, reason = parse_body(body)
        number = index + 1
        loc = Location(loaded.path, number, match.start(0) + 1, number, len(line))
        first, last = _span(kind, index, lines, loaded, match.start(0))
        scope = {"ignore": "line", "ignore-file": "file", "ignore-document": "document"}[kind]
        found.append(Directive(loc, scope, selectors, reason, first, last, until))
    if loaded.fmt == "markdown":
        found += _markdown_comments(loaded)
    if not _may_annotate(loaded.text, named):
        return found
    for doc in _documents(loaded):
        value = doc.path("metadata", "annotations", ANNOTATION)
        if value is not None and isinstance(value.value, str):
            selectors, until, reason = parse_body(value.value)
            found.append(
                Directive(value.loc, "object", selectors, reason, doc.loc.line,
                          doc.loc.end_line, until, kind="annotation")
            )
    return found


def _may_annotate(text: str, named: bool = True) -> bool:
    """Can a document of ``text`` (or one embedded in it) carry the ignore annotation?

    Not unless the key is spelled out in it: a key of a plain or quoted scalar
    without escapes is its own text, an alias repeats an anchor's key written in
    the same file, and any other spelling needs a backslash (a YAML or JSON escape,
    an embedded document in an escaped string). Most files have neither, and
    looking the annotation up in each of their documents cost more than the rest.
    ``named``: whether ``text`` holds ``spotlint`` (which the annotation's key holds)."""
    return (named and ANNOTATION in text) or "\\" in text


def _documents(loaded: LoadedFile) -> list[Node]:
    """The file's documents and those embedded in it (heredocs, Markdown blocks...)."""
    if not loaded.embedded:
        return loaded.documents
    from spotlint.load.embedded import embedded_documents

    return embedded_documents(loaded)


def _markdown_comments(loaded: LoadedFile) -> list[Directive]:
    """``<!-- spotlint: ignore ... -->`` comments of a guide: each covers the block below."""
    from spotlint.load.markdown import comments

    found: list[Directive] = []
    for comment in comments(loaded.text):
        loc = Location(loaded.path, comment.line, comment.col, comment.line, comment.end_col)
        found.append(Directive(loc, comment.scope, comment.selectors, comment.reason,
                               comment.first, comment.last, comment.until))
    return found


def _span(
    kind: str, index: int, lines: list[str], loaded: LoadedFile, column: int
) -> tuple[int, int]:
    number = index + 1
    if kind == "ignore-file":
        return 1, max(len(lines), 1)
    if kind == "ignore-document":
        # The innermost document holding the comment (a heredoc's, not its script's),
        # else the first one after it.
        documents = _documents(loaded)
        holding = [d for d in documents if d.loc.line <= number <= d.loc.end_line]
        if holding:
            doc = min(holding, key=lambda d: d.loc.end_line - d.loc.line)
            return doc.loc.line, doc.loc.end_line
        after = [d for d in documents if d.loc.line > number]
        if after:
            doc = min(after, key=lambda d: d.loc.line)
            return number, doc.loc.end_line
        return 1, max(len(lines), 1)
    if lines[index][:column].strip():
        return number, number
    for later in range(index + 1, len(lines)):
        text = lines[later].strip()
        if text and not text.startswith("#"):
            return later + 1, later + 1
    return number, number


def _document_of(loaded: LoadedFile | None, line: int) -> Node | None:
    if loaded is None:
        return None
    for doc in _documents(loaded):
        if doc.loc.line <= line <= doc.loc.end_line:
            return doc
    return None


def _text(node: Node | None) -> str:
    return str(node.value) if node is not None and node.is_scalar and node.value is not None else ""


def _config_suppression(
    finding: Finding, rule: Rule | None, settings: Settings, files: Mapping[str, LoadedFile]
) -> Suppression | None:
    if rule is None:
        return None
    if settings.per_path_ignores:  # two abspath and a relpath per finding otherwise
        rel = settings.config_relative(finding.location.path)
        for glob, selectors in settings.per_path_ignores.items():
            if path_glob_match(rel, glob) and any(matches(s, rule) for s in selectors):
                return Suppression("config", f"per-path-ignores: {glob}")
    if not settings.ignore_objects:
        return None
    doc = _document_of(files.get(finding.location.path), finding.location.line)
    if doc is None:
        return None
    facts = {
        "kind": _text(doc.get("kind")),
        "name": _text(doc.path("metadata", "name")),
        "namespace": _text(doc.path("metadata", "namespace")),
    }
    for entry in settings.ignore_objects:
        if all(fnmatch.fnmatchcase(facts[k], str(entry[k])) for k in facts if k in entry) and (
            not entry.get("rules") or any(matches(s, rule) for s in entry["rules"])
        ):
            label = "/".join(str(entry.get(k, "*")) for k in ("kind", "namespace", "name"))
            reason = str(entry.get("reason", "")).strip()
            return Suppression("config", f"ignore-objects: {label}" + (f" -- {reason}" if reason
                                                                      else ""))
    return None


def report_unused(settings: Settings) -> bool:
    """Unused suppressions are opt-in: a flag, a config key, or naming SL005 itself."""
    named = {s.strip().upper() for s in [*settings.select, *settings.extend_select]}
    return settings.report_unused_suppressions or bool(named & {UNUSED, "UNUSED-SUPPRESSION"})


def apply(
    findings: Sequence[Finding],
    files: Mapping[str, LoadedFile],
    settings: Settings,
    rules: Sequence[Rule],
    enabled: set[str],
    today: dt.date | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Mark suppressed findings; return them plus SL004/SL005 problems to report."""
    today = today or dt.date.today()
    by_code = {r.code: r for r in rules}
    paths = sorted({f.location.path for f in findings} | set(files))
    per_file = {p: directives(files[p]) for p in paths if p in files}
    problems: list[Problem] = []
    for path_directives in per_file.values():
        for directive in path_directives:
            why = directive.expired(today)
            if why is not None:
                message = f"{directive.describe()} {why}, so it suppresses nothing"
                problems.append((EXPIRED, message, directive.location))
    out: list[Finding] = []
    for finding in findings:
        rule = by_code.get(finding.code)
        suppression = None
        for directive in per_file.get(finding.location.path, []):
            if directive.expired(today) is None and directive.covers(finding, rule):
                directive.used = True
                suppression = suppression or Suppression(directive.kind, directive.reason)
        suppression = suppression or _config_suppression(finding, rule, settings, files)
        out.append(replace(finding, suppression=suppression) if suppression
                   else finding)
    if report_unused(settings):
        problems += _unused(per_file, rules, enabled, today)
    return out, problems


def _unused(
    per_file: Mapping[str, list[Directive]], rules: Sequence[Rule], enabled: set[str],
    today: dt.date,
) -> list[Problem]:
    problems: list[Problem] = []
    for path_directives in per_file.values():
        for d in path_directives:
            if d.used or d.expired(today) is not None:
                continue
            unknown = [s for s in d.selectors if not any(matches(s, r) for r in rules)]
            if unknown:
                problems.append((UNUSED, f"{d.describe()} names no known rule: "
                                 f"{', '.join(unknown)}", d.location))
                continue
            ran = not d.selectors or any(
                matches(s, r) for s in d.selectors for r in rules if r.code in enabled
            )
            if ran:
                problems.append((UNUSED, f"{d.describe()} matched no finding", d.location))
    return problems
