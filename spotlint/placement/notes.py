"""What the run summary says once about placement, instead of every finding repeating it.

When no node pool of a job's cluster is in scope, SL201 and SL207 assume its
executors may use Spot and their messages say so briefly. The remedy (declare
the cluster's pools, or map paths to clusters) is the same for every such job,
so the summary says it once, counting the jobs it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable

from spotlint.finding import Finding
from spotlint.model import Role
from spotlint.placement.clusters import AMBIGUOUS
from spotlint.placement.view import PlacementIndex
from spotlint.result import Note

#: Rules that read "placement unknown" as "executors may use Spot".
ASSUMING_SPOT = frozenset({"SL201", "SL207"})

PLACEMENT_UNKNOWN = "placement-unknown"


def unknown_placement(index: PlacementIndex, active: Iterable[Finding]) -> tuple[int, int]:
    """Jobs with an SL201/SL207 finding resting on unknown placement: (no pool, ambiguous)."""
    paths = {f.location.path for f in active if f.code in ASSUMING_SPOT}
    missing = ambiguous = 0
    for job in index.project.jobs:
        if job.path not in paths:
            continue
        view = index.for_job(job, Role.EXECUTOR)
        if view.remedy is None:
            continue
        if view.scope.how == AMBIGUOUS:
            ambiguous += 1
        else:
            missing += 1
    return missing, ambiguous


def placement_note(missing: int, ambiguous: int) -> Note:
    """The one summary note for those jobs, and what to declare so placement is known."""
    both = bool(missing and ambiguous)
    why, remedy = [], []
    if missing:
        why.append("no node pool of their cluster is in scope"
                   + (f" ({_jobs(missing)})" if both else ""))
        remedy.append("declare the cluster's node pools under `pools:`")
    if ambiguous:
        why.append("pools of several clusters are equally near them"
                   + (f" ({_jobs(ambiguous)})" if both else ""))
        remedy.append("map paths to clusters under `clusters:`")
    message = (
        f"Placement unknown for {_jobs(missing + ambiguous)}: {'; '.join(why)}, so SL201/SL207 "
        f"assume their executors may use Spot. To decide, {' and '.join(remedy)} in the "
        f"spotlint configuration (docs/placement.md)."
    )
    return Note(PLACEMENT_UNKNOWN, message, missing + ambiguous)


def _jobs(count: int) -> str:
    return f"{count} job{'s' if count != 1 else ''}"
