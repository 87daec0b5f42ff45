"""admitted_types is memoized by the requirements' values; each pool keeps its own nodes."""

from __future__ import annotations

import random

from spotlint.capacity.instances import catalog
from spotlint.capacity.requirements import admitted_types
from spotlint.location import Location, Node
from spotlint.model import Requirement

_KEYS = [
    "karpenter.k8s.aws/instance-category", "karpenter.k8s.aws/instance-generation",
    "karpenter.k8s.aws/instance-family", "kubernetes.io/arch", "karpenter.sh/capacity-type",
    "node.kubernetes.io/instance-type", "karpenter.k8s.aws/instance-cpu", "team",
]
_VALUES = ["c", "m", "r", "2", "4", "5", "amd64", "arm64", "spot", "m5", "m5.large", "${X}"]
_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Bogus"]


def _requirements(rng: random.Random, path: str) -> list[Requirement]:
    out = []
    for line in range(1, rng.randint(0, 4) + 1):
        values = tuple(rng.sample(_VALUES, rng.randint(0, 3)))
        here = Location(path, line, 1, line, 10)
        out.append(Requirement(rng.choice(_KEYS), rng.choice(_OPERATORS), values,
                               Node({}, here), unknown="${X}" in values))
    return out


def test_a_remembered_answer_equals_a_fresh_one_and_points_at_the_pools_own_nodes() -> None:
    rng = random.Random(19)
    cat = catalog()
    for case in range(300):
        seed = rng.random()
        api = rng.choice(["karpenter.sh/v1", "karpenter.sh/v1alpha5"])
        first = _requirements(random.Random(seed), f"a{case}.yaml")
        second = _requirements(random.Random(seed), f"b{case}.yaml")  # same values, other nodes
        cat.memo.clear()
        fresh = admitted_types(second, api)
        admitted_types(first, api)
        cat.memo.clear()
        admitted_types(first, api)
        remembered = admitted_types(second, api)  # answered from first's entry
        assert remembered.types == fresh.types and remembered.exact == fresh.exact
        assert remembered.assumed == fresh.assumed
        assert [id(r) for r in remembered.narrowing] == [id(r) for r in fresh.narrowing]
        assert all(r.node.loc.path == f"b{case}.yaml" for r in remembered.narrowing)
