"""A rule descriptor's text written straight from the rule (:func:`rule_text`) is the
writer's walk of :func:`rule_descriptor`'s dictionary, for every built-in rule and for
rules whose texts need escaping, fall back, are clipped or are left to the walk."""

from __future__ import annotations

import json

import pytest

from spotlint.plugins.manager import default_registry
from spotlint.report.json_indent import written
from spotlint.report.sarif import MAX_TAGS, SarifReporter, rule_descriptor, rule_text
from spotlint.rule import Rule, Severity

DEPTHS = [("\n" + 6 * "  ", "  "), ("\n", "    "), ("\n\t", "\t")]


def _rule(**fields: object) -> Rule:
    base: dict[str, object] = {
        "code": "XT100", "name": "odd-rule", "severity": Severity.WARNING,
        "summary": "An odd rule.", "target": "job", "doc": "", "check": None,
    }
    base.update(fields)
    return Rule(**base)  # type: ignore[arg-type]


ODD = [
    _rule(),
    _rule(doc="Lead with \"quotes\", \\ backslashes,\ttabs, \x1b escapes and é ✓ 😀.\n\n"
              "## How to fix\n\nSet `spark.x` to \"y\".\n"),
    _rule(doc="## How to fix\n\nOnly a section: no lead.", summary="  "),
    _rule(doc="Lead.\n## \nA section without a title replaces the lead."),
    _rule(doc="x\r\ny\u2028z\n\n## Why\n\nw", severity=Severity.ERROR),
    _rule(doc="word " * 400, summary="word " * 300, severity=Severity.INFO),
    _rule(name="", summary="", target=""),
    _rule(tags=("b", "a", "b", "", "job")),
    _rule(tags=tuple(f"t{i}" for i in range(MAX_TAGS + 5))),
    _rule(code="XT</script>", name="n\u0000ame"),
]


@pytest.mark.parametrize(("newline", "step"), DEPTHS)
def test_every_built_in_rule_s_text_is_the_walk_of_its_descriptor(
    newline: str, step: str,
) -> None:
    rules = default_registry().rules
    assert len(rules) > 30
    for rule in rules:
        assert rule_text(rule, newline, step) == written(rule_descriptor(rule), newline, step)


@pytest.mark.parametrize("rule", ODD, ids=range(len(ODD)))
@pytest.mark.parametrize(("newline", "step"), DEPTHS)
def test_an_odd_rule_s_text_is_the_walk_of_its_descriptor(
    rule: Rule, newline: str, step: str,
) -> None:
    text = rule_text(rule, newline, step)
    assert text == written(rule_descriptor(rule), newline, step)
    assert json.loads(text) == rule_descriptor(rule)


def test_a_rule_whose_names_or_tags_are_not_strings_is_left_to_the_walk() -> None:
    """(a plugin's rule may carry anything: the walk writes it as ``json.dumps`` would)"""
    for rule in (_rule(code=7, summary="s"), _rule(name=3.5), _rule(tags=("a", 2))):
        text = rule_text(rule, "\n", "  ")
        assert text == written(rule_descriptor(rule), "\n", "  ")
        assert json.loads(text) == json.loads(json.dumps(rule_descriptor(rule)))


def test_the_rules_written_ahead_are_the_rules_written_in_the_log() -> None:
    """The texts a log takes as written ahead are those it writes of the same rules."""
    rules = [*default_registry().rules[:5], *ODD]
    reporter = SarifReporter()
    reporter.ahead_rules = rules
    reporter._write_rules_ahead()
    kept = reporter._rule_texts or {}
    assert len(kept) == len(rules)
    newline, step = "\n" + 6 * "  ", "  "
    for rule in rules:
        assert kept[id(rule)] == (rule, written(rule_descriptor(rule), newline, step))
