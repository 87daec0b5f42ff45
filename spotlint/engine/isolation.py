"""Per-file isolation: what one file did wrong (or made spotlint do wrong) stays on that file.

Every stage that works on one file (reading, recognizing, one rule on one
job, pool or placement) runs through here. Two things can go wrong besides
ordinary findings:

* a bug in spotlint or a plugin raises: the error becomes an SL001 finding on
  the file (naming the stage or rule and the exception) instead of ending the
  run; with ``--debug`` it is raised as
  :class:`~spotlint.errors.InternalError`, traceback and all;
* the file uses up ``max-seconds-per-file``
  (:class:`~spotlint.engine.budget.OverBudget`): one SL001 naming the limit,
  and the file's other findings are dropped, as for any other limit.

SL001 rather than a code of its own: an internal error is, like a parse error,
"spotlint could not check (part of) this file"; the message says which, and
that it is spotlint's bug to report rather than the file's to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from operator import attrgetter

from spotlint.engine.raw import RawFinding
from spotlint.errors import InternalError
from spotlint.load.base import Limits
from spotlint.location import Location
from spotlint.model import Project

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")
REPORT = "a bug in spotlint or a plugin; please report it"


def budget_finding(path: str, limits: Limits) -> RawFinding:
    """The SL001 of a file that took longer than ``max-seconds-per-file``."""
    message = (
        f"checking this file took longer than max-seconds-per-file="
        f"{limits.max_seconds_per_file}; it was not linted"
    )
    return RawFinding("SL001", message, Location.point(path, 1, 1), drops_file=True)


def internal_error_finding(where: str, exc: BaseException, location: Location) -> RawFinding:
    """The SL001 of an unexpected exception while ``where`` (``reading this file``...)."""
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    if len(detail) > 300:
        detail = detail[:299] + "\u2026"
    message = f"internal error while {where}: {detail} ({REPORT}); not fully checked"
    return RawFinding("SL001", message, location)


def internal(where: str, exc: Exception, debug: bool) -> None:
    """Raise ``exc`` as :class:`InternalError` when debugging (else the caller reports it)."""
    if debug:
        raise InternalError(where, exc) from exc


def without_files(project: Project, paths: Iterable[str]) -> Project:
    """``project`` without the jobs, templates and pools defined in ``paths``.

    A project-wide rule that failed or ran out of time on one file is run again
    on this, so the other files still get its findings.
    """
    excluded = set(paths)
    fields: dict[str, Any] = {}
    for name in Project.FIELDS:
        value = getattr(project, name)
        if isinstance(value, list):
            value = [item for item in value if getattr(item, "path", None) not in excluded]
        fields[name] = value
    return Project(**fields)


def rolled_back(project: Project) -> Callable[[], None]:
    """A function that truncates ``project``'s lists and tables back to their current lengths.

    Recognizing a file that fails half-way would otherwise leave half-built
    jobs and pools for the rules to misjudge. Recognizing only adds to the
    project's lists and tables (node classes by name), and never replaces one, so
    each is kept with its length; a dictionary keeps its keys in the order they
    were added, so the keys a file added are those past the table's length before
    it: kept as that length, not as a copy of every key (which made recognizing
    each file cost as much as the project so far). Asked once per file, and almost
    never used: the fields are read in one step (no loop over their names).
    """
    marks = [(value, len(value)) for value in _project_fields(project)
             if isinstance(value, (list, dict))]

    def undo() -> None:
        for value, size in marks:
            if isinstance(value, list):
                del value[size:]
            else:
                for key in list(islice(value, size, None)):
                    del value[key]

    return undo


#: A project's fields, all of them, in one call (see :func:`rolled_back`).
_project_fields = attrgetter(*Project.FIELDS)
