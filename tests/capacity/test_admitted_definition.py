"""A pool's admitted types, built from memoized per-requirement sets, equal the
definition: every catalog type tested against each requirement in turn."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator

from spotlint.capacity.instances import Catalog, catalog
from spotlint.capacity.requirements import (
    LABELERS,
    Admission,
    Assumed,
    _admitted,
    _defaults,
    _evaluable,
    _names,
    _test,
    admitted_types,
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


def _random_pools(rng: random.Random, count: int) -> Iterator[tuple[int, list[Requirement], str]]:
    """``count`` random pools as (index, requirements, API version), drawn from ``rng``
    in the order the property tests below always drew them."""
    for case in range(count):
        requirements = _requirements(rng)
        yield case, requirements, rng.choice(["karpenter.sh/v1", "karpenter.sh/v1alpha5"])


def test_admitted_types_equal_the_definition() -> None:
    cat = catalog()
    rng = random.Random(1919)
    narrowed = 0
    for _, requirements, api in _random_pools(rng, 400):
        expected = _definition(requirements, api, cat)
        if rng.random() < 0.5:
            cat.memo.clear()  # answered cold, or from the answers of earlier pools
        mask, *rest = _admitted(requirements, api, cat)  # (the types as a mask)
        assert (_names(mask, cat), *rest) == expected, (api, requirements)
        narrowed += 0 < len(expected[0]) < len(cat)
    assert narrowed > 100  # most pools admit some types and not all: sets are compared


_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "metal", "no-such-size"]


def test_an_answer_kept_as_a_mask_answers_as_one_made_from_its_names() -> None:
    """admitted_types names its mask only when ``types`` is read: its count, families
    and types of given sizes equal those of the same answer made from names, and of
    the definition."""
    cat = catalog()
    rng = random.Random(4010)
    sized = 0
    for case, requirements, api in _random_pools(rng, 300):
        if case % 3 == 0:
            cat.memo.clear()
        masked = admitted_types(requirements, api, cat)
        sizes = frozenset(rng.sample(_SIZES, rng.randint(0, 4)))
        of_size = masked.labelled("karpenter.k8s.aws/instance-size", sizes)
        count, families = masked.count(), masked.families()
        assert "types" not in vars(masked)  # none of these named the whole answer
        named = Admission(_definition(requirements, api, cat)[0], masked.exact,
                          masked.narrowing, masked.assumed)
        assert of_size == named.labelled("karpenter.k8s.aws/instance-size", sizes, cat)
        assert of_size == {n for n in named.types if cat.get(n).size in sizes}  # type: ignore[union-attr]
        sized += bool(of_size) and len(of_size) < named.count()
        assert count == named.count() == len(named.types)
        assert families == named.families(cat)
        assert masked == named and hash(masked) == hash(named)
        copy = pickle.loads(pickle.dumps(masked))  # (by its fields: nodes are new copies)
        assert (copy.types, copy.exact, copy.assumed) == (named.types, named.exact, named.assumed)
    assert sized > 50
