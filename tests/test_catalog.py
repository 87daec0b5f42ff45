"""Meta-tests: every rule tells the truth about itself and has its examples."""

from __future__ import annotations

import re

import pytest

from spotlint.plugins.manager import default_registry
from spotlint.rule import Rule
from spotlint.testing import cases

RULES = default_registry().rules
CATALOG_CODES = {
    *(f"SL00{i}" for i in range(1, 6)),
    *(f"SL10{i}" for i in range(1, 8)),
    *(f"SL2{i:02d}" for i in range(1, 12)),
    *(f"SL30{i}" for i in range(1, 5)),
    *(f"SL4{i:02d}" for i in range(1, 12)),
}


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_catalog_rule_is_implemented() -> None:
    assert {r.code for r in RULES} == CATALOG_CODES


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
