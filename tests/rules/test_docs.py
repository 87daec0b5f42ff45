"""The committed rule documentation is what the rules generate today."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", REPO / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_docs_are_up_to_date() -> None:
    module = gen_docs()
    stale = [os.path.relpath(p, REPO) for p in module.stale(module.pages())]
    assert not stale, f"docs out of date ({', '.join(stale)}): run python scripts/gen_docs.py"


def test_every_rule_has_a_page_linked_from_the_catalog() -> None:
    from spotlint.plugins.manager import default_registry

    catalog = (REPO / "docs" / "rules.md").read_text("utf-8")
    for rule in default_registry().rules:
        assert f"(rules/{rule.code}.md)" in catalog
        assert (REPO / "docs" / "rules" / f"{rule.code}.md").is_file()


def test_sarif_help_uri_points_at_the_generated_page() -> None:
    from spotlint.report.sarif import HELP_URI

    assert HELP_URI.endswith("/docs/rules/{code}.md")
