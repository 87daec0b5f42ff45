"""The catalog's columns and value sets equal the per-type definitions they replace."""

from __future__ import annotations

import random

from spotlint.capacity.instances import Catalog, InstanceType, catalog
from spotlint.capacity.requirements import Admission


def _fresh() -> Catalog:
    cat = catalog()
    return Catalog({t.name: t for t in cat}, cat.source)


def test_columns_hold_each_types_field() -> None:
    cat = _fresh()
    for field in InstanceType.FIELDS:
        column = cat.column(field)
        assert list(column) == cat.names()  # the catalog's order
        assert column == {t.name: getattr(t, field) for t in cat}
        assert cat.column(field) is column  # memoized


def test_with_values_is_the_filter_over_the_catalog() -> None:
    cat = _fresh()
    rng = random.Random(10)
    for field in ("size", "family", "arch", "generation"):
        domain = sorted({getattr(t, field) for t in cat}, key=str)
        for _ in range(20):
            values = frozenset(rng.sample(domain, rng.randint(0, min(6, len(domain)))))
            expected = frozenset(t.name for t in cat if getattr(t, field) in values)
            assert cat.with_values(field, values) == expected
    assert cat.with_values("size", frozenset({"no-such-size"})) == frozenset()


def test_admission_families_from_the_family_column() -> None:
    cat = _fresh()
    names = cat.names()
    rng = random.Random(11)
    for _ in range(50):
        chosen = frozenset(rng.sample(names, rng.randint(0, 40)))
        found = Admission(chosen, True, (), ()).families(cat)
        assert found == frozenset(cat.get(n).family for n in chosen)  # type: ignore[union-attr]
    # names outside the catalog have no family (as before: skipped)
    odd = Admission(frozenset({"zz9.huge", names[0]}), True, (), ()).families(cat)
    assert odd == frozenset({cat.get(names[0]).family})  # type: ignore[union-attr]


def test_admitted_families_from_masks_equal_the_family_column() -> None:
    """An admission kept as a mask (every requirements answer) gets its families
    from the family groups' masks: the families of their types, as the
    family column gives them, on random requirement sets."""
    from spotlint.capacity.requirements import Requirement, admitted_types
    from spotlint.location import Location, Node

    cat = _fresh()
    names = cat.names()
    families = sorted({t.family for t in cat})
    rng = random.Random(12)
    node = Node("", Location.point("t.yaml", 1, 1))
    masked = 0
    for _ in range(60):
        reqs = []
        if rng.random() < 0.7:
            reqs.append(Requirement("karpenter.k8s.aws/instance-family", rng.choice(
                ["In", "NotIn"]), tuple(rng.sample(families, rng.randint(1, 8))), node))
        if rng.random() < 0.5:
            reqs.append(Requirement("node.kubernetes.io/instance-type", "In",
                                    tuple(rng.sample(names, rng.randint(1, 30))), node))
        if rng.random() < 0.5:
            reqs.append(Requirement("karpenter.k8s.aws/instance-cpu", "Gt",
                                    (str(rng.choice([2, 4, 8, 16])),), node))
        result = admitted_types(reqs, cat=cat)
        found = result.families(cat)
        masked += "types" not in vars(result)  # (from the mask: no names made for it)
        expected = frozenset(cat.get(n).family for n in result.types)  # type: ignore[union-attr]
        assert found == expected - {None}
    assert masked == 60  # every answer's families came from its mask


def test_families_from_the_shipped_grouping_equal_the_family_column() -> None:
    shipped = catalog()
    assert shipped.groups is not None and "family" in shipped.groups  # (the packed file's)
    expected = frozenset(t.family for t in shipped)
    assert shipped.families() == expected
    assert _fresh().families() == expected  # (no grouping: from the column)
