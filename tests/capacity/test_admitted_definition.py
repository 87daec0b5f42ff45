"""A pool's admitted types, built from memoized per-requirement sets, equal the
definition: every catalog type tested against each requirement in turn."""

from __future__ import annotations

import random

from spotlint.capacity.instances import Catalog, catalog
from spotlint.capacity.requirements import (
    LABELERS,
    Assumed,
    _admitted,
    _defaults,
    _evaluable,
    _test,
    is_instance_key,
)
from spotlint.location import Location, Node
from spotlint.model import Requirement

_KEYS = [
    "karpenter.k8s.aws/instance-category", "karpenter.k8s.aws/instance-generation",
    "karpenter.k8s.aws/instance-family", "kubernetes.io/arch", "karpenter.sh/capacity-type",
    "node.kubernetes.io/instance-type", "karpenter.k8s.aws/instance-cpu",
    "karpenter.k8s.aws/instance-local-nvme", "team",
]
_VALUES = ["c", "m", "r", "2", "4", "5", "8", "amd64", "arm64", "spot", "m5", "m5.large",
           "nosuch", "${X}"]
_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Bogus"]


def _requirements(rng: random.Random) -> list[Requirement]:
    out = []
    for line in range(1, rng.randint(0, 5) + 1):
        operator = rng.choice(_OPERATORS)
        count = 1 if operator in ("Gt", "Lt", "Gte") else rng.randint(0, 3)
        values = tuple(rng.sample(_VALUES, count))
        here = Location("pool.yaml", line, 1, line, 10)
        out.append(Requirement(rng.choice(_KEYS), operator, values, Node({}, here),
                               unknown="${X}" in values))
    return out


def _definition(requirements: list[Requirement], api_version: str, cat: Catalog
                ) -> tuple[frozenset[str], bool, tuple[int, ...], tuple[Assumed, ...]]:
    names = {t.name for t in cat}
    exact = True
    narrowing = []
    assumed = _defaults(requirements, api_version)
    for index, req in enumerate([*requirements, *assumed]):
        if not is_instance_key(req.key):
            continue
        if not _evaluable(req):
            exact = False
            continue
        labeler = LABELERS[req.key]
        values = req.values
        if req.operator in ("In", "NotIn"):
            domain = {labeler(t) for t in cat}
            known = tuple(v for v in values if v in domain)
            exact = exact and len(known) == len(values)
            values = known
        kept = {t.name for t in cat if t.name in names and _test(req.operator, values, labeler(t))}
        if isinstance(req, Requirement) and len(kept) < len(names):
            narrowing.append(index)
        names = kept
    return frozenset(names), exact, tuple(narrowing), tuple(assumed)


def test_admitted_types_equal_the_definition() -> None:
    cat = catalog()
    rng = random.Random(1919)
    narrowed = 0
    for _ in range(400):
        requirements = _requirements(rng)
        api = rng.choice(["karpenter.sh/v1", "karpenter.sh/v1alpha5"])
        expected = _definition(requirements, api, cat)
        if rng.random() < 0.5:
            cat.memo.clear()  # answered cold, or from the answers of earlier pools
        assert _admitted(requirements, api, cat) == expected, (api, requirements)
        narrowed += 0 < len(expected[0]) < len(cat)
    assert narrowed > 100  # most pools admit some types and not all: sets are compared
