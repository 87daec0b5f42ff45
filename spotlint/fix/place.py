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
    for finding in result.findings:
        if finding.fix is not None and finding.fix.changes:
            path = finding.location.path
            targets.setdefault(path, []).extend(
                at for at in map(change_at, finding.fix.changes) if at.path == path)
            depths[path] = max(depths.get(path, 0), *map(reach, finding.fix.changes))
    view: FileView | None = None
    placed: list[Finding] = []
    for finding in result.findings:
        fix = finding.fix
        source = result.sources.get(finding.location.path)
        if fix is None or not fix.changes or source is None:
            placed.append(finding)
            continue
        path = finding.location.path
        if view is None or view.path != path:
            plain = source.plain_parse
            view = FileView(path, source.text, source.fmt,
                            targets=targets[path] if plain else None,
                            properties=source.properties, depth=depths[path],
                            documents=source.documents if plain else None)
        placed.append(finding.with_fix(resolve_fix(fix, view)))
    return replace(result, findings=placed)
