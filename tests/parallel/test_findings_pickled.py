"""A forked process's findings are pickled with a table of reducers
(:func:`spotlint.engine.parallel._findings_framed`): the same bytes as pickling them the
usual way, read back as equal findings."""

from __future__ import annotations

import pickle

from spotlint.engine import parallel
from spotlint.finding import Finding, Suppression
from spotlint.location import Location
from spotlint.result import Source
from spotlint.rule import AppendArgs, Edit, Fix, InsertKey, SetValue, Severity


class _Located(Location):
    """A subclass: not in the table, pickled through ``__reduce_ex__`` as ever."""

    __slots__ = ()


def _findings() -> list[Finding]:
    here = Location("a/job.yaml", 3, 5, 3, 19)
    fix = Fix(
        "set it",
        (Edit("a/job.yaml", 3, 5, 3, 19, "true"),),
        True,
        (SetValue(here, "true", "false"), InsertKey(here, ("spec", "x"), "1"),
         AppendArgs(here, ("--conf", "a=b"))),
    )
    return [
        Finding("SL101", "one", Severity.ERROR, "message", here, (here,), fix, "ab:0"),
        Finding("SL102", "two", Severity.INFO, "other", Location("b.yaml", 1, 1, 1, 2),
                (_Located("c.yaml", 2, 2, 2, 3),), None, "cd:1",
                Suppression("inline", "why")),
    ]


def test_findings_pickle_as_they_always_did() -> None:
    value = ([0, 1], _findings(), {"a/job.yaml": Source("x: 1\n", "yaml")}, None)
    header, data = parallel._findings_framed(value)
    assert data == pickle.dumps(value, protocol=parallel._PROTOCOL)
    assert int.from_bytes(header, "little") == len(data)
    back = parallel._unframed(bytearray(data))
    assert back[1][0] == value[1][0]
    assert back[2] == value[2]
    # (a subclass is pickled by its class's reducer, as before: read back as a Location)
    assert back[1][1].related[0] == Location("c.yaml", 2, 2, 2, 3)


def test_the_table_holds_each_class_own_reducer() -> None:
    table = parallel._reducers()
    assert set(table) == {Finding, Location, Fix, Edit, InsertKey, SetValue, AppendArgs}
    for cls, reduce in table.items():
        assert reduce is cls.__reduce__
