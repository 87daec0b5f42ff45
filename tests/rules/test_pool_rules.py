"""Each SL4xx rule on its own fixtures (called directly, no engine), plus options."""

from __future__ import annotations

from pathlib import Path

import pytest
from spotlint.rules.pools import RULES
from spotlint.rules.pools.sl402_low_instance_diversity import DiversityOptions
from spotlint.rules.pools.sl410_tiny_instance_sizes import TinySizeOptions
from support.pools import expected_lines, project_from, run_rule

from spotlint.rule import Rule

EXAMPLES = Path(__file__).resolve().parents[2] / "rules" / "examples"
BY_CODE = {r.code: r for r in RULES}
CASES = sorted(
    (code, path)
    for code in BY_CODE
    for path in (EXAMPLES / code).glob("*.yaml")
)


def test_every_rule_has_bad_and_good_fixtures() -> None:
    assert sorted(BY_CODE) == [f"SL4{i:02d}" for i in range(1, 13)]
    for code in BY_CODE:
        names = [p.name for p in (EXAMPLES / code).iterdir()]
        assert any(n.startswith("bad") for n in names), code
        assert any(n.startswith("good") for n in names), code


@pytest.mark.parametrize(("code", "path"), CASES, ids=[f"{c}/{p.name}" for c, p in CASES])
def test_fixture(code: str, path: Path) -> None:
    rule: Rule = BY_CODE[code]
    project = project_from(path.read_text("utf-8"), str(path))
    found = run_rule(rule, project)
    assert {(line, c) for line, c, _ in found} == expected_lines(path, code)
    if path.name.startswith("bad"):
        assert found
    for _, _, message in found:
        assert "'" in message  # names the pool, type or value


def test_sl401_message_lists_each_type_with_facts() -> None:
    path = EXAMPLES / "SL401" / "bad-nominal-same-real-different.yaml"
    [(_, _, message)] = run_rule(BY_CODE["SL401"], project_from(path.read_text("utf-8")))
    assert "c5.4xlarge (16 vCPU, 32768 MiB, 2048 MiB/vCPU)" in message
    assert "c5n.4xlarge (16 vCPU, 43008 MiB, 2688 MiB/vCPU)" in message


def test_sl406_suggests_closest() -> None:
    path = EXAMPLES / "SL406" / "bad-typo.yaml"
    [(_, _, message)] = run_rule(BY_CODE["SL406"], project_from(path.read_text("utf-8")))
    assert "'m5.xlarg'" in message and "did you mean 'm5.xlarge'" in message


def test_sl402_threshold_is_an_option() -> None:
    text = (EXAMPLES / "SL402" / "bad-two-types.yaml").read_text("utf-8")
    project = project_from(text)
    assert run_rule(BY_CODE["SL402"], project, DiversityOptions(min_instance_types=2)) == []
    assert run_rule(BY_CODE["SL402"], project, DiversityOptions(min_instance_types=3))


def test_sl402_counts_karpenter_admitted_types() -> None:
    text = (EXAMPLES / "SL402" / "bad-one-family-nodepool.yaml").read_text("utf-8")
    [(_, _, message)] = run_rule(BY_CODE["SL402"], project_from(text))
    assert "only 9 instance types" in message and "c5d.large" in message


def test_sl410_tiny_sizes_are_an_option() -> None:
    text = (EXAMPLES / "SL410" / "bad-partial-exclusion.yaml").read_text("utf-8")
    project = project_from(text)
    assert len(run_rule(BY_CODE["SL410"], project)) == 3
    assert run_rule(BY_CODE["SL410"], project, TinySizeOptions(tiny_sizes=("nano", "micro"))) == []
