"""``scripts/new_rule.py`` writes a rule module, registers it and adds its examples."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("new_rule", REPO / "scripts" / "new_rule.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(REPO / "rules", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _rules_list(init: Path) -> list[str]:
    tree = ast.parse(init.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "RULES":
            assert isinstance(node.value, ast.List)
            return [e.id for e in node.value.elts if isinstance(e, ast.Name)]
    raise AssertionError("no RULES list")


def test_a_scaffolded_rule_is_a_module_in_its_concern(rules_dir: Path) -> None:
    new_rule = _script()
    spec = new_rule.Spec("SL298", "memory-overhead-unset", "job", "info",
                         "Executors on Spot set no memory overhead.")
    written = new_rule.scaffold(spec, rules_dir)
    module = rules_dir / "interruption" / "sl298_memory_overhead_unset.py"
    assert module in written
    source = module.read_text("utf-8")
    compile(source, str(module), "exec")
    for section in ("## Why it matters", "## How to fix"):
        assert section in source
    assert 'code="SL298"' in source and "Severity.INFO" in source
    assert "def memory_overhead_unset(job: Job, ctx: RuleContext)" in source
    listed = _rules_list(rules_dir / "interruption" / "__init__.py")
    assert listed[-1] == "memory_overhead_unset" and "decommission_disabled" in listed
    init = (rules_dir / "interruption" / "__init__.py").read_text("utf-8")
    assert "from .sl298_memory_overhead_unset import memory_overhead_unset\n" in init
    assert "# expect: SL298" in (rules_dir / "examples" / "SL298" / "bad.yaml").read_text()
    assert "expect" not in (rules_dir / "examples" / "SL298" / "good.yaml").read_text()


def test_the_new_rule_goes_in_code_order(rules_dir: Path) -> None:
    new_rule = _script()
    spec = new_rule.Spec("SL400", "first-pool-rule", "pool", "warning", "A pool rule.")
    new_rule.scaffold(spec, rules_dir)
    assert _rules_list(rules_dir / "pools" / "__init__.py")[0] == "first_pool_rule"


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("SL201", "anything-new", "exists already"),
        ("SL299", "decommission-disabled", "is taken"),
        ("SL2x1", "x", "three digits"),
        ("SL299", "Not_Kebab", "kebab-case"),
        ("SL901", "no-concern", "no concern package"),
    ],
)
def test_what_cannot_be_scaffolded_is_refused(
    rules_dir: Path, code: str, name: str, message: str
) -> None:
    new_rule = _script()
    before = sorted(rules_dir.rglob("*"))
    with pytest.raises(SystemExit, match=message):
        new_rule.scaffold(new_rule.Spec(code, name, "job", "warning", "S."), rules_dir)
    assert sorted(rules_dir.rglob("*")) == before
