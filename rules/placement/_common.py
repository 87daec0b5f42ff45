"""What the SL1xx rules share: the placement view, and how to name things.

Every rule reads the run's one :class:`~spotlint.placement.view.PlacementIndex`
(each role's admitted capacity, pools in reach and zones, computed once), so no
two findings can disagree about where a role may run. A placement is looked at
once, in the document that defines it: a job's merged driver/executor
placement, plus every pod template that no job references.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spotlint.capacity import CapacityLabels
from spotlint.location import Node
from spotlint.model import PodPlacement, Pool, Role
from spotlint.placement import pool_title
from spotlint.placement.view import PlacementIndex, RoleView, index_for
from spotlint.rule import RuleContext, Violation

ROLE_WORDS = {Role.DRIVER: "driver", Role.EXECUTOR: "executors"}


def capacity_of(ctx: RuleContext) -> CapacityLabels:
    return ctx.capacity


def index_of(ctx: RuleContext) -> PlacementIndex:
    """The run's placement index (built once, shared by every rule)."""
    return index_for(ctx.project, ctx.capacity, ctx.settings)


def each_view(
    ctx: RuleContext, role: Role, check: Callable[[RoleView], Violation | None],
    include_incomplete: bool = False,
) -> Iterator[Violation]:
    """The finding ``check`` makes, if any, on each placement of ``role`` (SL101-SL103)."""
    for view in index_of(ctx).views(role, include_incomplete=include_incomplete):
        violation = check(view)
        if violation is not None:
            yield violation


def role_word(placement: PodPlacement | None) -> str:
    role = placement.role if placement is not None else None
    return ROLE_WORDS.get(role, "pod") if role else "pod"


def first_constraint_node(placement: PodPlacement) -> Node:
    """The most specific node that decides where the pod goes, when no capacity label does.

    That is the first nodeSelector value, else the first required affinity
    requirement, else the placement itself.
    """
    for node in placement.node_selector.values():
        return node
    for term in placement.required_terms or []:
        for req in term:
            return req.node
    return placement.anchor


def titles(pools: Iterable[Pool], limit: int = 4) -> str:
    """Pools named for a message; past ``limit`` the rest are counted, not listed."""
    listed = list(pools)
    shown = ", ".join(pool_title(p) for p in listed[:limit])
    return shown + (f" and {len(listed) - limit} more" if len(listed) > limit else "")


def anchors(pools: Iterable[Pool]) -> tuple[Node, ...]:
    return tuple(p.anchor for p in pools)
