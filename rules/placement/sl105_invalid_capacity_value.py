"""A capacity label is compared with a value that no node carries.

Capacity label values are case-sensitive and differ per provisioner: EKS
managed node groups label nodes ``eks.amazonaws.com/capacityType`` ``SPOT`` /
``ON_DEMAND``; Karpenter labels ``karpenter.sh/capacity-type`` ``spot`` /
``on-demand`` (``reserved`` too in newer versions); eksctl's self-managed groups
use ``node-lifecycle`` ``spot`` / ``on-demand``. This rule checks every place a
pod or pool compares one: ``nodeSelector``, required and preferred node
affinity, the node-selector confs
``spark.kubernetes.{driver.,executor.,}node.selector.<label>``, and Karpenter
``karpenter.sh/capacity-type`` requirements. It suggests the value that was
most likely meant. Placeholders (``${VAR}``) are never reported, and other
values of the convention label ``node.kubernetes.io/lifecycle`` are treated as
custom labels, not errors. Karpenter requirements on other capacity labels are
not checked either: Karpenter writes such labels onto the nodes it launches,
so any value is real there.

## Why it matters
A selector with a value no node has makes the pod unschedulable (it stays
Pending, or Karpenter cannot find a matching offering); a ``NotIn`` with such a
value excludes nothing, so a driver meant to avoid Spot can still land there.
The mistake is easy to make when moving between node groups and Karpenter.

## How to fix
Use the exact spelling the provisioner uses, as suggested in the message.

## Fix
Safe when the suggestion differs only in case, `-`/`_` or spaces (`SPOT` ->
`spot`, `on_demand` -> `on-demand`): the value that was written is rewritten in
place, in a selector, an affinity or requirement `values` list, or a
node-selector conf (also inside `sparkSubmitParameters`). Unsafe when the
suggestion is a synonym (`normal`, `od` -> the On-Demand value): a guess at what
was meant. No fix without a suggestion.

## See also
SL101, SL106
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.capacity import CapacityLabels, squash
from spotlint.fix.placement import set_scalar, value_nodes
from spotlint.model import PodPlacement, Project
from spotlint.placement import (
    KARPENTER_CAPACITY_KEY,
    InvalidCapacityValue,
    invalid_requirement_values,
    pool_label,
)
from spotlint.placement.view import PlacementIndex, placements
from spotlint.rule import Fix, RuleContext, Severity, Violation, rule

from ._common import capacity_of, index_of


@rule(code="SL105", name="invalid-capacity-value", severity=Severity.ERROR,
      summary="A capacity label is matched against a value no node carries.",
      target="project", doc=__doc__,
      applies_to=("Pod", "SparkApplication", "StartJobRun", "spark-defaults.conf", "NodePool",
                  "Provisioner"), fixable=True)
def invalid_capacity_value(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    capacity = capacity_of(ctx)
    seen: set[tuple[int, str]] = set()
    for bad, owner in _all_invalid(project, index_of(ctx)):
        message = _message(bad, capacity, owner)
        if (id(bad.at), message) not in seen:
            seen.add((id(bad.at), message))
            yield Violation(at=bad.at, message=message, fix=_fix(bad))


def _fix(bad: InvalidCapacityValue) -> Fix | None:
    if not bad.suggestion:
        return None
    nodes = value_nodes(bad.node, bad.value)
    if not nodes:
        return None
    return Fix(
        f'Write "{bad.suggestion}"',
        safe=squash(bad.value) == squash(bad.suggestion),
        changes=tuple(set_scalar(n, bad.suggestion) for n in nodes),
    )


def _all_invalid(
    project: Project, index: PlacementIndex
) -> Iterator[tuple[InvalidCapacityValue, str]]:
    """Invalid values in pods (known or not: a wrong value is wrong anyway) and pools."""
    capacity = index.capacity
    pods: list[PodPlacement] = list(placements(project))
    pods += [t.placement for t in project.templates if t.referenced_by]
    for placement in pods:
        for bad in index.verdict(placement).invalid:
            yield bad, ""
        for req in placement.preferred:
            for bad in invalid_requirement_values(req, capacity, "preferred affinity"):
                yield bad, ""
    for pool in project.pools:
        for req in pool.requirements:
            if req.key == KARPENTER_CAPACITY_KEY:
                for bad in invalid_requirement_values(req, capacity, "requirement"):
                    yield bad, f" in {pool_label(pool)}"


def _message(bad: InvalidCapacityValue, capacity: CapacityLabels, owner: str) -> str:
    valid = ", ".join(capacity.table.get(bad.key, {}))
    head = f'{bad.key} value "{bad.value}"{owner} matches no node (valid values: {valid})'
    hint = f'; did you mean "{bad.suggestion}"?' if bad.suggestion else "."
    return head + hint
