"""Findings' fixes, edits, changes and violations come back from pickle as they went in
(a split run's processes send them so), by every protocol; a subclass too."""

from __future__ import annotations

import pickle

from spotlint.location import Location
from spotlint.rule import AppendArgs, Edit, Fix, InsertKey, SetValue, Violation


def _values() -> list[object]:
    at = Location("a.yaml", 3, 5, 3, 9)
    edits = (Edit("a.yaml", 3, 5, 3, 9, "true"), Edit("a.yaml", 7, 1, 7, 1, "  k: v\n"))
    changes = (SetValue(at, "true", "yes"), SetValue(at, False),
               InsertKey(at, ("spec", "sparkConf"), "x"), AppendArgs(at, ("--conf", "a=b")))
    fix = Fix("Enable it", edits, False, changes)
    return [*edits, *changes, fix, Fix("No edits"), Violation(at, "message", fix),
            Violation(at, "plain")]


def test_each_value_comes_back_equal_by_every_protocol() -> None:
    for value in _values():
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert type(back) is type(value)
            assert back == value, (value, protocol)
            assert all(getattr(back, f) == getattr(value, f) for f in value.FIELDS)  # type: ignore[attr-defined]


def test_a_subclass_with_more_fields_comes_back_whole() -> None:
    class Marked(Edit):
        __slots__ = ("mark",)
        mark: str

        def __init__(self, path: str, line: int, col: int, end_line: int, end_col: int,
                     text: str, mark: str = "") -> None:
            super().__init__(path, line, col, end_line, end_col, text)
            object.__setattr__(self, "mark", mark)

    globals()["Marked"] = Marked  # (pickle finds a class by its module's name)
    Marked.__qualname__ = "Marked"
    try:
        value = Marked("a.yaml", 1, 1, 1, 2, "x", mark="m")
        back = pickle.loads(pickle.dumps(value))
        assert type(back) is Marked and back.mark == "m" and back == value
    finally:
        del globals()["Marked"]
