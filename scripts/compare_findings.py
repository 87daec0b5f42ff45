"""Record what spotlint finds on some paths, or compare a run with such a record.

A refactoring must not change findings. This script runs
``spotlint check PATH --isolated --exit-zero --format json`` once per path (in a
child process, with the same Python), keeps what identifies a finding (code,
path relative to the scan root, position, severity, message, whether a fix is
attached and whether it is suppressed) and either writes that snapshot or
compares it with one written before::

    python scripts/compare_findings.py record /tmp/before.json examples ../shared/corpus
    python scripts/compare_findings.py compare /tmp/before.json

``compare`` re-runs the paths stored in the snapshot (so run it from the same
directory) and prints every finding that appeared or disappeared; it exits 1
when there is any. Findings are compared as a multiset, sorted, so order does
not matter.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

Finding = tuple[Any, ...]


def findings_of(path: str) -> list[Finding]:
    """The normalized findings of one ``spotlint check`` run on ``path``."""
    command = [sys.executable, "-m", "spotlint", "check", path,
               "--isolated", "--exit-zero", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"spotlint failed on {path} (exit {done.returncode}):\n{done.stderr}")
    report = json.loads(done.stdout)
    rows = [
        (f["code"], f["path"], f["line"], f["column"], f["end_line"], f["end_column"],
         f["severity"], f["message"], f["fix"] is not None, f["suppressed"] is not None)
        for f in report["findings"]
    ]
    return sorted(rows)


def record(out: Path, paths: list[str]) -> None:
    snapshot = {"paths": paths, "findings": {p: findings_of(p) for p in paths}}
    out.write_text(json.dumps(snapshot, indent=1) + "\n", encoding="utf-8")
    for path, rows in snapshot["findings"].items():
        print(f"{path}: {len(rows)} findings recorded")


def compare(saved: Path) -> int:
    snapshot = json.loads(saved.read_text(encoding="utf-8"))
    differences = 0
    for path in snapshot["paths"]:
        before = Counter(tuple(row) for row in snapshot["findings"][path])
        after = Counter(findings_of(path))
        lost, new = before - after, after - before
        for row in sorted(lost.elements()):
            print(f"- {path}: {row}")
        for row in sorted(new.elements()):
            print(f"+ {path}: {row}")
        differences += sum(lost.values()) + sum(new.values())
        status = "identical" if not lost and not new else f"{len(lost)} lost, {len(new)} new"
        print(f"{path}: {sum(after.values())} findings, {status}")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="write a snapshot of the findings on PATHS")
    rec.add_argument("snapshot", type=Path)
    rec.add_argument("paths", nargs="+")
    cmp = sub.add_parser("compare", help="re-run the snapshot's paths; exit 1 on any change")
    cmp.add_argument("snapshot", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        record(args.snapshot, args.paths)
        return 0
    return compare(args.snapshot)


if __name__ == "__main__":
    sys.exit(main())
