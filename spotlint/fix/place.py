"""Placing fixes: a run's abstract fixes turned into text edits of their files.

Rules describe a fix as changes on located values; the engine keeps it that
way, since placing it composes the file again (with libyaml's C composer:
ruamel.yaml's pure-Python one took half of a large run). The command asks for
edits only when they are used: to fix (``--fix``, ``--diff``) or for an output
that shows them (SARIF, JSON, any reporter whose ``wants_edits`` is true).
A fix that cannot be placed safely becomes None: the finding is then simply
not fixable.
"""

from __future__ import annotations

from spotlint.finding import Finding
from spotlint.fix.resolve import FileView, change_at, reach, resolve_fix
from spotlint.location import Location
from spotlint.result import RunResult
from spotlint.value import replace


def place_fixes(result: RunResult) -> RunResult:
    """``result`` with every fix placed in its file's text (None where it cannot be)."""
    # Findings come sorted by path, so one file's view (its composed tree, one span
    # per value) is dropped when the next file's findings begin instead of every
    # tree being held until the last finding is placed.
    #
    # Where a file's changes point is gathered first: when the loader read the whole
    # file without an error, its tree is composed only as far as those places.
    # How deep below those places the changes read is gathered too: the tree is
    # built only that deep there (below, only where each collection's content ends).
    targets: dict[str, list[Location]] = {}
    depths: dict[str, int] = {}
    findings = result.findings
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.changes:
            continue
        path = finding.location.path
        found = targets.get(path)
        if found is None:
            found = targets[path] = []
            depths[path] = 0
        depth = depths[path]
        for change in fix.changes:
            at = change_at(change)
            if at.path == path:
                found.append(at)
            deep = reach(change)
            if deep > depth:
                depth = deep
        depths[path] = depth
    sources = result.sources
    view: FileView | None = None
    placed: list[Finding] = []
    append = placed.append
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.changes:
            append(finding)
            continue
        path = finding.location.path
        source = sources.get(path)
        if source is None:
            append(finding)
            continue
        if view is None or view.path != path:
            plain = source.plain_parse
            view = FileView(path, source.text, source.fmt,
                            targets=targets[path] if plain else None,
                            properties=source.properties, depth=depths[path],
                            documents=source.documents if plain else None)
        append(finding.with_fix(resolve_fix(fix, view)))
    return replace(result, findings=placed)
