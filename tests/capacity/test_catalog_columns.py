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
