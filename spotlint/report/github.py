"""GitHub Actions workflow commands, which become annotations on a pull request.

Each active finding prints ``::error file=…,line=…::message`` (``warning`` and
``notice`` for the other severities). GitHub parses these lines out of the job
log, so anything in a value that could end the command early must be escaped:
``%``, CR and LF everywhere, and additionally ``:`` and ``,`` inside the
``key=value`` properties. The file is made relative to the scanned root because
annotations attach to repository paths, not to the runner's working directory.

GitHub shows at most 10 annotations of each type per step (50 per job); for
large repositories upload SARIF instead and keep this format for small diffs.
"""

from __future__ import annotations

from spotlint.finding import Finding
from spotlint.report.base import display_path, sorted_findings
from spotlint.report.escape import printable
from spotlint.result import RunResult
from spotlint.rule import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, root: str) -> str:
    """One workflow command. GitHub only needs ``%``, CR and LF escaped to parse it,
    but the text is also shown in the raw job log, where an ESC sequence, a newline
    or a bidi override from a scanned value would act on the reader's terminal or
    forge a line: paths and messages are made :func:`printable` first."""
    loc = finding.location
    props = {
        "file": printable(display_path(loc.path, root)),
        "line": str(max(loc.line, 1)),
        "col": str(max(loc.col, 1)),
        "endLine": str(max(loc.end_line, loc.line, 1)),
        "endColumn": str(max(loc.end_col, 1)),
        "title": f"{finding.code} {finding.name}".strip(),
    }
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    message = escape_data(printable(finding.message))
    return f"::{COMMAND[finding.severity]} {rendered}::{message}"


class GithubReporter:
    #: the texts of the files (RunResult.sources) are not shown
    reads_sources = False

    def render(self, result: RunResult) -> str:
        return "".join(command(f, result.root) + "\n" for f in sorted_findings(result.active))
