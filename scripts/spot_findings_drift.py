"""Compare SL201/SL207 with an earlier JSON report: what went, and why it may go.

Issue 12 made every rule read one placement view. SL201 and SL207 ("executors
may run on Spot but ...") should therefore only disappear from a job when

* its executors cannot run on Spot (the view excludes Spot: they are pinned
  On-Demand, or every pool of their cluster they can reach is On-Demand), or
* (SL207 only) SL201 fires on the same job and says its remedy also protects
  shuffle data ("covers SL207").

Anything else is a finding lost on a job whose placement admits Spot: a
regression. Usage, from the directory the earlier report was made in::

    spotlint check CORPUS --isolated --exit-zero --format json > before.json   # earlier
    python scripts/spot_findings_drift.py before.json CORPUS

It lints CORPUS now (in this process, ``--isolated``), prints the counts
before and after, each finding that went with its reason, and exits 1 when any
went without one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.engine import run as engine_run
from spotlint.model import Job, Project, Role
from spotlint.placement.view import index_for
from spotlint.result import RunResult

CODES = ("SL201", "SL207")


@dataclass(frozen=True)
class Key:
    code: str
    path: str
    line: int


def _relative(path: str, root: str) -> str:
    return os.path.normpath(os.path.relpath(os.path.abspath(path), os.path.abspath(root)))


def _key(finding: dict[str, Any], root: str) -> Key:
    return Key(finding["code"], _relative(finding["path"], root), finding["line"])


def lint_now(root: str) -> tuple[RunResult, Project, Settings]:
    """Lint ``root`` as ``spotlint check ROOT --isolated`` does, keeping the project built."""
    projects: list[Project] = []
    finish = engine_run._finish

    def keep(run: engine_run.Run) -> RunResult:
        projects.append(run.project)
        return finish(run)

    engine_run._finish = keep  # type: ignore[assignment]  # a dev script looking inside
    try:
        settings = Settings(root=root)
        result = engine_run.lint([root], settings)
    finally:
        engine_run._finish = finish  # type: ignore[assignment]
    return result, projects[0], settings


def jobs_at(project: Project, root: str, key: Key) -> list[Job]:
    """The jobs of the finding's file whose document spans its line (else all of the file's)."""
    in_file = [j for j in project.jobs if _relative(j.path, root) == key.path]
    spanning = [j for j in in_file if j.doc.loc.line <= key.line <= j.doc.loc.end_line]
    return spanning or in_file


def _same_job(key: Key, other: Key, jobs: list[Job]) -> bool:
    """Do two findings of one file sit in the same job (its document's lines)?"""
    if key.path != other.path:
        return False
    if len(jobs) <= 1:
        return True
    return any(j.doc.loc.line <= key.line <= j.doc.loc.end_line
               and j.doc.loc.line <= other.line <= j.doc.loc.end_line for j in jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", help="JSON report of an earlier run on CORPUS")
    parser.add_argument("corpus", help="the directory both runs lint")
    args = parser.parse_args(argv)
    with open(args.baseline, encoding="utf-8") as handle:
        before_report = json.load(handle)
    result, project, settings = lint_now(args.corpus)
    index = index_for(project, CapacityLabels(settings.capacity_labels), settings)
    before = [_key(f, args.corpus) for f in before_report["findings"] if f["code"] in CODES]
    now_keyed = [(f, Key(f.code, _relative(f.location.path, args.corpus), f.location.line))
                 for f in result.findings if f.code in CODES]
    now = Counter(key for _, key in now_keyed)
    covering = [key for f, key in now_keyed
                if f.code == "SL201" and "covers SL207" in f.message]

    counts_before = Counter(k.code for k in before)
    counts_now = Counter(k.code for k in now.elements())
    print("            before  now")
    for code in CODES:
        print(f"  {code}      {counts_before[code]:>5}  {counts_now[code]:>4}")
    print(f"  SL201+207  {sum(counts_before.values()):>5}  {sum(counts_now.values()):>4}")

    remaining = Counter(now)
    reasons: Counter[str] = Counter()
    unexplained: list[Key] = []
    kept_on_spot_jobs = 0
    for key in before:
        if remaining[key] > 0:
            remaining[key] -= 1
            kept_on_spot_jobs += 1
            continue
        jobs = jobs_at(project, args.corpus, key)
        views = [index.for_job(job, Role.EXECUTOR) for job in jobs]
        if key.code == "SL207" and any(_same_job(key, other, jobs) for other in covering):
            reasons["SL207 covered by SL201 on the same job"] += 1
        elif views and all(v.excludes_spot for v in views):
            reasons[f"{key.code}: executors cannot run on Spot"] += 1
        else:
            unexplained.append(key)
    print("\nGone, with the reason:")
    for reason, count in sorted(reasons.items()):
        print(f"  {count:>4}  {reason}")
    print(f"\nKept: {kept_on_spot_jobs} of {len(before)} earlier findings.")
    print(f"Lost on a job whose placement admits Spot: {len(unexplained)}")
    for key in unexplained:
        print(f"  {key.code} {key.path}:{key.line}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
