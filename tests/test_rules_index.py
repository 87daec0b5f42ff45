"""The index of deferred rule concerns (``spotlint.rules.DEFERRED``) matches the real rules."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spotlint.rules import CONCERNS, DEFERRED, all_rules

from spotlint.model import Project
from spotlint.plugins.manager import default_registry
from spotlint.rule import DeferredRule, RuleContext

#: the Project attribute each rule target iterates
TARGET_NEEDS = {"job": "jobs", "pool": "pools", "template": "templates"}


@pytest.mark.parametrize("concern", sorted(DEFERRED))
def test_index_matches_the_rules_of_the_concern(concern: str) -> None:
    needs, entries = DEFERRED[concern]
    real = importlib.import_module(concern).RULES
    assert [(r.code, r.name, r.severity, r.target) for r in real] == list(entries)
    for rule in real:
        if rule.target == "project":
            # Only allowed when it reads nothing but ``needs``: nothing then, nothing found.
            found = list(rule.run(Project(), RuleContext(project=Project())))
            assert found == []
        else:
            assert TARGET_NEEDS[rule.target] in needs


def test_deferred_rules_read_as_the_real_ones() -> None:
    listed = all_rules()
    assert [r.code for r in listed] == sorted(r.code for r in listed)
    for concern in CONCERNS:
        for real in importlib.import_module(concern).RULES:
            rule = next(r for r in listed if r.code == real.code)
            assert isinstance(rule, DeferredRule) == (concern in DEFERRED)
            assert (rule.name, rule.summary, rule.doc, rule.check, rule.options, rule.module) == (
                real.name, real.summary, real.doc, real.check, real.options, real.module
            )
            assert rule.title == real.title and rule.doc_sections() == real.doc_sections()
    assert {r.code for r in default_registry().rules} >= {r.code for r in listed}


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
    assert "imported: ['spotlint.rules.input', 'spotlint.rules.placement']" in run.stderr
