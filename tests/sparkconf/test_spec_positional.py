"""The catalog's specs, made positionally with shared versions, are the specs its data
describes field by field (a swapped argument fails this)."""

from __future__ import annotations

import importlib
from typing import Any

catalog_module = importlib.import_module("spotlint.sparkconf.catalog")
ConfSpec = catalog_module.ConfSpec
parse_version = catalog_module.parse_version


def _by_name(key: str, raw: dict[str, Any], pattern: bool) -> Any:
    return ConfSpec(
        key=key, type=raw["type"], default=raw.get("default"),
        since=parse_version(raw["since"]), source=raw["source"], unit=raw.get("unit"),
        changes=tuple((parse_version(c["since"]), c["default"]) for c in raw.get("changes", ())),
        internal=bool(raw.get("internal", False)), note=raw.get("note"),
        deprecated=raw.get("deprecated"), pattern=pattern,
        since_verified=not raw.get("since_unverified", False),
    )


def test_every_spec_is_its_data_field_by_field() -> None:
    data = catalog_module.load_data()
    cat = catalog_module.Catalog(data)
    fields = ConfSpec.FIELDS
    assert len(cat.keys) == len(data["keys"]) > 100
    for key, raw in data["keys"].items():
        made, wanted = cat.keys[key], _by_name(key, raw, False)
        assert [getattr(made, f) for f in fields] == [getattr(wanted, f) for f in fields], key
    for (_, made), raw in zip(cat.patterns, data["patterns"], strict=True):
        wanted = _by_name(raw["pattern"], raw, True)
        assert [getattr(made, f) for f in fields] == [getattr(wanted, f) for f in fields]
    # every optional field is exercised by some key (so each argument's place is checked)
    for field in ("unit", "note", "deprecated", "changes"):
        assert any(getattr(spec, field) for spec in cat.keys.values()), field
    assert any(spec.internal for spec in cat.keys.values())
    assert not all(spec.since_verified for spec in cat.keys.values())
