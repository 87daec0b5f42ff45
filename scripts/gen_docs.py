"""Write the rule documentation from the rules themselves.

``docs/rules.md`` is the catalog (``spotlint rules --format markdown``) and
``docs/rules/<CODE>.md`` one page per rule (``spotlint rule <CODE>``), examples
and their real output included. ``tests/test_docs.py`` fails when the committed
pages differ from what this script would write, so a changed rule, message or
example is never documented stale. ``--check`` only compares (exit 1 if stale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def pages() -> dict[Path, str]:
    """Every generated file and its content, keyed by path."""
    from spotlint.cli.rule_docs import catalog, rule_page
    from spotlint.plugins.manager import default_registry

    out = {DOCS / "rules.md": catalog("markdown")}
    for rule in default_registry().rules:
        out[DOCS / "rules" / f"{rule.code}.md"] = rule_page(rule, "text")
    return out


def stale(expected: dict[Path, str]) -> list[Path]:
    """Generated files that are missing or differ, and rule pages no rule produces."""
    wrong = [p for p, text in expected.items() if not p.is_file() or p.read_text("utf-8") != text]
    extra = [p for p in sorted((DOCS / "rules").glob("*.md")) if p not in expected]
    return wrong + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    args = parser.parse_args(argv)
    expected = pages()
    if args.check:
        bad = stale(expected)
        for path in bad:
            print(f"stale: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if bad else 0
    (DOCS / "rules").mkdir(parents=True, exist_ok=True)
    for path in stale(expected):
        if path in expected:
            path.write_text(expected[path], "utf-8")
        else:
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
