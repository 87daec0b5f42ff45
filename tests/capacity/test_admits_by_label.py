"""One requirement's admitted types, answered from the catalog grouped by label value,
equal a test of every catalog type (the definition)."""

from __future__ import annotations

import random

from spotlint.capacity.instances import Catalog, catalog
from spotlint.capacity.requirements import LABELERS, _admits, _domain, _names, _test

_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte"]


def _every_type(key: str, operator: str, values: tuple[str, ...],
                cat: Catalog) -> tuple[frozenset[str], bool]:
    exact = True
    if operator in ("In", "NotIn"):
        known = tuple(v for v in values if v in _domain(key, cat))
        exact = len(known) == len(values)
        values = known
    labeler = LABELERS[key]
    return frozenset(t.name for t in cat if _test(operator, values, labeler(t))), exact


def _answer(key: str, operator: str, values: tuple[str, ...],
            cat: Catalog) -> tuple[frozenset[str], bool]:
    mask, exact = _admits(key, operator, values, cat)
    return _names(mask, cat), exact


def test_grouped_answers_equal_testing_every_type() -> None:
    cat = catalog()
    rng = random.Random(1919)
    keys = sorted(LABELERS)
    checked = 0
    for _ in range(1500):
        key = rng.choice(keys)
        domain = sorted(v for v in _domain(key, cat) if v is not None)
        pool = [*domain, "0", "2", "16", "999999", "-3", "nosuch", ""]
        operator = rng.choice(_OPERATORS)
        count = 1 if operator in ("Gt", "Lt", "Gte", "Lte") else rng.randint(0, 4)
        values = tuple(rng.choice(pool) for _ in range(count))
        cat.memo.clear()
        assert _answer(key, operator, values, cat) == _every_type(key, operator, values, cat), (
            key, operator, values)
        checked += bool(_answer(key, operator, values, cat)[0])
    assert checked > 300  # most cases admit something: the comparison is not of empty sets


def test_every_key_domain_is_the_values_of_the_catalog_types() -> None:
    cat = catalog()
    cat.memo.clear()
    for key, labeler in LABELERS.items():
        assert _domain(key, cat) == frozenset(labeler(t) for t in cat)


def test_instance_type_keys_answered_without_grouping_equal_the_definition() -> None:
    """Each type is its own group there (answered without grouping the catalog): names
    the catalog does not know make the answer inexact, as they do for any key."""
    cat = catalog()
    names = cat.names()
    cases = [(), (names[0],), (names[0], names[5], names[0]), ("nosuch.large",),
             (names[3], "nosuch.large"), ("", names[7]), tuple(names[:40])]
    for key in ("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"):
        for operator in ("In", "NotIn", "Exists", "DoesNotExist"):
            for values in cases:
                cat.memo.clear()
                assert _answer(key, operator, values, cat) == _every_type(
                    key, operator, values, cat), (key, operator, values)
