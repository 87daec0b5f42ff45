"""Catalog.wrong_key remembers pattern answers per key; asked again, it answers the same."""

from __future__ import annotations

from spotlint.sparkconf.catalog import Catalog, catalog, load_data


def test_pattern_answers_are_the_same_asked_again_and_by_a_fresh_catalog() -> None:
    keys = [
        "spark.kubernetes.executor.service.label.team",
        "spark.kubernetes.executor.service.label.a.b",
        "spark.executor.decommission.enabled",
        "spark.decommission.enabled",
        "spark.kubernetes.executor.label.team",
        "",
    ]
    shared = catalog()
    first = [shared.wrong_key(k) for k in keys]
    again = [shared.wrong_key(k) for k in keys]
    fresh = Catalog(load_data())
    assert first == again == [fresh.wrong_key(k) for k in keys]
    pattern = first[0]
    assert pattern is not None and pattern.key == keys[0]
    assert pattern.use == "spark.kubernetes.executor.label.team"
