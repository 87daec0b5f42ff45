"""A pool that uses Spot admits too few instance types or only one family.

## Why it matters
Spot capacity is reclaimed per instance type and zone. A pool that can only ask
for a handful of types (or types of a single family, which tend to be reclaimed
together) is interrupted more often and may find no capacity at all. AWS's rule
of thumb is to stay flexible across at least 10 instance types per workload.

For node groups spotlint counts the listed types. For Karpenter pools it counts
the catalog types the requirements admit, with Karpenter's own defaults (a
`v1alpha5` Provisioner without an architecture requirement only gets `amd64`;
newer NodePools get no defaults). A pool that leaves types open is diverse, and a
requirement spotlint cannot evaluate (a placeholder, a type newer than the
catalog) keeps the rule silent.

The rule is about pools that do use Spot: it fires only where the pool's
capacity type is known to include Spot. A capacity type spotlint cannot read
(a template placeholder, a Terraform variable without a value) keeps it silent,
as does an On-Demand-only pool.

## How to fix
List more types of the same shape in node groups (several families and
generations), or widen the Karpenter requirements: prefer categories and a
minimum generation over a list of types, and consider `minValues` to make
Karpenter keep its choice wide.

## Options
`min-instance-types` (default 10): the fewest instance types a Spot pool should admit.

## See also
SL401, SL410
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.capacity.requirements import admitted_count
from spotlint.location import Location, Node
from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.value import FrozenValue, frozen

from ._common import admission, distinct_texts, names, spec_anchor, spot_known, types_anchor

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar


@frozen
class DiversityOptions(FrozenValue):
    """A value class, not a dataclass: see :mod:`spotlint.config.options`."""

    DESCRIPTIONS: ClassVar[dict[str, str]] = {
        "min_instance_types": "Fewest instance types a Spot pool should admit.",
    }

    min_instance_types: int

    def __init__(self, min_instance_types: int = 10) -> None:
        object.__setattr__(self, "min_instance_types", min_instance_types)


def _problem(count: int, families: set[str], minimum: int) -> str | None:
    if count < minimum:
        return f"only {count} instance type{'s' if count != 1 else ''} (fewer than {minimum})"
    if len(families) == 1:
        return f"instance types of a single family ({next(iter(families))})"
    return None


def _karpenter(pool: Pool, minimum: int) -> Iterator[Violation]:
    result = admission(pool)
    if not result.exact:
        return
    count = result.count()  # (counted: the names are made only for a message)
    if not count:
        return
    # (too few types is the problem whatever their families: not asked then)
    problem = _problem(count, set(result.families()) if count >= minimum else set(), minimum)
    if problem is None:
        return
    at: Node | Location = spec_anchor(pool)
    if result.narrowing:
        at = min(result.narrowing, key=admitted_count).node
    yield Violation(
        at=at,
        message=(
            f"Karpenter pool '{pool.name}' may launch Spot but its requirements admit {problem}: "
            f"{names(sorted(result.types))}; widen them so Spot has room to choose"
        ),
    )


def _group(pool: Pool, minimum: int) -> Iterator[Violation]:
    if pool.instance_types is None:
        if pool.types_elsewhere:
            return
        yield Violation(
            at=pool.capacity_node or types_anchor(pool),
            message=(
                f"node group '{pool.name}' runs on Spot with no instance types listed, so "
                "a single default type is launched; list at least "
                f"{minimum} types of the same shape"
            ),
        )
        return
    distinct = distinct_texts(pool.instance_types)
    if distinct is None:
        return
    problem = _problem(len(distinct), {t.split(".", 1)[0] for t in distinct}, minimum)
    if problem is None:
        return
    yield Violation(
        at=types_anchor(pool),
        message=(
            f"node group '{pool.name}' can run on Spot but lists {problem}: {names(distinct)}; "
            "Spot interruptions and shortages hit narrow groups hardest"
        ),
    )


@rule(
    code="SL402",
    name="low-instance-diversity",
    severity=Severity.WARNING,
    summary="A pool that uses Spot admits too few instance types or a single family.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "karpenter-provisioner", "karpenter-nodepool",
        "terraform-eks-node-group", "terraform-self-managed-node-group",
        "terraform-autoscaling-group", "cloudformation-nodegroup",
        "cloudformation-autoscaling-group",
    ),
    options=DiversityOptions,
)
def low_instance_diversity(
    pool: Pool, ctx: RuleContext[DiversityOptions]
) -> Iterator[Violation]:
    if not spot_known(pool):
        return
    minimum = ctx.options.min_instance_types
    if pool.karpenter:
        yield from _karpenter(pool, minimum)
    else:
        yield from _group(pool, minimum)
