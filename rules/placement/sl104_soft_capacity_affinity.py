"""Capacity type is only a preference the scheduler may ignore.

The pod names a capacity label (``karpenter.sh/capacity-type``,
``eks.amazonaws.com/capacityType``, ...) only under
``preferredDuringSchedulingIgnoredDuringExecution``, while neither its
``nodeSelector`` nor its required node affinity constrains capacity. A
preference is a weight in scoring: when no preferred node has room, the pod is
placed elsewhere, and Karpenter may even launch the other capacity type.

## Why it matters
A driver that "prefers On-Demand" still ends up on Spot whenever the cluster is
busy, which is exactly when interruptions are likely; executors that "prefer
Spot" silently run On-Demand and cost more. Either way the intent in the file
is not what runs.

## How to fix
Move the capacity requirement into `nodeSelector` or
`requiredDuringSchedulingIgnoredDuringExecution`. Keep preferences for
secondary choices such as instance families or zones.

## Fix
Unsafe: a preference `In` one valid capacity value becomes a `nodeSelector`
entry of the same pod spec (the preference itself stays; it is harmless once
the selector decides). Unsafe because the pod then waits (Pending) instead of
falling back when that capacity has no room. No fix for a driver that prefers
Spot (a requirement would make it SL101's error), for several values or
`NotIn`, or when the preference comes from a file other than the one reported.

## See also
SL101, SL102
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.fix.placement import add_node_selector, spec_holding, with_selector
from spotlint.model import SPOT, Project, Requirement, Role
from spotlint.placement import soft_capacity_preferences
from spotlint.placement.view import PlacementIndex, RoleView
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule

from ._common import index_of, role_word


@rule(code="SL104", name="soft-capacity-affinity", severity=Severity.WARNING,
      summary="Capacity type appears only in preferred (soft) node affinity.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication"), fixable=True)
def soft_capacity_affinity(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    index = index_of(ctx)
    for view in index.views(include_incomplete=False):
        if view.placement is None or view.labels.constrained:
            continue
        for req in soft_capacity_preferences(view.placement, index.capacity):
            shown = f" [{', '.join(req.values)}]" if req.values else ""
            yield Violation(at=req.node, message=(
                f"{req.key} {req.operator}{shown} is only a preferred node affinity of the "
                f"{role_word(view.placement)}: the scheduler places the pod on other capacity "
                f"when it cannot honour it. Put the capacity type in nodeSelector or required "
                f"node affinity."), fix=_require(project, view, req, index))


def _require(project: Project, view: RoleView, req: Requirement, index: PlacementIndex
             ) -> Fix | None:
    """Require the preferred value, when that leads to a pool in scope (or none is in scope)."""
    placement = view.placement
    if placement is None or req.operator != "In" or len(req.values) != 1 or req.unknown:
        return None
    value = req.values[0]
    kind = index.capacity.canonical(req.key, value)
    if kind is None or (kind == SPOT and placement.role is Role.DRIVER):
        return None
    if view.pools and kind not in index.admitted_with(
            view, with_selector(placement, req.key, value)):
        return None  # no pool in scope carries it: requiring it would leave the pod Pending
    spec = spec_holding(project, req.node)
    change = add_node_selector(spec, req.key, value) if spec is not None else None
    if change is None:
        return None
    return Fix(f"Require {req.key}: {value} in nodeSelector", safe=False, changes=(change,))
