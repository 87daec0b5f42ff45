"""``Catalog.lookup`` answers every key from one dictionary of the keys asked so far
(a known key's spec, another key's matched pattern spec or None), asked in C for a key
asked before: the answers are those of matching afresh, and the keys outside the
catalog it keeps are bounded."""

from __future__ import annotations

import sys

import pytest

from spotlint.sparkconf.catalog import Catalog, load_data

#: the module (the package exports its ``catalog`` function under the same name)
catalog_module = sys.modules[Catalog.__module__]


def _expected(cat: Catalog, key: str) -> object:
    spec = cat.keys.get(key)
    if spec is not None:
        return spec
    return next((spec for pattern, spec in cat.patterns if pattern.match(key)), None)


KEYS = [
    "spark.decommission.enabled",
    "spark.kubernetes.driver.label.team",
    "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName",
    "spark.kubernetes.executor.volumes.nfs.x.mount.path",
    "spark.not.a.key",
    "spark.kubernetes.driver.label.",
]


def test_the_same_answer_asked_again_and_from_a_fresh_catalog() -> None:
    data = load_data()
    cat = Catalog(data)
    first = [cat.lookup(key) for key in KEYS]
    assert first == [_expected(cat, key) for key in KEYS]
    assert first[1] is not None and first[4] is None and first[5] is None
    # remembered: asked again, each answer is the same object, with no matching
    cat._specs._match = None  # type: ignore[assignment]
    assert [cat.lookup(key) for key in KEYS] == first
    assert [Catalog(data).lookup(key) for key in reversed(KEYS)] == first[::-1]


def test_keys_outside_the_catalog_are_kept_up_to_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(catalog_module, "_SUGGESTIONS_KEPT", 5)
    cat = Catalog(load_data())
    known = len(cat.keys)
    keys = [f"spark.kubernetes.driver.label.k{i}" for i in range(12)]
    answers = [cat.lookup(key) for key in keys]
    assert all(a is not None and a == answers[0] for a in answers)
    assert len(cat._specs) == known + 5  # five remembered, the rest matched each time
    assert [cat.lookup(key) for key in keys] == answers  # past the bound: still right
    assert len(cat._specs) == known + 5
    assert cat.lookup("spark.decommission.enabled") is cat.keys["spark.decommission.enabled"]


def test_exact_keys_specs_are_made_when_first_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_data()
    made: list[str] = []
    real = catalog_module._spec

    def counted(key: str, raw: dict[str, object], pattern: bool) -> object:
        if not pattern:
            made.append(key)
        return real(key, raw, pattern)

    monkeypatch.setattr(catalog_module, "_spec", counted)
    cat = Catalog(data)
    assert made == []  # (a run asking no key makes none)
    first = cat.lookup("spark.decommission.enabled")
    assert made == ["spark.decommission.enabled"]
    assert cat.lookup("spark.decommission.enabled") is first  # (asked again: no new spec)
    assert cat.lookup("spark.kubernetes.driver.label.team") is not None  # (a pattern's)
    assert made == ["spark.decommission.enabled"]
    keys = cat.keys  # every spec, the one made already kept
    assert keys["spark.decommission.enabled"] is first
    assert sorted(made) == sorted(data["keys"]) and len(made) == len(set(made))
    assert all(cat.lookup(key) is spec for key, spec in keys.items())
    assert keys == {key: real(key, raw, False) for key, raw in data["keys"].items()}
    assert cat.suggest("spark.decommision.enabled") == "spark.decommission.enabled"
