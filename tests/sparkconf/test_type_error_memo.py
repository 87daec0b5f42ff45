"""Why a value is rejected is the same answer whether computed or remembered.

:func:`spotlint.sparkconf.values.type_error` remembers its answers by the spec's
type and unit and the text (SL210 asks it of every known conf value of every job);
each spec of the catalog, with texts that parse and texts that do not, in units
that change the message, gives the computed answer both times.
"""

from __future__ import annotations

from spotlint.sparkconf import catalog
from spotlint.sparkconf import values as values_module
from spotlint.sparkconf.values import _type_error, type_error

TEXTS = ["true", " FALSE ", "yes", "1", "-3", "+7", "2147483648", "9" * 25, "1.5", "1e3",
         "0.5d", "NaN", "30", "30s", "10min", "30sec", "1.5g", "512m", "2g", "100Gi",
         "1.5G", "abc", "", " ", "12\n", "4 g"]


def test_remembered_answers_are_the_computed_ones() -> None:
    specs = list(catalog().keys.values())
    kinds = {(s.type, s.unit) for s in specs}
    assert len({u for _, u in kinds}) > 2  # units differ: they are part of the answer
    values_module._PROBLEMS.clear()
    for _ in range(2):  # computed, then remembered
        for spec in specs:
            for text in TEXTS:
                assert type_error(spec, text) == _type_error(spec.type, spec.unit, text), (
                    spec.key, text)


def test_the_unit_is_part_of_the_answer() -> None:
    cat = catalog()
    by_unit = {}
    for spec in cat.keys.values():
        if spec.type == "time":
            by_unit.setdefault(spec.unit, spec)
    assert len(by_unit) >= 2
    answers = {type_error(spec, "30sec") for spec in by_unit.values()}
    assert len(answers) == len(by_unit)  # "...a bare number of ms" / "... of s"


def test_only_the_parsed_types_reject_a_value() -> None:
    """SL210 reads no value of a type outside ``PARSED_TYPES``: none is ever rejected."""
    from spotlint.sparkconf.values import PARSED_TYPES

    specs = list(catalog().keys.values()) + [p for _, p in catalog().patterns]
    kinds = {s.type for s in specs} | set(PARSED_TYPES) | {"string", "list", ""}
    assert "string" in {s.type for s in specs}
    for kind in kinds:
        for unit in (None, "ms", "s", "b", "k", "m"):
            rejected = [t for t in TEXTS if _type_error(kind, unit, t) is not None]
            assert bool(rejected) is (kind in PARSED_TYPES), (kind, unit)
