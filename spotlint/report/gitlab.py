"""GitLab Code Quality report (the ``codequality`` artifact of a merge request).

GitLab compares the reports of the source and target branches by
``fingerprint`` to show which issues a merge request adds or fixes, so the
engine's line-shift-stable fingerprint is used as is. Paths must be relative to
the repository, which is what the scanned root is in CI. Severities map the
way common GitLab formatters (eslint's) map theirs: error -> major,
warning -> minor, info -> info; ``critical`` and ``blocker`` are left for tools
that find outages rather than risks.
"""

from __future__ import annotations

import hashlib

from spotlint.finding import Finding
from spotlint.report.base import display_path, sorted_findings
from spotlint.report.escape import json_text, printable
from spotlint.result import RunResult
from spotlint.rule import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _fingerprint(f: Finding, path: str) -> str:
    if f.fingerprint:
        return f.fingerprint
    basis = "\x00".join((f.code, path, str(f.location.line), f.message))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def issue(f: Finding, root: str) -> dict[str, Any]:
    path = printable(display_path(f.location.path, root))
    message = printable(f.message)
    return {
        "type": "issue",
        "description": f"{f.code} {f.name}: {message}" if f.name else f"{f.code}: {message}",
        "check_name": f.code,
        "fingerprint": _fingerprint(f, path),
        "severity": SEVERITY[f.severity],
        "location": {"path": path, "lines": {"begin": max(f.location.line, 1)}},
    }


class GitlabReporter:
    #: the texts of the files (RunResult.sources) are not shown
    reads_sources = False

    def render(self, result: RunResult) -> str:
        issues = [issue(f, result.root) for f in sorted_findings(result.active)]
        return json_text(issues) + "\n"
