"""A Spot pool admits very small instance sizes.

## Why it matters
Every node pays a fixed tax: kubelet reservations, the CNI, log and metrics
daemonsets. On `nano` to `medium` sizes that tax eats most of the node, few
Spark executors fit, and the cluster needs many more nodes, each one another
chance of a Spot interruption. spotlint assumes the pools it is given serve
Spark, which is what it lints.

For Karpenter pools spotlint evaluates the requirements against the catalog
(with Karpenter's defaults); requirements it cannot evaluate keep it silent.
For node groups it checks the listed types.

## How to fix
Exclude the small sizes, e.g. a requirement
`karpenter.k8s.aws/instance-size NotIn [nano, micro, small, medium]` or
`karpenter.k8s.aws/instance-cpu Gt 3`; in node groups list `xlarge` or larger.

## Options
`tiny-sizes` (default `nano, micro, small, medium`): the sizes that count as too small.

## See also
SL402
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule
from spotlint.value import FrozenValue, frozen

from ._common import admission, catalog_types, names, spec_anchor, spot_known

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

SIZE_KEY = "karpenter.k8s.aws/instance-size"
#: Requirement keys that name instance types (the beta label is still accepted).
TYPE_KEYS = ("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type")


@frozen
class TinySizeOptions(FrozenValue):
    """A value class, not a dataclass: see :mod:`spotlint.config.options`."""

    DESCRIPTIONS: ClassVar[dict[str, str]] = {
        "tiny_sizes": "Instance sizes too small for Spark executors.",
    }

    tiny_sizes: tuple[str, ...]

    def __init__(self, tiny_sizes: tuple[str, ...] = ("nano", "micro", "small", "medium")) -> None:
        object.__setattr__(self, "tiny_sizes", tiny_sizes)


def _karpenter(pool: Pool, tiny: frozenset[str]) -> Iterator[Violation]:
    result = admission(pool)
    if not result.exact:
        return
    small = sorted(result.labelled(SIZE_KEY, tiny))  # (a few names, or none)
    if not small:
        return
    sizes = sorted({n.split(".", 1)[1] for n in small})
    named = [v for r in pool.requirements if r.key in TYPE_KEYS and r.operator == "In"
             for v in r.value_nodes if (v.text() or "") in small]
    size_reqs = [r for r in pool.requirements if r.key == SIZE_KEY]
    at = (
        named[0] if named  # the tiny type itself, when a requirement names it
        else size_reqs[0].node if size_reqs
        else pool.requirements_at if pool.requirements_at is not None
        else spec_anchor(pool)
    )
    yield Violation(
        at=at,
        message=(
            f"Spot pool '{pool.name}' admits {len(small)} tiny instance types "
            f"(sizes {', '.join(sizes)}: {names(small, 5)}); "
            + ("remove them from its instance-type requirement" if named else
               f"exclude them with a {SIZE_KEY} NotIn requirement")
        ),
    )


@rule(
    code="SL410",
    name="tiny-instance-sizes",
    severity=Severity.INFO,
    summary="A Spot pool for Spark admits nano, micro, small or medium instance sizes.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "karpenter-provisioner", "karpenter-nodepool",
        "terraform-eks-node-group", "terraform-self-managed-node-group",
        "terraform-autoscaling-group", "cloudformation-nodegroup",
        "cloudformation-autoscaling-group",
    ),
    options=TinySizeOptions,
)
def tiny_instance_sizes(pool: Pool, ctx: RuleContext[TinySizeOptions]) -> Iterator[Violation]:
    if not spot_known(pool):
        return
    tiny = frozenset(ctx.options.tiny_sizes)
    if pool.karpenter:
        yield from _karpenter(pool, tiny)
        return
    for node, itype in catalog_types(pool.instance_types or []):
        if itype.size in tiny:
            yield Violation(
                at=node,
                message=(
                    f"Spot node group '{pool.name}' lists {itype.describe()}; sizes this "
                    "small waste most of the node on system overhead"
                ),
            )
