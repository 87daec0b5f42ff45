"""Stamping: raw findings to findings, in place order, each distinct finding once, with its
rule's name and effective severity; findings of rules not enabled dropped."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.raw import RawFinding
from spotlint.engine.stamping import Stamper
from spotlint.finding import Fingerprinter
from spotlint.location import Location
from spotlint.plugins.manager import default_registry
from spotlint.rule import Severity


def _stamper(root: Path, severity: dict[str, Severity] | None = None) -> Stamper:
    rules = {r.code: r for r in default_registry().rules}
    return Stamper({}, Settings(root=str(root), severity=severity), rules, Fingerprinter())


def test_a_finding_made_twice_is_kept_once(tmp_path: Path) -> None:
    path = str(tmp_path / "a.yaml")
    # equal locations, distinct objects (two stages, or two targets, made each)
    raws = [RawFinding("SL101", "m", Location(path, 3, 5, 3, 9)),
            RawFinding("SL101", "m", Location(path, 3, 5, 3, 9)),
            RawFinding("SL101", "m", Location(path, 3, 5, 3, 10)),  # another end: another
            RawFinding("SL101", "n", Location(path, 3, 5, 3, 9)),
            RawFinding("SL102", "m", Location(path, 3, 5, 3, 9))]
    stamp = _stamper(tmp_path)
    found = stamp(raws, {"SL101", "SL102"})
    assert [(f.code, f.message, f.location.end_col) for f in found] == [
        ("SL101", "m", 9), ("SL101", "m", 10), ("SL101", "n", 9), ("SL102", "m", 9)]
    # ... and once over the stamper's calls (suppression problems are stamped after)
    assert stamp([RawFinding("SL101", "m", Location(path, 3, 5, 3, 9))], {"SL101"}) == []


def test_findings_come_in_place_order_with_their_rules_name_and_severity(
    tmp_path: Path,
) -> None:
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    raws = [RawFinding("SL102", "x", Location(b, 1, 1, 1, 1)),
            RawFinding("SL101", "y", Location(a, 2, 1, 2, 1)),
            RawFinding("SL101", "x", Location(a, 2, 1, 2, 1)),
            RawFinding("SL102", "x", Location(a, 1, 7, 1, 7)),
            RawFinding("SL101", "x", Location(a, 1, 3, 1, 3))]
    found = _stamper(tmp_path, {"SL101": Severity.INFO})(raws, {"SL101", "SL102"})
    assert [(f.location.path, f.location.line, f.location.col, f.code, f.message)
            for f in found] == [(a, 1, 3, "SL101", "x"), (a, 1, 7, "SL102", "x"),
                                (a, 2, 1, "SL101", "x"), (a, 2, 1, "SL101", "y"),
                                (b, 1, 1, "SL102", "x")]
    rules = {r.code: r for r in default_registry().rules}
    assert [(f.name, f.severity) for f in found] == [
        (rules[f.code].name, Severity.INFO if f.code == "SL101" else rules[f.code].severity)
        for f in found]
    assert all(isinstance(f.severity, Severity) for f in found)


def test_findings_of_rules_not_enabled_are_dropped(tmp_path: Path) -> None:
    path = str(tmp_path / "a.yaml")
    raws = [RawFinding("SL102", "m", Location(path, 1, 1, 1, 1)),
            RawFinding("SL101", "m", Location(path, 2, 1, 2, 1))]
    stamp = _stamper(tmp_path)
    assert [f.code for f in stamp(raws, {"SL101"})] == ["SL101"]
    # (a dropped finding is not remembered: enabled later, it is stamped)
    assert [f.code for f in stamp(raws, {"SL102"})] == ["SL102"]
