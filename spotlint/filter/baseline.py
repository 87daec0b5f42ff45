"""Baselines: accept today's findings so that only new ones fail the build.

A repository adopting spotlint with hundreds of findings writes a baseline once
(``--write-baseline``) and from then on checks with ``--baseline``: recorded
findings are marked suppressed (kind ``baseline``, external in SARIF) and only
new ones count. Entries are matched on the engine's fingerprint, the one SARIF
carries too: it hashes the rule, the root-relative path, the finding's line text
and message, so an entry survives lines added or removed above it but not an
edit of the offending line. Entries nothing matched any more (fixed, or edited)
are counted so the file can be refreshed.

The file is JSON, sorted, one entry per finding, so diffs of it review well::

    {"version": 1, "entries": [{"code": "SL101", "path": "deploy/job.yaml",
      "fingerprint": "0123abcd...:0", "message": "..."}]}
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spotlint.errors import BaselineError
from spotlint.finding import Finding, Suppression
from spotlint.result import RunResult
from spotlint.value import replace

VERSION = 1


@dataclass(frozen=True)
class Entry:
    code: str
    path: str
    fingerprint: str
    message: str = ""


def _relative(path: str, root: str) -> str:
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, os.path.abspath(root))
    return absolute if rel.startswith("..") else rel.replace(os.sep, "/")


def entries_for(findings: Sequence[Finding], root: str) -> list[Entry]:
    entries = [
        Entry(f.code, _relative(f.location.path, root), f.fingerprint, f.message) for f in findings
    ]
    return sorted(entries, key=lambda e: (e.path, e.code, e.fingerprint))


def write(path: str, result: RunResult) -> int:
    """Record the run's active findings in ``path``; returns how many were written."""
    entries = entries_for(result.active, result.root)
    document = {"version": VERSION, "entries": [dataclasses.asdict(e) for e in entries]}
    from spotlint.load.safe_write import WriteError, write_atomic

    try:
        write_atomic(path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
    except WriteError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.reason}") from None
    return len(entries)


def load(path: str) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a spotlint baseline (invalid JSON: {exc})") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a spotlint baseline of version {VERSION}")
    raw = document.get("entries")
    if not isinstance(raw, list):
        raise BaselineError(f"{path}: 'entries' must be a list")
    entries = []
    for index, item in enumerate(raw):
        if not (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("code", "path", "fingerprint"))
        ):
            raise BaselineError(f"{path}: entries[{index}] needs string code, path, fingerprint")
        entries.append(
            Entry(item["code"], item["path"], item["fingerprint"], str(item.get("message", "")))
        )
    return entries


def apply(result: RunResult, entries: Sequence[Entry]) -> int:
    """Mark findings recorded in ``entries`` as suppressed; returns the stale entry count."""
    remaining = Counter((e.code, e.fingerprint) for e in entries)
    marked: list[Finding] = []
    for finding in result.findings:
        key = (finding.code, finding.fingerprint)
        if finding.suppression is None and remaining[key] > 0:
            remaining[key] -= 1
            finding = replace(finding, suppression=Suppression("baseline"))
        marked.append(finding)
    result.findings = marked
    return sum(remaining.values())
