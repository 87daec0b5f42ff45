"""Meta-tests: every rule tells the truth about itself and has its examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spotlint.plugins.manager import default_registry
from spotlint.rule import Rule
from spotlint.testing import cases, examples_root

RULES = default_registry().rules
RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_rule_module_is_registered_under_its_own_code_and_name() -> None:
    """``rules/<concern>/sl201_decommission_disabled.py`` is SL201 ``decommission-disabled``."""
    modules = sorted(RULES_DIR.glob("*/sl[0-9][0-9][0-9]_*.py"))
    assert {p.stem[:5].upper(): p.stem[6:].replace("_", "-") for p in modules} == {
        r.code: r.name for r in RULES
    }


def test_a_concern_holds_one_hundred_of_codes() -> None:
    """SL2xx rules live in one concern package, and that package holds nothing else."""
    hundreds: dict[str, set[str]] = {}
    for path in RULES_DIR.glob("*/sl[0-9][0-9][0-9]_*.py"):
        hundreds.setdefault(path.parent.name, set()).add(path.stem[2])
    assert all(len(digits) == 1 for digits in hundreds.values()), hundreds
    assert len({d for digits in hundreds.values() for d in digits}) == len(hundreds)


def test_every_examples_folder_belongs_to_a_rule() -> None:
    folders = {p.name for p in examples_root().iterdir() if p.is_dir()}
    assert folders == {r.code for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"SL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and len(rule.summary) <= 200
    sections = rule.doc_sections()
    assert sections[""], "the doc needs a lead paragraph"
    assert sections.get("Why it matters")
    assert sections.get("How to fix")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_bad_and_good_examples(rule: Rule) -> None:
    kinds = {c.bad for c in cases(rule.code)}
    assert kinds == {True, False}, f"{rule.code} needs bad-* and good-* examples"
