"""The GitHub Action's report step: annotations GitHub will show, and a job summary.

``python -m spotlint.cli.action REPORT.json`` reads spotlint's JSON report (a
versioned shape, see :mod:`spotlint.report.json`) and prints

* workflow-command annotations, errors first, at most :data:`PER_KIND` of each
  kind: GitHub shows 10 errors and 10 warnings per step and drops the rest, so
  hundreds of commands would only hide which ones appear (info findings are
  left to the summary and code scanning);
* one notice saying how many findings have no annotation, if any;

and appends a Markdown summary to ``$GITHUB_STEP_SUMMARY``: counts by severity
and per rule, and the top findings (most severe first). ``--note`` adds a line
to the summary (the action uses it to say why the SARIF was not uploaded).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence

from spotlint.report.escape import printable
from spotlint.report.github import escape_data, escape_property

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Annotations of each kind GitHub shows per step (more are dropped).
PER_KIND = 10
#: Findings listed in the job summary.
TOP = 20
_RANK = {"error": 0, "warning": 1, "info": 2}
_COMMAND = {"error": "error", "warning": "warning"}


def _active(report: dict[str, Any]) -> list[dict[str, Any]]:
    findings = [f for f in report.get("findings", []) if not f.get("suppressed")]
    return sorted(findings, key=lambda f: (_RANK.get(f["severity"], 3), f["path"], f["line"],
                                          f["column"], f["code"]))


def _path(finding: dict[str, Any]) -> str:
    path = printable(str(finding["path"]))
    return path[2:] if path.startswith("./") else path


def annotation_lines(report: dict[str, Any]) -> list[str]:
    """The workflow commands to print: errors, then warnings, :data:`PER_KIND` of each."""
    lines: list[str] = []
    shown: Counter[str] = Counter()
    active = _active(report)
    for finding in active:
        kind = _COMMAND.get(finding["severity"])
        if kind is None or shown[kind] >= PER_KIND:
            continue
        shown[kind] += 1
        props = {
            "file": _path(finding), "line": str(max(finding["line"], 1)),
            "col": str(max(finding["column"], 1)),
            "endLine": str(max(finding["end_line"], finding["line"], 1)),
            "endColumn": str(max(finding["end_column"], 1)),
            "title": f"{finding['code']} {finding['name']}",
        }
        rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        lines.append(f"::{kind} {rendered}::{escape_data(printable(finding['message']))}")
    rest = len(active) - sum(shown.values())
    if rest:
        lines.append(
            f"::notice title=spotlint::{rest} more finding{'s' if rest != 1 else ''} "
            "without an annotation (GitHub shows 10 of each kind per step): "
            "see the job summary and code scanning"
        )
    return lines


def _cell(text: str) -> str:
    """Text for a Markdown table cell or list item: no pipes, newlines or backticks."""
    cleaned = printable(text).replace("\\", "\\\\").replace("|", "\\|")
    return cleaned.replace("\n", " ").replace("`", "'")


def summary(report: dict[str, Any], notes: Sequence[str] = ()) -> str:
    """The job summary, in Markdown."""
    active = _active(report)
    counts = Counter(f["severity"] for f in active)
    out = ["## spotlint", ""]
    files = report.get("summary", {}).get("files", 0)
    if not active:
        out.append(f"No findings in {files} file{'s' if files != 1 else ''}.")
    else:
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                 for s in ("error", "warning", "info") if counts[s]]
        out.append(f"**{len(active)} finding{'s' if len(active) != 1 else ''}** "
                   f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.")
    suppressed = report.get("summary", {}).get("suppressed", 0)
    if suppressed:
        out.append(f"{suppressed} suppressed (inline, configuration or baseline).")
    out.extend(f"{note}" for note in notes if note)
    if active:
        per_rule = Counter((f["code"], f["name"], f["severity"]) for f in active)
        out += ["", "| rule | severity | findings |", "| --- | --- | ---: |"]
        for (code, name, severity), count in sorted(
            per_rule.items(), key=lambda item: (_RANK.get(item[0][2], 3), -item[1], item[0][0])
        ):
            out.append(f"| {code} {_cell(name)} | {severity} | {count} |")
        out += ["", f"### Top findings ({min(TOP, len(active))} of {len(active)})", ""]
        for finding in active[:TOP]:
            where = f"{_path(finding)}:{finding['line']}:{finding['column']}"
            out.append(f"- `{_cell(where)}` **{finding['code']}** [{finding['severity']}] "
                       f"{_cell(finding['message'])}")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spotlint.cli.action")
    parser.add_argument("report", help="spotlint's JSON report (--format json --output FILE)")
    parser.add_argument("--note", action="append", default=[], help="a line for the summary")
    args = parser.parse_args(argv)
    try:
        with open(args.report, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError) as exc:
        print(f"::warning title=spotlint::no report to summarize ({exc})")
        return 0
    for line in annotation_lines(report):
        print(line)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary(report, args.note))
    else:
        sys.stdout.write(summary(report, args.note))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
