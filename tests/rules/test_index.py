"""The generated rule index (``spotlint.rules.index``) and the lazy rules made from it.

That the index matches the rule packages is checked with the generated docs
(tests/test_docs.py); here: what the index claims is true of the rules, a lazy
rule reads exactly as the real one, and a pod template imports no lazy concern.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spotlint.rules import all_rules
from spotlint.rules.index import CONCERNS, LAZY

from spotlint.model import Project
from spotlint.plugins.manager import default_registry
from spotlint.rule import LazyRule, Rule, RuleContext

#: the Project attribute each rule target iterates
TARGET_NEEDS = {"job": "jobs", "pool": "pools", "template": "templates"}


@pytest.mark.parametrize("concern", sorted(LAZY))
def test_a_lazy_concern_needs_what_its_rules_read(concern: str) -> None:
    needs, entries = LAZY[concern]
    real = importlib.import_module(concern).RULES
    assert [(r.code, r.name, r.severity, r.target) for r in real] == list(entries)
    assert all(hasattr(Project(), need) for need in needs)
    for rule in real:
        if rule.target == "project":
            # Only allowed when it reads nothing but ``needs``: nothing then, nothing found.
            found = list(rule.run(Project(), RuleContext(project=Project())))
            assert found == []
        else:
            assert TARGET_NEEDS[rule.target] in needs


def test_lazy_rules_read_as_the_real_ones() -> None:
    listed = all_rules()
    assert [r.code for r in listed] == sorted(r.code for r in listed)
    for concern in CONCERNS:
        for real in importlib.import_module(concern).RULES:
            rule = next(r for r in listed if r.code == real.code)
            assert isinstance(rule, LazyRule) == (concern in LAZY)
            for name in Rule.FIELDS:
                assert getattr(rule, name) == getattr(real, name), (rule.code, name)
            assert rule.title == real.title and rule.doc_sections() == real.doc_sections()
    assert {r.code for r in default_registry().rules} >= {r.code for r in listed}


def test_a_lazy_rule_imports_its_concern_only_when_read() -> None:
    script = (
        "import sys\n"
        "from spotlint.rules import all_rules\n"
        "rules = {r.code: r for r in all_rules()}\n"
        "lazy = rules['SL402']\n"
        "print(lazy.code, lazy.name, lazy.severity.value, lazy == rules['SL402'],"
        " 'spotlint.rules.pools' in sys.modules)\n"
        "print(lazy.options.__name__, 'spotlint.rules.pools' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["SL402 low-instance-diversity warning True False", "DiversityOptions True"]


def test_a_pod_template_imports_no_job_or_pool_rule(tmp_path: Path) -> None:
    pod = tmp_path / "driver.yaml"
    pod.write_text(
        "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
    )
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        "    sys.stderr.write('imported: %s\\n' % sorted(\n"
        "        m for m in sys.modules if m == 'spotlint.recognize.shell'\n"
        "        or m.startswith('spotlint.rules.') and m.count('.') == 2))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, "check", "--force-exclude", str(pod)],
        capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ), check=False,
    )
    assert "SL101" in run.stdout
    assert (
        "imported: ['spotlint.rules.index', 'spotlint.rules.input', 'spotlint.rules.placement']"
        in run.stderr
    )
