"""An instance type (or Karpenter instance family) that the catalog does not know.

## Why it matters
A misspelt type (`m5.xlarg`) makes eksctl or CloudFormation fail at deploy
time, or, in a Karpenter requirement, silently matches nothing: the pool is
smaller than it looks, and a Spot pool loses the diversity it was written for.

The catalog comes from Karpenter's published list of instance types for
us-east-1, us-east-2 and us-west-2. A real type that only exists in other regions
(or is newer than spotlint's catalog) can be reported too; suppress the finding
for that line if so. Well-formed names of retired families that the list leaves
out (`p3.2xlarge`, `g3.4xlarge`) are accepted.

## How to fix
Use the suggested spelling, or check the name with
`aws ec2 describe-instance-types --instance-types <type>`.

## See also
SL402
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spotlint.capacity.instances import PREVIOUS_GENERATION_FAMILIES, catalog
from spotlint.capacity.requirements import INSTANCE_TYPE_KEYS
from spotlint.capacity.similar import close_matches
from spotlint.location import Node
from spotlint.model import Pool
from spotlint.rule import RuleContext, Severity, Violation, rule

from ._common import known_text

_FAMILY_KEYS = ("karpenter.k8s.aws/instance-family",)


def _hint(suggestion: str | None) -> str:
    return f"; did you mean '{suggestion}'?" if suggestion else ""


def _unknown_type(pool: Pool, node: Node) -> Violation | None:
    name = known_text(node)
    cat = catalog()
    if name is None or cat.is_real(name):
        return None
    return Violation(
        at=node,
        message=f"pool '{pool.name}' names instance type '{name}', which is not a known "
        f"EC2 instance type{_hint(cat.closest(name))}",
    )


def _unknown_family(pool: Pool, node: Node) -> Violation | None:
    family = known_text(node)
    families = catalog().families()
    if family is None or family in families or family in PREVIOUS_GENERATION_FAMILIES:
        return None
    return Violation(
        at=node,
        message=f"pool '{pool.name}' names instance family '{family}', which is not a known "
        f"EC2 instance family{_hint(_closest_family(family))}",
    )


@lru_cache(maxsize=1024)
def _closest_family(family: str) -> str | None:
    """The known family most like ``family`` (difflib's ratio), if any is close: asked
    again for every pool naming the same unknown family (a repository's copies)."""
    close = close_matches(family, sorted(catalog().families()), n=1, cutoff=0.6)
    return close[0] if close else None


@rule(
    code="SL406",
    name="unknown-instance-type",
    severity=Severity.WARNING,
    summary="An instance type is not in the instance catalog; the closest known type is suggested.",
    target="pool",
    doc=__doc__,
    applies_to=(
        "eksctl-managed", "eksctl-self-managed", "karpenter-provisioner", "karpenter-nodepool",
        "terraform-eks-node-group", "terraform-self-managed-node-group",
        "terraform-autoscaling-group", "cloudformation-nodegroup",
        "cloudformation-autoscaling-group",
    ),
)
def unknown_instance_type(pool: Pool, ctx: RuleContext) -> Iterator[Violation]:
    for node in pool.instance_types or ():
        found = _unknown_type(pool, node)
        if found is not None:
            yield found
    for req in pool.requirements:
        if req.operator not in ("In", "NotIn"):
            continue
        if req.key in INSTANCE_TYPE_KEYS:
            check = _unknown_type
        elif req.key in _FAMILY_KEYS:
            check = _unknown_family
        else:
            continue
        for node in req.value_nodes:
            found = check(pool, node)
            if found is not None:
                yield found
