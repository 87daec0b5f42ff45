"""SORT_KEY (made in C) gives Finding.sort_key, and sorting by either agrees."""

from __future__ import annotations

import random

from spotlint.finding import SORT_KEY, Finding
from spotlint.location import new_location
from spotlint.report.base import severity_counts, sorted_findings
from spotlint.rule import Severity


def _findings(count: int, seed: int) -> list[Finding]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        line = rng.randint(1, 9)
        loc = new_location(rng.choice(["a.yaml", "b/c.yaml", "a.yaml.j2"]), line,
                           rng.randint(1, 5), line, 9)
        out.append(Finding(code=rng.choice(["SL101", "SL201", "SL209"]), name="n",
                           severity=rng.choice(list(Severity)),
                           message=rng.choice(["m", "n", "mm"]), location=loc))
    return out


def test_sort_key_function_is_the_property() -> None:
    findings = _findings(500, 7)
    for f in findings:
        assert SORT_KEY(f) == f.sort_key
    assert sorted_findings(findings) == sorted(findings, key=lambda f: f.sort_key)


def test_severity_counts_count_each_severity_most_severe_first() -> None:
    findings = _findings(300, 8)
    counts = severity_counts(findings)
    assert list(counts) == [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
    for severity in Severity:
        assert counts[severity.value] == sum(f.severity is severity for f in findings)
    assert severity_counts([]) == dict.fromkeys(counts, 0)


def test_findings_are_slotted_and_pickle_by_their_fields() -> None:
    import pickle

    finding = _findings(1, 9)[0]
    assert not hasattr(finding, "__dict__")
    copy = pickle.loads(pickle.dumps(finding))
    assert copy == finding and copy is not finding
    assert [getattr(copy, n) for n in Finding.FIELDS] == [getattr(finding, n)
                                                          for n in Finding.FIELDS]


def test_what_findings_carry_is_slotted_and_pickles() -> None:
    import pickle

    from spotlint.rule import AppendArgs, Edit, Fix, InsertKey, SetValue, Violation

    at = new_location("a.yaml", 3, 1, 3, 5)
    changes = (SetValue(at, True, "false"), InsertKey(at, ("a", "b"), "x"),
               AppendArgs(at, ("--conf", "k=v")))
    fix = Fix("d", (Edit("a.yaml", 1, 1, 1, 2, "t"),), False, changes)
    for value in (*changes, fix, fix.edits[0], Violation(at, "m", (at,), fix)):
        assert not hasattr(value, "__dict__"), type(value)
        copy = pickle.loads(pickle.dumps(value))
        assert copy == value and type(copy) is type(value)
